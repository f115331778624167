#!/usr/bin/env python3
"""revbench's histograms read by another HdrHistogram: the Java one Debian
ships (libhdrhistogram-java), through tests/results/HdrReader.java and its
own HistogramLogProcessor. A `run` of two strategies, a `load` and a `lag`
write results files and --hlog-out interval logs; then
- every histogram payload in the results files decodes in Java to the same
  count, and to the same percentiles (to the cell: revbench reports the
  exact maximum where Java reports its cell's top);
- every tag of the interval logs, its intervals merged, is the results
  file's histogram of that name (and every results histogram has its tag);
- HistogramLogProcessor's percentile distribution of a tag and
  `revbench export --format hgrm`'s of the same histogram have one total
  and maximum; `load --hdr-out` the same as the log of that load;
- an interval log that cannot be written is a bad command line (exit 2)."""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

import jsonschema

REPO = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("REVBENCH_BIN", str(REPO / "build" / "release" / "revbench"))
JAR = "/usr/share/java/hdrhistogram.jar"
READER = REPO / "tests" / "results" / "HdrReader.java"
SCHEMA = json.loads((REPO / "results" / "results.schema.json").read_text())
sys.path.insert(0, str(REPO / "tests"))
from cases import check, run_tests  # noqa: E402


def revbench(*args, timeout=600):
    result = subprocess.run([BIN, *map(str, args)], capture_output=True, text=True, timeout=timeout)
    check(result.returncode == 0, f"revbench {' '.join(map(str, args))}: exit {result.returncode}, {result.stderr[-600:]!r}")
    return result


def java(*args, stdin=None):
    result = subprocess.run(["java", "-cp", JAR, *map(str, args)], input=stdin, capture_output=True, text=True, timeout=300)
    check(result.returncode == 0, f"java {' '.join(map(str, args))}: exit {result.returncode}, {result.stderr[-800:]!r}")
    return result.stdout


def valid(path):
    document = json.loads(pathlib.Path(path).read_text())
    errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(document))
    check(not errors, f"{path} does not match the schema: " + "; ".join(e.message[:200] for e in errors[:3]))
    return document


def tags_of(hlog):
    return {line["tag"]: line for line in map(json.loads, java(READER, "hlog", hlog).splitlines())}


