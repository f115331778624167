#!/usr/bin/env python3
"""`revbench export` from outside, on the committed reference results (a real
compare): every figure a row, read back by Python's csv and json modules as
pandas would read them, equal to the results file's own figure (to a unit in
the last place or two: Boost 1.81's JSON parser, which revbench reads results
with, does not round every double correctly); the same
rows in both formats; a field with a comma or a quote survives; the same
results given twice and a file of another kind are refused (exit 2)."""
import csv
import io
import json
import math
import os
import pathlib
import shutil
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("REVBENCH_BIN", str(REPO / "build" / "release" / "revbench"))
REFERENCE = REPO / "results" / "reference" / "compare-1.json"
sys.path.insert(0, str(REPO / "tests"))
from cases import check, run_tests  # noqa: E402

COLUMNS = ["file", "run", "strategy", "scenario", "store_rtt", "replica_delay", "balancer", "phase", "endpoint", "metric",
           "value", "unit"]


def exported(*args):
    result = subprocess.run([BIN, "export", *map(str, args)], capture_output=True, text=True, timeout=120)
    check(result.returncode == 0, f"revbench export {' '.join(map(str, args))}: exit {result.returncode}, {result.stderr[-400:]!r}")
    return result.stdout


def same(exported, figure):
    return math.isclose(float(exported), figure, rel_tol=1e-14, abs_tol=0)


def key(row):
    return (row["file"], int(row["run"]), row["phase"], row["endpoint"], row["metric"])


def test_every_figure_is_a_row_equal_to_the_results_files(tmp):
    document = json.loads(REFERENCE.read_text())
    text = exported(REFERENCE, "--format", "csv")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    check(reader.fieldnames == COLUMNS, f"columns {reader.fieldnames}")
    rows = {key(r): r for r in reader}
    checked = 0
    for place, run in enumerate(document["runs"], start=1):
        def row(metric, phase="", endpoint=""):
            found = rows.get(("compare-1.json", place, phase, endpoint, metric))
            check(found is not None, f"run {place} ({run['strategy']} x {run['scenario']}): no row for {phase}/{endpoint}/{metric}")
            check(found["strategy"] == run["strategy"] and found["scenario"] == run["scenario"] and
                  found["store_rtt"] == run.get("store_rtt", "") and
                  found["replica_delay"] == run.get("replica_delay", "") and
                  found["balancer"] == run.get("topology", {}).get("balancer", ""), f"run {place}: {found}")
            return found
        kept = row("verdict.kept")
        check(kept["unit"] == "bool" and float(kept["value"]) == (1.0 if run["verdict"]["kept"] else 0.0), f"{kept}")
        after = row("security.accepted_after_revoke")
        check(after["unit"] == "count" and float(after["value"]) == run["security"]["accepted_after_revoke"], f"{after}")
        if run["revocation_lag"]["count"] > 0:
            lag = row("revocation_lag.max")
            check(lag["unit"] == "s" and same(lag["value"], run["revocation_lag"]["max_seconds"]), f"{lag}")
        for endpoint in run["endpoints"]:
            where = (endpoint["phase"], endpoint["endpoint"])
            p99 = row("latency_corrected.p99", *where)
            check(p99["unit"] == "s" and same(p99["value"], endpoint["latency_corrected"]["p99_seconds"]), f"{p99}")
            rate = row("throughput", *where)
            check(rate["unit"] == "1/s" and same(rate["value"], endpoint["throughput_per_second"]), f"{rate}")
            ops = row("redis_ops_per_request", *where)
            check(ops["unit"] == "1/request" and same(ops["value"], endpoint["redis_ops_per_request"]), f"{ops}")
            checked += 1
    check(not any(r["metric"].endswith("histogram") or ".cells" in r["metric"] for r in rows.values()), "histograms exported")
    print(f"{len(rows)} rows; {len(document['runs'])} runs and {checked} endpoint phases checked against the results file")


def test_jsonl_holds_the_same_rows(tmp):
    from_csv = [dict(r) for r in csv.DictReader(io.StringIO(exported(REFERENCE), newline=""))]
    lines = exported(REFERENCE, "--format", "jsonl").splitlines()
    check(len(lines) == len(from_csv), f"{len(lines)} JSON lines, {len(from_csv)} CSV rows")
    for line, row in zip(lines, from_csv):
        parsed = json.loads(line)
        check(list(parsed) == COLUMNS, f"members {list(parsed)}")
        check({k: str(v) if k != "value" else float(v) for k, v in parsed.items()} ==
              {k: v if k != "value" else float(v) for k, v in row.items()}, f"{parsed} vs {row}")


def test_awkward_text_and_refusals(tmp):
    tmp = pathlib.Path(tmp)
    document = json.loads(REFERENCE.read_text())
    document["runs"] = document["runs"][:2]
    document["runs"][0]["strategy"] = 'a,"quoted" name'
    awkward = tmp / "awkward.json"
    awkward.write_text(json.dumps(document))
    out = tmp / "rows.csv"
    exported(awkward, "--out", out)
    strategies = {r["strategy"] for r in csv.DictReader(out.open(newline=""))}
    check('a,"quoted" name' in strategies, f"strategies read back: {strategies}")
    copy = tmp / "copy.json"
    shutil.copy(awkward, copy)
    for args, said in (([awkward, copy], "given twice"), ([awkward, awkward], "given twice")):
        refused = subprocess.run([BIN, "export", *map(str, args)], capture_output=True, text=True, timeout=60)
        check(refused.returncode == 2 and said in refused.stderr, f"{args}: exit {refused.returncode}, {refused.stderr!r}")
    load = tmp / "load.json"
    load.write_text(json.dumps({"kind": "load", "runs": []}))
    refused = subprocess.run([BIN, "export", str(load)], capture_output=True, text=True, timeout=60)
    check(refused.returncode == 2 and "'load' results file" in refused.stderr, f"load: {refused.returncode}, {refused.stderr!r}")
    bad_format = subprocess.run([BIN, "export", str(awkward), "--format", "xlsx"], capture_output=True, text=True, timeout=60)
    check(bad_format.returncode == 2, f"--format xlsx: exit {bad_format.returncode}")


def main():
    return run_tests((test_every_figure_is_a_row_equal_to_the_results_files, test_jsonl_holds_the_same_rows,
                      test_awkward_text_and_refusals))


if __name__ == "__main__":
    sys.exit(main())
