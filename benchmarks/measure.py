"""Run one command and measure it from outside: wall time, peak memory, CPU of its whole tree.

Peak resident memory is the largest sum, over samples every 50 ms, of the RSS of the process
and all its descendants (Prefect's server, pool workers). CPU time is what the process and the
children it waited for used (``RUSAGE_CHILDREN`` before and after), so a worker that lived
between two samples is still counted.
"""

from __future__ import annotations

import contextlib
import json
import resource
import subprocess
import time
from dataclasses import dataclass, field
from typing import Any

import psutil

SAMPLE_SECONDS = 0.05


@dataclass(frozen=True)
class Measurement:
    wall_seconds: float
    peak_rss_bytes: int
    cpu_seconds: float
    report: dict[str, Any] = field(default_factory=dict)  # the JSON line the command printed

    def utilisation(self, cores: int) -> float:
        """Share of the machine's cores busy with this command over its wall time."""
        return self.cpu_seconds / (self.wall_seconds * cores)


def _tree_rss(process: psutil.Process) -> int:
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except psutil.Error:  # exited between listing and reading
            continue
    return total


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(command: list[str], env: dict[str, str] | None = None) -> Measurement:
    """Run ``command`` to completion; raise with its output if it fails."""
    cpu_before = _children_cpu()
    start = time.perf_counter()
    child = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    watched = psutil.Process(child.pid)
    peak = 0
    while child.poll() is None:
        with contextlib.suppress(psutil.Error):  # the process has just ended
            peak = max(peak, _tree_rss(watched))
        time.sleep(SAMPLE_SECONDS)
    stdout, stderr = child.communicate()
    wall = time.perf_counter() - start
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({child.returncode}):\n{stderr[-3000:]}")
    report = {}
    for line in reversed(stdout.splitlines()):
        if line.startswith("{"):
            report = json.loads(line)
            break
    return Measurement(wall, peak, _children_cpu() - cpu_before, report)