def histograms(node, where=""):
    """(where, latency summary) of every summary holding a histogram in a results document."""
    if isinstance(node, dict):
        if isinstance(node.get("histogram"), dict):
            yield where, node
        for key, value in node.items():
            yield from histograms(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from histograms(value, f"{where}/{i}")


def same_cell(revbench_ns, java_ns, name):
    """Java reports a cell's highest value; revbench the same, or the exact maximum when that is lower."""
    check(revbench_ns <= java_ns <= revbench_ns + max(1, revbench_ns // 128) + 1,
          f"{name}: revbench {revbench_ns} ns, Java {java_ns} ns: not one cell")


def agrees(summary, decoded, name):
    check(decoded["count"] == summary["count"], f"{name}: Java counts {decoded['count']}, the results {summary['count']}")
    check(decoded["significant_digits"] == 2 and decoded["lowest"] == 1, f"{name}: layout {decoded}")
    if summary["count"] == 0:
        return
    for key, java_key in (("p50_seconds", "p50"), ("p90_seconds", "p90"), ("p99_seconds", "p99"),
                          ("p99_9_seconds", "p99_9"), ("max_seconds", "max")):
        if key in summary:
            same_cell(round(summary[key] * 1e9), decoded[java_key], f"{name} {key}")


class Produced:
    """The files every test reads, made once: a run, a load and a lag."""

    def __init__(self, root):
        self.root = root
        self.run, self.run_log = root / "run.json", root / "run.hlog"
        revbench("run", "logout", "--strategy", "redis-denylist", "--strategy", "short-ttl",
                 "--out", self.run, "--hlog-out", self.run_log)
        server = subprocess.Popen([BIN, "serve", "--strategy", "redis-denylist", "--seed-users", "30", "--admin-token", "t"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            url, deadline = None, time.time() + 60
            while url is None and time.time() < deadline:
                line = server.stdout.readline()
                if line.startswith("LISTENING "):
                    url = line.split()[1]
            check(url is not None, "revbench serve did not start")
            self.load, self.load_log, self.load_hgrm = root / "load.json", root / "load.hlog", root / "load.hgrm"
            revbench("load", "--target", url, "--login", "user-000001", "--path", "/api/resource", "--rate", "400",
                     "--duration", "3.5s", "--warmup", "0.5s", "--out", self.load, "--hlog-out", self.load_log,
                     "--hdr-out", self.load_hgrm)
            self.lag, self.lag_log = root / "lag.json", root / "lag.hlog"
            revbench("lag", "--target", url, "--trials", "12", "--first-user", "2", "--out", self.lag, "--hlog-out", self.lag_log)
        finally:
            server.terminate()
            server.wait(timeout=30)


def test_results_payloads_decode_in_java(produced):
    lines, summaries = [], {}
    for path in (produced.run, produced.load, produced.lag):
        for where, summary in histograms(valid(path)):
            histogram = summary["histogram"]
            check(histogram["layout"] == "hdrhistogram-v2" and histogram["payload"].startswith("HISTF"),
                  f"{path.name}{where}: {histogram['layout']}")
            name = f"{path.name}{where}"
            lines.append(f"{name}\t{histogram['payload']}")
            summaries[name] = summary
    decoded = {d["name"]: d for d in map(json.loads, java(READER, "payloads", stdin="\n".join(lines) + "\n").splitlines())}
    check(decoded.keys() == summaries.keys(), f"Java decoded {len(decoded)} of {len(summaries)} payloads")
    for name, summary in summaries.items():
        agrees(summary, decoded[name], name)
    check(len(summaries) >= 20 and sum(s["count"] for s in summaries.values()) > 1000, f"too little read: {len(summaries)}")


def test_interval_logs_add_up_to_the_results(produced):
    run = valid(produced.run)
    tags = tags_of(produced.run_log)
    expected = set()
    for entry in run["runs"]:
        prefix = f"strategy={entry['strategy']};scenario={entry['scenario']}"
        for endpoint in entry["endpoints"]:
            tag = f"{prefix};phase={endpoint['phase']};endpoint={endpoint['endpoint']}"
            expected.add(tag)
            check(tag in tags, f"no intervals tagged {tag}; the log has {sorted(tags)}")
            agrees(endpoint["latency_corrected"], tags[tag], tag)
        lags = [t for t in tags if t.startswith(prefix + ";") and t.endswith(";measure=revocation_lag")]
        expected.update(lags)
        check(sum(tags[t]["count"] for t in lags) == entry["revocation_lag"]["count"] > 0,
              f"{prefix}: the log's lags {[tags[t]['count'] for t in lags]}, the results' {entry['revocation_lag']['count']}")
    check(set(tags) == expected, f"tags the results do not have: {sorted(set(tags) - expected)}")
    started = min(t["first_ms"] for t in tags.values()) / 1e3
    ended = max(t["last_ms"] for t in tags.values()) / 1e3
    check(abs(started - time.time()) < 3600 and 0 < ended - started < 120, f"intervals from {started} to {ended}")
    check(max(t["intervals"] for t in tags.values()) >= 3, "one interval a second: a 3 s phase has at least three")

    load = valid(produced.load)
    (load_tag, load_intervals), = tags_of(produced.load_log).items()
    check(load_tag == "strategy=redis-denylist;scenario=load;phase=run;endpoint=/api/resource", f"load's tag {load_tag}")
    agrees(load["result"]["latency_corrected"], load_intervals, "load")
    check(load_intervals["intervals"] >= 3, f"a 3 s load in {load_intervals['intervals']} intervals")

    lag = valid(produced.lag)["result"]
    (lag_tag, lag_intervals), = tags_of(produced.lag_log).items()
    check(lag_tag == "strategy=redis-denylist;scenario=lag;event=logout;measure=revocation_lag", f"lag's tag {lag_tag}")
    agrees({"count": 12 - lag["never_rejected"], "p50_seconds": lag["lag_p50_seconds"], "p99_seconds": lag["lag_p99_seconds"],
            "max_seconds": lag["lag_max_seconds"]}, lag_intervals, "lag")


def hgrm_totals(path):
    for line in pathlib.Path(path).read_text().splitlines():
        if line.startswith("#[Max"):
            fields = line.replace("#[", "").replace("]", "").replace(",", "").split()
            return float(fields[2]), int(fields[6])
    check(False, f"{path}: no #[Max ... Total count] line")


def test_percentile_distributions_match_hdrhistograms_own(produced):
    out = produced.root / "hgrm"
    revbench("export", produced.run, "--format", "hgrm", "--out", out)
    run = valid(produced.run)
    checked = 0
    for place, entry in enumerate(run["runs"], start=1):
        folder = out / "run" / f"run-{place}-{entry['strategy']}-{entry['scenario']}"
        for endpoint in entry["endpoints"]:
            ours = folder / f"{endpoint['phase']}.{endpoint['endpoint']}.hgrm"
            check(ours.exists(), f"export wrote no {ours}")
            tag = f"strategy={entry['strategy']};scenario={entry['scenario']};phase={endpoint['phase']};endpoint={endpoint['endpoint']}"
            processed = produced.root / f"processed-{place}-{endpoint['phase']}-{endpoint['endpoint']}"
            java("org.HdrHistogram.HistogramLogProcessor", "-i", produced.run_log, "-o", processed, "-tag", tag)
            (our_max, our_total), (java_max, java_total) = hgrm_totals(ours), hgrm_totals(f"{processed}.hgrm")
            check(our_total == java_total == endpoint["latency_corrected"]["count"],
                  f"{tag}: totals revbench {our_total}, HistogramLogProcessor {java_total}")
            # HistogramLogProcessor prints its cell's top to 2 decimals, revbench the exact maximum to 3: the
            # two differ by up to a cell (1/128 of the value at most) and the two roundings.
            slack = 0.005 + 0.0005
            check(our_max - slack <= java_max <= our_max + our_max / 128 + slack,
                  f"{tag}: maxima revbench {our_max}, Java {java_max}")
            checked += 1
        check((folder / "revocation_lag.hgrm").exists(), f"no revocation_lag.hgrm in {folder}")
    check(checked >= 8, f"{checked} distributions compared")
    java("org.HdrHistogram.HistogramLogProcessor", "-i", produced.load_log, "-o", produced.root / "load-processed",
         "-tag", "strategy=redis-denylist;scenario=load;phase=run;endpoint=/api/resource")
    ours, theirs = hgrm_totals(produced.load_hgrm), hgrm_totals(produced.root / "load-processed.hgrm")
    check(ours[1] == theirs[1], f"load: --hdr-out counts {ours[1]}, the log {theirs[1]}")


def test_an_unwritable_log_is_a_bad_command_line(produced):
    for command in (["run", "logout", "--strategy", "short-ttl"], ["load", "--target", "http://127.0.0.1:1"],
                    ["lag", "--target", "http://127.0.0.1:1"]):
        started = time.time()
        result = subprocess.run([BIN, *command, "--hlog-out", "/nonexistent/dir/x.hlog"], capture_output=True, text=True,
                                timeout=60)
        check(result.returncode == 2 and "--hlog-out" in result.stderr and "/nonexistent/dir/x.hlog" in result.stderr,
              f"{command[0]}: exit {result.returncode}, {result.stderr[-300:]!r}")
        check(time.time() - started < 10, f"{command[0]} started something before refusing the log")


def on(produced, test):
    """The test as run_tests calls it (with a directory of its own, unused), on the files made once."""
    def case(_tmp):
        test(produced)
    case.__name__ = test.__name__
    return case


if __name__ == "__main__":
    if shutil.which("java") is None or not os.path.exists(JAR):
        print("java and libhdrhistogram-java are needed (scripts/setup installs them)", file=sys.stderr)
        sys.exit(1)
    with tempfile.TemporaryDirectory() as root:
        produced = Produced(pathlib.Path(root))
        tests = [test_results_payloads_decode_in_java, test_interval_logs_add_up_to_the_results,
                 test_percentile_distributions_match_hdrhistograms_own, test_an_unwritable_log_is_a_bad_command_line]
        sys.exit(run_tests([on(produced, test) for test in tests]))
