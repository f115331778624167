#!/usr/bin/env python3
"""The design-decision report, end to end.

usage: report_test.py reference|html|charts|production

reference: `revbench report` over the committed reference results
(results/reference/compare-*.json, with the requirements scripts/reference
states) reproduces the committed report byte for byte, every file of it, and
the README shows the report's verdict and cost tables as they are.

html: the reference report's single HTML file, opened in headless Chromium
(Debian's `chromium`), renders every chart: a probe script added to a copy
of the page records each chart's box and whether its image decoded; a
screenshot of the same page is then cut to those boxes, and each must be
mostly drawn (not blank: many non-white pixels, several colours). The page
must load nothing from outside itself.

charts: the reference report's charts as a reader sees them: each series in a
look of its own, no label drawn over another (laid out by Chromium).

production: `report --production` over the reference results: each
projection's arithmetic redone from the measured table beside it (store ops
a second, the hot path at the production's store distance, the TTL-bound
thief's window); entries the results cannot size say how to measure them;
bad production specs, given inline or as a file, are refused naming the key
(and the file's line).
"""
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))
from cases import Failure, check, run_cases  # noqa: E402

BIN = os.environ.get("REVBENCH_BIN", str(REPO / "build" / "release" / "revbench"))
REFERENCE = REPO / "results" / "reference"
WIDTH = 1280


def requirements():
    """The --require arguments scripts/reference passes, read from the script itself."""
    text = (REPO / "scripts" / "reference").read_text()
    line = re.search(r"^requirements=\((.*)\)$", text, re.M)
    check(line, "scripts/reference has no requirements=(...) line")
    return re.findall(r"--require '([^']*)'|--require (\S+)", line.group(1))


def case_reference():
    files = sorted(p.name for p in REFERENCE.glob("compare-*.json"))
    check(files, f"expected reference results files under {REFERENCE}, found none")
    with tempfile.TemporaryDirectory(prefix="revbench-report-") as tmp:
        command = [BIN, "report", *files, "--out", tmp]
        for quoted, bare in requirements():
            command += ["--require", quoted or bare]
        made = subprocess.run(command, cwd=REFERENCE, capture_output=True, text=True, timeout=300)
        check(made.returncode == 0, f"revbench report failed:\n{made.stderr}")
        committed = REFERENCE / "report"
        ours = sorted(str(p.relative_to(tmp)) for p in pathlib.Path(tmp).rglob("*") if p.is_file())
        theirs = sorted(str(p.relative_to(committed)) for p in committed.rglob("*") if p.is_file())
        check(ours == theirs, f"files differ: generated {ours}, committed {theirs}")
        for name in ours:
            a, b = (pathlib.Path(tmp) / name).read_bytes(), (committed / name).read_bytes()
            if a != b:
                at = next(i for i in range(min(len(a), len(b)) + 1) if i >= min(len(a), len(b)) or a[i] != b[i])
                raise Failure(f"{name} is not reproduced byte for byte (first difference at byte {at}: "
                              f"{a[max(0, at - 60):at + 60]!r} vs {b[max(0, at - 60):at + 60]!r}); "
                              "regenerate it with scripts/reference --report")
    report = (REFERENCE / "report" / "report.md").read_text()
    readme = (REPO / "README.md").read_text()
    for heading in ("\n## Verdicts\n", "\n### Costs\n"):
        check(heading in report, f"the report has no {heading.strip()!r}")
        section = report.split(heading, 1)[1]
        table = next(block for block in section.split("\n\n") if block.startswith("|"))
        name = heading.strip().lstrip("# ")
        check(table in readme, f"README does not show the report's {name} table as generated")
    print(f"reference: {len(ours)} files reproduced byte for byte; README tables match")


def chromium(*args):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    check(browser, "chromium is not installed (scripts/setup installs it)")
    return subprocess.run([browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           "--force-device-scale-factor=1", "--default-background-color=ffffffff", *args],
                          capture_output=True, text=True, timeout=120)


PROBE = """
<script>
window.addEventListener('load', () => {
  const charts = [...document.querySelectorAll('img.chart')].map(img => {
    const r = img.getBoundingClientRect();
    return {alt: img.alt, ok: img.complete && img.naturalWidth > 0, x: r.left + scrollX, y: r.top + scrollY,
            w: r.width, h: r.height};
  });
  const external = [...document.querySelectorAll('[src],[href]')]
      .map(e => e.getAttribute('src') || e.getAttribute('href')).filter(u => !u.startsWith('data:') && !u.startsWith('#'));
  const out = document.createElement('pre');
  out.id = 'probe';
  out.textContent = 'PROBE' + JSON.stringify({charts, external, height: document.documentElement.scrollHeight}) + 'EBORP';
  document.body.appendChild(out);
});
</script>
"""


