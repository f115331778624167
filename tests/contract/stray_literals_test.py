#!/usr/bin/env python3
"""The contract's vocabulary is spelled once, in harness/contract/: no other
source file of the harness, the strategies, the results or the scenario
parser spells an endpoint path of the contract's table or the seeded users'
naming. Tests and benchmarks may: they check the contract from outside."""
import pathlib
import re
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
CONTRACT = ROOT / "harness" / "contract"
SOURCE_ROOMS = ["harness", "strategies", "results", "scenarios"]
# Prometheus's own convention, which the load generator serves too: not the contract's endpoint alone.
SHARED_WITH_OTHERS = {"/metrics"}


def contract_paths():
    table = (CONTRACT / "endpoint.hpp").read_text()
    paths = re.findall(r'\{Endpoint::\w+, "[A-Z]+", "([^"]+)"', table)
    if len(paths) < 15:
        raise SystemExit(f"found only {len(paths)} rows in harness/contract/endpoint.hpp: the test no longer reads it")
    return [p for p in paths if p not in SHARED_WITH_OTHERS]


def stray(paths, files):
    literals = [f'"{p}"' for p in paths] + ['"user-%06d"', '"pw-"']
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
    found = stray(paths, list(sources()))
    # The check itself must be able to fail: a planted literal is found.
    with tempfile.TemporaryDirectory() as scratch:
        planted = pathlib.Path(scratch) / "planted.cpp"
        planted.write_text('auto path = "/auth/logout";\nauto user = "user-%06d";\n')
        if len(stray(paths, [planted])) != 2:
            print("FAIL: planted contract literals were not found")
            return 1
    for line in found:
        print(f"stray contract literal: {line}")
    print(f"{len(paths)} endpoint paths checked in {len(list(sources()))} files: {len(found)} stray")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
