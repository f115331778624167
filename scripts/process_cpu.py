"""CPU time of running processes, from /proc: what a benchmark row cost each side."""
import os
import pathlib

TICKS = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid):
    # The command name may hold spaces and parentheses: fields start after the last ')'.
    return pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def cpu_seconds(pids):
    """User + system CPU these processes have used so far; one that has gone counts nothing."""
    ticks = 0
    for pid in pids:
        try:
            fields = _stat_fields(pid)
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / TICKS


def descendants(pid):
    """Every process below `pid` (children, their children, ...), as now."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parent = int(_stat_fields(entry)[1])
            except OSError:
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found
