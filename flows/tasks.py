"""Prefect tasks: thin wrappers over ``khuyencong.process`` and ``khuyencong.inbox``.

A task costs about 15-20 ms here, so work is batched: one task reads a batch of files, one
validates the whole run, one publishes it. Tasks doing I/O that can fail for a moment (a
mounted share, object storage) retry with backoff, and only on I/O errors, never on logic.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow.compute as pc
from prefect import State, get_run_logger, task
from prefect.artifacts import create_markdown_artifact

from khuyencong import PARSER_VERSION, inbox, storage
from khuyencong.checkpoint import Checkpoint, read_checkpoint, remove_checkpoint, write_checkpoint
from khuyencong.inbox import Arrival
from khuyencong.lake import read_submissions
from khuyencong.places import Places
from khuyencong.process import (
    live_report_values,
    publish,
    read_submission,
    refresh_marts,
    validate_readings,
)
from transforms.backfill import backfill_key, backfill_steps, select_for_backfill
from transforms.decide import Decision, SubmissionReading, decide
from transforms.model import Finding
from transforms.numbers import format_plain
from transforms.revisions import revision_findings

if TYPE_CHECKING:
    from khuyencong.report import ReportFiles

READ_BATCH_SIZE = 48


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


IO_RETRIES: dict[str, Any] = {
    "retries": 2,
    "retry_delay_seconds": [2, 10],
    "retry_condition_fn": failed_on_io,
}


@dataclass(frozen=True)
class InboxScan:
    """What the inbox holds: files to process now, and files still being written."""

    new: list[Arrival]
    waiting: list[str]
    already_processed: list[Arrival]


@task(**IO_RETRIES)
def scan_inbox(inbox_dir: storage.Location, places: Places, settle_seconds: float) -> InboxScan:
    """Files of the inbox not yet processed under the same content, name and parser version."""
    registry = read_submissions(places.lake)
    known = set(
        zip(
            registry["submission_id"].to_pylist(),
            registry["parser_version"].to_pylist(),
            strict=True,
        )
    )
    now = datetime.now(tz=UTC)
    new: list[Arrival] = []
    waiting: list[str] = []
    processed: list[Arrival] = []
    for found in inbox.discover(inbox_dir):
        arrival = inbox.settled_fingerprint(found, settle_seconds, now)
        if arrival is None:
            waiting.append(found.location)
        elif (arrival.submission_id, PARSER_VERSION) in known:
            processed.append(arrival)  # left behind by a run that stopped before tidying up
        else:
            new.append(arrival)
    return InboxScan(new, waiting, processed)


@dataclass(frozen=True)
class BackfillPlan:
    """The files a backfill still has to re-read, by step (year), and its checkpoint."""

    steps: dict[int, list[Arrival]]
    checkpoint: Checkpoint


def describe_backfill(years: list[int], provinces: list[str] | None) -> str:
    span = f"{min(years)}-{max(years)}" if len(years) > 1 else str(years[0])
    return span + (f", provinces {', '.join(provinces)}" if provinces else "")


@task(**IO_RETRIES)
def plan_backfill(
    places: Places, years: list[int], provinces: list[str] | None, restart: bool
) -> BackfillPlan:
    """Archived submissions with a report of ``years`` (and ``provinces``), minus those an
    interrupted run of the same backfill finished (unless ``restart``)."""
    chosen = select_for_backfill(read_submissions(places.lake).to_pylist(), years, provinces)
    rows = [r for r in chosen if r["archive_path"] and storage.exists(r["archive_path"])]
    kept = {r["submission_id"] for r in rows}
    if missing := [r["file_name"] for r in chosen if r["submission_id"] not in kept]:
        get_run_logger().warning(
            "%d archived originals are missing and cannot be re-read: %s",
            len(missing),
            ", ".join(missing),
        )
    key = backfill_key(years, provinces, PARSER_VERSION, places.archive, places.lake)
    previous = read_checkpoint(places.home)
    resumed = previous is not None and previous.key == key and not restart
    done = set(previous.done) if previous and resumed else set()
    checkpoint = Checkpoint(
        key=key,
        description=describe_backfill(years, provinces),
        total_files=len(done | {row["submission_id"] for row in rows}),
        done=tuple(sorted(done)),
    )
    write_checkpoint(places.home, checkpoint)
    steps = {
        year: [archived_arrival(row) for row in step if row["submission_id"] not in done]
        for year, step in backfill_steps(rows, years).items()
    }
    return BackfillPlan({year: step for year, step in steps.items() if step}, checkpoint)


def archived_arrival(row: dict[str, Any]) -> Arrival:
    """A registry row's archived original as an arrival, as it was fingerprinted on arrival.

    The archive only ever holds a copy verified against its sha256, so it is not hashed again.
    """
    return Arrival(
        location=row["archive_path"],
        file_name=row["file_name"],
        sha256=row["sha256"],
        size_bytes=row["size_bytes"],
        received_at=row["received_at"],
    )


@task(**IO_RETRIES)
def save_checkpoint(places: Places, checkpoint: Checkpoint) -> Checkpoint:
    write_checkpoint(places.home, checkpoint)
    return checkpoint


@task
def forget_checkpoint(places: Places) -> None:
    remove_checkpoint(places.home)


def batches(arrivals: list[Arrival], size: int = READ_BATCH_SIZE) -> list[list[Arrival]]:
    return [arrivals[i : i + size] for i in range(0, len(arrivals), size)]


@task(**IO_RETRIES)
def read_batch(arrivals: list[Arrival]) -> list[SubmissionReading]:
    return [read_submission(arrival) for arrival in arrivals]


@task
def validate_run(
    readings: list[SubmissionReading], today: date, places: Places
) -> dict[str, list[Finding]]:
    return validate_readings(readings, today, places.home)


@task
def decide_outcomes(
    readings: list[SubmissionReading],
    suite_findings: dict[str, list[Finding]],
    places: Places,
    backfill: bool,
) -> list[Decision]:
    registry = read_submissions(places.lake)
    if backfill:
        originals: dict[str, str] = {}
    else:
        # only loaded content is held: a rejected file sent again under a corrected name (the
        # name gives its province or period) must be read again, not called a duplicate
        held = registry.filter(pc.equal(registry["status"], "loaded"))
        originals = dict(
            zip(held["sha256"].to_pylist(), held["file_name"].to_pylist(), strict=True)
        )
        previous = live_report_values(places.home)
        suite_findings = dict(suite_findings)
        for reading in readings:
            if revisions := revision_findings(reading.facts, previous):
                sha = reading.lineage.sha256
                suite_findings[sha] = [*suite_findings.get(sha, []), *revisions]
    return decide(readings, suite_findings, originals)


@task(**IO_RETRIES)
def archive_originals(arrivals: list[Arrival], places: Places) -> list[Arrival]:
    """The arrivals as archived (read from there on), without those rewritten since hashed."""
    archived = [inbox.archive(places.archive, arrival) for arrival in arrivals]
    return [arrival for arrival in archived if arrival is not None]


@task(**IO_RETRIES)
def publish_run(
    places: Places, decisions: list[Decision], arrivals: list[Arrival], replaced: set[str]
) -> None:
    publish(places, decisions, {a.submission_id: a for a in arrivals}, replaced)


@task(**IO_RETRIES)
def refresh_warehouse(places: Places) -> bool:
    return refresh_marts(places)


@task(**IO_RETRIES)
def clear_inbox(arrivals: list[Arrival], inbox_dir: storage.Location, places: Places) -> None:
    for arrival in arrivals:
        inbox.remove_from_inbox(arrival, inbox_dir, places.archive)


@dataclass(frozen=True)
class RunSummary:
    """What a run did, for the CLI, the Prefect artifact and the tests."""

    kind: str
    files: int
    statuses: dict[str, int]
    waiting: int = 0
    already_processed: int = 0
    resumed: int = 0
    changed: tuple[tuple[str, int, Decimal | None, Decimal | None], ...] = ()
    # (file name, reason, folder holding its findings and the clerk's rejection workbook)
    rejected: tuple[tuple[str, str, Path], ...] = ()
    # the years whose figures the run read or changed: the ones its national table shows
    years: tuple[int, ...] = ()

    def describe(self) -> str:
        counts = ", ".join(f"{n} {status}" for status, n in sorted(self.statuses.items()))
        parts = [f"{self.files} files processed" + (f" ({counts})" if counts else "")]
        if self.already_processed:
            parts.append(f"{self.already_processed} already processed")
        if self.resumed:
            parts.append(f"{self.resumed} done before by the interrupted run it resumed")
        if self.waiting:
            parts.append(f"{self.waiting} still being written (next run)")
        if not self.files and not self.waiting:
            parts.append("nothing new")
        return "; ".join(parts)


def national_figures(places: Places) -> dict[tuple[str, int], Decimal]:
    """National values by indicator and year, as the live warehouse has them (empty if none)."""
    path = places.warehouse
    if not path.exists():
        return {}
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute("select indicator, year, value from marts.national_indicator_year")
        return {(indicator, year): value for indicator, year, value in rows.fetchall()}


def changed_figures(
    before: dict[tuple[str, int], Decimal], after: dict[tuple[str, int], Decimal]
) -> tuple[tuple[str, int, Decimal | None, Decimal | None], ...]:
    """The national figures a run changed, with their old and new values."""
    keys = sorted(set(before) | set(after))
    return tuple(
        (indicator, year, before.get((indicator, year)), after.get((indicator, year)))
        for indicator, year in keys
        if before.get((indicator, year)) != after.get((indicator, year))
    )


def rejected_files(
    decisions: list[Decision], quarantine: Path
) -> tuple[tuple[str, str, Path], ...]:
    """Each quarantined file with its reason and the folder of its rejection report."""
    return tuple(
        (d.reading.lineage.file_name, d.reason or "", quarantine / d.reading.lineage.sha256[:12])
        for d in decisions
        if d.status == "quarantined"
    )


def touched_years(
    decisions: list[Decision], changed: tuple[tuple[str, int, object, object], ...]
) -> tuple[int, ...]:
    """The years of the facts the run loaded and of the national figures it changed."""
    loaded = {
        fact.identity.period.year
        for decision in decisions
        if decision.status == "loaded"
        for fact in decision.reading.facts
    }
    return tuple(sorted(loaded | {year for _, year, _, _ in changed}))


def run_markdown(summary: RunSummary, report: ReportFiles | None = None) -> str:
    """The run's report as Markdown: files by status, rejected files, changed national figures,
    and a link to the coordinator's report of the warehouse (``report``)."""
    lines = [f"# khuyencong {summary.kind} run", "", summary.describe(), ""]
    if report:
        lines += [
            f"Coordinator's report: [{report.html.name}]({report.html.as_uri()}), workbook "
            f"[{report.workbook.name}]({report.workbook.as_uri()}) "
            "(written by `khuyencong report`, which `make run` runs after the run).",
            "",
        ]
    if summary.rejected:
        lines += ["## Quarantined", "", "| file | reason | report |", "|---|---|---|"]
        for file_name, reason, folder in summary.rejected:
            lines.append(f"| {file_name} | {reason.replace('|', '/')} | `{folder}` |")
        lines.append("")
    if summary.changed:
        lines += ["## National figures changed", "", "| indicator | year | before | after |"]
        lines.append("|---|---|---:|---:|")
        for indicator, year, old, new in summary.changed:
            old_text, new_text = (format_plain(v, grouping=True) for v in (old, new))
            lines.append(f"| {indicator} | {year} | {old_text} | {new_text} |")
    return "\n".join(lines)


