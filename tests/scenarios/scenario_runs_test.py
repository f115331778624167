#!/usr/bin/env python3
"""End-to-end runs of the real `revbench` binary on embedded Redis and PostgreSQL.

usage: scenario_runs_test.py CASE   (CASE: matrix, matrix_1, matrix_2, fleet, refresh_policies, interrupt,
                                          thresholds, target, other_results, outage)

matrix       `revbench compare`: every shipped scenario on every strategy; the
             results file validates against the schema and every verdict
             matches the strategy's stated promise, figure by figure.
             matrix_1 and matrix_2 split the strategies in two, to run side by side;
             each plays its strategies in $REVBENCH_E2E_PROCESSES (3) `revbench compare`
             processes at once.
fleet        `revbench run --instances 3`: lag probed on three server processes;
             the in-memory strategies' propagation lag, and the report showing it.
refresh_policies the four refresh-race policies under the tab race and both thefts.
interrupt    client metrics served while it runs; SIGINT mid-run leaves a valid
             results file marked incomplete.
thresholds   a violated --threshold exits 3 and names the run and the figure.
target       `revbench run --target`: someone else's server, strategy read from /healthz.
other_results the results files of `revbench load` and `revbench lag` validate too.
outage       the store-outage scenarios: Redis and PostgreSQL killed and stalled
             mid-run; each strategy fails as it declares (closed: 503, open:
             accepted), the server's clients reconnect within 1 s of the store's
             return, and every later request succeeds again. partial-outage-revoke:
             bans and password changes with one store down are all or nothing,
             the client is told which, and every owed revocation lands.
"""
import json
import os
import pathlib
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

import jsonschema
import yaml

REPO = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("REVBENCH_BIN", str(REPO / "build" / "release" / "revbench"))
SCHEMA = json.loads((REPO / "results" / "results.schema.json").read_text())
STRATEGIES = ["short-ttl", "redis-denylist", "pg-token-version", "refresh-rotation", "secret-rotation", "allowlist",
              "local-denylist", "not-before", "per-user-secret", "hybrid-freshness"]
# The refresh-race policies differ from refresh-rotation only where refresh
# tokens race: the `refresh_policies` case plays them.
REFRESH_POLICIES = ["refresh-rotation", "refresh-rotation-grace", "refresh-rotation-replay", "refresh-rotation-lazy"]
# The scenarios that kill the stores (`faults:`) are played by the `outage` case;
# the `network` set's (links, link faults, regions) by tests/network/, the
# `topology` set's (replicated stores) by tests/topology/, the `population`
# set's (stores a production's size) by tests/session/population_test.py.
SCENARIOS = sorted(p.stem for p in (REPO / "scenarios").glob("*.yaml")
                   if not yaml.safe_load(p.read_text()).get("faults") and yaml.safe_load(p.read_text()).get("set") not in ("network", "topology", "population"))
# A subset (comma-separated) for slow builds (sanitizers); all of them otherwise.
if os.environ.get("REVBENCH_E2E_SCENARIOS"):
    SCENARIOS = os.environ["REVBENCH_E2E_SCENARIOS"].split(",")
# How many `revbench compare` processes a matrix part runs at once (fewer
# under the sanitizers, whose servers are CPU-bound).
COMPARE_PROCESSES = int(os.environ.get("REVBENCH_E2E_PROCESSES", "3"))


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def validate(path):
    document = json.loads(pathlib.Path(path).read_text())
    # The file names its schema, by the schema's own $id.
    check(document.get("$schema") == SCHEMA["$id"], f"{path}: $schema {document.get('$schema')!r}, not {SCHEMA['$id']!r}")
    errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(document))
    check(not errors, f"{path} does not match the schema: " + "; ".join(
        "/".join(map(str, e.absolute_path)) + ": " + e.message[:200] for e in errors[:3]))
    return document


def revbench(*args, timeout=900):
    result = subprocess.run([BIN, *args], capture_output=True, text=True, timeout=timeout)
    sys.stdout.write(result.stdout[-6000:])
    sys.stderr.write(result.stderr[-3000:])
    return result


