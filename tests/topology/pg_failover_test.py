#!/usr/bin/env python3
"""The pg-failover scenario from outside, on a real PostgreSQL primary and hot
standby (pg_basebackup, streaming replication): the primary is killed
mid-storm of logouts, revbench promotes the standby as a failover manager
would, and every server, given both hosts, follows the one that takes
writes. Checked: the seconds until every server answers again; logouts made
on the promoted standby; what the results say of revocations lost, with
asynchronous replication and with remote_apply (none); and, by failing over
twice in one session, that the dead primary came back as the new primary's
standby and that the servers follow a second promotion back to it."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "network"))
from revbench_runs import check, check_refused_before_stores, played, run_tests  # noqa: E402

# Promotion is asked for as soon as the primary is dead; the clients' reconnect back-off is 1 s at most.
FAILOVER_BOUND = 2.0


def check_failover(run, topology):
    check(run["strategy"] == "pg-token-version" and run["scenario"] == "pg-failover", f"{run['strategy']} x {run['scenario']}")
    check(run["topology"]["postgres"] == topology, f"{run['topology']}")
    [fault] = [f for f in run["faults"] if f.get("store") == "postgres"]
    check(fault["action"] == "kill" and fault["phase"] == "failover", f"{fault}")
    seconds = fault["failover_seconds"]
    check(0 < seconds <= FAILOVER_BOUND, f"{topology}: failover {seconds} s")
    check(0 <= fault["reconnect_seconds"] < 1, f"{topology}: the rebuilt standby unsettled the servers: {fault}")
    s = run["security"]
    outcomes = [e["outcomes"] for e in run["endpoints"] if e["endpoint"] == "logout"]
    logouts = sum(o.get("204", 0) for o in outcomes)
    # A logout whose commit the dead primary streamed but never answered (503) is refused as revoked on its
    # retry: made, half done. A victim's login can meet the failover too (503, no retry): it never logs out.
    half_done = sum(o.get("401 revoked", 0) for o in outcomes)
    check(logouts == s["changes_revoked"] and logouts + half_done + s["failed_steps"] >= 80,
          f"{topology}: logouts {logouts}, half done {half_done}, {s}")
    check(s["collateral_logouts"] == 0 and s["changes_half_done"] == 0, f"{s}")
    check(run["verdict"]["kept"] == (s["revocations_lost"] == 0 and s["never_rejected"] == 0), f"{run['verdict']}, {s}")
    check(not run["store_ops_check"]["checked"], f"a killed store's counters are gone: {run['store_ops_check']}")
    print(f"{topology}: failover {seconds:.3f} s, {logouts} logouts made ({s['changes_unavailable']} answered 503 first), "
          f"{s['revocations_lost']} revocations lost, {s['accepted_after_lost_revocation']} thief requests accepted after")
    return s


def test_asynchronous_standby(tmp):
    # What it loses is what was not yet streamed when the primary died: reported, whatever it is.
    [run] = played(tmp, "async", "pg-failover", broken_exit=4)["runs"]
    check_failover(run, "standby")


def test_remote_apply_loses_nothing_and_fails_over_twice(tmp):
    runs = played(tmp, "sync", "pg-failover", "pg-failover", "--pg-topology", "standby,sync")["runs"]
    for run in runs:
        s = check_failover(run, "standby,sync")
        check(s["revocations_lost"] == 0 and s["never_rejected"] == 0 and run["verdict"]["kept"], f"remote_apply: {s}")


def test_bad_input_starts_nothing(tmp):
    check_refused_before_stores(tmp, ((("pg-failover", "--pg-url", "postgresql://revbench@127.0.0.1:1/revbench"), "drop --pg-url"),))


if __name__ == "__main__":
    sys.exit(run_tests((test_bad_input_starts_nothing, test_asynchronous_standby,
                        test_remote_apply_loses_nothing_and_fails_over_twice)))
