"""What every end-to-end Python test shares: a failure type, `check`,
running the case named on the command line (exit 0 pass, 1 fail, 2 usage),
and running every test function of a file, each in a directory of its own."""
import sys
import tempfile


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
