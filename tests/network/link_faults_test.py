#!/usr/bin/env python3
"""Link faults in scenario scripts (`faults: [{phase, link, action}]`), from
outside: a partitioned store costs every request a store timeout where a
killed one is refused at once, a lost refresh response is taken for theft by
strict rotation only, a cut pub/sub feed is noticed within its bound, a
slowed store adds its round trip to every request that asks it and nothing
once lifted, a fault on one instance's link spares the others; each fault is
recorded with its link, and a script that cuts a store's link is refused
with --target."""
import pathlib
import subprocess
import sys

from revbench_runs import BIN, check, played_with_table as played, run_tests


def endpoint(run, phase, name):
    found = [e for e in run["endpoints"] if e["phase"] == phase and e["endpoint"] == name]
    check(len(found) == 1, f"{run['strategy']}: no {name} in phase {phase}")
    return found[0]


def test_a_partitioned_store_costs_a_timeout_per_request(tmp):
    document, table = played(tmp, "partition", "store-partition-redis", "--strategy", "redis-denylist")
    [run] = document["runs"]
    faults = run["faults"]
    check(sorted((f["link"], f["action"]) for f in faults) == [("server-redis", "partition"), ("subscriber-redis", "partition")],
          f"faults {faults}")
    for fault in faults:
        check("store" not in fault and 2.9 <= fault["returned_at_seconds"] - fault["injected_at_seconds"] <= 3.5,
              f"the partition lasts its phase: {fault}")
        check(0 <= fault["reconnect_seconds"] < 1, f"servers answer /healthz within a second of the heal: {fault}")
    cut = endpoint(run, "redis-partitioned", "resource")
    check(cut["outcomes"].get("503 store_unavailable", 0) > 50, f"fail closed while partitioned: {cut['outcomes']}")
    # Half-open: nobody is told, so a request waits the store's 1 s timeout
    # (a killed store refuses at once).
    latency = cut["latency_corrected"]
    check(latency["p50_seconds"] >= 0.25 and latency["p90_seconds"] >= 0.7,
          f"a black hole is waited for: p50 {latency['p50_seconds']} s, p90 {latency['p90_seconds']} s")
    after = endpoint(run, "after", "resource")
    check(set(after["outcomes"]) == {"200"}, f"after the heal: {after['outcomes']}")
    thief = endpoint(run, "redis-partitioned", "thief_resource")
    check(not any(o.startswith("2") for o in thief["outcomes"]), f"the revoked token while partitioned: {thief['outcomes']}")
    check(sorted(link["tier"] for link in run["links"]) == ["server-redis", "subscriber-redis"] and
          all(link["shape"] == "none" for link in run["links"]), f"unshaped links where faults cut: {run['links']}")
    check("redis-partitioned (server-redis partition, subscriber-redis partition)" in table, f"the table: {table[-1200:]}")
    print(f"partitioned Redis: {cut['outcomes']}, p50 {latency['p50_seconds']:.3f} s, p90 {latency['p90_seconds']:.3f} s; "
          f"servers back {max(f['reconnect_seconds'] for f in faults) * 1e3:.1f} ms after the heal")


def test_a_lost_refresh_response_is_taken_for_theft_by_strict_rotation(tmp):
    document, _ = played(tmp, "lost", "lost-refresh-response", "--strategy", "refresh-rotation",
                         "--strategy", "refresh-rotation-grace")
    strict, grace = document["runs"]
    for run in (strict, grace):
        lost = endpoint(run, "responses-lost", "refresh")
        check(lost["outcomes"] == {"no_response": 10}, f"{run['strategy']}: every renewal's answer is lost: {lost['outcomes']}")
        check(run["store_ops_check"]["checked"] is False, f"lost answers announce nothing: {run['store_ops_check']}")
        [fault] = run["faults"]
        check((fault["link"], fault["action"], fault["detail"]) == ("client-server", "drop-response", "drop-response"),
              f"{fault}")
    retried = endpoint(strict, "after", "refresh")["outcomes"]
    check(retried == {"401 reuse_detected": 10} and strict["security"]["false_theft_detections"] == 10,
          f"strict rotation takes the retry for theft: {retried}, {strict['security']}")
    retried = endpoint(grace, "after", "refresh")["outcomes"]
    check(retried == {"200": 10} and grace["security"]["false_theft_detections"] == 0,
          f"a grace window lets the retry through: {retried}, {grace['security']}")
    print("lost refresh responses: strict rotation 10 false theft detections of 10, with a grace window 0")


def test_a_cut_feed_is_noticed_within_its_bound(tmp):
    document, _ = played(tmp, "feed", "feed-partition", "--strategy", "local-denylist")
    [run] = document["runs"]
    check(run["instances"] == 2, f"the script asks for two instances: {run['instances']}")
    check(run["verdict"]["kept"], f"local-denylist's bound: {run['verdict']}")
    lag = run["revocation_lag"]
    # The other instance's memory is trusted until the feed has been silent
    # for a second; the logout lands 200 ms into the cut.
    check(lag["count"] == 3 and 0.3 <= lag["max_seconds"] <= 1.0,
          f"the revocation reached the far instance after {lag['max_seconds']} s")
    check(run["security"]["accepted_after_revoke"] > 0, "the stale memory let the thief in meanwhile")
    print(f"cut feed: the revocation reached every instance after {lag['max_seconds'] * 1e3:.0f} ms (bound 1 s)")


