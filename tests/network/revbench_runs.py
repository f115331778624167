"""What the network end-to-end tests share: the binary, `revbench run` with
its results checked against the schema; `check` and the runner of test
functions are tests/cases.py's."""
import json
import os
import pathlib
import subprocess
import sys

import jsonschema

REPO = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))
from cases import Failure, check, run_tests  # noqa: E402,F401 (the network tests take them from here)
BIN = os.environ.get("REVBENCH_BIN", str(REPO / "build" / "release" / "revbench"))
SCHEMA = json.loads((REPO / "results" / "results.schema.json").read_text())


def revbench(*args):
    return subprocess.run([BIN, *args], capture_output=True, text=True, timeout=600)


def schema_errors(document):
    return "; ".join(e.message[:200] for e in list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(document))[:3])


def played_with_table(tmp, name, *args, broken_exit=None):
    """`revbench run ARGS`: its results (valid by the schema) and what it printed. It exits 0; with
    `broken_exit`, a run that broke a promise may exit that instead, and only then."""
    out = pathlib.Path(tmp) / f"{name}.json"
    result = revbench("run", *args, "--out", str(out))
    check(out.exists(), f"revbench run {' '.join(args)}: exit {result.returncode}, no results: {result.stderr[-800:]}")
    document = json.loads(out.read_text())
    errors = schema_errors(document)
    check(not errors, f"{name}: not the schema: {errors}")
    kept = broken_exit is None or all(run["verdict"]["kept"] for run in document["runs"])
    check(result.returncode == (0 if kept else broken_exit),
          f"revbench run {' '.join(args)} exited {result.returncode}: {result.stderr[-800:]}")
    return document, result.stdout


def played(tmp, name, *args, broken_exit=None):
    return played_with_table(tmp, name, *args, broken_exit=broken_exit)[0]


def check_refused_before_stores(tmp, refusals):
    """Each (args, said): `revbench run ARGS` fails saying `said`, and before it started any store."""
    for args, said in refusals:
        result = revbench("run", *args, "--out", str(pathlib.Path(tmp) / "refused.json"))
        check(result.returncode != 0 and said in result.stderr, f"run {' '.join(args)}: exit {result.returncode}, {result.stderr[-400:]}")
        check("stores:" not in result.stdout, f"run {' '.join(args)} started its stores: {result.stdout[-300:]}")
