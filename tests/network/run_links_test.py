#!/usr/bin/env python3
"""`revbench run --link TIER=SHAPE` and a script's regions from outside: the
round trip a link puts on a tier shows in what the run measures (latency
through the store and client links, revocation lag through the
subscriber's, an instance in another region than the stores paying the
distance), the results record each link and what crossed it, and a bad
--link stops everything before a store starts."""
import json
import pathlib
import subprocess
import sys

from revbench_runs import BIN, REPO, check, played, revbench, run_tests, schema_errors


def resource_p50(run):
    """The median of the users' GET /api/resource in the run's busiest recorded phase."""
    busiest = max((e for e in run["endpoints"] if e["endpoint"] == "resource" and e["requests"] > 0),
                  key=lambda e: e["requests"])
    return busiest["latency_corrected"]["p50_seconds"]


def links_of(run, tier):
    return [link for link in run.get("links", []) if link["tier"] == tier]


def test_store_and_client_links_add_their_round_trips(tmp):
    direct = played(tmp, "direct", "logout", "--strategy", "redis-denylist")["runs"][0]
    linked_document = played(tmp, "linked", "logout", "--strategy", "redis-denylist",
                             "--link", "server-redis=4ms", "--link", "client-server=2ms")
    linked = linked_document["runs"][0]
    check("links" not in direct, f"a run without --link records links: {direct.get('links')}")
    check(linked_document["config"]["links"] == ["server-redis=4ms", "client-server=2ms"], f"config {linked_document['config']}")
    check(linked["verdict"]["kept"], f"through links: {linked['verdict']}")
    # redis-denylist asks Redis once per request: 4 ms there, 2 ms to the server.
    added = resource_p50(linked) - resource_p50(direct)
    check(resource_p50(linked) >= 5.9e-3 and added <= 9e-3,
          f"6 ms of links: median {resource_p50(linked) * 1e3:.2f} ms, {added * 1e3:.2f} ms above direct")
    [store_link] = links_of(linked, "server-redis")
    check(store_link["shape"] == "up 2ms, down 2ms" and store_link["instance"] == 0, f"{store_link}")
    check(store_link["connections"] >= 1 and store_link["bytes_up"] > 0 and store_link["bytes_down"] > 0, f"{store_link}")
    # Measured before the run, by a Redis PING and a GET /api/public: the
    # configured round trip, within the link's accuracy, plus what the ends
    # add (a Redis PING little; a new connection to a server that may run
    # under the sanitizers, up to a few milliseconds).
    for link, rtt, ends in ((store_link, 4e-3, 1e-3), (links_of(linked, "client-server")[0], 2e-3, 4e-3)):
        measured = link["rtt_measured"]
        check(measured["samples"] == 10 and rtt * 0.95 - 20e-6 <= measured["min_seconds"] and
              measured["median_seconds"] <= rtt + ends, f"{link['tier']} configured {rtt * 1e3} ms, measured {measured}")
    [client_link] = links_of(linked, "client-server")
    check(client_link["instance"] == 1 and client_link["bytes_up"] > client_link["bytes_down"] / 10, f"{client_link}")
    check(not links_of(linked, "server-postgres"), "a tier nobody named got a link")
    print(f"store 4 ms + client 2 ms added {added * 1e3:.2f} ms to the median GET /api/resource")


def test_the_subscribers_link_delays_propagation(tmp):
    # local-denylist: the instance that did not revoke learns it from pub/sub,
    # 20 ms one way through the subscriber's link (the revoking one at once).
    run = played(tmp, "subscriber", "logout", "--strategy", "local-denylist", "--instances", "2",
                 "--link", "subscriber-redis=40ms")["runs"][0]
    lag = run["revocation_lag"]
    check(lag["count"] > 0 and 0.018 <= lag["max_seconds"] <= 0.5,
          f"with a 20 ms one-way subscriber link the revocation reached every instance after {lag['max_seconds']} s")
    [link] = links_of(run, "subscriber-redis")
    check(link["connections"] >= 2, f"both instances' subscribers go through the link: {link}")
    check(not links_of(run, "server-redis"), "the commands' tier got a link too")
    print(f"revocation lag through a 40 ms subscriber link: max {lag['max_seconds'] * 1e3:.1f} ms")


