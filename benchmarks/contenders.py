"""What each contender does, run as ``python -m benchmarks.contenders <name> ...`` in a process
of its own (the harness measures that process from outside); each prints one JSON line.

* ``floor``: python-calamine opens every sheet of every file to Python values in a 2-process
  pool, and nothing else: no reading can be faster on this machine.
* ``naive``: what a data engineer writes first: a Prefect flow with one task per file calling
  ``pandas.read_excel(sheet_name=None)`` (pandas' default engine), then one Great Expectations
  validation per file of the cells it read.
* ``warm``: khuyencong's ``nightly`` flow called in a process that has run it once already
  (Prefect's server up, GX imported), as an application embedding the flow runs it (``serve``
  does not: Prefect's runner starts a new process for each run); then
  once more with nothing new, and the flow's task runs read back from Prefect, by stage.
* ``reader``: the reader alone (the function the read task calls) on each large workbook.
* ``prefect``: an empty flow, configured as khuyencong configures Prefect: Prefect's own
  start-up (its import and its temporary server), which a nothing-new run is measured beyond.

Khuyencong's own ``khuyencong run`` needs no code here: the harness runs the command.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks.workload import into_inbox

# a task run's name (``read-inbox``, ``decide_outcomes-3a1``) -> the stage it belongs to
STAGES = {
    "read": "read + understand",
    "validate": "validate (GX, bulk)",
    "decide": "decide",
    "publish": "write Parquet + quarantine",
    "refresh_warehouse": "build marts",
}
OTHER_TASKS = "other tasks (scan, archive, report)"
ORCHESTRATION = "Prefect orchestration (flow - tasks)"
PAGE = 200  # the most task runs Prefect's API returns at once


def _calamine_values(path: Path) -> int:
    """Every cell of every sheet as Python values; the number of cells."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return sum(len(row) for row in csv.reader(handle, delimiter=";"))
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return sum(
        len(row) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python()
    )


def floor(paths: list[Path]) -> dict[str, Any]:
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        cells = sum(pool.map(_calamine_values, paths, chunksize=16))
    return {"work_seconds": time.perf_counter() - start, "cells": cells}


def _naive_suite() -> Any:
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    suite = context.suites.add(gx.ExpectationSuite(name="cells"))
    suite.add_expectation(gx.expectations.ExpectTableRowCountToBeBetween(min_value=1))
    suite.add_expectation(gx.expectations.ExpectColumnValuesToNotBeNull(column="sheet"))
    suite.add_expectation(gx.expectations.ExpectColumnValuesToBeOfType(column="row", type_="int64"))
    batch = context.data_sources.add_pandas("files").add_dataframe_asset("cells")
    definition = batch.add_batch_definition_whole_dataframe("file")
    return context.validation_definitions.add(
        gx.ValidationDefinition(name="per-file", data=definition, suite=suite)
    )


def naive(paths: list[Path], home: Path) -> dict[str, Any]:
    from khuyencong.settings import configure_prefect

    configure_prefect(home)  # the same quiet, local Prefect as khuyencong's
    # pandas imports its engines (calamine, openpyxl, xlrd) lazily, and a first import from
    # many task threads at once fails half-way: imported here, as a script would at its top
    import openpyxl  # noqa: F401
    import pandas as pd
    import python_calamine  # noqa: F401
    import xlrd  # noqa: F401
    from prefect import flow, task

    @task
    def read_file(path: Path) -> pd.DataFrame:
        if path.suffix == ".csv":
            sheets = {"csv": pd.read_csv(path, header=None, sep=";", encoding="utf-8-sig")}
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                sheets = pd.read_excel(path, sheet_name=None, header=None)
        frames = [
            frame.reset_index(names="row").melt(id_vars="row").assign(sheet=name)
            for name, frame in sheets.items()
        ]
        return pd.concat(frames, ignore_index=True).astype({"value": str})

    @flow(name="naive")
    def read_and_validate(files: list[Path]) -> int:
        validation = _naive_suite()
        failed = 0
        for future in read_file.map(files):
            result = validation.run(batch_parameters={"dataframe": future.result()})
            failed += not result.success
        return failed

    read_and_validate([])  # Prefect's server starts: the fixed cost, apart from the per-file one
    start = time.perf_counter()
    failed = read_and_validate(paths)
    return {"work_seconds": time.perf_counter() - start, "failed_validations": failed}


def _copy_inbox(paths: list[Path], inbox: Path) -> Path:
    """The files in a fresh inbox, with their modification times (they have settled)."""
    shutil.rmtree(inbox, ignore_errors=True)
    inbox.mkdir(parents=True)
    into_inbox(paths, inbox)
    return inbox


