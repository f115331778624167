#!/usr/bin/env python3
"""The redis-split-brain and redis-failover scenarios from outside, on a real
Sentinel topology (a primary, two replicas, three Sentinels): the primary is
cut off from its replicas and the Sentinels while the servers still reach
it (one process, asynchronous), then, on a fleet of `revbench serve`
processes (which find the primary through the Sentinels by their
--redis-url redis-sentinel://...) with --wait-replica and
--min-replicas-to-write, cut off again, and then killed mid-storm of
logouts; each time the Sentinels promote a replica and every server
follows it. Checked: the failover's seconds, within down-after (1 s) + 2 s
after a kill; logouts answered 503 meanwhile and made on the new primary;
the revocations the isolated primary acknowledged lost (refused, then
accepted again) with asynchronous replication, and with --wait-replica only
those of logouts half done (a retry refused as revoked by the isolated
primary); none lost at the kill; the new figures as thresholds."""
import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "network"))
from revbench_runs import check, check_refused_before_stores, played, revbench, run_tests  # noqa: E402

DOWN_AFTER = 1.0


def told_revoked(run):
    """Logouts half done: answered 503, then refused as revoked on the retry (the first try's write was made).
    Only their own logout revokes a victim's token, so every logout refused as revoked is one."""
    return sum(e["outcomes"].get("401 revoked", 0) for e in run["endpoints"] if e["endpoint"] == "logout")


def failover_of(run):
    [fault] = [f for f in run["faults"] if f.get("store") == "redis"]
    check(fault["action"] == "kill" and fault["phase"] == "failover", f"{fault}")
    return fault


def split_of(run):
    check(run["scenario"] == "redis-split-brain" and run["topology"]["redis"] == "sentinel", f"{run['scenario']}")
    [fault] = [f for f in run["faults"] if f.get("store") == "redis"]
    check(fault["action"] == "isolate" and fault["phase"] == "split", f"{fault}")
    # Sentinel waits down-after, then up to a second at random before it starts a failover, then for the quorum.
    check(0 < fault["failover_seconds"] <= DOWN_AFTER + 3, f"isolated: the Sentinels named another after {fault}")
    s = run["security"]
    check(s["changes_revoked"] + told_revoked(run) == 80, f"every victim's logout made: {s}")
    check(s["collateral_logouts"] == 0 and s["changes_half_done"] == 0, f"a victim's own half-done logout is no collateral: {s}")
    print(f"split x{run['instances']}: failover {fault['failover_seconds']:.2f} s, {s['revocations_lost']} revocations lost, "
          f"{s['accepted_after_lost_revocation']} thief requests accepted after, {s['changes_unavailable']} logouts answered 503 first")
    return s


def check_failover(run, instances):
    check(run["strategy"] == "redis-denylist" and run["instances"] == instances, f"{run['strategy']} x{run['instances']}")
    check(run["topology"]["redis"] == "sentinel", f"{run['topology']}")
    fault = failover_of(run)
    seconds = fault["failover_seconds"]
    check(0 < seconds <= DOWN_AFTER + 2, f"{instances} instance(s): failover {seconds} s")
    # The primary gone, the servers fail closed: logouts answered 503, sent again, made on the new primary.
    s = run["security"]
    check(s["changes_unavailable"] > 0, f"no logout refused while the primary was down: {s}")
    check(s["changes_revoked"] + told_revoked(run) == 80 and s["revocations_probed"] == 80,
          f"every victim's logout made and probed: {s}")
    check(s["collateral_logouts"] == 0 and s["changes_half_done"] == 0, f"a victim's own half-done logout is no collateral: {s}")
    check(s["accepted_after_lost_revocation"] >= s["revocations_lost"], f"{s}")
    check(run["verdict"]["kept"] == (s["revocations_lost"] == 0), f"{run['verdict']}, lost {s['revocations_lost']}")
    check(not run["store_ops_check"]["checked"], f"the Sentinels' own commands reach the primary: {run['store_ops_check']}")
    print(f"{instances} instance(s): failover {seconds:.2f} s, {s['changes_revoked']} logouts made "
          f"({s['changes_unavailable']} answered 503 first), {s['revocations_lost']} revocations lost, "
          f"{s['accepted_after_lost_revocation']} thief requests accepted after")
    return s