def test_an_instance_in_another_region_pays_the_distance(tmp):
    # cross-region-fleet: instances 1 and 2 with the stores, 3 a 40 ms round
    # trip away; each region's readers on their own instance.
    document = played(tmp, "regions", "cross-region-fleet", "--strategy", "redis-denylist", "--strategy", "local-denylist",
                      "--strategy", "secret-rotation")
    denylist, local, rotation = document["runs"]
    p50 = lambda run, phase: next(e for e in run["endpoints"] if e["phase"] == phase and e["endpoint"] == "resource")[
        "latency_corrected"]["p50_seconds"]
    for run in (denylist, local, rotation):
        check(run["instances"] == 3 and run["verdict"]["kept"], f"{run['strategy']}: {run['instances']}, {run['verdict']}")
        check(sorted((link["tier"], link["instance"], link["shape"]) for link in run["links"]) ==
              [(tier, 3, "up 20ms, down 20ms") for tier in ("server-postgres", "server-redis", "subscriber-redis")],
              f"only the far instance's store tiers cross regions: {run['links']}")
    # redis-denylist asks Redis once a request: the far instance pays the round trip.
    check(p50(denylist, "near") < 0.005 and 0.040 <= p50(denylist, "far") <= 0.050,
          f"redis-denylist near {p50(denylist, 'near') * 1e3:.2f} ms, far {p50(denylist, 'far') * 1e3:.2f} ms")
    check(p50(local, "far") < 0.005, f"local-denylist asks nobody, far or near: {p50(local, 'far') * 1e3:.2f} ms")
    # The announcement crosses once, one way: 20 ms.
    lag = local["revocation_lag"]["max_seconds"]
    check(0.019 <= lag <= 0.2, f"local-denylist's revocation reached the far instance after {lag * 1e3:.1f} ms")
    # secret-rotation's logout rotates the key ring: the far instance hears of it
    # as it hears of a denial, so the promise is the feed's bound, everyone logged out.
    rotated = rotation["revocation_lag"]["max_seconds"]
    check(rotation["promise"] == "within_bound" and rotation.get("everyone_logged_out") is True and
          0.019 <= rotated <= rotation["promise_bound_seconds"],
          f"secret-rotation promised {rotation['promise']} (everyone: {rotation.get('everyone_logged_out')}), "
          f"its rotation reached the far instance after {rotated * 1e3:.1f} ms")
    print(f"a region 40 ms away: redis-denylist p50 {p50(denylist, 'near') * 1e3:.2f} ms near, "
          f"{p50(denylist, 'far') * 1e3:.2f} ms far; local-denylist's revocation there after {lag * 1e3:.1f} ms, "
          f"secret-rotation's rotation after {rotated * 1e3:.1f} ms")


