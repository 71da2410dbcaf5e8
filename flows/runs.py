"""The pipeline's flows: ``nightly`` (the inbox) and ``backfill`` (archived years again).

Flows only wire tasks together (the readings and decisions passed between tasks are
``quote``d: Prefect would otherwise walk every cell of every reading to look for futures, which
took a third of a 515-file run): find files, read them in batches, validate them in bulk,
decide each file's fate, publish (lake, quarantine), refresh the warehouse, report, then tidy
the inbox. A backfill publishes one year at a time and checkpoints after each, so an
interrupted one resumes where it stopped. Each run holds the data home's lock, so two runs
never write the warehouse at once.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from prefect import Flow, flow
from prefect.utilities.annotations import quote

from flows.tasks import (
    RunSummary,
    archive_originals,
    batches,
    clear_inbox,
    decide_outcomes,
    forget_checkpoint,
    national_figures,
    plan_backfill,
    publish_run,
    read_batch,
    refresh_warehouse,
    report_run,
    save_checkpoint,
    scan_inbox,
    validate_run,
)
from khuyencong import storage
from khuyencong.inbox import Arrival
from khuyencong.places import Places
from khuyencong.run_lock import exclusive_run
from transforms.decide import Decision

DEFAULT_SETTLE_SECONDS = 2.0


def _publish_files(
    arrivals: list[Arrival], places: Places, replaced: set[str], backfill: bool, step: str
) -> list[Decision]:
    """Read, validate, decide and publish ``arrivals``; ``step`` names the task runs in the UI."""
    read = read_batch.with_options(task_run_name=f"read-{step}")
    futures = read.map(batches(arrivals))
    readings = quote([reading for future in futures for reading in future.result()])
    suite_findings = validate_run.with_options(task_run_name=f"validate-{step}")(
        readings, date.today(), places
    )
    decisions = decide_outcomes(readings, quote(suite_findings), places, backfill)
    publish = publish_run.with_options(task_run_name=f"publish-{step}")
    publish(places, quote(decisions), quote(arrivals), replaced)
    return decisions


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
        before = national_figures(places)
        scan = scan_inbox(inbox, places, settle_seconds)
        # read from the archive copies: a file rewritten or removed in the inbox meanwhile
        # cannot change what is read, nor be lost
        archived = archive_originals(scan.new, places)
        decisions = _publish_files(archived, places, set(), False, "inbox") if archived else []
        # also finishes the job of a run stopped between writing the lake and the warehouse
        refresh_warehouse(places)
        summary = report_run(
            places,
            "nightly",
            quote(decisions),
            before,
            waiting=len(scan.waiting) + len(scan.new) - len(archived),  # rewritten since hashed
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
    restart: bool = False,
) -> RunSummary:
    """Re-read archived submissions of ``years`` (and ``provinces``) with today's parser.

    Run again after an interruption, it skips the years it finished (``restart`` re-reads
    everything).
    """
    places = Places.of(home, archive, lake)
    with exclusive_run(places.home):
        before = national_figures(places)
        plan = plan_backfill(places, years, provinces, restart)
        checkpoint = plan.checkpoint
        decisions: list[Decision] = []
        for year, arrivals in plan.steps.items():
            checkpoint = save_checkpoint(places, checkpoint.working_on(str(year)))
            replaced = {a.sha256 for a in arrivals}
            decisions += _publish_files(arrivals, places, replaced, True, str(year))
            checkpoint = save_checkpoint(
                places, checkpoint.finished([a.submission_id for a in arrivals])
            )
        refresh_warehouse(places)
        summary = report_run(
            places, "backfill", quote(decisions), before, resumed=len(plan.checkpoint.done)
        )
        forget_checkpoint(places)
        return summary


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