def group_count(scenario, group):
    """How many actors a group of a shipped scenario has."""
    script = yaml.safe_load((REPO / "scenarios" / f"{scenario}.yaml").read_text())
    for actor in script["actors"]:
        if actor["name"] == group:
            return actor.get("count", 1)
    raise Failure(f"{scenario} has no group {group}")


def legit_resource(run):
    requests = redis = pg = 0
    outcomes = {}
    for e in run["endpoints"]:
        if e["endpoint"] != "resource":
            continue
        requests += e["requests"]
        redis += e["redis_ops_per_request"] * e["requests"]
        pg += e["pg_ops_per_request"] * e["requests"]
        for k, v in e["outcomes"].items():
            outcomes[k] = outcomes.get(k, 0) + v
    return requests, redis, pg, outcomes


def check_run(run):
    name = f"{run['strategy']} x {run['scenario']}"
    s = run["security"]
    lag = run["revocation_lag"]
    ttl = run["access_ttl_seconds"]
    check(run["complete"], f"{name}: incomplete")
    check(run["verdict"]["kept"], f"{name}: promise broken: {run['verdict']['reason']}")
    check(run["store_ops_check"]["checked"] and run["store_ops_check"]["match"],
          f"{name}: store ops announced differ from the stores' own counts: {run['store_ops_check']}")
    check(s["failed_steps"] == 0, f"{name}: failed steps: {run['notes'][:3]}")
    check(s["hostile_names_served"] == 0 and s["changes_half_done"] == 0, f"{name}: {s}")
    requests, redis, pg, outcomes = legit_resource(run)
    check(requests > 0, f"{name}: no legitimate traffic recorded")
    # Store ops per request on the hot path are exact, not approximate. A token
    # refused by its signature or its times (one that expired on the way, on a
    # slow build) never reaches the store: those requests cost nothing.
    expected = {"redis-denylist": (1, 0), "pg-token-version": (0, 1), "allowlist": (1, 0)}.get(run["strategy"], (0, 0))
    # Asked only now and then, by design: a token older than N (hybrid-freshness), a user not yet
    # cached (per-user-secret). At most one Redis op per request, never PostgreSQL.
    occasional = run["strategy"].startswith("hybrid-freshness") or run["strategy"] == "per-user-secret"
    before_store = sum(n for k, n in outcomes.items()
                       if k in ("401 expired", "401 malformed", "401 bad_signature", "401 unknown_kid", "401 not_yet_valid"))
    checked = requests - before_store
    check((occasional and round(redis) <= checked and pg == 0) or
          (round(redis) == expected[0] * checked and round(pg) == expected[1] * checked),
          f"{name}: store ops per GET /api/resource that reached the strategy's check: redis {redis / checked}, "
          f"pg {pg / checked}, expected {expected} ({outcomes})")
    check(all(k.startswith("2") or k.startswith("401") for k in outcomes),
          f"{name}: legitimate requests got {outcomes}")

    promise = run["promise"]
    if promise == "not_revoked":
        # The event revokes nothing by the strategy's own account: nothing to hold it to but its word.
        check("not revoked" in run["verdict"]["reason"], f"{name}: {run['verdict']}")
        return
    if promise in ("", "not_applicable"):
        check(lag["count"] == 0 or promise == "", f"{name}: a lag measured for an event the strategy cannot see")
        return
    # The thieves a revocation is measured on (hostile-names' attacker holds nothing to revoke).
    thieves = [g for g in yaml.safe_load((REPO / "scenarios" / f"{run['scenario']}.yaml").read_text())["actors"]
               if g.get("role") == "thief" and "revoked_by" in g]
    def racing(group):
        return any(isinstance(step, dict) and "racing-logins" in step for step in group["steps"])
    # A probing thief measures one revocation; racing logins one per session they got (none for a
    # login the revocation refused, counted apart): as many as the race allowed, at least one in all.
    victims = sum(g.get("count", 1) for g in thieves if not racing(g))
    raced = s["revocations_probed"] - victims + s.get("racing_logins_refused", 0)
    check(s["never_rejected"] == 0, f"{name}: {s['never_rejected']} stolen token(s) never rejected")
    if any(racing(g) for g in thieves):
        check(raced > 0, f"{name}: the racing logins measured nothing: {s}")
    else:
        check(s["revocations_probed"] == victims,
              f"{name}: {s['revocations_probed']} of {victims} revocations measured")
    if promise == "immediate":
        # Nothing sent after the revoking response gets through; the lag is a round trip, not seconds.
        check(s["accepted_after_revoke"] == 0, f"{name}: thief got {s['accepted_after_revoke']} requests through")
        check(lag["max_seconds"] < 0.5, f"{name}: lag {lag['max_seconds']} s for an immediate revoke")
    if promise == "within_bound":
        # At once where revoked; on the rest of a fleet within the promised propagation bound.
        check(lag["max_seconds"] <= run["promise_bound_seconds"],
              f"{name}: lag {lag['max_seconds']} s beyond the promised {run['promise_bound_seconds']} s")
    if promise == "after_access_ttl":
        # The stolen token lives out its remaining TTL: not a round trip, never more than the TTL.
        # (A racing login's refresh token is probed too, and its family ends at once.)
        check((any(racing(g) for g in thieves) or 0.3 < lag["min_seconds"]) and lag["max_seconds"] <= ttl + 1,
              f"{name}: lag {lag['min_seconds']}..{lag['max_seconds']} s, expected the remaining TTL (<= {ttl} s)")
        check(s["accepted_after_revoke"] > 0, f"{name}: the thief should get through until the token expires")
    if run.get("everyone_logged_out") and run["event"] != "secret_rotation":
        # Revoking one user's token logs out everyone else: bystanders are collateral
        # (when the event is the rotation itself, everyone was its target).
        check(s["collateral_logouts"] > 0, f"{name}: everyone should be logged out, no collateral seen")


