#!/usr/bin/env python3
"""A server out of file descriptors waits, it does not spin.

usage: fd_exhaustion_test.py

`revbench serve` runs under `prlimit --nofile=48:48` (its stores apart, from
`revbench stores`, so they keep their own limits), and 150 clients connect.
Past the limit every accept fails with EMFILE while the connections wait in
the backlog; a server that retries at once burns a whole core doing nothing
(issue 22, defect 7). Measured from /proc/PID/stat over 2 s: the server must
use under 20% of a core meanwhile, then answer again once the clients leave.
"""
import os
import pathlib
import re
import resource
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

REPO = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("REVBENCH_BIN", str(REPO / "build" / "release" / "revbench"))
FILE_LIMIT = 48
CLIENTS = 150
MEASURED_SECONDS = 2.0
MOST_CPU = 0.2  # of one core


def wait_for(path, pattern, process, what, seconds=90):
    deadline = time.time() + seconds
    while time.time() < deadline:
        match = re.search(pattern, path.read_text(), re.M)
        if match:
            return match
        if process.poll() is not None:
            sys.exit(f"FAIL: {what} exited: {path.read_text()[-800:]}")
        time.sleep(0.2)
    sys.exit(f"FAIL: {what} did not start")


def cpu_seconds(pid):
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def main():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 4096)), hard))
    with tempfile.TemporaryDirectory() as scratch:
        scratch = pathlib.Path(scratch)
        stores_out = scratch / "stores.out"
        stores = subprocess.Popen([BIN, "stores"], stdout=open(stores_out, "w"), stderr=subprocess.STDOUT)
        server = None
        clients = []
        try:
            wait_for(stores_out, r"^READY", stores, "revbench stores")
            text = stores_out.read_text()
            redis_url = re.search(r"^REVBENCH_REDIS_URL=(\S+)", text, re.M).group(1)
            pg_url = re.search(r"^REVBENCH_PG_URL=(\S+)", text, re.M).group(1)
            server_out = scratch / "serve.out"
            server = subprocess.Popen(["prlimit", f"--nofile={FILE_LIMIT}:{FILE_LIMIT}", BIN, "serve",
                                       "--strategy", "short-ttl", "--threads", "1", "--seed-users", "5",
                                       "--redis-url", redis_url, "--pg-url", pg_url],
                                      stdout=open(server_out, "w"), stderr=subprocess.STDOUT)
            match = wait_for(server_out, r"^LISTENING http://([\d.]+):(\d+)", server, "revbench serve")
            host, port = match.group(1), int(match.group(2))
            for _ in range(CLIENTS):
                clients.append(socket.create_connection((host, port), timeout=5))
            time.sleep(0.5)  # every accept the limit allows has happened
            before = cpu_seconds(server.pid)
            time.sleep(MEASURED_SECONDS)
            busy = (cpu_seconds(server.pid) - before) / MEASURED_SECONDS
            print(f"server CPU with {CLIENTS} clients past a limit of {FILE_LIMIT} files: {busy:.0%} of a core")
            for client in clients:
                client.close()
            clients = []
            time.sleep(0.3)
            with urllib.request.urlopen(f"http://{host}:{port}/healthz", timeout=10) as answer:
                healthy = answer.status
            if busy >= MOST_CPU:
                sys.exit(f"FAIL: the server spun at {busy:.0%} of a core while out of file descriptors")
            if healthy != 200:
                sys.exit(f"FAIL: /healthz answered {healthy} once the clients left")
        finally:
            for client in clients:
                client.close()
            for process in (server, stores):
                if process is not None and process.poll() is None:
                    process.terminate()
                    try:
                        process.wait(timeout=20)
                    except subprocess.TimeoutExpired:
                        process.kill()


if __name__ == "__main__":
    main()
