#!/usr/bin/env python3
"""The conventions a user of any command-line tool expects, from outside:
`revbench --version`; one exit status per meaning in every command (2 for a
bad command line or input file, 1 for a failure outside the input), stated
in --help; the store options read from the environment under the names
`revbench stores` prints; a session's progress line that says which run of
how many and the time left, its clock never past the run's phases; a
script's own thresholds; `compare --quick` and `--list`; an installed
binary (`cmake --install`) that finds its scenarios and scrape config
beside it, wherever its prefix is moved."""
import os
import pathlib
import re
import shutil
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


SCRIPT_WITH_THRESHOLDS = """name: with-thresholds
thresholds: [THRESHOLD]
phases:
  - {name: main, duration: 1s}
actors:
  - name: reader
    steps: [login, {resource: {rate: 10/s, until: end}}]
"""


def test_a_scripts_thresholds_judge_its_runs(tmp):
    script = pathlib.Path(tmp) / "with-thresholds.yaml"
    script.write_text(SCRIPT_WITH_THRESHOLDS.replace("THRESHOLD", "'requests<1'"))
    out = pathlib.Path(tmp) / "judged.json"
    judged = revbench("run", str(script), "--strategy", "short-ttl", "--out", str(out))
    check(judged.returncode == 3 and "threshold: with-thresholds x short-ttl: threshold 'requests<1' violated" in judged.stderr,
          f"a script's violated threshold: exit {judged.returncode}, {judged.stderr[-400:]!r}")
    check('"threshold":"requests<1"' in out.read_text().replace(" ", ""), "the results do not record the script's threshold")
    script.write_text(SCRIPT_WITH_THRESHOLDS.replace("THRESHOLD", "'fast'"))
    refused = revbench("run", str(script), "--strategy", "short-ttl")
    check(refused.returncode == 2 and f"{script}:2:14: thresholds[0]: threshold 'fast'" in refused.stderr and
          "stores:" not in refused.stdout, f"a bad threshold in a script: exit {refused.returncode}, {refused.stderr[-300:]!r}")


def test_quick_and_list(tmp):
    listed = revbench("compare", "--quick", "--list")
    check(listed.returncode == 0 and "stores:" not in listed.stdout, f"--quick --list: exit {listed.returncode}, {listed.stderr!r}")
    runs = [line for line in listed.stdout.splitlines() if re.match(r"\s*\d+\s+\S+\s+\S+\s+\d+\.\d s", line)]
    strategies = {line.split()[2] for line in runs}
    check(len(runs) == 20 and strategies == {"short-ttl", "redis-denylist", "pg-token-version", "refresh-rotation",
                                               "secret-rotation"}, f"--quick plays {listed.stdout}")
    minutes = float(re.search(r"20 runs; their phases take (\d+\.\d) min", listed.stdout).group(1))
    check(minutes < 2, f"--quick's phases take {minutes} min")
    swept = revbench("compare", "--scenario", "store-latency", "--strategy", "redis-denylist", "--list")
    check(swept.returncode == 0 and "at store RTT 5ms" in swept.stdout and "4 runs" in swept.stdout, f"{swept.stdout!r}")
    both = revbench("compare", "--quick", "--strategy", "short-ttl")
    check(both.returncode == 2 and "excludes" in both.stderr, f"--quick with --strategy: {both.returncode}, {both.stderr!r}")
    helped = revbench("compare", "--help")
    check("Examples:" in helped.stdout and "compare --quick" in helped.stdout, f"compare --help: {helped.stdout[-500:]!r}")


def test_an_installed_binary_finds_what_ships_beside_it(tmp):
    installed = pathlib.Path(tmp) / "installed"
    done = subprocess.run(["cmake", "--install", str(pathlib.Path(BIN).parent), "--prefix", str(installed)],
                          capture_output=True, text=True, timeout=300)
    check(done.returncode == 0, f"cmake --install: {done.stderr[-500:]!r}")
    # Moved after installing: the binary finds its files from where it is, not where it was put.
    moved = pathlib.Path(tmp) / "moved"
    shutil.move(str(installed), str(moved))
    shared = moved / "share" / "revbench"
    for path in (shared / "scenarios" / "logout.yaml", shared / "dashboards" / "prometheus" / "prometheus.yml",
                 shared / "dashboards" / "revbench-run.json", shared / "results.schema.json"):
        check(path.is_file(), f"{path} was not installed")
    binary = str(moved / "bin" / "revbench")
    helped = subprocess.run([binary, "run", "--help"], capture_output=True, text=True, timeout=60, cwd=tmp)
    check(f"={shared / 'scenarios'}\n" in helped.stdout and f"={shared / 'dashboards' / 'prometheus'}\n" in helped.stdout,
          f"the installed binary's defaults: {helped.stdout!r}")
    listed = subprocess.run([binary, "compare", "--quick", "--list"], capture_output=True, text=True, timeout=60, cwd=tmp)
    check(listed.returncode == 0 and "logout" in listed.stdout, f"compare --quick --list: {listed.returncode}, {listed.stderr!r}")


def main():
    return run_tests((test_version_and_the_exit_statuses_in_help, test_every_bad_input_exits_2_before_anything_runs,
                      test_a_failure_outside_the_input_exits_1, test_store_options_read_the_names_revbench_stores_prints,
                      test_the_progress_line_says_the_run_and_the_time_left, test_a_scripts_thresholds_judge_its_runs,
                      test_quick_and_list, test_an_installed_binary_finds_what_ships_beside_it))


if __name__ == "__main__":
    sys.exit(main())