def series_styles(svg):
    """Each plotted series' (colour, dash pattern), panel by panel (a multiplot numbers its plots anew)."""
    panels, styles = [], []
    for number, body in re.findall(r'<g id="gnuplot_plot_(\d+)" >(.*?)(?=<g id="gnuplot_plot_\d+" >|</svg>)', svg, re.S):
        if number == "1" and styles:
            panels.append(styles)
            styles = []
        stroke = re.search(r"<path stroke='(rgb\([^)]*\))'([^>]*)", body)
        if stroke:
            dash = re.search(r"stroke-dasharray='([^']*)'", stroke.group(2))
            styles.append((stroke.group(1).replace(" ", ""), dash.group(1) if dash else "solid"))
    return panels + [styles] if styles else panels


OVERLAPS = """
<script>
// Every text of every chart as the quadrilateral it covers on the page
// (rotated tic labels too), a sixth of its height trimmed off: the fonts'
// line boxes are taller than their glyphs. Two that intersect collide.
function corners(text) {
  const box = text.getBBox(), m = text.getScreenCTM();
  const dy = box.height / 12;
  return [[box.x, box.y + dy], [box.x + box.width, box.y + dy], [box.x + box.width, box.y + box.height - dy],
          [box.x, box.y + box.height - dy]].map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
}
function separated(p, q) {  // the separating axis theorem, for two convex quadrilaterals
  for (const poly of [p, q])
    for (let i = 0; i < 4; i++) {
      const [x1, y1] = poly[i], [x2, y2] = poly[(i + 1) % 4], nx = y2 - y1, ny = x1 - x2;
      const project = pts => pts.map(([x, y]) => x * nx + y * ny);
      const a = project(p), b = project(q);
      if (Math.max(...a) <= Math.min(...b) || Math.max(...b) <= Math.min(...a)) return true;
    }
  return false;
}
window.addEventListener('load', () => {
  const found = [];
  for (const chart of document.querySelectorAll('div.chart')) {
    const texts = [...chart.querySelectorAll('text')].filter(t => t.textContent.trim() && t.getBBox().width > 0);
    const quads = texts.map(corners);
    for (let i = 0; i < texts.length; i++)
      for (let j = i + 1; j < texts.length; j++)
        if (!separated(quads[i], quads[j])) found.push([chart.id, texts[i].textContent, texts[j].textContent]);
  }
  const out = document.createElement('pre');
  out.id = 'probe';
  out.textContent = 'PROBE' + JSON.stringify({charts: document.querySelectorAll('div.chart').length, found}) + 'EBORP';
  document.body.appendChild(out);
});
</script>
"""


def case_charts():
    """Every chart read as a person would: its series each drawn in a look of
    their own (colour and dash: the comparison has fifteen strategies), and no
    two of its texts (tic labels, legend, point labels) on top of each other,
    measured in Chromium with the SVG laid out as drawn."""
    charts = sorted((REFERENCE / "report" / "charts").glob("*.svg"))
    check(len(charts) >= 6, f"{len(charts)} charts")
    most = 0
    for chart in charts:
        for panel in series_styles(chart.read_text()):
            repeated = {style for style in panel if panel.count(style) > 1}
            check(not repeated, f"{chart.name}: series drawn alike: {sorted(repeated)}")
            most = max(most, len(panel))
    check(most >= 15, f"the busiest chart has {most} series: the reference compare has fifteen strategies")
    with tempfile.TemporaryDirectory(prefix="revbench-charts-") as tmp:
        page = pathlib.Path(tmp) / "charts.html"
        body = "".join(f'<div class="chart" id="{c.stem}">{c.read_text().split("?>", 1)[-1]}</div>' for c in charts)
        page.write_text(f"<!DOCTYPE html><html><body>{body}{OVERLAPS}</body></html>")
        dom = chromium(f"--window-size={WIDTH},1000", "--virtual-time-budget=5000", "--dump-dom", page.as_uri())
        found = re.search(r'<pre id="probe">PROBE(.*?)EBORP', dom.stdout, re.S)
        check(found, "the probe did not run:\n" + dom.stderr[-2000:])
        probe = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
        check(probe["charts"] == len(charts), f"{probe['charts']} of {len(charts)} charts laid out")
        check(not probe["found"], f"{len(probe['found'])} pairs of labels collide, e.g. " +
              "; ".join(f"{c}: '{a}' on '{b}'" for c, a, b in probe["found"][:8]))
    print(f"charts: {len(charts)} charts, up to {most} series each, all apart; no label on another")


