#!/usr/bin/env python3
"""The redis-failover scenario from outside, on a real Sentinel topology (a
primary, two replicas, three Sentinels): the primary is killed mid-storm of
logouts, the Sentinels promote a replica, and every server follows it (one
process, then a fleet of `revbench serve` processes, which find the primary
through the Sentinels by their --redis-url redis-sentinel://...). Checked:
the failover's seconds, within down-after (1 s) + 2 s; logouts answered 503
meanwhile and made on the new primary; what the results say of revocations
lost (refused, then accepted again), with and without --wait-replica; the
new figures as thresholds."""
import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "network"))
from revbench_runs import check, played, revbench, run_tests  # noqa: E402

DOWN_AFTER = 1.0


def failover_of(run):
    [fault] = [f for f in run["faults"] if f.get("store") == "redis"]
    check(fault["action"] == "kill" and fault["phase"] == "failover", f"{fault}")
    return fault


def check_failover(run, instances):
    check(run["strategy"] == "redis-denylist" and run["instances"] == instances, f"{run['strategy']} x{run['instances']}")
    check(run["topology"]["redis"] == "sentinel", f"{run['topology']}")
    fault = failover_of(run)
    seconds = fault["failover_seconds"]
    check(0 < seconds <= DOWN_AFTER + 2, f"{instances} instance(s): failover {seconds} s")
    # The primary gone, the servers fail closed: logouts answered 503, sent again, made on the new primary.
    s = run["security"]
    check(s["changes_unavailable"] > 0, f"no logout refused while the primary was down: {s}")
    check(s["changes_revoked"] == 80 and s["revocations_probed"] == 80, f"every victim's logout made and probed: {s}")
    check(s["accepted_after_lost_revocation"] >= s["revocations_lost"], f"{s}")
    check(run["verdict"]["kept"] == (s["revocations_lost"] == 0), f"{run['verdict']}, lost {s['revocations_lost']}")
    check(not run["store_ops_check"]["checked"], f"the Sentinels' own commands reach the primary: {run['store_ops_check']}")
    print(f"{instances} instance(s): failover {seconds:.2f} s, {s['changes_revoked']} logouts made "
          f"({s['changes_unavailable']} answered 503 first), {s['revocations_lost']} revocations lost, "
          f"{s['accepted_after_lost_revocation']} thief requests accepted after")
    return s


def test_one_server_follows_the_promoted_replica(tmp):
    # Asynchronous replication, whatever it loses; the new figures take thresholds (failover_seconds: the
    # slowest failover of the run), so this one fails the run and names the figure.
    out = pathlib.Path(tmp) / "failover.json"
    result = revbench("run", "redis-failover", "--threshold", "failover_seconds<0.001", "--out", str(out))
    check(result.returncode != 0 and "failover_seconds" in result.stderr, f"exit {result.returncode}: {result.stderr[-500:]}")
    [run] = json.loads(out.read_text())["runs"]
    check_failover(run, 1)


def test_a_fleet_follows_it_and_wait_loses_nothing(tmp):
    # `revbench serve` processes, given the Sentinels' URL; each deny write waits until a replica has it.
    [run] = played(tmp, "failover-wait", "redis-failover", "--instances", "2", "--wait-replica", "500")["runs"]
    s = check_failover(run, 2)
    check(s["revocations_lost"] == 0 and s["accepted_after_lost_revocation"] == 0 and run["verdict"]["kept"],
          f"WAIT: {s}, {run['verdict']}")


def test_bad_sentinel_input_starts_nothing(tmp):
    for args, said in ((("redis-failover", "--redis-url", "redis://127.0.0.1:1"), "drop --redis-url"),
                       (("redis-failover", "--read-from", "replica"), "--read-from")):
        result = revbench("run", *args, "--out", str(pathlib.Path(tmp) / "refused.json"))
        check(result.returncode != 0 and said in result.stderr, f"run {' '.join(args)}: exit {result.returncode}, {result.stderr[-400:]}")
        check("stores:" not in result.stdout, f"run {' '.join(args)} started its stores: {result.stdout[-300:]}")


if __name__ == "__main__":
    sys.exit(run_tests((test_bad_sentinel_input_starts_nothing, test_one_server_follows_the_promoted_replica,
                        test_a_fleet_follows_it_and_wait_loses_nothing)))
