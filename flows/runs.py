"""The pipeline's flows: ``nightly`` (the inbox) and ``backfill`` (archived years again).

Flows only wire tasks together: find files, read them in batches, validate the run in bulk,
decide each file's fate, publish (lake, quarantine, warehouse), report, then tidy the inbox.
Each run holds the data home's lock, so two runs never write the warehouse at once.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from prefect import Flow, flow

from flows.tasks import (
    RunSummary,
    archive_originals,
    batches,
    clear_inbox,
    decide_outcomes,
    find_archived,
    national_figures,
    publish_run,
    read_batch,
    report_run,
    scan_inbox,
    validate_run,
)
from khuyencong import storage
from khuyencong.inbox import Arrival
from khuyencong.places import Places
from khuyencong.run_lock import exclusive_run
from warehouse.build import is_stale

DEFAULT_SETTLE_SECONDS = 2.0


def _process(
    arrivals: list[Arrival],
    places: Places,
    replaced: set[str],
    backfill: bool,
    kind: str,
    **notes: int,
) -> RunSummary:
    before = national_figures(places)
    # A run stopped between writing the lake and swapping in the warehouse leaves the marts
    # stale; the next run, even with nothing new, rebuilds them and so finishes the job.
    if arrivals or is_stale(places.lake, places.warehouse):
        futures = read_batch.map(batches(arrivals))
        readings = [reading for future in futures for reading in future.result()]
        suite_findings = validate_run(readings, date.today(), places)
        decisions = decide_outcomes(readings, suite_findings, places, backfill)
        publish_run(places, decisions, arrivals, replaced)
    else:
        decisions = []
    return report_run(places, kind, decisions, before, **notes)


@flow(name="nightly")
def nightly(
    inbox: str | Path,
    home: Path,
    settle_seconds: float = DEFAULT_SETTLE_SECONDS,
    archive: str | None = None,
    lake: str | None = None,
) -> RunSummary:
    """Process what arrived in the inbox and refresh the marts.

    ``inbox``, ``archive`` and ``lake`` may be fsspec URLs; ``archive`` and ``lake`` default to
    folders of the data ``home``.
    """
    places = Places.of(home, archive, lake)
    inbox = storage.absolute(inbox)
    with exclusive_run(places.home):
        scan = scan_inbox(inbox, places, settle_seconds)
        archive_originals(scan.new, places)
        summary = _process(
            scan.new,
            places,
            set(),
            backfill=False,
            kind="nightly",
            waiting=len(scan.waiting),
            already_processed=len(scan.already_processed),
        )
        clear_inbox([*scan.new, *scan.already_processed], inbox, places)
        return summary


@flow(name="backfill")
def backfill(
    home: Path,
    years: list[int],
    provinces: list[str] | None = None,
    archive: str | None = None,
    lake: str | None = None,
) -> RunSummary:
    """Re-read archived submissions of ``years`` (and ``provinces``) with today's parser."""
    places = Places.of(home, archive, lake)
    with exclusive_run(places.home):
        arrivals = find_archived(places, years, provinces)
        replaced = {a.sha256 for a in arrivals}
        return _process(arrivals, places, replaced, backfill=True, kind="backfill")


TASK_RUNNERS = ("threads", "dask")


def with_task_runner(flow_: Flow, runner: str, address: str | None = None) -> Flow:
    """The flow on another task runner: Prefect's thread pool (default), or Dask.

    ``dask`` starts a local two-process cluster (one worker per core), or joins the cluster at
    ``address`` (``tcp://scheduler:8786``). Only the batches of files are sent to workers; the
    bulk validation and the publishing stay in the flow's process, which holds the run lock.
    """
    if runner == "threads":
        return flow_
    if runner != "dask":
        raise ValueError(f"unknown task runner {runner!r}: choose one of {', '.join(TASK_RUNNERS)}")
    from prefect_dask import DaskTaskRunner

    local = {"n_workers": 2, "threads_per_worker": 1, "processes": True, "dashboard_address": None}
    runner_ = DaskTaskRunner(address=address) if address else DaskTaskRunner(cluster_kwargs=local)
    return flow_.with_options(task_runner=runner_)