def test_an_isolated_primary_loses_what_it_acknowledged(tmp):
    # Asynchronous replication, one server; the new figures take thresholds (failover_seconds: the slowest
    # failover of the run), so this one fails the run and names the figure.
    out = pathlib.Path(tmp) / "split.json"
    result = revbench("run", "redis-split-brain", "--threshold", "failover_seconds<0.001", "--out", str(out))
    check(result.returncode != 0 and "failover_seconds" in result.stderr, f"exit {result.returncode}: {result.stderr[-500:]}")
    [split] = json.loads(out.read_text())["runs"]
    # The isolated primary acknowledged logouts for seconds that the promoted replica never received.
    s = split_of(split)
    check(s["revocations_lost"] > 0 and s["accepted_after_lost_revocation"] > 0 and not split["verdict"]["kept"],
          f"an isolated primary lost nothing: {s}, {split['verdict']}")
    check("revocation(s) lost" in split["verdict"]["reason"], f"{split['verdict']}")


def test_a_fleet_follows_it_and_wait_loses_nothing(tmp):
    # `revbench serve` processes, given the Sentinels' URL; each deny write waits until a replica has it: the
    # isolated primary cannot acknowledge one (its logouts are answered 503 and sent again).
    # A broken promise exits 4: the split's half-done logouts may break it (below). Every Redis of the set also
    # refuses writes unless a replica acknowledged its stream within the last second (--min-replicas-to-write).
    [split, killed] = played(tmp, "failover-wait", "redis-split-brain", "redis-failover", "--instances", "2",
                             "--wait-replica", "500", "--min-replicas-to-write", "1", broken_exit=4)["runs"]
    check(split["topology"].get("min_replicas_to_write") == 1, f"{split['topology']}")
    s = check_failover(killed, 2)
    check(s["revocations_lost"] == 0 and s["accepted_after_lost_revocation"] == 0 and killed["verdict"]["kept"],
          f"WAIT, killed: {s}, {killed['verdict']}")
    # Isolated, the primary cannot acknowledge a logout (503), and after a second refuses the write itself
    # (NOREPLICAS); in that first second it keeps the write WAIT could not replicate: a victim's retry that
    # still reaches it is refused as revoked (a logout half done, no session of anyone else's ended), and
    # that revocation goes with the old primary. Only those can fail: no logout the promoted replica acknowledged.
    s = split_of(split)
    check(s["changes_unavailable"] > 0, f"no write refused by the isolated primary: {s}")
    half_done = told_revoked(split)
    check(s["revocations_lost"] + s["never_rejected"] <= half_done,
          f"WAIT: a revocation failed that no half-done logout explains: {s}, {half_done} half done")
    print(f"split x2, WAIT and min-replicas-to-write: {half_done} logouts half done, {s['revocations_lost']} lost, {s['never_rejected']} never refused")


def test_bad_sentinel_input_starts_nothing(tmp):
    check_refused_before_stores(tmp, ((("redis-failover", "--redis-url", "redis://127.0.0.1:1"), "drop --redis-url"),
                       (("redis-failover", "--read-from", "replica"), "--read-from"),
                       (("redis-split-brain", "--redis-topology", "replicated"), "needs Redis under Sentinel"),
                       (("redis-failover", "--redis-topology", "single", "--min-replicas-to-write", "1"),
                        "--min-replicas-to-write")))


if __name__ == "__main__":
    sys.exit(run_tests((test_bad_sentinel_input_starts_nothing, test_an_isolated_primary_loses_what_it_acknowledged,
                        test_a_fleet_follows_it_and_wait_loses_nothing)))
