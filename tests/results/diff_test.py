#!/usr/bin/env python3
"""`revbench diff` from outside, as benchstat is used: six repeats a side; a
figure 20% slower on every repeat shows its change with a 95% interval that
scripts/ratio_interval.py (the benchmark scripts' method) computes alike; a
figure that only scatters shows `~`; one repeat a side says it is too few for
an interval; a file given twice, on one side or both, is refused (exit 2)."""
import json
import os
import pathlib
import random
import re
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("REVBENCH_BIN", str(REPO / "build" / "release" / "revbench"))
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "scripts"))
from cases import check, run_tests  # noqa: E402
from ratio_interval import median_interval  # noqa: E402


def results_file(path, repeat, slow_p99, steady_p99):
    """A compare's results, as much of them as diff reads: two strategies' GET /api/resource."""
    def run(strategy, p99):
        return {"strategy": strategy, "scenario": "steady-browse", "verdict": {"kept": True, "reason": "kept"},
                "endpoints": [{"phase": "steady", "endpoint": "resource", "requests": 1000,
                               "latency_corrected": {"count": 1000, "p99_seconds": p99}}]}
    path.write_text(json.dumps({"kind": "compare", "started_at": f"2026-12-07T00:0{repeat}:00Z",
                                "runs": [run("redis-denylist", slow_p99), run("short-ttl", steady_p99)]}))
    return str(path)


def diff(*args):
    return subprocess.run([BIN, "diff", *args], capture_output=True, text=True, timeout=60)


def row_of(output, strategy):
    line = next((l for l in output.splitlines() if l.startswith(strategy + " ")), None)
    check(line is not None, f"no row for {strategy}:\n{output}")
    return line


def percent(x):
    return f"{x * 100:+.1f}%"


def test_a_change_and_noise_over_six_repeats(tmp):
    tmp = pathlib.Path(tmp)
    noise = random.Random(7)
    old, new, slower, scatter = [], [], [], []
    for i in range(6):
        base = 0.001 * (1 + noise.uniform(-0.05, 0.05))
        other = 0.0005 * (1 + noise.uniform(-0.05, 0.05))
        factor, jitter = 1.2 * (1 + noise.uniform(-0.03, 0.03)), 1 + noise.uniform(-0.04, 0.04)
        old.append(results_file(tmp / f"old-{i}.json", i, base, other))
        new.append(results_file(tmp / f"new-{i}.json", i, base * factor, other * jitter))
        slower.append(base * factor / base - 1)
        scatter.append(other * jitter / other - 1)
    result = diff(",".join(old), ",".join(new), "--metric", "latency_corrected.p99")
    check(result.returncode == 0, f"diff: exit {result.returncode}, {result.stderr!r}")
    low, high = median_interval(slower)
    changed = row_of(result.stdout, "redis-denylist")
    check(f"[{percent(low)}, {percent(high)}]" in changed and "~" not in changed,
          f"the 20% change with ratio_interval.py's interval [{percent(low)}, {percent(high)}]: {changed!r}")
    low, high = median_interval(scatter)
    steady = row_of(result.stdout, "short-ttl")
    check(f"~ [{percent(low)}, {percent(high)}]" in steady, f"noise alone is ~ with its interval: {steady!r}")
    check("old: old-0.json" in result.stdout and "(6 repeats)" in result.stdout, result.stdout[:300])
    print(result.stdout)


def test_one_repeat_a_side_is_too_few_for_an_interval(tmp):
    tmp = pathlib.Path(tmp)
    old = results_file(tmp / "old.json", 0, 0.001, 0.0005)
    new = results_file(tmp / "new.json", 1, 0.0012, 0.0005)
    result = diff(old, new)
    check(result.returncode == 0, f"diff: exit {result.returncode}, {result.stderr!r}")
    line = next(l for l in result.stdout.splitlines() if l.startswith("redis-denylist") and "latency_corrected.p99" in l)
    check(re.search(r"1 ms\s+1\.2 ms\s+\+20\.0% ~ \(1 pair: a 95% interval needs 6\)", line), f"{line!r}")


def test_a_file_given_twice_is_refused(tmp):
    tmp = pathlib.Path(tmp)
    old = results_file(tmp / "old.json", 0, 0.001, 0.0005)
    other = results_file(tmp / "other.json", 1, 0.001, 0.0005)
    for args in ([old, old], [f"{old},{other}", other]):
        result = diff(*args)
        check(result.returncode == 2 and "given twice" in result.stderr, f"{args}: exit {result.returncode}, {result.stderr!r}")
    missing = diff(old, other, "--metric", "no.such.figure")
    check(missing.returncode == 2 and "--metric" in missing.stderr, f"an unknown metric: {missing.returncode}, {missing.stderr!r}")


def main():
    return run_tests((test_a_change_and_noise_over_six_repeats, test_one_repeat_a_side_is_too_few_for_an_interval,
                      test_a_file_given_twice_is_refused))


if __name__ == "__main__":
    sys.exit(main())
