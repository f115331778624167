#!/usr/bin/env python3
"""The Grafana dashboards, checked statically and against a real Prometheus.

usage: dashboards_test.py lint|prometheus

lint: every dashboard under dashboards/ has the datasource, run_id,
strategy, scenario and instance template variables; every series selector
filters on $run_id (sessions kept in one Prometheus stay apart); every panel has a title, the
templated datasource and a unit; counters (_total, _bucket, _count, _sum)
appear only inside rate() or increase(); every range is $__rate_interval (or
$__range for increase over the whole dashboard); the provisioning files and
the scrape config agree and `promtool check config` accepts the latter.

prometheus: `revbench run --observe` plays a short run (logout, a key
rotation storm and a Redis outage on two strategies) while the Prometheus it
starts scrapes the servers and the load generator. Prometheus is then
started again on the kept data, as the run's last line says, and every panel
query and annotation of every dashboard is evaluated through /api/v1/query
(Grafana's $__rate_interval, $__interval, $__range and the template variables
substituted, "All" selected but $run_id the run's own, as its OBSERVE line
prints it) at each second of the run: each must return a non-empty result
with a finite value at some second. The template variables' label_values()
queries must list the strategies, scenarios and run id of the run.
"""
import json
import math
import os
import pathlib
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import datetime, timezone

import yaml

REPO = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))
from cases import Failure, check, run_cases  # noqa: E402

BIN = os.environ.get("REVBENCH_BIN", str(REPO / "build" / "release" / "revbench"))
DASHBOARDS = REPO / "dashboards"
STRATEGIES = ["short-ttl", "redis-denylist"]
SCENARIOS = ["logout", "secret-rotation-storm", "store-outage-redis"]
COUNTER_SUFFIXES = ("_total", "_bucket", "_count", "_sum")
VARIABLES = {"datasource", "run_id", "strategy", "scenario", "instance"}


def dashboards():
    files = sorted(DASHBOARDS.glob("*.json"))
    check(len(files) >= 2, "expected the comparison and run-detail dashboards under dashboards/")
    return [(f.name, json.loads(f.read_text())) for f in files]


def queries(name, dashboard):
    """(where, expr) for every panel target and every Prometheus annotation."""
    for panel in dashboard["panels"]:
        for target in panel.get("targets", []):
            yield f"{name} panel '{panel.get('title')}' {target.get('refId')}", target.get("expr", ""), panel
    for annotation in dashboard.get("annotations", {}).get("list", []):
        if "expr" in annotation:
            yield f"{name} annotation '{annotation['name']}'", annotation["expr"], None


def enclosing_function(expr, position):
    """The name of the innermost call whose parentheses enclose `position`."""
    depth = 0
    for i in range(position - 1, -1, -1):
        if expr[i] == ")":
            depth += 1
        elif expr[i] == "(":
            if depth == 0:
                match = re.search(r"([a-z_]+)\s*$", expr[:i])
                return match.group(1) if match else ""
            depth -= 1
    return None


def lint_expr(where, expr):
    check(expr.strip(), f"{where}: empty query")
    for match in re.finditer(r"\b(revbench_[a-z_]+|up)\b(\{[^}]*\})?", expr):
        check('run_id=~"$run_id"' in (match.group(2) or ""), f"{where}: {match.group(1)} not filtered on $run_id")
    for match in re.finditer(r"\b(revbench_[a-z_]+|up)\b", expr):
        metric = match.group(1)
        if not metric.endswith(COUNTER_SUFFIXES):
            continue
        function = enclosing_function(expr, match.start())
        check(function in ("rate", "increase"), f"{where}: counter {metric} outside rate()/increase() (in {function}())")
    for match in re.finditer(r"\b(rate|increase|irate|delta|idelta|[a-z_]+_over_time)\s*\(", expr):
        check(match.group(1) in ("rate", "increase"), f"{where}: {match.group(1)}() — use rate() or increase()")
    for match in re.finditer(r"\[([^\]]*)\]", expr):
        function = enclosing_function(expr, match.start())
        allowed = {"$__rate_interval"} | ({"$__range"} if function == "increase" else set())
        check(match.group(1) in allowed, f"{where}: range [{match.group(1)}] in {function}(): use $__rate_interval")


