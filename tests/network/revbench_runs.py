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


def played_with_table(tmp, name, *args):
    """`revbench run ARGS`: its results (valid by the schema) and what it printed."""
    out = pathlib.Path(tmp) / f"{name}.json"
    result = revbench("run", *args, "--out", str(out))
    check(result.returncode == 0, f"revbench run {' '.join(args)} exited {result.returncode}: {result.stderr[-800:]}")
    document = json.loads(out.read_text())
    errors = schema_errors(document)
    check(not errors, f"{name}: not the schema: {errors}")
    return document, result.stdout


def played(tmp, name, *args):
    return played_with_table(tmp, name, *args)[0]
