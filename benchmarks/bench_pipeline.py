"""Benchmark the pipeline's stages against the naive approach, side by side, in one run.

    .venv/bin/python benchmarks/bench_pipeline.py [--files N] [--validate-files N]

Naive approach: ``pandas.read_excel`` (openpyxl for .xlsx, xlrd for .xls) on every sheet, and
one Great Expectations validation per submission. Ours: python-calamine into plain cells plus
the pure reader, and one bulk validation per run. Prints seconds and files per second.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd

from khuyencong.inbox import fingerprint
from khuyencong.process import read_submission, validate_readings
from khuyencong.sample import generate_sample
from khuyencong.workbook_files import read_workbook_file


def timed(action: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def naive_read(paths: list[Path]) -> int:
    sheets = 0
    for path in paths:
        if path.suffix == ".csv":
            pd.read_csv(path, header=None, sep=None, engine="python", encoding="utf-8-sig")
            sheets += 1
            continue
        engine = "xlrd" if path.suffix == ".xls" else "openpyxl"
        sheets += len(pd.read_excel(path, sheet_name=None, header=None, engine=engine))
    return sheets


def calamine_cells(paths: list[Path]) -> int:
    return sum(len(read_workbook_file(path).sheets) for path in paths)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=0, help="limit the corpus (0: all 515)")
    parser.add_argument("--validate-files", type=int, default=40, help="files for per-file GX")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        inbox = Path(folder)
        seconds, _ = timed(lambda: generate_sample(inbox))
        paths = sorted(p for p in inbox.iterdir() if p.is_file())
        paths = paths[: args.files] if args.files else paths
        print(f"sample corpus: {len(paths)} files generated in {seconds:.2f} s\n")
        rows: list[tuple[str, str, float, str, float]] = []

        naive, _ = timed(lambda: naive_read(paths))
        fast, _ = timed(lambda: calamine_cells(paths))
        rows.append(("open every sheet", "pandas.read_excel", naive, "python-calamine", fast))

        full, readings = timed(lambda: [read_submission(fingerprint(p)) for p in paths])
        facts = sum(len(r.facts) for r in readings)  # type: ignore[union-attr]
        print(f"read + understand: {len(paths)} files, {facts} facts in {full:.2f} s\n")

        sample = readings[: args.validate_files]  # type: ignore[index]
        timed(lambda: validate_readings(sample[:1], date.today()))  # import GX outside timing
        per_file, _ = timed(lambda: [validate_readings([r], date.today()) for r in sample])
        per_file_all = per_file / len(sample) * len(paths)
        bulk, _ = timed(lambda: validate_readings(readings, date.today()))  # type: ignore[arg-type]
        rows.append(("validate (GX)", "one per file", per_file_all, "one bulk run", bulk))

        width = max(len(r[0]) for r in rows)
        print(f"{'stage':<{width}}  {'naive':>28}  {'khuyencong':>28}  speed-up")
        for stage, naive_name, naive_s, ours_name, ours_s in rows:
            print(
                f"{stage:<{width}}  {naive_name:>16} {naive_s:8.2f} s  "
                f"{ours_name:>16} {ours_s:8.2f} s  {naive_s / ours_s:7.1f}x"
            )
        print(f"\n(per-file GX measured on {len(sample)} files and scaled to {len(paths)})")


if __name__ == "__main__":
    main()