def case_html():
    from PIL import Image

    html = (REFERENCE / "report" / "report.html").read_text()
    charts = len(re.findall(r'<img class="chart"', html))
    check(charts >= 4, f"the report has {charts} charts, expected the latency spectrum, store ops, lag CDF and timeline")
    with tempfile.TemporaryDirectory(prefix="revbench-html-") as tmp:
        page = pathlib.Path(tmp) / "report.html"
        page.write_text(html.replace("</body>", PROBE + "</body>"))
        dom = chromium(f"--window-size={WIDTH},1000", "--virtual-time-budget=5000", "--dump-dom", page.as_uri())
        found = re.search(r'<pre id="probe">PROBE(.*?)EBORP', dom.stdout, re.S)
        check(found, "the probe did not run:\n" + dom.stderr[-2000:])
        probe = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
        check(not probe["external"], f"the page loads external resources: {probe['external']}")
        check(len(probe["charts"]) == charts, f"{len(probe['charts'])} charts laid out, {charts} in the page")
        height = int(probe["height"]) + 20
        shot = pathlib.Path(tmp) / "shot.png"
        taken = chromium(f"--window-size={WIDTH},{height}", "--virtual-time-budget=5000", f"--screenshot={shot}", page.as_uri())
        check(shot.exists(), "no screenshot:\n" + taken.stderr[-2000:])
        image = Image.open(shot).convert("RGB")
        for chart in probe["charts"]:
            check(chart["ok"], f"chart '{chart['alt']}' did not decode")
            check(chart["w"] > 300 and chart["h"] > 150, f"chart '{chart['alt']}' is laid out at {chart['w']}x{chart['h']}")
            box = (int(chart["x"]) + 2, int(chart["y"]) + 2, int(chart["x"] + chart["w"]) - 2, int(chart["y"] + chart["h"]) - 2)
            region = image.crop(box)
            pixels = list(region.getdata())
            drawn = sum(1 for p in pixels if sum(p) < 720) / len(pixels)
            colours = len(set(pixels))
            check(drawn > 0.01, f"chart '{chart['alt']}' is blank in the screenshot ({drawn:.2%} drawn)")
            check(colours >= 8, f"chart '{chart['alt']}' has {colours} colours: no lines or bars drawn")
            print(f"html: '{chart['alt'][:60]}' {int(chart['w'])}x{int(chart['h'])}, {drawn:.1%} drawn, {colours} colours")
    print(f"html: {charts} charts render")


def table_after(markdown, heading):
    """The first Markdown table after `heading`: its rows as lists of cells (header dropped)."""
    rest = markdown[markdown.index(heading):]
    lines = []
    for line in rest.splitlines()[1:]:
        if line.startswith("|"):
            lines.append(line)
        elif lines:
            break
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines[2:]]


def seconds(text):
    value, unit = text.split()
    return float(value) * {"µs": 1e-6, "ms": 1e-3, "s": 1}[unit]