def test_a_slowed_store_adds_its_round_trip_until_lifted(tmp):
    document, _ = played(tmp, "slow", "store-slowdown", "--strategy", "redis-denylist", "--strategy", "local-denylist")
    denylist, local = document["runs"]
    p50 = lambda run, phase: endpoint(run, phase, "resource")["latency_corrected"]["p50_seconds"]
    added = p50(denylist, "stores-slow") - p50(denylist, "before")
    check(0.019 <= added <= 0.030, f"redis-denylist asks Redis once a request: +{added * 1e3:.2f} ms at the median")
    check(p50(denylist, "after") < 0.005, f"lifted: median {p50(denylist, 'after') * 1e3:.2f} ms")
    check(p50(local, "stores-slow") < 0.005, f"local-denylist asks nobody: median {p50(local, 'stores-slow') * 1e3:.2f} ms")
    for run in (denylist, local):
        check(run["verdict"]["kept"], f"{run['strategy']}: {run['verdict']}")
        check(run["store_ops_check"]["checked"] and run["store_ops_check"]["match"],
              f"a slow link loses nothing, /healthz probes included: {run['store_ops_check']}")
        check(all(f["detail"] == "slow +20ms" for f in run["faults"]) and len(run["faults"]) == 3, f"{run['faults']}")
    print(f"a 20 ms slowdown: redis-denylist +{added * 1e3:.2f} ms at the median, local-denylist "
          f"{p50(local, 'stores-slow') * 1e3:.2f} ms")


ONE_INSTANCE_CUT = """name: one-instance-cut
instances: 2
phases:
  - {name: warmup, duration: 1s, record: false}
  - {name: before, duration: 1s}
  - {name: cut, duration: 2s}
  - {name: after, duration: 1s}
faults:
  - {phase: cut, link: server-redis, instance: 2, action: partition}
actors:
  - name: reader-first
    count: 5
    instance: 1
    steps: [login, {resource: {rate: 20/s, until: end}}]
  - name: reader-second
    count: 5
    instance: 2
    steps: [login, {resource: {rate: 20/s, until: end}}]
"""


def test_a_fault_on_one_instances_link_spares_the_others(tmp):
    script = pathlib.Path(tmp) / "one-instance-cut.yaml"
    script.write_text(ONE_INSTANCE_CUT)
    document, table = played(tmp, "one", str(script), "--strategy", "redis-denylist")
    [run] = document["runs"]
    [fault] = run["faults"]
    check((fault["link"], fault["instance"], fault["action"]) == ("server-redis", 2, "partition"), f"{fault}")
    check(0 <= fault["reconnect_seconds"] < 1, f"both instances answer /healthz within a second of the heal: {fault}")
    check([(link["tier"], link["instance"], link["shape"]) for link in run["links"]] == [("server-redis", 2, "none")],
          f"only the second instance's commands cross a link: {run['links']}")
    # Half the readers ask the first instance, whose Redis link is whole: those
    # are served at once; the second's wait the store's timeout and fail closed.
    cut = endpoint(run, "cut", "resource")
    served, refused = cut["outcomes"].get("200", 0), cut["outcomes"].get("503 store_unavailable", 0)
    check(served >= 0.4 * cut["requests"] and refused >= 10, f"while instance 2's link is cut: {cut['outcomes']}")
    check(cut["latency_corrected"]["p50_seconds"] < 0.25 <= cut["latency_corrected"]["p99_seconds"],
          f"p50 {cut['latency_corrected']['p50_seconds']} s, p99 {cut['latency_corrected']['p99_seconds']} s")
    check(set(endpoint(run, "after", "resource")["outcomes"]) == {"200"}, "after the heal")
    check("cut (server-redis of instance 2 partition)" in table, f"the table: {table[-1200:]}")
    print(f"server-redis of instance 2 partitioned: {cut['outcomes']}")


def test_a_script_that_cuts_a_store_link_is_refused_with_a_target(tmp):
    result = subprocess.run([BIN, "run", "store-partition-postgres", "--target", "http://127.0.0.1:9"],
                            capture_output=True, text=True, timeout=60)
    check(result.returncode != 0 and "cuts the server-postgres link" in result.stderr and
          "not revbench's" in result.stderr, f"exit {result.returncode}: {result.stderr[-300:]!r}")


def main():
    return run_tests((test_a_script_that_cuts_a_store_link_is_refused_with_a_target,
                      test_a_partitioned_store_costs_a_timeout_per_request,
                      test_a_lost_refresh_response_is_taken_for_theft_by_strict_rotation,
                      test_a_cut_feed_is_noticed_within_its_bound, test_a_slowed_store_adds_its_round_trip_until_lifted,
                      test_a_fault_on_one_instances_link_spares_the_others))


if __name__ == "__main__":
    sys.exit(main())