class Runs(dict):
    """Runs by (strategy, scenario); a check on a scenario that did not run is skipped."""

    def __missing__(self, key):
        raise Skip()


class Skip(Exception):
    pass


def check_specifics(runs):
    by = Runs({(r["strategy"], r["scenario"]): r for r in runs})
    for check_one in SPECIFICS:
        try:
            check_one(by)
        except Skip:
            pass


def each(check_one, items):
    """check_one(item) for every item whose runs are there (a matrix part plays some strategies)."""
    for item in items:
        try:
            check_one(item)
        except Skip:
            pass


def single_device_logout(by):
    # The victim's other device survives, except where the strategy ends every session.
    def spares_other_devices(strategy):
        check(by[(strategy, "logout")]["security"]["collateral_logouts"] == 0, f"{strategy} logout hit other sessions")

    def ends_every_device(strategy):
        check(by[(strategy, "logout")]["security"]["collateral_logouts"] == group_count("logout", "victim"),
              f"{strategy}'s logout should end each victim's other device (a per-user version, time or secret)")
    each(spares_other_devices, ("redis-denylist", "refresh-rotation", "allowlist", "local-denylist"))
    each(ends_every_device, ("pg-token-version", "not-before", "per-user-secret"))


def reuse_detection(by):
    # Refresh-token reuse is detected where the strategy rotates refresh tokens.
    thief_first = by[("refresh-rotation", "refresh-theft-thief-first")]["security"]
    check(thief_first["theft_detections"] >= group_count("refresh-theft-thief-first", "victim"),
          f"refresh-rotation did not detect the reuse: {thief_first}")


def multi_tab_race(by):
    race = by[("refresh-rotation", "multi-tab-refresh-race")]["security"]
    check(race["false_theft_detections"] > 0, "strict rotation should flag concurrent tabs as theft")
    each(lambda strategy: check(by[(strategy, "multi-tab-refresh-race")]["security"]["false_theft_detections"] == 0,
                                f"{strategy} detects theft without refresh tokens"),
         [s for s in STRATEGIES if s != "refresh-rotation"])


def quiet_browsing(by):
    each(lambda strategy: check(by[(strategy, "steady-browse")]["security"]["collateral_logouts"] == 0,
                                f"{strategy} logs out idle browsers"), STRATEGIES)


