#!/usr/bin/env python3
"""`revbench link` from outside: a real redis-server behind it, the tools a
user would point at it (redis-benchmark, a raw socket), its control API
switched with HTTP, and the flags it refuses."""
import json
import os
import pathlib
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

REPO = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("REVBENCH_BIN", str(REPO / "build" / "release" / "revbench"))
sys.path.insert(0, str(REPO / "tests"))
from cases import Failure, check  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_redis(tmp):
    port = free_port()
    process = subprocess.Popen(["redis-server", "--port", str(port), "--save", "", "--appendonly", "no", "--dir", tmp],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, port
        except OSError:
            time.sleep(0.05)
    raise Failure("redis-server did not start")


def start_link(out, *args):
    process = subprocess.Popen([BIN, "link", *args], stdout=open(out, "w"), stderr=subprocess.STDOUT)
    for _ in range(100):
        text = out.read_text()
        listening = re.search(r"^LISTENING ([\d.]+):(\d+)$", text, re.M)
        if listening:
            control = re.search(r"^CONTROL http://([\d.]+):(\d+)$", text, re.M)
            return process, int(listening.group(2)), int(control.group(2)) if control else None
        check(process.poll() is None, f"revbench link exited: {text}")
        time.sleep(0.05)
    raise Failure("revbench link did not print LISTENING")


def ping(sock, timeout):
    """Sends PING and returns ('pong', seconds), ('nothing', s), ('closed', s) or ('reset', s)."""
    start = time.perf_counter()
    sock.settimeout(timeout)
    got = b""
    try:
        sock.sendall(b"PING\r\n")
        while not got.endswith(b"+PONG\r\n"):
            chunk = sock.recv(64)
            if not chunk:
                return "closed", time.perf_counter() - start
            got += chunk
    except socket.timeout:
        return "nothing", time.perf_counter() - start
    except ConnectionResetError:
        return "reset", time.perf_counter() - start
    return "pong", time.perf_counter() - start


def wait_pong(sock, timeout):
    sock.settimeout(timeout)
    got = b""
    while not got.endswith(b"+PONG\r\n"):
        chunk = sock.recv(64)
        check(chunk, "the connection closed instead of delivering the held PING's answer")
        got += chunk


def control(port, method, path, body=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                     data=None if body is None else body.encode())
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            text = answer.read().decode()
            return answer.status, json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read().decode())


def refused(*args):
    result = subprocess.run([BIN, "link", *args], capture_output=True, text=True, timeout=30)
    return result.returncode, result.stdout + result.stderr


def main():
    redis = link = None
    with tempfile.TemporaryDirectory() as tmp:
        try:
            redis, redis_port = start_redis(tmp)
            out = pathlib.Path(tmp) / "link.out"
            link, port, control_port = start_link(out, "--listen", "127.0.0.1:0", "--upstream", f"127.0.0.1:{redis_port}",
                                                   "--rtt", "2ms", "--control", "127.0.0.1:0")
            check(control_port is not None, "no CONTROL line")

            sock = socket.create_connection(("127.0.0.1", port))
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            times = sorted(ping(sock, 2)[1] for _ in range(50))
            # The link sets its timers early by its measured wake-up lateness:
            # a round trip may come in that much early, within the accuracy
            # bar (configured ± 5% + 20 us).
            check(times[0] >= 0.002 * 0.95 - 20e-6, f"a PING through a 2 ms link took {times[0] * 1e3:.3f} ms")
            check(times[25] < 0.004, f"a PING through a 2 ms link took {times[25] * 1e3:.3f} ms at the median")

            bench = subprocess.run(["redis-benchmark", "-p", str(port), "-t", "set,get", "-n", "2000", "-c", "4", "-q"],
                                   capture_output=True, text=True, timeout=120)
            check(bench.returncode == 0 and "GET" in bench.stdout, f"redis-benchmark through the link: {bench.stdout}{bench.stderr}")

            status, state = control(control_port, "GET", "/link")
            check(status == 200 and state["faults"] == [], f"GET /link: {status} {state}")
            check(state["shape"]["up"]["latency_seconds"] == 0.001, f"the shape: {state['shape']}")
            check(state["connections"]["accepted"] >= 5, f"the counters: {state['connections']}")

            status, state = control(control_port, "POST", "/faults", '{"action":"partition"}')
            check(status == 201 and state["faults"] == [{"action": "partition"}], f"POST partition: {status} {state}")
            heard, _ = ping(sock, 0.3)
            check(heard == "nothing", f"a PING into a partition heard {heard}")
            status, _ = control(control_port, "DELETE", "/faults/partition")
            check(status == 204, f"DELETE /faults/partition: {status}")
            wait_pong(sock, 1)  # the held PING arrives once the link heals
            status, body = control(control_port, "DELETE", "/faults/partition")
            check(status == 404 and body["error"] == "no_such_fault", f"DELETE of a fault not set: {status} {body}")

            status, body = control(control_port, "POST", "/faults", '{"action":"slow"}')
            check(status == 400 and "rtt" in body["reason"], f"a slow fault without rtt: {status} {body}")
            status, body = control(control_port, "POST", "/faults", "not json")
            check(status == 400 and body["error"] == "bad_fault", f"a body that is no JSON: {status} {body}")

            status, _ = control(control_port, "POST", "/faults", '{"action":"reset"}')
            check(status == 201, f"POST reset: {status}")
            heard, _ = ping(sock, 1)
            check(heard in ("reset", "closed"), f"a connection through a reset link heard {heard}")
            sock.close()
            status, _ = control(control_port, "DELETE", "/faults")
            check(status == 204, f"DELETE /faults: {status}")
            again = socket.create_connection(("127.0.0.1", port))
            check(ping(again, 2)[0] == "pong", "no PONG after the faults were lifted")
            again.close()

            code, text = refused("--listen", "127.0.0.1:0", "--upstream", "127.0.0.1")
            check(code != 0 and "--upstream" in text and "HOST:PORT" in text, f"--upstream without a port: {code} {text}")
            code, text = refused("--listen", "127.0.0.1:0", "--upstream", "127.0.0.1:1", "--rtt", "1ms", "--latency-up", "1ms")
            check(code != 0 and "excludes" in text, f"--rtt with --latency-up: {code} {text}")
            code, text = refused("--listen", "127.0.0.1:0", "--upstream", "127.0.0.1:1", "--bandwidth", "10")
            check(code != 0 and "--bandwidth" in text and "10MB/s" in text, f"--bandwidth 10: {code} {text}")
            code, text = refused("--listen", f"127.0.0.1:{port}", "--upstream", "127.0.0.1:1")
            check(code != 0 and f"cannot listen on 127.0.0.1:{port}" in text, f"a taken port: {code} {text}")

            link.send_signal(signal.SIGTERM)
            check(link.wait(timeout=10) == 0, "revbench link did not end cleanly on SIGTERM")
            link = None
        except Failure as failure:
            print(f"FAILED link_command: {failure}", file=sys.stderr)
            return 1
        finally:
            for process in (link, redis):
                if process is not None:
                    process.kill()
                    process.wait()
    print("PASSED link_command: latency, redis-benchmark through it, partition held and delivered, reset, control API, flags")
    return 0


if __name__ == "__main__":
    sys.exit(main())