def _union_seconds(spans: list[tuple[datetime, datetime]]) -> float:
    """Seconds covered by at least one of ``spans`` (read tasks overlap in threads)."""
    total, reach = 0.0, None
    for start, end in sorted(spans):
        if reach is None or start > reach:
            total += (end - start).total_seconds()
            reach = end
        elif end > reach:
            total += (end - reach).total_seconds()
            reach = end
    return total


def _stage_seconds(flow_run_id: Any, flow_seconds: float) -> dict[str, float]:
    """Seconds per stage, from the flow run's own task runs as Prefect recorded them."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    runs: list[Any] = []
    of_the_flow = FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id]))
    with get_client(sync_client=True) as client:
        while page := client.read_task_runs(
            flow_run_filter=of_the_flow, limit=PAGE, offset=len(runs)
        ):
            runs += page
    spans: dict[str, list[tuple[datetime, datetime]]] = {}
    for run in runs:
        if run.start_time is None or run.end_time is None:
            continue
        stage = next((s for key, s in STAGES.items() if run.name.startswith(key)), OTHER_TASKS)
        spans.setdefault(stage, []).append((run.start_time, run.end_time))
    seconds = {stage: _union_seconds(spans.get(stage, [])) for stage in [*STAGES.values()]}
    seconds[OTHER_TASKS] = _union_seconds(spans.get(OTHER_TASKS, []))
    every = [span for group in spans.values() for span in group]
    seconds[ORCHESTRATION] = max(0.0, flow_seconds - _union_seconds(every))
    return seconds


def warm(paths: list[Path], warmup: list[Path], work: Path) -> dict[str, Any]:
    from khuyencong.settings import configure_prefect

    configure_prefect(work / "home")
    from flows.runs import nightly

    def call(files: list[Path], home: Path) -> tuple[float, Any]:
        inbox = _copy_inbox(files, work / "inbox")
        start = time.perf_counter()
        state = nightly(inbox=inbox, home=home, settle_seconds=0, return_state=True)
        seconds = time.perf_counter() - start
        state.result()  # raises if the run failed
        return seconds, state.state_details.flow_run_id

    call(warmup, work / "warmup-home")  # starts Prefect's server, imports GX and DuckDB
    seconds, flow_run_id = call(paths, work / "home")
    nothing_new, _ = call([], work / "home")
    return {
        "work_seconds": seconds,
        "nothing_new_seconds": nothing_new,
        "stages": _stage_seconds(flow_run_id, seconds),
    }


def reader(paths: list[Path]) -> dict[str, Any]:
    """Seconds for the read task's function, and for calamine alone, on each large workbook.

    The reader reads the first workbook once before any is timed: a run's reader worker has
    its modules imported before the files it reads, and the first workbook timed would
    otherwise pay those imports (0.7 s, a third of its 21,305 rows/s in the seventh session's
    table).
    """
    from khuyencong.inbox import fingerprint
    from khuyencong.process import read_submission

    read_submission(fingerprint(paths[0]))  # the imports a worker has done before it reads
    seconds: dict[str, dict[str, float]] = {}
    for path in paths:
        start = time.perf_counter()
        _calamine_values(path)
        calamine = time.perf_counter() - start
        arrival = fingerprint(path)
        start = time.perf_counter()
        read_submission(arrival)
        seconds[path.name] = {"reader": time.perf_counter() - start, "calamine": calamine}
    return {"seconds": seconds}


def prefect(home: Path) -> dict[str, Any]:
    from khuyencong.settings import configure_prefect

    configure_prefect(home)
    from prefect import flow

    @flow(name="empty")
    def empty() -> None:
        """Nothing: what remains is Prefect starting."""

    empty()
    return {}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("contender", choices=["floor", "naive", "warm", "reader", "prefect"])
    parser.add_argument("files", type=Path, help="a text file listing the files, one a line")
    parser.add_argument("--work", type=Path, help="a scratch folder of this run's own")
    parser.add_argument("--warmup", type=Path, help="files for the warm-up run, one a line")
    args = parser.parse_args(argv)
    paths = [Path(line) for line in args.files.read_text(encoding="utf-8").splitlines()]
    if args.contender == "floor":
        report = floor(paths)
    elif args.contender == "naive":
        report = naive(paths, args.work / "home")
    elif args.contender == "prefect":
        report = prefect(args.work / "home")
    elif args.contender == "warm":
        warmup = [Path(line) for line in args.warmup.read_text(encoding="utf-8").splitlines()]
        report = warm(paths, warmup, args.work)
    else:
        report = reader(paths)
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1:])