def rotation_storm(by):
    # Where rotation kills every token, every reader logs in again within the storm phase.
    storm = by[("secret-rotation", "secret-rotation-storm")]
    readers = group_count("secret-rotation-storm", "reader")
    check(storm["security"]["relogins"] >= readers * 0.9, f"secret-rotation storm: {storm['security']['relogins']} relogins")
    quiet = by[("redis-denylist", "secret-rotation-storm")]
    check(quiet["security"]["relogins"] == 0, "a graceful rotation should not force anyone to log in again")


SPECIFICS = [single_device_logout, reuse_detection, multi_tab_race, quiet_browsing, rotation_storm]


def revbench_side_by_side(tmp, plays):
    """`revbench ARGS --out FILE` for every (name, ARGS) of `plays` at once, each with its own embedded stores;
    the exit status and results file of each, in order. A scenario takes as long as its phases and mostly
    waits, so plays share the cores without changing a verdict (the checks are about behaviour, not speed)."""
    children = []
    for name, arguments in plays:
        out, log = tmp / f"{name}.json", tmp / f"{name}.log"
        with log.open("w") as sink:  # files, not pipes: no child blocks on a full pipe while another is read
            children.append((out, log, subprocess.Popen([BIN, *arguments, "--out", str(out)], stdout=sink,
                                                        stderr=subprocess.STDOUT)))
    deadline = time.monotonic() + 900  # for all of them, as one play alone had
    try:
        statuses = [child.wait(timeout=max(0.0, deadline - time.monotonic())) for _, _, child in children]
    finally:  # a timeout leaves no revbench behind; SIGINT lets each stop its servers and stores
        for _, _, child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGINT)
        for _, _, child in children:
            try:
                child.wait(timeout=60)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
    for (_, arguments), (_, log, _) in zip(plays, children):
        sys.stdout.write(f"--- revbench {' '.join(arguments)}\n" + log.read_text()[-6000:])
    return [(status, out) for status, (out, _, _) in zip(statuses, children)]


def compare_side_by_side(tmp, strategies, processes):
    """Every scenario on `strategies` by `revbench compare`, the strategies in `processes` groups at once."""
    groups = [strategies[i::processes] for i in range(processes) if strategies[i::processes]]
    plays = [(f"compare-{i}", ["compare", *[arg for s in SCENARIOS for arg in ("--scenario", s)],
                                *[arg for s in group for arg in ("--strategy", s)]]) for i, group in enumerate(groups)]
    runs = []
    for group, (status, out) in zip(groups, revbench_side_by_side(tmp, plays)):
        check(status == 0, f"revbench compare of {group} exited {status}")
        document = validate(out)
        check(document["complete"] and document["kind"] == "compare", f"compare results of {group} incomplete")
        runs += document["runs"]
    return runs


def case_matrix(tmp, part=None):
    """Every scenario on every strategy; part k of 2 plays every other strategy, so two parts can run at once,
    and each part plays its strategies in COMPARE_PROCESSES groups at once."""
    strategies = STRATEGIES if part is None else STRATEGIES[part - 1::2]
    runs = compare_side_by_side(tmp, strategies, COMPARE_PROCESSES)
    seen = {(r["strategy"], r["scenario"]) for r in runs}
    missing = {(s, c) for s in strategies for c in SCENARIOS} - seen
    check(not missing, f"runs missing: {sorted(missing)}")
    problems = []
    for run in runs:
        try:
            check_run(run)
        except Failure as failure:
            problems.append(str(failure))
    check(not problems, "\n".join(problems))
    check_specifics(runs)


