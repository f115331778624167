#!/usr/bin/env python3
"""The contract's vocabulary is spelled once, in harness/contract/: no other
source file of the harness, the strategies, the results or the scenario
parser spells an endpoint path of the contract's table, a refusal reason or
the seeded users' naming. Tests and benchmarks may: they check the contract
from outside."""
import pathlib
import re
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
CONTRACT = ROOT / "harness" / "contract"
SOURCE_ROOMS = ["harness", "strategies", "results", "scenarios"]
# Prometheus's own convention, which the load generator serves too: not the contract's endpoint alone.
SHARED_WITH_OTHERS = {"/metrics"}
# A reason that is also an everyday word (an unknown algorithm, strategy, commit): spelled freely.
EVERYDAY_WORDS = {"unknown"}


def table_rows(file, pattern, at_least):
    rows = re.findall(pattern, (CONTRACT / file).read_text())
    if len(rows) < at_least:
        raise SystemExit(f"found only {len(rows)} rows in harness/contract/{file}: the test no longer reads it")
    return rows


def contract_paths():
    paths = table_rows("endpoint.hpp", r'\{Endpoint::\w+, "[A-Z]+", "([^"]+)"', 15)
    return [p for p in paths if p not in SHARED_WITH_OTHERS]


def contract_reasons():
    reasons = table_rows("reason.cpp", r'\{Reason::\w+, "([a-z_]+)"\}', 20)
    return [r for r in reasons if r not in EVERYDAY_WORDS]


def stray(vocabulary, files):
    literals = [f'"{word}"' for word in vocabulary] + ['"user-%06d"', '"pw-"']
    found = []
    for path in files:
        if CONTRACT in path.parents:
            continue
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            for literal in literals:
                if literal in line:
                    found.append(f"{path}:{number}: {literal}")
    return found


def sources():
    for room in SOURCE_ROOMS:
        for path in sorted((ROOT / room).rglob("*")):
            if path.suffix in (".cpp", ".hpp"):
                yield path


def main():
    paths = contract_paths()
    reasons = contract_reasons()
    vocabulary = paths + reasons
    found = stray(vocabulary, list(sources()))
    # The check itself must be able to fail: a planted literal is found.
    with tempfile.TemporaryDirectory() as scratch:
        planted = pathlib.Path(scratch) / "planted.cpp"
        planted.write_text('auto path = "/auth/logout";\nauto user = "user-%06d";\nauto why = "reuse_detected";\n')
        if len(stray(vocabulary, [planted])) != 3:
            print("FAIL: planted contract literals were not found")
            return 1
    for line in found:
        print(f"stray contract literal: {line}")
    print(f"{len(paths)} endpoint paths and {len(reasons)} reasons checked in {len(list(sources()))} files: {len(found)} stray")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
