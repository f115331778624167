#!/usr/bin/env python3
"""Populations from outside: `revbench run` with --users, --live-sessions and
--prior-revocations on stores the test starts (`revbench stores`), then the
stores read with redis-cli and psql. Every strategy's part is in its own
layout, with the count asked and lifetimes spread over the access TTL; the
bystanders are seeded once (a second session adds none); the run's record
says what each strategy kept and what the stores weighed; the revocations of
the run still land (the verdicts hold) with the stores full; and bad
population input stops everything before a store starts."""
import pathlib
import re
import subprocess
import sys
import time

import yaml

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "network"))
from revbench_runs import BIN, REPO, check, check_refused_before_stores, played, run_tests  # noqa: E402

USERS, SESSIONS, REVOCATIONS = 20000, 30000, 40000
TTL = 3600  # seconds: the population's revocations expire over an hour, a few of them while the test runs
# refresh-rotation-grace keeps its state in refresh-rotation's layout: the two share one population.
STRATEGIES = ["redis-denylist", "local-denylist", "allowlist", "refresh-rotation", "refresh-rotation-grace",
              "pg-token-version"]
# What each strategy keeps of the population: (live sessions, prior revocations).
KEPT = {"redis-denylist": (0, REVOCATIONS), "local-denylist": (0, REVOCATIONS), "allowlist": (SESSIONS, 0),
        "refresh-rotation": (SESSIONS, REVOCATIONS), "refresh-rotation-grace": (SESSIONS, REVOCATIONS),
        "pg-token-version": (0, 0)}  # its bumps add nothing: the version is a column every row has


def logout_with_long_tokens(tmp):
    """The shipped logout script with tokens that outlive the test."""
    script = yaml.safe_load((REPO / "scenarios" / "logout.yaml").read_text())
    script["access_ttl"] = f"{TTL}s"
    path = pathlib.Path(tmp) / "logout-long.yaml"
    path.write_text(yaml.safe_dump(script))
    return str(path)


def start_stores(tmp):
    out = pathlib.Path(tmp) / "stores.out"
    process = subprocess.Popen([BIN, "stores"], stdout=open(out, "w"), stderr=subprocess.STDOUT)
    deadline = time.time() + 90
    while time.time() < deadline:
        text = out.read_text()
        if re.search(r"^READY", text, re.M):
            return process, re.search(r"^REVBENCH_REDIS_URL=(\S+)", text, re.M).group(1), \
                re.search(r"^REVBENCH_PG_URL=(\S+)", text, re.M).group(1)
        check(process.poll() is None, f"revbench stores exited: {text[-400:]}")
        time.sleep(0.2)
    process.kill()
    check(False, "revbench stores did not start")


def redis(url, *command):
    return subprocess.run(["redis-cli", "-u", url, *command], capture_output=True, text=True, timeout=120,
                          check=True).stdout.strip()


def sql(url, query):
    return subprocess.run(["psql", url, "-XAtc", query], capture_output=True, text=True, timeout=120,
                          check=True).stdout.strip()


def keys_like(url, pattern):
    """Every key matching the pattern, by SCAN (as a production Redis would want it asked)."""
    out = subprocess.run(["redis-cli", "-u", url, "--scan", "--pattern", pattern],
                         capture_output=True, text=True, timeout=120, check=True).stdout.split()
    return out


def check_remaining_lifetimes(url, keys):
    """Spread over (0, TTL]: a sample's TTLs lie in it, and their mean is near half of it."""
    sample = keys[:2000]
    pipe = "\n".join(f"TTL {key}" for key in sample) + "\n"
    answers = subprocess.run(["redis-cli", "-u", url], input=pipe, capture_output=True, text=True, timeout=60,
                             check=True).stdout.split()
    ttls = [int(t) for t in answers if t != "-2"]  # -2: expired since the scan listed it
    check(all(0 <= t <= TTL for t in ttls), f"TTLs outside [0, {TTL}]: {sorted(ttls)[:3]} ... {sorted(ttls)[-3:]}")
    mean = sum(ttls) / len(ttls)
    check(abs(mean - TTL / 2) < TTL * 0.1, f"remaining lifetimes are not spread over the TTL: mean {mean:.0f} s")


