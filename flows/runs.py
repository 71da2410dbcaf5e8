"""The pipeline's flows: ``nightly`` (the inbox) and ``backfill`` (archived years again).

Each runs the same function of ``khuyencong.pipeline`` that a plain run calls, with its stages
as Prefect tasks (``flows.tasks``): a flow adds names, retries, concurrency and the run's
artifact, never a step of its own.
"""

from __future__ import annotations

from pathlib import Path

from prefect import Flow, flow
from prefect.task_runners import ThreadPoolTaskRunner

from flows.tasks import PREFECT_STAGES
from khuyencong import pipeline
from khuyencong.places import Places
from khuyencong.run_report import RunSummary

# One task at a time: the stages follow one another, and each batch of files is read by the
# sandbox's two worker processes, both cores. Batches in concurrent threads (Prefect's default
# has no bound) would each start two more workers: 42 interpreters at once for 1,000 files,
# paying their start-up in CPU and memory for nothing.
ONE_AT_A_TIME = ThreadPoolTaskRunner(max_workers=1)


@flow(name="nightly", task_runner=ONE_AT_A_TIME)
def nightly(
    inbox: str | Path,
    home: Path,
    settle_seconds: float = pipeline.DEFAULT_SETTLE_SECONDS,
    archive: str | None = None,
    lake: str | None = None,
) -> RunSummary:
    """Process what arrived in the inbox and refresh the marts.

    ``inbox``, ``archive`` and ``lake`` may be fsspec URLs; ``archive`` and ``lake`` default to
    folders of the data ``home``.
    """
    places = Places.of(home, archive, lake)
    return pipeline.nightly(inbox, places, settle_seconds, PREFECT_STAGES)


@flow(name="backfill", task_runner=ONE_AT_A_TIME)
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
    return pipeline.backfill(places, years, provinces, restart, PREFECT_STAGES)


TASK_RUNNERS = ("threads", "dask")


def with_task_runner(flow_: Flow, runner: str, address: str | None = None) -> Flow:
    """The flow on another task runner: one thread (default, see ``ONE_AT_A_TIME``), or Dask.

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
