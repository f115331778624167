"""The revbench processes the benchmark scripts start: embedded stores and servers."""
import pathlib
import subprocess

REPO = pathlib.Path(__file__).resolve().parent.parent
BIN = str(REPO / "build" / "release" / "revbench")


def start_stores():
    """`revbench stores`: the process and what it printed (REVBENCH_REDIS_URL, REVBENCH_PG_URL, ...)."""
    process = subprocess.Popen([BIN, "stores"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    stores = {}
    for line in process.stdout:
        if "=" in line:
            key, value = line.strip().split("=", 1)
            stores[key] = value
        if line.strip() == "READY":
            return process, stores
    raise SystemExit("the embedded stores did not start")


def start_server(strategy, stores, *extra, binary=BIN):
    """`revbench serve` (this build's, or `binary`) on one worker thread on the given stores:
    the process and its URL."""
    process = subprocess.Popen([binary, "serve", "--strategy", strategy, "--threads", "1", "--seed-users", "10",
                                "--redis-url", stores["REVBENCH_REDIS_URL"], "--pg-url", stores["REVBENCH_PG_URL"], *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in process.stdout:
        if line.startswith("LISTENING "):
            return process, line.split()[1]
    raise SystemExit(f"revbench serve --strategy {strategy} did not start")
