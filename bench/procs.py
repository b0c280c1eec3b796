"""Run a child process while sampling /proc: wall time, peak RSS of its whole process tree, CPU used, other load."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
TICK = os.sysconf("SC_CLK_TCK")


@dataclass
class Measured:
    """What one timed phase cost: wall seconds, CPU seconds of the measured tree, of this process, of everyone else."""

    wall: float
    cpu: float = 0.0  # user + system seconds of the child tree (every process seen, summed)
    parent_cpu: float = 0.0  # of the command's own process alone (the rest is its children: extraction workers)
    own_cpu: float = 0.0  # this bench process (the HTTP server's threads live here)
    other_cpu: float = 0.0  # every other process on the machine during the phase
    peak_rss: int = 0  # bytes, the largest sum of RSS over the tree at one sample
    peak_pss: int = 0  # bytes, the same for PSS (a shared page split between its sharers), when sampled
    peak_processes: int = 0
    returncode: int = 0
    output: str = ""


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, user + system seconds) of a process, or None when it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2:].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK


def _rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _pss(pid: int) -> int:
    """Proportional set size: the process's own pages plus its share of the pages it shares (bytes)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


def machine_busy() -> float:
    """CPU seconds spent busy by the whole machine since boot (all cores)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return (sum(values[:8]) - idle) / TICK


class TreeMonitor:
    """Sample a process and its descendants every `interval` seconds in a thread."""

    def __init__(self, pid: int, interval: float = 0.05, pss: bool = False):
        self.pid, self.interval, self.pss = pid, interval, pss
        self.peak_rss = self.peak_pss = self.peak_processes = 0
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bench-monitor", daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        parents: dict[int, list[int]] = {}
        times: dict[int, float] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                stat = _stat(int(entry))
                if stat:
                    parents.setdefault(stat[0], []).append(int(entry))
                    times[int(entry)] = stat[1]
        tree, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            if pid in times:
                tree.append(pid)
                todo += parents.get(pid, [])
        for pid in tree:
            self.cpu[pid] = max(self.cpu.get(pid, 0.0), times[pid])
        self.peak_rss = max(self.peak_rss, sum(_rss(pid) for pid in tree))
        if self.pss:  # reading smaps_rollup walks the page tables: only where memory is what is measured
            self.peak_pss = max(self.peak_pss, sum(_pss(pid) for pid in tree))
        self.peak_processes = max(self.peak_processes, len(tree))

    def __enter__(self) -> TreeMonitor:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


class Phase:
    """Time a block: wall seconds, this process's CPU and the rest of the machine's."""

    def __enter__(self) -> Phase:
        self._wall, self._busy, self._own = time.perf_counter(), machine_busy(), _own_cpu()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.perf_counter() - self._wall
        self.busy = machine_busy() - self._busy
        self.own = _own_cpu() - self._own


def _own_cpu() -> float:
    times = os.times()
    return times.user + times.system


def run_measured(command: list[str], cwd: Path | None = None, env: dict | None = None,
                 interval: float = 0.05, pss: bool = False) -> Measured:
    """Run a command to its end while sampling its process tree."""
    with Phase() as phase:
        child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        with TreeMonitor(child.pid, interval, pss) as monitor:
            output, _ = child.communicate()
            monitor.sample()
    tree_cpu = sum(monitor.cpu.values())
    return Measured(wall=phase.wall, cpu=tree_cpu, parent_cpu=monitor.cpu.get(child.pid, 0.0), own_cpu=phase.own, other_cpu=max(0.0, phase.busy - tree_cpu - phase.own),
                    peak_rss=monitor.peak_rss, peak_pss=monitor.peak_pss, peak_processes=monitor.peak_processes, returncode=child.returncode,
                    output=output)