@task
def report_run(
    places: Places,
    kind: str,
    decisions: list[Decision],
    before: dict[tuple[str, int], Decimal],
    waiting: int = 0,
    already_processed: int = 0,
    resumed: int = 0,
) -> RunSummary:
    """Log one structured line per file and publish the run's Markdown artifact."""
    logger = get_run_logger()
    statuses: dict[str, int] = {}
    for decision in decisions:
        statuses[decision.status] = statuses.get(decision.status, 0) + 1
        lineage = decision.reading.lineage
        line = {
            "file": lineage.file_name,
            "sha256": lineage.sha256,
            "status": decision.status,
            "facts": len(decision.reading.facts),
            "findings": len(decision.findings),
            "reason": decision.reason,
        }
        logger.info(json.dumps(line, ensure_ascii=False))
    changed = changed_figures(before, national_figures(places))
    summary = RunSummary(
        kind=kind,
        files=len(decisions),
        statuses=statuses,
        waiting=waiting,
        already_processed=already_processed,
        resumed=resumed,
        changed=changed,
        rejected=rejected_files(decisions, places.quarantine),
        years=touched_years(decisions, changed),
    )
    from khuyencong.report import default_report_files  # matplotlib: only once a run reports

    create_markdown_artifact(
        run_markdown(summary, default_report_files(places.home)),
        key=f"khuyencong-{kind}",
        description=summary.describe(),
    )
    return summary
