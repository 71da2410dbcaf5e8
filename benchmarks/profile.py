"""Where the time goes: pyinstrument profiles of the three costs the benchmark asks about.

    .venv/bin/python -m benchmarks.profile files|nothing-new|large [--count 200]

* ``files``: the read task's function (``read_submission``) on ``--count`` distinct workbooks,
  in one process: the per-file cost of understanding a workbook;
* ``nothing-new``: ``khuyencong run`` in-process on an empty inbox of a home that already holds
  a run (start-up, Prefect's server, the flow with nothing to do);
* ``large``: the reader on the large workbooks (20,000-row project lists).

Prints pyinstrument's call tree (functions over 1 % of the time) to stdout.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from pyinstrument import Profiler

from benchmarks.bench import DEFAULT_CACHE
from benchmarks.workload import LARGE_ROWS, distinct_corpus, large_workbooks


def _read_each(paths: list[Path], profiler: Profiler) -> None:
    from khuyencong.inbox import fingerprint
    from khuyencong.process import read_submission

    arrivals = [fingerprint(path) for path in paths]
    read_submission(arrivals[0])  # imports and schemas outside the profile
    profiler.start()
    for arrival in arrivals:
        read_submission(arrival)
    profiler.stop()


def _nothing_new(paths: list[Path], folder: Path, profiler: Profiler) -> None:
    from khuyencong.cli import app

    inbox = folder / "inbox"
    inbox.mkdir()
    for path in paths:
        shutil.copy2(path, inbox / path.name)
    command = ["run", "--inbox", str(inbox), "--home", str(folder / "home")]
    app([*command, "--settle-seconds", "0"], standalone_mode=False)
    profiler.start()
    app([*command, "--settle-seconds", "0"], standalone_mode=False)
    profiler.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["files", "nothing-new", "large"])
    parser.add_argument("--count", type=int, default=200, help="workbooks for files")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--rows", type=int, default=LARGE_ROWS, help="rows of a large workbook")
    args = parser.parse_args(argv)
    profiler = Profiler(interval=0.001)
    if args.what == "files":
        _read_each(distinct_corpus(args.cache, args.count), profiler)
    elif args.what == "large":
        _read_each(list(large_workbooks(args.cache, args.rows)), profiler)
    else:
        with tempfile.TemporaryDirectory(prefix="khuyencong-profile-") as folder:
            _nothing_new(distinct_corpus(args.cache, 20), Path(folder), profiler)
    print(profiler.output_text(unicode=True, color=False, show_all=False, time="percent_of_total"))


if __name__ == "__main__":
    main()