def test_each_strategy_keeps_the_population_in_its_own_layout(tmp):
    stores, redis_url, pg_url = start_stores(tmp)
    try:
        script = logout_with_long_tokens(tmp)
        population = ["--users", str(USERS), "--live-sessions", str(SESSIONS), "--prior-revocations", str(REVOCATIONS)]
        each = [word for name in STRATEGIES for word in ("--strategy", name)]
        started = time.time()
        # refresh-rotation's logout waits out the access TTL, longer than the thief's probe lasts: its (and its policy's)
        # verdict is broken by the long tokens, not by the population, and exits 4.
        # Two instances: processes of their own, whose start (the in-memory strategies' catch-up) and memory are measured.
        document = played(tmp, "populated", script, *each, *population, "--instances", "2",
                          "--redis-url", redis_url, "--pg-url", pg_url, broken_exit=4)
        runs = {run["strategy"]: run for run in document["runs"]}
        check(sorted(runs) == sorted(STRATEGIES), f"runs: {sorted(runs)}")
        for name, run in runs.items():
            if not name.startswith("refresh-rotation"):
                check(run["verdict"]["kept"], f"{name} broke its promise with the stores full: {run['verdict']}")
            p = run["population"]
            check((p["users"], p["live_sessions"], p["prior_revocations"]) == (USERS, SESSIONS, REVOCATIONS),
                  f"{name}: asked {p}")
            kept = (p["kept"]["live_sessions"], p["kept"]["prior_revocations"])
            check(kept == KEPT[name], f"{name} kept {kept}, expected {KEPT[name]}")
            check(p["postgres"]["users_bytes"] > USERS * 100, f"{name}: users table of {p['postgres']['users_bytes']} bytes")
            check(p["postgres"]["shared_buffers_bytes"] > 0, f"{name}: shared_buffers {p['postgres']}")
            check(0 < p["postgres"].get("buffer_hit_ratio", 0) <= 1, f"{name}: buffer hit ratio {p['postgres']}")
            check(run["instances"] == 2 and run.get("instances_ready_seconds", 0) > 0
                  and run.get("instance_rss_max_bytes", 0) > 2**20,
                  f"{name}: instances {run['instances']}, ready after {run.get('instances_ready_seconds')} s, "
                  f"RSS {run.get('instance_rss_max_bytes')}")
        first = document["runs"][0]["population"]["users_written_seconds"]
        check(first > 0 and all(run["population"]["users_written_seconds"] == 0 for run in document["runs"][1:]),
              "the bystanders' COPY is timed in the first run's record alone: "
              f"{[run['population']['users_written_seconds'] for run in document['runs']]}")
        denylist = runs["redis-denylist"]["population"]["redis"]
        check(denylist["strategy_bytes"] > REVOCATIONS * 50 and denylist["keys"] >= REVOCATIONS,
              f"redis-denylist's part weighs {denylist}")
        check(runs["refresh-rotation"]["population"]["postgres"]["refresh_bytes"] > (SESSIONS + REVOCATIONS) * 100,
              f"refresh tables: {runs['refresh-rotation']['population']['postgres']}")
        written = {name: runs[name]["population"]["strategy_written_seconds"] for name in ("refresh-rotation", "refresh-rotation-grace")}
        check(len(set(written.values())) == 1, f"the refresh-race policy wrote a population of its own: {written}")

        check(sql(pg_url, "SELECT count(*) FROM users WHERE name LIKE 'bystander-%'") == str(USERS), "bystander rows")
        check(sql(pg_url, "SELECT count(DISTINCT password_hash) FROM users WHERE name LIKE 'bystander-%'") == "1",
              "the bystanders share one hash")
        # Lifetimes spread evenly over the TTL: since the session began, at most this many can have expired.
        expired_at_most = REVOCATIONS * (time.time() - started + 5) / TTL
        deny = keys_like(redis_url, "deny:*")
        check(REVOCATIONS - expired_at_most <= len(deny) <= REVOCATIONS + 10, f"{len(deny)} deny keys")
        check_remaining_lifetimes(redis_url, deny)
        denied = int(redis(redis_url, "ZCARD", "ldeny:denied"))
        check(REVOCATIONS - expired_at_most <= denied <= REVOCATIONS + 10, f"local-denylist's denied set: {denied}")
        # Each expires when its token would: after it was written, within the TTL.
        scores = [float(s) for s in redis(redis_url, "ZRANGE", "ldeny:denied", "0", "-1", "WITHSCORES").split()[1::2]]
        check(all(started < s <= time.time() + TTL + 1 for s in scores),
              f"local-denylist's entries expire outside the TTL: {min(scores)} .. {max(scores)}, started {started}")
        sessions = keys_like(redis_url, "sess:bystander-*")
        check(len(sessions) == min(SESSIONS, USERS), f"{len(sessions)} session lists of bystanders")
        listed = sum(int(n) for n in subprocess.run(
            ["redis-cli", "-u", redis_url], input="\n".join(f"HLEN {k}" for k in sessions) + "\n",
            capture_output=True, text=True, timeout=60, check=True).stdout.split())
        check(listed == SESSIONS, f"{listed} sessions listed, {SESSIONS} asked")
        families = sql(pg_url, "SELECT count(*) FILTER (WHERE NOT revoked), count(*) FILTER (WHERE revoked) "
                               "FROM refresh_families WHERE user_name LIKE 'bystander-%'")
        check(families == f"{SESSIONS}|{REVOCATIONS}", f"refresh families live|revoked: {families}")
        # One token a family, its expiry spread over the refresh TTL (14 days): the mean near 7 days.
        tokens = sql(pg_url, "SELECT count(*), round(extract(epoch FROM avg(expires_at - now())) / 86400) "
                             "FROM refresh_tokens t JOIN refresh_families f ON f.id = t.family_id "
                             "WHERE f.user_name LIKE 'bystander-%'")
        check(tokens == f"{SESSIONS + REVOCATIONS}|7", f"refresh tokens | their mean days left: {tokens}")
        check(sql(pg_url, "SELECT count(*) FROM users WHERE name LIKE 'bystander-%' AND token_version = 1") == str(USERS),
              "pg-token-version bumped every bystander once")

        check_report_sizes_the_production(tmp, runs)

        again = subprocess.run([BIN, "run", script, "--strategy", "redis-denylist", *population, "--redis-url", redis_url,
                                "--pg-url", pg_url], capture_output=True, text=True, timeout=600)
        check(again.returncode == 0 and "0 bystanders added" in again.stdout,
              f"a second session: exit {again.returncode}, {again.stdout[-300:]} {again.stderr[-300:]}")
        check(sql(pg_url, "SELECT count(*) FROM users WHERE name LIKE 'bystander-%'") == str(USERS),
              "a second session added bystanders")
    finally:
        stores.terminate()
        stores.wait(timeout=60)


