#!/usr/bin/env python3
"""The conventions a user of any command-line tool expects, from outside:
`revbench --version`; one exit status per meaning in every command (2 for a
bad command line or input file, 1 for a failure outside the input), stated
in --help; the store options read from the environment under the names
`revbench stores` prints; and a session's progress line that says which run
of how many and the time left, its clock never past the run's phases."""
import os
import pathlib
import re
import signal
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("REVBENCH_BIN", str(REPO / "build" / "release" / "revbench"))
sys.path.insert(0, str(REPO / "tests"))
from cases import Failure, check, run_tests  # noqa: E402


def revbench(*args, env=None, timeout=300):
    return subprocess.run([BIN, *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def test_version_and_the_exit_statuses_in_help(tmp):
    version = revbench("--version")
    check(version.returncode == 0 and re.fullmatch(r"revbench \d+\.\d+\.\d+ \(commit [0-9a-f]{7,}\)\n", version.stdout),
          f"--version: exit {version.returncode}, {version.stdout!r} {version.stderr!r}")
    helped = revbench("--help")
    check(helped.returncode == 0 and "Exit status: 0 done" in helped.stdout and "2 a bad command line" in helped.stdout,
          f"--help: exit {helped.returncode}: {helped.stdout[-600:]!r}")


def test_every_bad_input_exits_2_before_anything_runs(tmp):
    bad_results = pathlib.Path(tmp) / "not-results.json"
    bad_results.write_text("{}")
    bad_script = pathlib.Path(tmp) / "bad.yaml"
    bad_script.write_text("name: bad\nphases: []\n")
    for args in ([], ["run", "--no-such-flag"], ["compare", "--instances", "0"], ["run", "no-such-scenario"],
                 ["run", str(bad_script)], ["run", "logout", "--strategy", "nope"], ["run", "logout", "--threshold", "fast"],
                 ["run", "logout", "--link", "server-redis=soon"], ["report", str(bad_results)],
                 ["load", "--target", "ftp://nowhere"]):
        result = revbench(*args)
        check(result.returncode == 2, f"revbench {' '.join(args)}: exit {result.returncode}, {result.stderr[-300:]!r}")
        check("stores:" not in result.stdout, f"revbench {' '.join(args)} started stores before refusing")


def test_a_failure_outside_the_input_exits_1(tmp):
    # Port 9 on loopback: nobody answers there.
    result = revbench("seed", "--pg-url", "postgresql://revbench@127.0.0.1:9/revbench", "--users", "1")
    check(result.returncode == 1 and "revbench" in result.stderr, f"exit {result.returncode}: {result.stderr[-300:]!r}")


def started_stores(env=None):
    process = subprocess.Popen([BIN, "stores"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               env={**os.environ, **(env or {})})
    printed = {}
    for line in process.stdout:
        if line.strip() == "READY":
            return process, printed
        key, _, value = line.strip().partition("=")
        printed[key] = value
    raise Failure(f"revbench stores did not get ready: {printed}")


def test_store_options_read_the_names_revbench_stores_prints(tmp):
    embedded, printed = started_stores()
    try:
        check({"REVBENCH_REDIS_URL", "REVBENCH_PG_URL", "REDIS_PID"} <= set(printed), f"revbench stores printed {printed}")
        given = {name: printed[name] for name in ("REVBENCH_REDIS_URL", "REVBENCH_PG_URL")}
        # The same names in the environment: the stores are given, not started.
        reused, again = started_stores(given)
        try:
            check({k: again.get(k) for k in given} == given and "REDIS_PID" not in again and "PG_PID" not in again,
                  f"with {given} in the environment revbench stores printed {again}")
        finally:
            reused.send_signal(signal.SIGTERM)
            reused.wait(timeout=30)
        seeded = revbench("seed", "--users", "3", env={"REVBENCH_PG_URL": given["REVBENCH_PG_URL"]})
        check(seeded.returncode == 0, f"seed with REVBENCH_PG_URL: exit {seeded.returncode}, {seeded.stderr[-300:]!r}")
    finally:
        embedded.send_signal(signal.SIGTERM)
        embedded.wait(timeout=30)


def test_the_progress_line_says_the_run_and_the_time_left(tmp):
    out = pathlib.Path(tmp) / "two.json"
    result = revbench("compare", "--scenario", "logout", "--strategy", "short-ttl", "--strategy", "redis-denylist",
                      "--out", str(out))
    check(result.returncode == 0, f"compare: exit {result.returncode}, {result.stderr[-500:]!r}")
    lines = [line for line in result.stderr.splitlines() if line.startswith("[run ")]
    check(any(line.startswith("[run 1/2, ~") for line in lines) and any(line.startswith("[run 2/2, ~") for line in lines),
          f"no run i/2 in the progress lines: {lines[:3]} ... {lines[-3:]}")
    lefts = []
    for line in lines:
        shown = re.search(r"left\s+(\d+\.\d)/(\d+\.\d) s", line)
        check(shown and float(shown.group(1)) <= float(shown.group(2)), f"the clock past the phases: {line!r}")
        left = re.search(r"~(\d+) (s|min) left", line)
        lefts.append(int(left.group(1)) * (60 if left.group(2) == "min" else 1))
    # The first run's estimate holds the second's phases: it falls as they pass.
    check(lefts[0] > lefts[-1] >= 0, f"the time left went {lefts[0]} s ... {lefts[-1]} s")
    print(f"{len(lines)} progress lines; time left from ~{lefts[0]} s to ~{lefts[-1]} s")


def main():
    return run_tests((test_version_and_the_exit_statuses_in_help, test_every_bad_input_exits_2_before_anything_runs,
                      test_a_failure_outside_the_input_exits_1, test_store_options_read_the_names_revbench_stores_prints,
                      test_the_progress_line_says_the_run_and_the_time_left))


if __name__ == "__main__":
    sys.exit(main())
