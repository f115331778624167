#!/usr/bin/env python3
"""scripts/process_cpu.py against real processes: a grandchild found below its
grandparent, its CPU counted while it spins and not while it sleeps, a process
that has gone (been reaped) counting nothing."""
import os
import pathlib
import signal
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "scripts"))
from process_cpu import cpu_seconds, descendants  # noqa: E402

SPIN_THEN_SLEEP = ("import time\n"
                   "start = time.process_time()\n"
                   "while time.process_time() - start < 0.5: pass\n"
                   "time.sleep(60)\n")


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    raise SystemExit(f"FAILED: {what}")


def main():
    # sh -> python: the python is a grandchild of the process we started.
    parent = subprocess.Popen(["sh", "-c", f"{sys.executable} -c '{SPIN_THEN_SLEEP}' & wait"], start_new_session=True)
    try:
        spinner = wait_for(lambda: [pid for pid in descendants(parent.pid)
                                    if pathlib.Path(f"/proc/{pid}/cmdline").read_bytes().startswith(
                                        sys.executable.encode())], 10, "the grandchild is among the descendants")[0]
        assert os.getpid() not in descendants(parent.pid), "a process outside the tree counted as a descendant"
        wait_for(lambda: cpu_seconds([spinner]) >= 0.45, 10, "half a second of spinning is counted")
        time.sleep(0.2)  # past the spin, into the sleep
        asleep = cpu_seconds([spinner])
        assert asleep < 1.0, f"{asleep} s counted for 0.5 s of spinning"
        time.sleep(0.5)
        assert cpu_seconds([spinner]) - asleep < 0.05, "a sleeping process kept accruing CPU"
        assert cpu_seconds([spinner, parent.pid]) >= asleep, "a sum of processes counts less than one of them"
    finally:
        os.killpg(parent.pid, signal.SIGKILL)
        parent.wait()
    reaped = subprocess.Popen([sys.executable, "-c", "pass"])
    reaped.wait()
    assert cpu_seconds([reaped.pid]) == 0, "a process that has gone (reaped) still counted"
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