def case_fleet(tmp):
    out = tmp / "fleet.json"
    result = revbench("run", "logout", "ban", "--strategy", "redis-denylist", "--strategy", "pg-token-version",
                      "--strategy", "short-ttl", "--strategy", "local-denylist", "--strategy", "not-before",
                      "--strategy", "per-user-secret",
                      "--instances", "3", "--out", str(out))
    check(result.returncode == 0, f"revbench run --instances 3 exited {result.returncode}")
    for run in validate(out)["runs"]:
        check(run["instances"] == 3, "not a fleet of 3")
        check_run(run)
        if run["strategy"] in ("local-denylist", "not-before", "per-user-secret"):
            # In-memory strategies: a logout served by one instance reaches the other two over pub/sub.
            lag = run["revocation_lag"]
            check(lag["count"] > 0 and lag["max_seconds"] <= run["promise_bound_seconds"],
                  f"{run['strategy']} {run['scenario']}: fleet propagation lag {lag}")
            print(f"{run['strategy']} {run['scenario']}: propagation lag p50 {lag['p50_seconds'] * 1e3:.2f} ms, "
                  f"max {lag['max_seconds'] * 1e3:.2f} ms over {lag['count']} revocations; thief accepted "
                  f"{run['security']['accepted_after_revoke']} meanwhile")
    # The report shows the fleet's lag distribution (the revocation lag CDF).
    report = tmp / "report"
    result = revbench("report", str(out), "--out", str(report))
    check(result.returncode == 0, f"revbench report exited {result.returncode}")
    markdown = (report / "report.md").read_text()
    cdf = (report / "charts" / "revocation-lag-cdf.gp").read_text() if (report / "charts" / "revocation-lag-cdf.gp").exists() else ""
    for strategy in ("local-denylist", "not-before", "per-user-secret"):
        check(f"`{strategy}`" in markdown and strategy in cdf, f"the report does not show {strategy}'s lag distribution")


def case_refresh_policies(tmp):
    """The four refresh-race policies head to head under the tab race and both thefts."""
    out = tmp / "policies.json"
    scenarios = ["multi-tab-refresh-race", "refresh-theft-thief-first", "refresh-theft-victim-first"]
    result = revbench("compare", "--out", str(out), *[arg for s in scenarios for arg in ("--scenario", s)],
                      *[arg for s in REFRESH_POLICIES for arg in ("--strategy", s)])
    check(result.returncode == 0, f"revbench compare of the refresh policies exited {result.returncode}")
    by = {(r["strategy"], r["scenario"]): r for r in validate(out)["runs"]}
    for (strategy, scenario), run in by.items():
        check_run(run)
    tabs = {p: by[(p, "multi-tab-refresh-race")]["security"]["false_theft_detections"] for p in REFRESH_POLICIES}
    print(f"false theft detections under the tab race: {tabs}")
    check(tabs["refresh-rotation"] > 0, "strict rotation should take racing tabs for thieves")
    # Races of 3, 5 and 10 tabs: grace once took the losers of a race of three for thieves.
    for policy in ("refresh-rotation-grace", "refresh-rotation-replay", "refresh-rotation-lazy"):
        check(tabs[policy] == 0, f"{policy} took racing tabs for thieves ({tabs[policy]})")
    check(by[("refresh-rotation", "refresh-theft-victim-first")]["security"]["theft_detections"] > 0,
          "strict rotation should catch a thief who comes second")
    report = tmp / "report"
    result = revbench("report", str(out), "--out", str(report))
    check(result.returncode == 0, f"revbench report exited {result.returncode}")
    markdown = (report / "report.md").read_text()
    heading = "\n### Refresh-race policies\n"
    section = markdown.split(heading)[1].split("\n## ")[0].split("\n### ")[0] if heading in markdown else ""
    for policy in REFRESH_POLICIES:
        check(f"| `{policy}` |" in section, f"the report's refresh-race table has no row for {policy}")
    check("| `refresh-rotation-replay` | 2 s |" in section and "until the child's first use" in section,
          f"the report does not say each policy's window:\n{section}")


