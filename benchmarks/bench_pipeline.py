"""Benchmark the pipeline's stages against the naive approach, side by side, in one run.

    .venv/bin/python benchmarks/bench_pipeline.py [--files N] [--validate-files N]

Naive approach: ``pandas.read_excel`` (openpyxl for .xlsx, xlrd for .xls) on every sheet, one
Prefect task per file, and one Great Expectations validation per submission. Ours:
python-calamine into plain cells plus the pure reader, files read in batches of
``READ_BATCH_SIZE`` per task, and one bulk validation per run. Prints seconds and speed-ups.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd

from devtools.sample import generate_sample
from khuyencong.inbox import Arrival, fingerprint
from khuyencong.process import read_submission, validate_readings
from khuyencong.settings import configure_prefect
from khuyencong.workbook_files import read_workbook_file


def timed(action: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def corpus_files(folder: Path, limit: int) -> list[Path]:
    paths = sorted(p for p in folder.iterdir() if p.is_file())
    return paths[:limit] if limit else paths


def naive_read(paths: list[Path]) -> int:
    sheets = 0
    for path in paths:
        if path.suffix == ".csv":
            pd.read_csv(path, header=None, sep=None, engine="python", encoding="utf-8-sig")
            sheets += 1
            continue
        engine = "xlrd" if path.suffix == ".xls" else "openpyxl"
        with warnings.catch_warnings():  # pandas 3 deprecates xlrd; it is the naive baseline
            warnings.simplefilter("ignore", DeprecationWarning)
            sheets += len(pd.read_excel(path, sheet_name=None, header=None, engine=engine))
    return sheets


def calamine_cells(paths: list[Path]) -> int:
    return sum(len(read_workbook_file(path).sheets) for path in paths)


def time_prefect_read(paths: list[Path], per_file: bool) -> float:
    """Seconds to read every file in a Prefect flow: one task per file, or batched tasks."""
    configure_prefect(Path(tempfile.mkdtemp(prefix="khuyencong-bench-")))
    from prefect import flow

    from flows.tasks import batches, read_batch

    @flow(name="bench-read")
    def read_all(groups: list[list[Arrival]]) -> int:
        return sum(len(future.result()) for future in read_batch.map(groups))

    arrivals = [fingerprint(p) for p in paths]
    read_all([arrivals[:1]])  # starts Prefect's local server outside the timing
    groups = [[a] for a in arrivals] if per_file else batches(arrivals)
    seconds, _ = timed(lambda: read_all(groups))
    return seconds


def prefect_read_in_fresh_process(corpus: Path, files: int, per_file: bool) -> float:
    """``time_prefect_read`` in a process of its own, with a Prefect server of its own.

    In one process the second variant would be timed while the server is still recording the
    first one's task runs, which made whichever came second look twice as slow.
    """
    command = [sys.executable, __file__, "--files", str(files), "--corpus", str(corpus)]
    command += ["--prefect-read", "per-file" if per_file else "batched"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=0, help="limit the corpus (0: all 515)")
    parser.add_argument("--validate-files", type=int, default=40, help="files for per-file GX")
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--prefect-read", choices=["per-file", "batched"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prefect_read:  # one timing, in a process of its own (prefect_read_in_fresh_process)
        paths = corpus_files(args.corpus, args.files)
        print(time_prefect_read(paths, per_file=args.prefect_read == "per-file"))
        return
    with tempfile.TemporaryDirectory() as folder:
        inbox = Path(folder)
        seconds, _ = timed(lambda: generate_sample(inbox))
        paths = corpus_files(inbox, args.files)
        print(f"sample corpus: {len(paths)} files generated in {seconds:.2f} s\n")
        rows: list[tuple[str, str, float, str, float]] = []

        naive, _ = timed(lambda: naive_read(paths))
        fast, _ = timed(lambda: calamine_cells(paths))
        rows.append(("open every sheet", "pandas.read_excel", naive, "python-calamine", fast))

        arrivals = [fingerprint(p) for p in paths]
        full, readings = timed(lambda: [read_submission(a) for a in arrivals])
        facts = sum(len(r.facts) for r in readings)  # type: ignore[union-attr]
        print(f"read + understand: {len(paths)} files, {facts} facts in {full:.2f} s\n")

        sample = readings[: args.validate_files]  # type: ignore[index]
        timed(lambda: validate_readings(sample[:1], date.today()))  # import GX outside timing
        per_file, _ = timed(lambda: [validate_readings([r], date.today()) for r in sample])
        per_file_all = per_file / len(sample) * len(paths)
        bulk, _ = timed(lambda: validate_readings(readings, date.today()))  # type: ignore[arg-type]
        rows.append(("validate (GX)", "one per file", per_file_all, "one bulk run", bulk))

        one_each, batched = (
            prefect_read_in_fresh_process(inbox, args.files, per_file) for per_file in (True, False)
        )
        configure_prefect(Path(folder) / "home")  # Prefect reads its settings on import
        from flows.tasks import READ_BATCH_SIZE

        per_task = f"{READ_BATCH_SIZE} a task"
        rows.append(("read in Prefect tasks", "a task a file", one_each, per_task, batched))

        width = max(len(r[0]) for r in rows)
        print(f"{'stage':<{width}}  {'naive':>28}  {'khuyencong':>28}  speed-up")
        for stage, naive_name, naive_s, ours_name, ours_s in rows:
            print(
                f"{stage:<{width}}  {naive_name:>16} {naive_s:8.2f} s  "
                f"{ours_name:>16} {ours_s:8.2f} s  {naive_s / ours_s:7.1f}x"
            )
        print(f"\n(per-file GX measured on {len(sample)} files and scaled to {len(paths)})")
        overhead = (one_each - full) / len(paths) * 1000
        print(f"(a Prefect task costs about {overhead:.0f} ms above the reading it does)")


if __name__ == "__main__":
    main()
