"""Closed-loop rounds against `revbench serve`: the servers, the rate of one run of
`revbench load` and what each side spent on it, that bench-http and bench-ab
share (their paired ratios are ratio_interval's)."""
import json
import os
import pathlib
import signal
import statistics
import subprocess
import tempfile
import time
import urllib.request

from process_cpu import cpu_seconds, descendants
from revbench_processes import BIN, start_server

SERVER_CORE, LOAD_CORE = 0, 1


def pinning(args):
    return args.pin and len(os.sched_getaffinity(0)) >= 2


def pin_process(pid, core):
    """Every thread of a running process onto one core."""
    for thread in os.listdir(f"/proc/{pid}/task"):
        os.sched_setaffinity(int(thread), {core})


def on_load_core(command, args):
    return ["taskset", "-c", str(LOAD_CORE), *command] if pinning(args) else command


class Server:
    """`revbench serve` on the given stores, one worker thread (the load gets the other core)."""

    def __init__(self, strategy, stores, args, *extra, binary=BIN):
        # --access-ttl 3600: no token may expire during the measurements
        self.process, self.url = start_server(strategy, stores, "--access-ttl", "3600", *extra, binary=binary)
        if pinning(args):
            pin_process(self.process.pid, SERVER_CORE)
        request = urllib.request.Request(self.url + "/auth/login", method="POST",
                                         data=json.dumps({"user": "user-000001", "password": "pw-user-000001"}).encode())
        with urllib.request.urlopen(request, timeout=10) as response:
            self.token = json.load(response)["access_token"]

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def revbench_rate(url, path, token, args, connections=None, watch=None):
    """The closed-loop rate; with `watch` ({"server": pid, "stores": pid}), also the CPU
    each side spent per request over the measured seconds: {"server", "stores", "generator"}."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        command = [BIN, "load", "--target", url, "--path", path, "--closed",
                   "--connections", str(connections or args.connections[0]),
                   "--threads", "1", "--duration", str(args.duration + 1), "--warmup", "1", "--out", out.name]
        if token:
            command += ["--token", token]
        load = subprocess.Popen(on_load_core(command, args), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        used = {}
        if watch:
            sides = {"server": [watch["server"]], "stores": descendants(watch["stores"]), "generator": [load.pid]}
            time.sleep(1.1)  # past the generator's warm-up second
            before, started = {side: cpu_seconds(pids) for side, pids in sides.items()}, time.monotonic()
            time.sleep(max(0.1, args.duration - 0.2))
            used = {side: cpu_seconds(pids) - before[side] for side, pids in sides.items()}
            window = time.monotonic() - started
        _, errors = load.communicate()
        if load.returncode != 0:
            raise SystemExit(f"revbench load failed: {errors.decode(errors='replace')}")
        result = json.loads(pathlib.Path(out.name).read_text())["result"]
        ok = result["statuses"].get("200", 0)
        if ok != result["requests"]:
            raise SystemExit(f"revbench load got non-200 answers: {result['statuses']}")
        rate = result["throughput_per_second"]
        if rate <= 0:
            raise SystemExit(f"revbench load measured nothing: {result}")
        if not watch:
            return rate
        return rate, {side: seconds / window / rate for side, seconds in used.items()}


def run_rounds(rows, args, connections, stores_pid):
    """`args.repeats` rounds, each running every row once in order; a row is (label,
    Server, path, sends the token). Each row's rates and CPU per request, round by round."""
    rates = {label: [] for label, *_ in rows}
    costs = {label: [] for label, *_ in rows}
    for _ in range(args.repeats):
        for label, server, path, with_token in rows:
            rate, cost = revbench_rate(server.url, path, server.token if with_token else None, args, connections,
                                       {"server": server.process.pid, "stores": stores_pid})
            rates[label].append(rate)
            costs[label].append(cost)
    return rates, costs


def print_costs(labels, rates, costs):
    """What each row's request cost each side (medians of the rounds), and how busy the
    server was: a server near 100% is the limit; well below it, the round trips between
    the processes are."""
    print(f"CPU per request, median of the rounds (us): {'server':>8}{'stores':>8}{'load':>8}  server busy")
    for label in labels:
        per_request = {side: statistics.median(cost[side] for cost in costs[label]) * 1e6
                       for side in ("server", "stores", "generator")}
        busy = statistics.median(cost["server"] * rate for cost, rate in zip(costs[label], rates[label]))
        print(f"  {label:<42}{per_request['server']:>8.2f}{per_request['stores']:>8.2f}{per_request['generator']:>8.2f}"
              f"  {busy:>6.0%}")