def case_interrupt(tmp):
    out = tmp / "interrupted.json"
    process = subprocess.Popen([BIN, "run", "steady-browse", "logout", "--strategy", "short-ttl", "--out", str(out),
                                "--metrics-port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    metrics_url = None
    for line in process.stdout:  # wait until the first scenario is under way
        if line.startswith("METRICS "):
            metrics_url = line.split()[1]
        if "running steady-browse" in line or time.time() > deadline:
            break
    time.sleep(2.5)
    # While it runs, the client-side metrics are served and pass Prometheus's linter.
    check(metrics_url is not None, "no METRICS line printed")
    with urllib.request.urlopen(metrics_url, timeout=10) as response:
        metrics = response.read().decode()
    series = 'revbench_load_requests_total{outcome="ok",scenario="steady-browse",strategy="short-ttl"} '
    check(series in metrics and float(metrics.split(series)[1].split()[0]) > 500, f"client metrics: {metrics[:800]}")
    for family in ("revbench_build_info{", "revbench_load_request_duration_seconds_bucket", "revbench_load_revocation_lag_seconds_count",
                   "revbench_load_accepted_after_revoke_total", "revbench_load_collateral_logouts_total"):
        check(family in metrics, f"{family} is not served")
    # The actors' timers: how late the generator woke for what it had scheduled.
    woke = 'revbench_load_generator_lag_seconds_count{scenario="steady-browse",strategy="short-ttl"} '
    check(woke in metrics and float(metrics.split(woke)[1].split()[0]) > 100, f"generator lag: {metrics[:800]}")
    lint = subprocess.run(["promtool", "check", "metrics"], input=metrics, capture_output=True, text=True)
    check(lint.returncode == 0, f"promtool check metrics: {lint.stdout}{lint.stderr}")
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    check(process.returncode == 130, f"interrupted run exited {process.returncode}: {stderr[-500:]}")
    document = validate(out)
    check(document["complete"] is False, "an interrupted run must be marked incomplete")
    check(len(document["runs"]) == 1 and document["runs"][0]["complete"] is False,
          "the interrupted scenario should be kept, marked incomplete")
    check(legit_resource(document["runs"][0])[0] > 0, "what was measured before the interrupt is lost")


def case_thresholds(tmp):
    out = tmp / "thresholds.json"
    result = revbench("run", "logout", "--strategy", "short-ttl", "--threshold", "accepted_after_revoke==0",
                      "--threshold", "p99<10s", "--out", str(out))
    check(result.returncode == 3, f"a violated threshold must exit 3, got {result.returncode}")
    check("logout x short-ttl" in result.stderr and "accepted_after_revoke" in result.stderr,
          "the violation must name the run and the figure")
    verdicts = {t["threshold"]: t["passed"] for t in validate(out)["thresholds"]}
    check(verdicts == {"accepted_after_revoke==0": False, "p99<10s": True}, f"threshold verdicts {verdicts}")
    bad = revbench("run", "logout", "--strategy", "short-ttl", "--threshold", "lag_max<fast")
    check(bad.returncode != 0 and "lag_max<fast" in bad.stderr, "a malformed threshold must be refused by name")


def case_target(tmp):
    """`revbench run --target`: servers someone else runs, no servers or seeding of its own."""
    server = subprocess.Popen([BIN, "serve", "--strategy", "redis-denylist", "--seed-users", "100", "--access-ttl", "2",
                               "--admin-token", "t"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = None
        deadline = time.time() + 60
        while url is None and time.time() < deadline:
            line = server.stdout.readline()
            if line.startswith("LISTENING "):
                url = line.split()[1]
        check(url is not None, "revbench serve did not start")
        out = tmp / "target.json"
        result = revbench("run", "logout", "ban", "--target", url, "--admin-token", "t", "--out", str(out))
        check(result.returncode == 0, f"revbench run --target exited {result.returncode}")
        runs = validate(out)["runs"]
        check([r["strategy"] for r in runs] == ["redis-denylist", "redis-denylist"], "the strategy comes from /healthz")
        for run in runs:
            check(run["verdict"]["kept"] and run["security"]["revocations_probed"] == 3,
                  f"{run['scenario']} on a target: {run['verdict']} {run['notes'][:3]}")
            check(run["store_ops_check"] == {"checked": False}, "the stores are not ours to count")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def case_other_results(tmp):
    server = subprocess.Popen([BIN, "serve", "--strategy", "redis-denylist", "--seed-users", "20", "--admin-token", "t"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = None
        deadline = time.time() + 60
        while url is None and time.time() < deadline:
            line = server.stdout.readline()
            if line.startswith("LISTENING "):
                url = line.split()[1]
        check(url is not None, "revbench serve did not start")
        load_out, lag_out = tmp / "load.json", tmp / "lag.json"
        check(revbench("load", "--target", url, "--login", "user-000001", "--path", "/api/resource", "--rate", "200",
                       "--duration", "1.5", "--warmup", "0.5", "--out", str(load_out)).returncode == 0, "revbench load failed")
        check(validate(load_out)["kind"] == "load", "load results")
        # A POST with a body: the generator writes the request's bytes itself.
        post_out = tmp / "post.json"
        check(revbench("load", "--target", url, "--method", "POST", "--path", "/auth/login", "--body",
                       '{"user":"user-000002","password":"pw-user-000002"}', "--closed", "--connections", "2",
                       "--requests", "20", "--warmup", "0", "--out", str(post_out)).returncode == 0, "revbench load of a POST failed")
        statuses = validate(post_out)["result"]["statuses"]
        check(statuses == {"200": 20}, f"logins through revbench load: {statuses}")
        # What would break the request's lines is refused before anything is sent.
        for option, value, named in (("--path", "/api/resource HTTP/1.0\r\nX: y", "path"), ("--method", "get", "method"),
                                     ("--token", "a\r\nX-Injected: 1", "printable ASCII")):
            refused = revbench("load", "--target", url, option, value, "--requests", "1")
            check(refused.returncode != 0 and named in refused.stderr,
                  f"revbench load {option} {value!r}: exit {refused.returncode}, {refused.stderr[-300:]!r}")
        check(revbench("lag", "--target", url, "--trials", "3", "--first-user", "5", "--out", str(lag_out)).returncode == 0,
              "revbench lag failed")
        check(validate(lag_out)["kind"] == "revocation_lag", "lag results")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def phase_outcomes(run, phase, thief=False):
    counts = {}
    for e in run["endpoints"]:
        if e["phase"] == phase and e["endpoint"].startswith("thief_") == thief:
            for outcome, n in e["outcomes"].items():
                counts[outcome] = counts.get(outcome, 0) + n
    return counts


# Which strategies revoke in Redis (a ban with Redis down is owed) and in
# PostgreSQL (with PostgreSQL down nothing is made, whatever the strategy).
REVOKE_IN_REDIS = {"redis-denylist", "allowlist", "local-denylist", "not-before", "per-user-secret", "hybrid-freshness"}
PARTIAL_OUTAGE_STRATEGIES = ["redis-denylist", "pg-token-version", "local-denylist", "per-user-secret", "short-ttl"]
# Under the sanitizers (a slow build: a subset of scenarios), one strategy on each store: the fault
# thread's paths are the same whatever the strategy, and each run takes the whole scenario's 11 s.
if os.environ.get("REVBENCH_E2E_SCENARIOS"):
    PARTIAL_OUTAGE_STRATEGIES = ["redis-denylist", "pg-token-version"]


def check_partial_outage(run):
    label = f"{run['scenario']} x {run['strategy']}"
    s = run["security"]
    check(run["complete"] and [f["store"] for f in run["faults"]] == ["redis", "postgres"], f"{label}: faults {run['faults']}")
    check(run["verdict"]["kept"], f"{label}: {run['verdict']['reason']}")
    check(s["changes_half_done"] == 0, f"{label}: {s['changes_half_done']} change(s) said not made were made")
    # 2 bans and 4 password changes per outage, every one made in the end (retried while a store was down).
    check(s["failed_steps"] == 0 and s["changes_revoked"] + s["changes_owed"] == 12, f"{label}: changes {s}; {run['notes'][:4]}")
    # With PostgreSQL down nothing can be made: every strategy answered 503 and was asked again.
    check(s["changes_unavailable"] >= 4, f"{label}: {s['changes_unavailable']} changes refused while a store was down")
    # With Redis down a ban is made in PostgreSQL and its revocation owed where Redis holds it.
    owed = 2 if run["strategy"] in REVOKE_IN_REDIS else 0
    check(s["changes_owed"] == owed, f"{label}: {s['changes_owed']} revocations owed, expected {owed}")
    check(s["revocations_probed"] == 4 and s["never_rejected"] == 0, f"{label}: probes {s}")


def case_outage(tmp):
    plays = [(["run", "store-outage-redis", "--strategy", "redis-denylist", "--strategy", "short-ttl"], "closed"),
             (["run", "store-outage-postgres", "--strategy", "pg-token-version"], "closed"),
             (["run", "store-outage-redis", "--strategy", "redis-denylist", "--fail-open"], "open"),
             (["compare", "--scenario", "partial-outage-revoke",
               *[arg for s in PARTIAL_OUTAGE_STRATEGIES for arg in ("--strategy", s)]], "closed")]
    results = revbench_side_by_side(tmp, [(f"outage-{i}", arguments) for i, (arguments, _) in enumerate(plays)])
    partial = validate(results[-1][1])["runs"]
    check(results[-1][0] == 0, f"revbench {' '.join(plays[-1][0])} exited {results[-1][0]}")
    check(sorted(r["strategy"] for r in partial) == sorted(PARTIAL_OUTAGE_STRATEGIES), "partial-outage-revoke runs missing")
    for run in partial:
        check_partial_outage(run)
    for (arguments, policy), (status, out) in zip(plays[:-1], results[:-1]):
        check(status == 0, f"revbench run {' '.join(arguments)} exited {status}")
        for run in validate(out)["runs"]:
            label = f"{run['scenario']} x {run['strategy']} (fail {policy})"
            check(run["complete"] and len(run["faults"]) == 2, f"{label}: {len(run['faults'])} faults recorded")
            check(run["store_ops_check"] == {"checked": False}, f"{label}: a killed store's counters cannot be compared")
            store = run["faults"][0]["store"]
            depends = (run["strategy"], store) in (("redis-denylist", "redis"), ("pg-token-version", "postgres"))
            for fault in run["faults"]:
                check(0 <= fault["reconnect_seconds"] <= 1.0,
                      f"{label}: the server took {fault['reconnect_seconds']:.2f} s to reconnect after {fault['phase']}")
                check(fault["returned_at_seconds"] > fault["injected_at_seconds"], f"{label}: fault times {fault}")
            killed = run["faults"][0]
            users = killed["users"]
            total = sum(users.values())
            # The kill lands a few milliseconds into its phase (a /proc scan, a
            # thread's wake-up): requests sent before it may still succeed.
            if depends and policy == "closed":
                check(users.get("503 store_unavailable", 0) >= 0.95 * total and set(users) <= {"503 store_unavailable", "200"}
                      and killed["thief_accepted"] <= 0.05 * killed["thief_requests"],
                      f"{label}: fail closed, yet while {store} was down users got {users}, thief {killed['thieves']}")
            elif depends:
                check(set(users) == {"200"} and killed["thief_accepted"] == killed["thief_requests"] > 0,
                      f"{label}: fail open, yet while {store} was down users got {users}, thief {killed['thieves']}")
                check("accepted" in killed["thief_could"], f"{label}: {killed['thief_could']}")
            else:
                check(set(users) == {"200"}, f"{label}: {store} is not on this strategy's path, yet users got {users}")
            # Once the store is back: every user request succeeds, and a revoked token stays revoked
            # (the deny-list survived the kill: Redis persists it) unless the strategy cannot revoke.
            for phase in ("after",):
                check(set(phase_outcomes(run, phase)) == {"200"}, f"{label}: after the faults users got {phase_outcomes(run, phase)}")
                thief = phase_outcomes(run, phase, thief=True)
                if run["strategy"] != "short-ttl":
                    check(set(thief) == {"401 revoked"}, f"{label}: after the faults the thief got {thief}")


def main():
    cases = {"matrix": case_matrix, "matrix_1": lambda tmp: case_matrix(tmp, 1), "matrix_2": lambda tmp: case_matrix(tmp, 2),
             "fleet": case_fleet, "refresh_policies": case_refresh_policies, "interrupt": case_interrupt, "thresholds": case_thresholds, "target": case_target,
             "other_results": case_other_results, "outage": case_outage}
    if len(sys.argv) != 2 or sys.argv[1] not in cases:
        print(__doc__, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="revbench-e2e-") as tmp:
        try:
            cases[sys.argv[1]](pathlib.Path(tmp))
        except Failure as failure:
            print(f"FAILED {sys.argv[1]}: {failure}", file=sys.stderr)
            return 1
    print(f"PASSED {sys.argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
