"""One real nightly (``khuyencong run``, a subprocess, as a user runs it) over the hostile corpus
of issue 13 and three valid reports: the night finishes, the reports load, each hostile file is
quarantined with the rule that names its problem, the whole process tree stays under 1.5 GB,
nothing is written outside the home and nothing is read outside the inbox.

The cost is measured, never asserted (no timed assertions in tests): the test prints the time
and the peak memory of this night and of a night over the three valid files alone.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from devtools.sample import generate_sample
from tests.hostile.corpus import hostile_corpus, write_corpus
from tests.marts import query

KHUYENCONG = str(Path(sys.executable).parent / "khuyencong")
STRACE = shutil.which("strace")
PAGE = os.sysconf("SC_PAGE_SIZE")
MEMORY_LIMIT = 1_500_000_000  # bytes, the whole process tree (issue 13)
# An open of a path as strace -y prints it: the directory's fd with its path, then the name
_OPEN = re.compile(r'open(?:at2?)?\((?:AT_FDCWD|\d+)(?:<([^>]*)>)?, "((?:[^"\\]|\\.)*)"')


@dataclass
class Night:
    """What one ``khuyencong run`` did and cost."""

    finished: subprocess.CompletedProcess[str]
    seconds: float
    peak_tree: int  # the largest sum of RSS over the process tree, sampled every 20 ms
    opened: set[Path]  # every path under the night's folder the tree tried to open


def _tree_rss(root: int) -> int:
    """The RSS of ``root`` and all its descendants now, in bytes (0 for any gone meanwhile)."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo += map(int, (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return total


@contextmanager
def _sampled(pid: int, peak: list[int]) -> Iterator[None]:
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.02):
            peak[0] = max(peak[0], _tree_rss(pid))

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        yield
    finally:
        stop.set()
        sampler.join()


def _opened(log: Path, under: Path) -> set[Path]:
    found = set()
    for line in log.read_text(errors="replace").splitlines():
        for folder, name in _OPEN.findall(line):
            path = Path(folder) / name if folder else Path(name)
            if path.is_relative_to(under):
                found.add(path)
    return found


def _run(night: Path, env: dict[str, str]) -> Night:
    """``khuyencong run`` over ``night/inbox`` into ``night/home``, its temporary files in
    ``night/tmp``, measured (and traced, when strace is there, for the files it opens)."""
    (night / "tmp").mkdir()
    trace = night.parent / f"{night.name}.strace"
    command = [KHUYENCONG, "run", "--inbox", str(night / "inbox"), "--home", str(night / "home")]
    command += ["--settle-seconds", "0"]
    if STRACE:
        command = [STRACE, "-f", "-qq", "-y", "--seccomp-bpf", "-e", "trace=open,openat,openat2",
                   "-o", str(trace), *command]  # fmt: skip
    peak = [0]
    started = time.monotonic()
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**env, "TMPDIR": str(night / "tmp")},
    )
    with _sampled(process.pid, peak):
        out, err = process.communicate(timeout=1200)
    seconds = time.monotonic() - started
    finished = subprocess.CompletedProcess(command, process.returncode, out, err)
    opened = _opened(trace, night) if STRACE else set()
    return Night(finished, seconds, peak[0], opened)


def _snapshot(folder: Path) -> dict[Path, tuple[int, int]]:
    """Every file under ``folder`` with its size and modification time."""
    return {
        path: (path.lstat().st_size, path.lstat().st_mtime_ns)
        for path in folder.rglob("*")
        if not path.is_dir()
    }


def _valid_reports(folder: Path) -> list[Path]:
    """Three valid reports of 2010 (Hà Nội, Thái Nguyên, Hải Dương) by the sample generator."""
    generate_sample(folder, years=range(2010, 2011), provinces={"01", "19", "30"})
    reports = sorted(folder.glob("*.xlsx"))
    assert len(reports) == 3
    return reports


def _megabytes(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB"


def test_one_hostile_night_quarantines_each_file_and_loads_the_reports(
    tmp_path: Path, cli_environment: dict[str, str]
) -> None:
    reports = _valid_reports(tmp_path / "sample")
    calm, night = tmp_path / "calm", tmp_path / "night"
    for folder in calm, night:
        (folder / "inbox").mkdir(parents=True)
        for report in reports:
            shutil.copy(report, folder / "inbox")
    outside = night / "outside" / "secret.txt"  # what the external entities point at
    outside.parent.mkdir()
    outside.write_text("bí mật")
    corpus = hostile_corpus(outside)
    write_corpus(night / "inbox", corpus)
    before = _snapshot(night)

    baseline = _run(calm, cli_environment)
    hostile = _run(night, cli_environment)

    print(f"\nhostile night: {len(corpus)} hostile files + 3 reports")
    for name, run in (("3 valid reports alone", baseline), ("with the hostile corpus", hostile)):
        print(
            f"{name}: {run.seconds:.1f} s, peak RSS of the process tree {_megabytes(run.peak_tree)}"
        )
    print(f"the hostile files cost {hostile.seconds - baseline.seconds:.1f} s more")
    # the kernel's peak RSS of any process this session waited for (descendants included):
    # no sampling misses it, and it bounds both runs (and any earlier test's subprocess)
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(f"the largest single process of both runs: {_megabytes(largest)}")
    assert baseline.finished.returncode == 0, baseline.finished.stderr
    assert hostile.finished.returncode == 0, hostile.finished.stderr
    assert hostile.peak_tree < MEMORY_LIMIT
    assert largest < MEMORY_LIMIT

    home = night / "home"
    statuses = dict(query(home, "select file_name, status from marts.submissions"))
    assert {statuses[report.name] for report in reports} == {"loaded"}
    found = set(query(home, "select file_name, rule from marts.findings"))
    assert {(h.name, statuses.get(h.name)) for h in corpus} == {
        (h.name, "quarantined") for h in corpus
    }
    assert {h.name: h.rule for h in corpus if (h.name, h.rule) not in found} == {}

    # nothing written outside the home: the inbox only emptied, the rest untouched
    after = _snapshot(night)
    outside_home = {p: s for p, s in after.items() if not p.is_relative_to(home)}
    assert outside_home == {p: s for p, s in before.items() if p == outside}
    if STRACE:  # nothing read outside the inbox (the home and the temporary copies aside)
        allowed = (night / "inbox", home, night / "tmp")
        assert night / "inbox" / corpus[0].name in hostile.opened  # the trace sees the reads
        assert {p for p in hostile.opened if not any(map(p.is_relative_to, allowed))} == set()
    else:
        print("strace is not installed: what the run opened was not traced")