def case_lint():
    for name, dashboard in dashboards():
        variables = {v["name"] for v in dashboard["templating"]["list"]}
        check(VARIABLES <= variables, f"{name}: template variables {sorted(VARIABLES - variables)} missing")
        for v in dashboard["templating"]["list"]:
            if v["type"] == "query":
                check(v["datasource"]["uid"] == "${datasource}", f"{name}: variable {v['name']} not on $datasource")
        ids = [p["id"] for p in dashboard["panels"]]
        check(len(ids) == len(set(ids)), f"{name}: duplicate panel ids")
        check(dashboard.get("uid"), f"{name}: no uid (provisioned dashboards need a stable one)")
        for panel in dashboard["panels"]:
            title = panel.get("title", "")
            check(title.strip(), f"{name}: a panel has no title")
            check(panel.get("datasource", {}).get("uid") == "${datasource}", f"{name} '{title}': no templated datasource")
            check(panel.get("fieldConfig", {}).get("defaults", {}).get("unit"), f"{name} '{title}': no unit")
            check(panel.get("targets"), f"{name} '{title}': no query")
            check({"h", "w", "x", "y"} <= set(panel.get("gridPos", {})), f"{name} '{title}': no grid position")
            for target in panel["targets"]:
                check(target.get("datasource", {}).get("uid") == "${datasource}", f"{name} '{title}': target without datasource")
        for where, expr, _ in queries(name, dashboard):
            lint_expr(where, expr)
    datasource = yaml.safe_load((DASHBOARDS / "provisioning" / "datasources" / "revbench.yaml").read_text())
    source = datasource["datasources"][0]
    check(source["type"] == "prometheus" and source["url"].startswith("http://"), "provisioned datasource is not Prometheus")
    check(source["jsonData"]["timeInterval"] == "1s", "the datasource's timeInterval must match the 1s scrape interval")
    provider = yaml.safe_load((DASHBOARDS / "provisioning" / "dashboards" / "revbench.yaml").read_text())
    check(provider["providers"][0]["type"] == "file", "the dashboard provider must load files")
    scrape = yaml.safe_load((DASHBOARDS / "prometheus" / "prometheus.yml").read_text())
    check(scrape["global"]["scrape_interval"] == "1s", "scrape interval is not 1s")
    jobs = {job["job_name"] for job in scrape["scrape_configs"]}
    check(jobs == {"revbench-server", "revbench-load"}, f"scrape jobs {jobs}")
    checked = subprocess.run(["promtool", "check", "config", str(DASHBOARDS / "prometheus" / "prometheus.yml")],
                             capture_output=True, text=True)
    check(checked.returncode == 0, "promtool check config:\n" + checked.stdout + checked.stderr)
    # Lint the linter: a counter outside rate() and a fixed range must be caught.
    for bad in ['sum(rate(revbench_http_requests_total{strategy=~"$strategy"}[$__rate_interval]))',
                'sum(revbench_http_requests_total{run_id=~"$run_id"})',
                'rate(revbench_http_requests_total{run_id=~"$run_id"}[5m])',
                'histogram_quantile(0.9, revbench_http_request_duration_seconds_bucket)']:
        try:
            lint_expr("self-check", bad)
        except Failure:
            continue
        raise Failure(f"the lint let '{bad}' through")
    print(f"lint: {len(dashboards())} dashboards, "
          f"{sum(len(d['panels']) for _, d in dashboards())} panels: ok")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def substituted(expr, range_seconds, run_id):
    for name, value in [("$__rate_interval", "4s"), ("$__interval", "1s"), ("$__range", f"{range_seconds}s"),
                        ("$run_id", run_id), ("$strategy", ".*"), ("$scenario", ".*"), ("$instance", ".*")]:
        expr = expr.replace(name, value)
    return expr


def finite(result):
    for series in result:
        values = [series["value"]] if "value" in series else series.get("values", [])
        if any(math.isfinite(float(v[1])) for v in values):
            return True
    return False


def epoch(iso):
    return datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp()


def case_prometheus():
    with tempfile.TemporaryDirectory(prefix="revbench-dashboards-") as tmp:
        tmp = pathlib.Path(tmp)
        data = tmp / "prometheus-data"
        command = [BIN, "run", *SCENARIOS, "--out", str(tmp / "run.json"), "--observe", "--prometheus-port", "0",
                   "--observe-dir", str(data)]
        for strategy in STRATEGIES:
            command += ["--strategy", strategy]
        run = subprocess.run(command, capture_output=True, text=True, timeout=600)
        check(run.returncode == 0, f"revbench run --observe failed ({run.returncode}):\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}")
        observed = re.search(r"^OBSERVE http://127\.0\.0\.1:\d+ run_id=(\S+) ", run.stdout, re.MULTILINE)
        check(observed, "no OBSERVE line with the run id:\n" + run.stdout[-2000:])
        run_id = observed.group(1)
        replay = re.search(r"observed: to look at this run's metrics again, (prometheus .*)", run.stdout)
        check(replay, "no replay command printed:\n" + run.stdout[-2000:])
        results = json.loads((tmp / "run.json").read_text())
        start, end = epoch(results["started_at"]), epoch(results["ended_at"]) + 1
        # Prometheus again on the kept data, as printed (on a port of our own).
        port = free_port()
        argv = [re.sub(r"--web.listen-address=\S+", f"--web.listen-address=127.0.0.1:{port}", a)
                for a in shlex.split(replay.group(1))]
        log = open(tmp / "replay.log", "w")
        prometheus = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, cwd=tmp)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.time() + 60
            while True:
                try:
                    with urllib.request.urlopen(base + "/-/ready", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                check(time.time() < deadline and prometheus.poll() is None,
                      "prometheus did not come up on the kept data:\n" + (tmp / "replay.log").read_text()[-2000:])
                time.sleep(0.2)
            for label, expected, metric in [("strategy", STRATEGIES, "revbench_http_requests_total"),
                                            ("scenario", SCENARIOS, "revbench_load_requests_total"),
                                            ("run_id", [run_id], "revbench_build_info")]:
                values = get_json(f"{base}/api/v1/label/{label}/values?match[]={metric}&start={start}&end={end}")["data"]
                check(set(expected) <= set(values), f"label_values({metric}, {label}) = {values}, expected {expected}")
            evaluated = 0
            for name, dashboard in dashboards():
                for where, expr, _ in queries(name, dashboard):
                    query = substituted(expr, int(end - start) + 5, run_id)
                    found = False
                    for t in range(int(start), int(end) + 1):
                        answer = get_json(f"{base}/api/v1/query?" + urllib.parse.urlencode({"query": query, "time": t}))
                        check(answer["status"] == "success", f"{where}: {answer}")
                        if answer["data"]["result"] and finite(answer["data"]["result"]):
                            found = True
                            break
                    check(found, f"{where}: no data at any second of the run\n  {query}")
                    evaluated += 1
            print(f"prometheus: {evaluated} panel queries and annotations return data")
        finally:
            prometheus.terminate()
            prometheus.wait(timeout=30)
            log.close()


if __name__ == "__main__":
    sys.exit(run_cases(__doc__, {"lint": case_lint, "prometheus": case_prometheus}))
