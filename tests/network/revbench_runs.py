"""What the network end-to-end tests share: the binary, `revbench run` with
its results checked against the schema, and a runner of test functions."""
import json
import os
import pathlib
import subprocess
import tempfile

import jsonschema

REPO = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("REVBENCH_BIN", str(REPO / "build" / "release" / "revbench"))
SCHEMA = json.loads((REPO / "results" / "results.schema.json").read_text())


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


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


def run_tests(tests):
    """Each test in a temporary directory of its own; 1 when any failed."""
    failures = 0
    for test in tests:
        with tempfile.TemporaryDirectory() as tmp:
            try:
                test(tmp)
                print(f"ok   {test.__name__}")
            except Failure as failure:
                failures += 1
                print(f"FAIL {test.__name__}: {failure}")
    return 1 if failures else 0
