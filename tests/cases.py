"""What every end-to-end Python test shares: a failure type, `check`, and
running the case named on the command line (exit 0 pass, 1 fail, 2 usage)."""
import sys


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def run_cases(doc, cases):
    if len(sys.argv) != 2 or sys.argv[1] not in cases:
        print(doc, file=sys.stderr)
        return 2
    try:
        cases[sys.argv[1]]()
    except Failure as failure:
        print(f"FAIL {sys.argv[1]}: {failure}", file=sys.stderr)
        return 1
    return 0
