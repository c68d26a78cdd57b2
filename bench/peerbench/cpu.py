"""CPU time of processes from /proc (Linux): utime + stime, a process tree at a time."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["MachineTicks", "ProcessTree", "machine_busy_seconds", "own_seconds"]

_TICK = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    # The command name (field 2) is in parentheses and may hold spaces; fields follow ")".
    return raw[raw.rindex(")") + 2 :].split()


def _seconds(pid: int) -> float:
    fields = _stat_fields(pid)
    if fields is None:
        return 0.0
    # utime and stime are fields 14 and 15 of proc(5); index 0 here is field 3.
    return (int(fields[11]) + int(fields[12])) / _TICK


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except FileNotFoundError:
        return found
    for task in tasks:
        try:
            found.extend(int(c) for c in (task / "children").read_text().split())
        except FileNotFoundError:
            continue
    return found


@dataclass(frozen=True)
class ProcessTree:
    """A process and, at each reading, all of its live descendants (uvicorn's workers).

    A descendant that exits between two readings takes its CPU time with it; the servers
    here keep their workers for the whole run."""

    name: str
    pid: int

    def pids(self) -> list[int]:
        seen: list[int] = []
        todo = [self.pid]
        while todo:
            pid = todo.pop()
            if pid in seen:
                continue
            seen.append(pid)
            todo.extend(_children(pid))
        return seen

    def seconds(self) -> float:
        return sum(_seconds(pid) for pid in self.pids())


def own_seconds() -> float:
    """CPU time of this process, all threads."""
    times = os.times()
    return times.user + times.system


@dataclass(frozen=True)
class MachineTicks:
    busy: float
    total: float


def machine_busy_seconds() -> MachineTicks:
    """CPU seconds all cores spent busy, and in all, since boot (/proc/stat's cpu line)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    total = sum(fields[:8])  # guest time is already counted in user
    return MachineTicks((total - idle) / _TICK, total / _TICK)