def check_report_sizes_the_production(tmp, runs):
    """`report --production` sizes each strategy's entries from what its populated run kept and weighed: a
    deny entry a revocation for half a token's life, an allow-list entry a session."""
    out = pathlib.Path(tmp) / "report"
    made = subprocess.run([BIN, "report", str(pathlib.Path(tmp) / "populated.json"), "--cost-scenario", "logout",
                           "--production", "access_ttl=15m,users=2000000,revocations=50/s", "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    check(made.returncode == 0, f"revbench report --production: {made.stderr[-500:]}")
    markdown = (out / "report.md").read_text()
    rest = markdown[markdown.index("## Projected to your production"):markdown.index("What the projections rest on")]
    rows = {line.split(" | ")[0].strip("| "): [c.strip() for c in line.strip("|").split(" | ")]
            for line in rest.splitlines() if line.startswith("| `")}

    def mib(count):
        """As the report prints it: three significant digits, trailing zeros kept."""
        value = count / 2**20
        return f"{value:.0f}" if value >= 100 else f"{value:.1f}" if value >= 10 else f"{value:.2f}"

    def per_entry(name):
        p = runs[name]["population"]
        return p["redis"]["strategy_bytes"] / (p["kept"]["live_sessions"] + p["kept"]["prior_revocations"])

    deny = rows["`redis-denylist`"]
    check(deny[1] == "22500 = 50/s × 15 min / 2", f"redis-denylist's live entries: {deny[1]}")
    check(deny[2].startswith(f"{mib(22500 * per_entry('redis-denylist'))} MiB = 22500 × "),
          f"redis-denylist's store memory: {deny[2]} (measured {per_entry('redis-denylist'):.0f} B an entry)")
    allow = rows["`allowlist`"]
    check(allow[1] == "2000000 = 2000000 sessions", f"allowlist's live entries: {allow[1]}")
    check(allow[2].startswith(f"{mib(2000000 * per_entry('allowlist'))} MiB = 2000000 × "),
          f"allowlist's store memory: {allow[2]} (measured {per_entry('allowlist'):.0f} B an entry)")
    check(rows["`pg-token-version`"][1] == "0: it keeps nothing per session or revocation",
          f"pg-token-version keeps no entry: {rows['`pg-token-version`']}")


def test_bad_population_input_starts_nothing(tmp):
    check_refused_before_stores(tmp, (
        (("logout", "--prior-revocations", "10"), "give population.users (--users) too"),
        (("logout", "--users", "-5"), "--users"),
        (("logout", "--users", "10", "--target", "http://127.0.0.1:1"), "someone else's"),
    ))


if __name__ == "__main__":
    sys.exit(run_tests([test_bad_population_input_starts_nothing, test_each_strategy_keeps_the_population_in_its_own_layout]))