def case_production():
    files = sorted(p.name for p in REFERENCE.glob("compare-*.json"))
    spec = "access_ttl=15m,refresh_ttl=14d,rate=20000/s,instances=12,users=2000000,revocations=50/s,store_rtt=1ms"
    with tempfile.TemporaryDirectory(prefix="revbench-report-") as tmp:
        made = subprocess.run([BIN, "report", *files, "--production", spec, "--out", tmp], cwd=REFERENCE,
                              capture_output=True, text=True, timeout=300)
        check(made.returncode == 0, f"revbench report --production failed:\n{made.stderr}")
        markdown = (pathlib.Path(tmp) / "report.md").read_text()
    check("## Projected to your production" in markdown, "no projection section")
    check(markdown.index("## Projected to your production") < markdown.index("## More information"),
          "the projection is not before More information")
    check(f"`--production {spec}`" in markdown, "the production is not stated as given")
    projected = {row[0]: row for row in table_after(markdown, "## Projected to your production")}
    measured = {row[0]: row for row in table_after(markdown, "What the projections rest on")}
    check(projected and projected.keys() == measured.keys(), f"strategies: {projected.keys()} vs {measured.keys()}")
    for name, row in projected.items():
        redis_per_request, pg_per_request, p50 = float(measured[name][1]), float(measured[name][2]), measured[name][3]
        for ops, shown, store in ((row[1], measured[name][1], "Redis"), (row[2], measured[name][2], "PostgreSQL")):
            # The measured figure is printed rounded: the projection used it unrounded, within half its last digit.
            value, formula = ops.split(" = ")
            check(formula == f"{shown} × 20000/s", f"{name}: {store} ops/s formula '{formula}'")
            half_digit = 0.5 * 10 ** -(len(shown.split(".")[1]) if "." in shown else 0)
            check(abs(float(value.removesuffix("/s")) - float(shown) * 20000) <= half_digit * 20000 + 0.5,
                  f"{name}: {store} ops/s '{ops}' from {shown} a request")
        check(row[3] == "not measured: play `revbench compare --set population`",
              f"{name}: the reference has no population, yet its entries were sized: {row[3]}")
        at_rtt = row[8]
        projected_p50 = seconds(at_rtt.split(" = ")[0])
        expected = seconds(p50) + (redis_per_request + pg_per_request) * 1e-3
        check(abs(projected_p50 - expected) <= expected * 0.01, f"{name}: p50 at 1 ms '{at_rtt}', expected {expected}")
    check(projected["`short-ttl`"][6] == "up to 15 min: the access TTL", f"short-ttl: {projected['`short-ttl`'][6]}")
    check(projected["`redis-denylist`"][6] == "—", f"redis-denylist's lag is no TTL's: {projected['`redis-denylist`'][6]}")
    check(projected["`refresh-rotation`"][7].startswith("until the victim's next refresh is refused as reuse")
          and "14 d" in projected["`refresh-rotation`"][7], f"refresh-rotation: {projected['`refresh-rotation`'][7]}")
    check(projected["`redis-denylist`"][7] == "—", f"redis-denylist issues no refresh token: {projected['`redis-denylist`'][7]}")
    print(f"production: {len(projected)} strategies projected, arithmetic checked")

    # Where a sweep measured the hot path at the production's store distance, the measurement replaces the
    # projection, and says so: the reference's store-latency runs at 1 ms, its 0 point as the figures.
    with tempfile.TemporaryDirectory(prefix="revbench-report-") as tmp:
        made = subprocess.run([BIN, "report", *files, "--cost-scenario", "store-latency", "--store-rtt", "0",
                               "--production", "store_rtt=1ms", "--out", tmp], cwd=REFERENCE,
                              capture_output=True, text=True, timeout=300)
        check(made.returncode == 0, f"revbench report --production store_rtt=1ms failed:\n{made.stderr}")
        swept = {row[0]: row for row in table_after((pathlib.Path(tmp) / "report.md").read_text(),
                                                     "## Projected to your production")}
    check(swept and all(row[-1].startswith("measured: ") and row[-1].endswith("(its run at store RTT 1.00 ms)")
                        for row in swept.values()),
          f"the 1 ms runs' p50 did not replace the projection: {[row[-1] for row in swept.values()][:3]}")
    print(f"production: {len(swept)} strategies' hot path at 1 ms taken from the sweep's runs")

    with tempfile.TemporaryDirectory(prefix="revbench-report-") as tmp:
        spec_file = pathlib.Path(tmp) / "production.txt"
        spec_file.write_text("# our production\naccess_ttl=15m\nrate=fast\n")
        for given, said in ((["rate=fast"], ["--production: rate", "20000/s", "'fast'"]),
                            (["userz=5"], ["unknown key 'userz'", "revocations"]),
                            (["rate=5/s,rate=6/s"], ["rate is given twice"]),
                            ([str(spec_file)], [f"{spec_file}:3: rate"])):
            refused = subprocess.run([BIN, "report", *files, "--production", *given, "--out", tmp + "/out"],
                                     cwd=REFERENCE, capture_output=True, text=True, timeout=300)
            check(refused.returncode != 0 and all(s in refused.stderr for s in said),
                  f"--production {given}: exit {refused.returncode}, {refused.stderr[-300:]}")
            check(not (pathlib.Path(tmp) / "out").exists(), f"--production {given} wrote a report")


if __name__ == "__main__":
    sys.exit(run_cases(__doc__, {"reference": case_reference, "html": case_html, "charts": case_charts,
                                 "production": case_production}))