def test_a_store_rtt_sweep_plays_every_run_at_each_distance(tmp):
    out = pathlib.Path(tmp) / "sweep.json"
    result = revbench("compare", "--scenario", "logout", "--strategy", "redis-denylist", "--store-rtt", "0,4ms",
                      "--out", str(out))
    check(result.returncode == 0, f"compare --store-rtt exited {result.returncode}: {result.stderr[-800:]}")
    document = json.loads(out.read_text())
    errors = schema_errors(document)
    check(not errors, f"sweep: not the schema: {errors}")
    check(document["config"]["store_rtts"] == ["0", "4ms"], f"config {document['config']}")
    near, far = document["runs"]
    check((near["store_rtt"], far["store_rtt"]) == ("0", "4ms"), f"sweep points {near['store_rtt']}, {far['store_rtt']}")
    check("links" not in near, f"the 0 point is direct, yet: {near.get('links')}")
    check(sorted(link["tier"] for link in far["links"]) == ["server-postgres", "server-redis", "subscriber-redis"],
          f"the 4ms point's links: {far['links']}")
    # Every request crosses the link once: the round trip is a floor. The
    # difference is the figure, loosely bounded: a busy machine slows the
    # direct run's median as much as the far one's.
    added = resource_p50(far) - resource_p50(near)
    check(resource_p50(far) >= 3.9e-3 and added <= 6e-3,
          f"4 ms to the stores: median {resource_p50(far) * 1e3:.2f} ms, {added * 1e3:.2f} ms above direct")
    check("logout @4ms" in result.stdout and "logout @0" in result.stdout, f"the table: {result.stdout[-1500:]}")
    print(f"--store-rtt 0,4ms: the median request {added * 1e3:.2f} ms slower at 4 ms")
    # The report takes one point: its two would otherwise pool as repeats.
    pooled = subprocess.run([BIN, "report", str(out), "--out", str(pathlib.Path(tmp) / "pooled")], capture_output=True, text=True)
    check(pooled.returncode != 0 and "--store-rtt sweep (0, 4ms)" in pooled.stderr, f"report of a sweep: {pooled.stderr[-300:]!r}")
    report_dir = pathlib.Path(tmp) / "at-4ms"
    one = subprocess.run([BIN, "report", str(out), "--store-rtt", "4ms", "--out", str(report_dir)], capture_output=True, text=True)
    check(one.returncode == 0 and "--store-rtt 4ms" in (report_dir / "report.md").read_text(), f"report at 4ms: {one.stderr[-300:]!r}")
    # Its verdicts name the links they were measured through, as measured.
    verdicts = (report_dir / "report.md").read_text()
    check("Measured through" in verdicts and "server-redis 4." in verdicts, f"the verdicts at 4ms: {verdicts[:3000]}")
    # ... and draws every point against the distance.
    for chart in ("store-rtt-p50", "store-rtt-p99", "store-rtt-lag"):
        svg = report_dir / "charts" / f"{chart}.svg"
        check(svg.exists() and "<svg" in svg.read_text() and f"charts/{chart}.svg" in (report_dir / "report.md").read_text(),
              f"the report at 4ms has no {chart} chart")
    for arguments, named in ((["--store-rtt", "0,fast"], "--store-rtt fast"),
                             (["--store-rtt", "1ms", "--link", "server-redis=1ms"], "--store-rtt sweeps the store tiers")):
        refused = revbench("compare", "--scenario", "logout", "--strategy", "redis-denylist", *arguments)
        check(refused.returncode != 0 and named in refused.stderr and "stores:" not in refused.stdout,
              f"{arguments}: exit {refused.returncode}, {refused.stderr[-300:]!r}")


