"""Prefect tasks: the stages of ``khuyencong.pipeline``, each called as a task.

A task adds what Prefect is for, and nothing else: retries, a name in the UI, concurrency. A
task costs about 15-20 ms here, so work is batched: tasks read batches of files (one after
another, each on both cores through the sandbox's two worker processes; concurrently on Dask),
one validates the whole run, one publishes it. Tasks doing I/O that
can fail for a moment (a mounted share, object storage) retry with backoff, and only on I/O
errors, never on logic. The readings and decisions handed to a task are ``quote``d: Prefect
would otherwise walk every cell of every reading to look for futures, which took a third of a
515-file run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from prefect import State, Task, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote, unmapped

from khuyencong import pipeline
from khuyencong.inbox import Arrival
from khuyencong.places import Places
from khuyencong.process import FileRead
from khuyencong.run_report import RunSummary, run_markdown
from khuyencong.storage import Location

# Every batch is read by the run's same two workers (``sandbox.readers_kept``), but between two
# batches both wait while one task ends and the next starts (30-50 ms here), and the last file
# of a batch leaves one idle: a thousand files a batch pays that five times for 5,000 files
# rather than 25, and the UI still shows progress every few seconds.
READ_BATCH_SIZE = 1000


def failed_on_io(task: object, task_run: object, state: State) -> bool:
    """Retry only a task that failed on I/O (``OSError``: a share or store briefly away).

    A logic error would fail the same way again; a bad file never raises at all (it is
    quarantined). Every task retried this way is idempotent.
    """
    try:
        state.result()
    except OSError:
        return True
    except Exception:
        return False
    return False


# Prefect's default cache policy hashes every argument of every task run, JSON then cloudpickle
# of each reading and decision, to look up a cached result: a tenth of a 1,000-file run. The
# stages change the lake and the warehouse: a cached result would be wrong, so none is kept.
stage_task = partial(task, cache_policy=NO_CACHE)

IO_RETRIES: dict[str, Any] = {
    "retries": 2,
    "retry_delay_seconds": [2, 10],
    "retry_condition_fn": failed_on_io,
}

scan_inbox = stage_task(pipeline.scan_inbox, **IO_RETRIES)
plan_backfill = stage_task(pipeline.plan_backfill, **IO_RETRIES)
save_checkpoint = stage_task(pipeline.save_checkpoint, **IO_RETRIES)
forget_checkpoint = stage_task(pipeline.forget_checkpoint)
reference_values = stage_task(pipeline.reference_values, **IO_RETRIES)
read_batch = stage_task(pipeline.read_all, name="read_batch", **IO_RETRIES)
validate_run = stage_task(pipeline.validate_run)
decide_outcomes = stage_task(pipeline.decide_outcomes)
publish_run = stage_task(pipeline.publish_run, **IO_RETRIES)
refresh_warehouse = stage_task(pipeline.refresh_marts, name="refresh_warehouse", **IO_RETRIES)
clear_inbox = stage_task(pipeline.clear_inbox, **IO_RETRIES)


@stage_task
def report_run(places: Places, *args: Any, **kwargs: Any) -> RunSummary:
    """The run's summary, also published as the run's Markdown artifact, which links the
    coordinator's report of the warehouse."""
    from khuyencong.report import default_report_files  # only once a run reports

    summary = pipeline.summarise_run(places, *args, **kwargs)
    create_markdown_artifact(
        run_markdown(summary, default_report_files(places.home)),
        key=f"khuyencong-{summary.kind}",
        description=summary.describe(),
    )
    return summary


def batches(arrivals: list[Arrival], size: int = READ_BATCH_SIZE) -> list[list[Arrival]]:
    return [arrivals[i : i + size] for i in range(0, len(arrivals), size)]


def read_in_batches(
    arrivals: list[Arrival], archive: Location | None, name: str = "read"
) -> list[FileRead]:
    """Every arrival read (archived first into ``archive``, if given), a batch per task, the
    batches concurrently on the task runner."""
    named = read_batch.with_options(task_run_name=name)
    futures = named.map(batches(arrivals), archive=unmapped(archive))
    return [read for future in futures for read in future.result()]


def quoted(task_: Task[..., Any], name: str | None = None) -> Callable[..., Any]:
    """``task_`` called with its arguments ``quote``d, under the task run name ``name``."""
    named = task_.with_options(task_run_name=name) if name else task_

    def call(*args: Any, **kwargs: Any) -> Any:
        return named(*map(quote, args), **{key: quote(value) for key, value in kwargs.items()})

    return call


@dataclass(frozen=True)
class PrefectStages(pipeline.Stages):
    """The pipeline's stages as the tasks above."""

    def for_step(self, step: str) -> pipeline.Stages:
        """The stages of a step, named by it in the UI: ``read-2007``, ``validate-2007`` ..."""
        return replace(
            self,
            read=partial(read_in_batches, name=f"read-{step}"),
            validate=quoted(validate_run, f"validate-{step}"),
            publish=quoted(publish_run, f"publish-{step}"),
        )


PREFECT_STAGES = PrefectStages(
    scan=quoted(scan_inbox),
    plan=quoted(plan_backfill),
    checkpoint=quoted(save_checkpoint),
    forget=quoted(forget_checkpoint),
    references=quoted(reference_values),
    decide=quoted(decide_outcomes),
    refresh=quoted(refresh_warehouse),
    report=quoted(report_run),
    clear=quoted(clear_inbox),
)