def test_a_script_sweeps_the_stores_distance_beside_unswept_scripts(tmp):
    # The shipped store-latency, two of its points and shorter phases, in one
    # compare with logout, which no sweep covers.
    script = (REPO / "scenarios" / "store-latency.yaml").read_text()
    script = script.replace("store_rtt: [0, 250us, 1ms, 5ms]", "store_rtt: [0, 4ms]").replace(
        "{name: steady, duration: 3s}", "{name: steady, duration: 2s}")
    check("store_rtt: [0, 4ms]" in script, "store-latency.yaml no longer sweeps as this test expects")
    swept = pathlib.Path(tmp) / "store-latency.yaml"
    swept.write_text(script)
    out = pathlib.Path(tmp) / "mixed.json"
    result = revbench("compare", "--scenario", str(swept), "--scenario", "logout", "--strategy", "local-denylist",
                      "--out", str(out))
    check(result.returncode == 0, f"compare exited {result.returncode}: {result.stderr[-800:]}")
    document = json.loads(out.read_text())
    errors = schema_errors(document)
    check(not errors and document["complete"], f"mixed: complete {document['complete']}, schema: {errors}")
    check("store_rtts" not in document["config"], f"no --store-rtt was given: {document['config']}")
    order = [(run["scenario"], run.get("store_rtt")) for run in document["runs"]]
    check(order == [("store-latency", "0"), ("logout", None), ("store-latency", "4ms")], f"runs {order}")
    near, unswept, far = document["runs"]
    check("links" not in near and "links" not in unswept, f"links at 0 {near.get('links')}, unswept {unswept.get('links')}")
    check(sorted((link["tier"], link["shape"]) for link in far["links"]) ==
          [(tier, "up 2ms, down 2ms") for tier in ("server-postgres", "server-redis", "subscriber-redis")], f"{far['links']}")
    # local-denylist's logout writes to Redis through the 4 ms link; its hot
    # path asks nobody. The announcement's trip to the other instance
    # overlaps the logout's own round trip, so the lag stays small.
    p50 = lambda run, endpoint: max((e for e in run["endpoints"] if e["endpoint"] == endpoint),
                                    key=lambda e: e["requests"])["latency_corrected"]["p50_seconds"]
    # (Compared with the near run rather than with a fixed figure: on a machine
    # busy with other work a logout's median alone can reach milliseconds.)
    check(p50(far, "logout") - p50(near, "logout") >= 3e-3 and p50(far, "resource") < 3.9e-3,
          f"logout p50 {p50(near, 'logout') * 1e3:.2f} ms at 0, {p50(far, 'logout') * 1e3:.2f} ms at 4ms; "
          f"resource at 4ms {p50(far, 'resource') * 1e3:.2f} ms")
    lag = far["revocation_lag"]["max_seconds"]
    check(far["instances"] == 2 and far["verdict"]["kept"] and lag <= 0.2,
          f"at 4ms: {far['instances']} instances, {far['verdict']}, the revocation reached both after {lag * 1e3:.2f} ms")
    # The report: the unswept runs make the figures, the sweep the charts.
    report_dir = pathlib.Path(tmp) / "report"
    made = subprocess.run([BIN, "report", str(out), "--out", str(report_dir)], capture_output=True, text=True)
    check(made.returncode == 0, f"report of a mixed compare: {made.stderr[-400:]!r}")
    text = (report_dir / "report.md").read_text()
    check("Swept over the stores' round trip: `store-latency` at `0`, `4ms`; the figures leave the swept runs out" in text,
          f"{text[-2500:]}")
    check((report_dir / "charts" / "store-rtt-lag.svg").exists(), "no lag chart against distance")
    at_far = subprocess.run([BIN, "report", str(out), "--store-rtt", "4ms", "--out", str(pathlib.Path(tmp) / "far")],
                            capture_output=True, text=True)
    check(at_far.returncode == 0 and "the figures are at `4ms`" in (pathlib.Path(tmp) / "far" / "report.md").read_text(),
          f"report at 4ms: {at_far.stderr[-400:]!r}")
    refused = revbench("compare", "--scenario", str(swept), "--strategy", "local-denylist", "--link", "server-redis=1ms")
    check(refused.returncode != 0 and "network.store_rtt sweeps the store tiers' links" in refused.stderr and
          "stores:" not in refused.stdout, f"a sweeping script with a store --link: {refused.stderr[-300:]!r}")
    print(f"a script's own sweep beside logout: local-denylist's revocation at 4ms reached both instances after {lag * 1e3:.2f} ms")


def test_a_bad_link_stops_everything(tmp):
    for value, named in (("server-redis=1ms±", "server-redis=1ms±"), ("nowhere=1ms", "client-server"),
                         ("server-redis", "TIER=SHAPE"), ("server-redis=1ms,fast", "fast")):
        result = revbench("run", "logout", "--strategy", "redis-denylist", "--link", value)
        check(result.returncode != 0 and "--link" in result.stderr and named in result.stderr,
              f"--link {value}: exit {result.returncode}, {result.stderr[-300:]!r}")
        check("stores:" not in result.stdout, f"--link {value}: stores started before the refusal")
    result = revbench("run", "logout", "--target", "http://127.0.0.1:9", "--link", "server-redis=1ms")
    check(result.returncode != 0 and "only client-server" in result.stderr, f"--target with a store link: {result.stderr[-300:]!r}")
    result = revbench("run", "logout", "--link", "server-redis=1ms", "--link", "server-redis=2ms")
    check(result.returncode != 0 and "already" in result.stderr, f"a tier twice: {result.stderr[-300:]!r}")


def main():
    return run_tests((test_a_bad_link_stops_everything, test_store_and_client_links_add_their_round_trips,
                      test_the_subscribers_link_delays_propagation, test_an_instance_in_another_region_pays_the_distance,
                      test_a_store_rtt_sweep_plays_every_run_at_each_distance,
                      test_a_script_sweeps_the_stores_distance_beside_unswept_scripts))


if __name__ == "__main__":
    sys.exit(main())
