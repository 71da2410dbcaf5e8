"""The whole run, without Prefect: ``nightly`` (the inbox) and ``backfill`` (archived years again).

A run holds the data home's lock (two runs never write the warehouse at once) and goes: take
the national figures and the reference values before anything changes; find the files; then
``process`` them: archive and read them, validate them in bulk, decide each file's fate (with
what a resubmission changes), publish (lake, quarantine); refresh the warehouse; report; tidy
the inbox. A backfill processes one year at a time and checkpoints after each, so an
interrupted one resumes where it stopped.

Each stage is called through ``Stages``: plainly here, as Prefect tasks in ``flows`` (which add
retries, names in the UI and concurrent reading, and nothing else). Tests and scripts run these
same functions, so what they check is what production runs.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from khuyencong import PARSER_VERSION, inbox, storage
from khuyencong.checkpoint import Checkpoint, read_checkpoint, remove_checkpoint, write_checkpoint
from khuyencong.gc_pace import fewer_collections
from khuyencong.inbox import Arrival
from khuyencong.lake import read_submissions
from khuyencong.places import Places
from khuyencong.process import (
    FileRead,
    References,
    publish,
    read_arrivals,
    reference_values,
    refresh_marts,
    validate_facts,
)
from khuyencong.run_lock import exclusive_run
from khuyencong.run_report import RunSummary, national_figures, summarise_run
from transforms.backfill import backfill_key, backfill_steps, select_for_backfill
from transforms.decide import Decision, FileOutcome, SubmissionReading, decide
from transforms.model import Finding
from transforms.revisions import comparison_findings

log = logging.getLogger("khuyencong")

DEFAULT_SETTLE_SECONDS = 2.0


class Mode(StrEnum):
    """What a run does with the files it processes.

    ``nightly`` files are new: content already loaded is a duplicate, and a report that replaces
    a live one says what it changes. ``backfill`` files are archived ones read again: each
    replaces its own earlier rows.
    """

    nightly = "nightly"
    backfill = "backfill"


@dataclass(frozen=True)
class InboxScan:
    """What the inbox holds: files to process now, files processed before, and every other
    entry with why it is not processed (still being written, ignored, refused)."""

    new: list[Arrival]
    unread: list[inbox.Unread]
    already_processed: list[Arrival]


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
    found_there = inbox.survey(storage.entries(inbox_dir), inbox.vocabulary())
    new: list[Arrival] = []
    unread = list(found_there.unread)
    processed: list[Arrival] = []
    for found in found_there.submissions:
        arrival = inbox.settled_fingerprint(found, settle_seconds, now)
        if arrival is None:
            unread.append(inbox.still_changing(found.relative, settle_seconds))
        elif (arrival.submission_id, PARSER_VERSION) in known:
            processed.append(arrival)  # left behind by a run that stopped before tidying up
        else:
            new.append(arrival)
    return InboxScan(new, unread, processed)


@contextmanager
def workers_ahead(inbox_dir: storage.Location | None, readers: bool = True) -> Iterator[None]:
    """The run's worker processes, started now for a run about to read files (a backfill, no
    ``inbox_dir``, or a nightly whose inbox holds something to take): the sandbox's readers
    (unless ``readers`` is false: on Dask, its own workers read) and the validator.

    Started ahead of the run (``khuyencong run`` does so before Prefect starts), their start-up
    (an interpreter each, the reader's imports, Great Expectations' 3.5-5 s import) runs on the
    core that Prefect's start-up, the inbox's scan and the reading leave idle, instead of after
    them. An empty inbox starts nothing and imports no reader: a nightly with nothing new stays
    cheap.
    """
    files = len(inbox.discover(storage.absolute(inbox_dir))) if inbox_dir is not None else None
    if files == 0:
        yield
        return
    from khuyencong.sandbox import readers_kept
    from khuyencong.validator import validator_kept

    ahead = files or os.cpu_count() or 1  # a backfill's files are not counted yet
    with validator_kept(), readers_kept(start=ahead) if readers else nullcontext():
        yield


def retire_workers() -> None:
    """Stop the readers and the validator once every file is published: the warehouse's build
    that follows is the run's peak of memory (5,000 files: the run's process 650 -> 875 MB),
    and they would idle through it (430 MB)."""
    from khuyencong.sandbox import retire_readers
    from khuyencong.validator import retire_validator

    retire_readers()
    retire_validator()


def clear_inbox(arrivals: list[Arrival], inbox_dir: storage.Location, places: Places) -> None:
    for arrival in arrivals:
        inbox.remove_from_inbox(arrival, inbox_dir, places.archive)


@dataclass(frozen=True)
class BackfillPlan:
    """The files a backfill still has to re-read, by step (year), and its checkpoint."""

    steps: dict[int, list[Arrival]]
    checkpoint: Checkpoint


def describe_backfill(years: list[int], provinces: list[str] | None) -> str:
    span = f"{min(years)}-{max(years)}" if len(years) > 1 else str(years[0])
    return span + (f", provinces {', '.join(provinces)}" if provinces else "")


def plan_backfill(
    places: Places, years: list[int], provinces: list[str] | None, restart: bool
) -> BackfillPlan:
    """Archived submissions with a report of ``years`` (and ``provinces``), minus those an
    interrupted run of the same backfill finished (unless ``restart``)."""
    chosen = select_for_backfill(read_submissions(places.lake).to_pylist(), years, provinces)
    rows = [r for r in chosen if r["archive_path"] and storage.exists(r["archive_path"])]
    kept = {r["submission_id"] for r in rows}
    if missing := [r["file_name"] for r in chosen if r["submission_id"] not in kept]:
        log.warning(
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


def save_checkpoint(places: Places, checkpoint: Checkpoint) -> Checkpoint:
    write_checkpoint(places.home, checkpoint)
    return checkpoint


def forget_checkpoint(places: Places) -> None:
    remove_checkpoint(places.home)


def read_all(arrivals: list[Arrival], archive: storage.Location | None) -> list[FileRead]:
    """Each file read (archived first into ``archive``, if given), with its reading."""
    return read_arrivals(arrivals, archive)  # in the sandbox: a hostile file costs itself alone


def validate_run(
    facts: list[pa.Table], today: date, places: Places, references: References
) -> dict[str, list[Finding]]:
    """The expectation suite's findings over every fact of the run (a table a file), with its
    Data Docs."""
    return validate_facts(facts, today, references, places.data_docs)


def decide_outcomes(
    readings: list[SubmissionReading],
    suite_findings: dict[str, list[Finding]],
    places: Places,
    mode: Mode,
    references: References,
) -> list[Decision]:
    """Each file's fate; a nightly file also says what it changes of a report already live."""
    if mode is Mode.backfill:
        return decide(readings, suite_findings, {})
    registry = read_submissions(places.lake)
    # only loaded content is held: a rejected file sent again under a corrected name (the
    # name gives its province or period) must be read again, not called a duplicate
    held = registry.filter(pc.equal(registry["status"], "loaded"))
    originals = dict(zip(held["sha256"].to_pylist(), held["file_name"].to_pylist(), strict=True))
    suite_findings = dict(suite_findings)
    for sha, compared in comparison_findings(readings, suite_findings, references.live).items():
        suite_findings[sha] = [*suite_findings.get(sha, []), *compared]
    return decide(readings, suite_findings, originals)


def publish_run(
    places: Places, decisions: list[Decision], read: list[FileRead], replaced: set[str]
) -> None:
    arrivals = {r.arrival.submission_id: r.arrival for r in read}
    publish(places, decisions, arrivals, replaced, {r.reading.lineage: r.facts for r in read})


@dataclass(frozen=True)
class Stages:
    """How a run calls each of its stages: the functions above, plainly, by default.

    ``flows.tasks.PrefectStages`` calls the same functions as Prefect tasks.
    """

    scan: Callable[[storage.Location, Places, float], InboxScan] = scan_inbox
    plan: Callable[[Places, list[int], list[str] | None, bool], BackfillPlan] = plan_backfill
    checkpoint: Callable[[Places, Checkpoint], Checkpoint] = save_checkpoint
    forget: Callable[[Places], None] = forget_checkpoint
    references: Callable[[Places], References] = reference_values
    read: Callable[[list[Arrival], storage.Location | None], list[FileRead]] = read_all
    validate: Callable[[list[pa.Table], date, Places, References], dict[str, list[Finding]]] = (
        validate_run
    )
    decide: Callable[
        [list[SubmissionReading], dict[str, list[Finding]], Places, Mode, References],
        list[Decision],
    ] = decide_outcomes
    publish: Callable[[Places, list[Decision], list[FileRead], set[str]], None] = publish_run
    refresh: Callable[[Places], bool] = refresh_marts
    report: Callable[..., RunSummary] = summarise_run
    clear: Callable[[list[Arrival], storage.Location, Places], None] = clear_inbox

    def for_step(self, step: str) -> Stages:
        """The stages of one step of a run (``inbox``, or a backfill's year): the same here; a
        runner that shows each call names it by its step."""
        return self


def process(
    arrivals: list[Arrival],
    places: Places,
    mode: Mode,
    references: References,
    stages: Stages = Stages(),
    last: bool = True,
) -> list[FileOutcome]:
    """Read, validate, decide and publish ``arrivals``: every file read gets a decision, told
    by its outcome (the readings are let go once published).

    The ``last`` step of a run (a nightly's only one) lets the readers go once it has read and
    the validator once it has validated: they would idle through the decisions and the
    publication, when the run holds every reading (a 5,000-file nightly's peak of memory
    1.25 GiB, while publishing, became 1.09 GiB, while validating).

    A nightly's files are archived as they are read (one rewritten in the inbox since it was
    hashed is not read: it waits for a later run); a backfill's are in the archive already.
    ``references`` are what the run started from (``reference_values``). In a backfill each
    file replaces its own earlier rows, even if it is now quarantined.
    """
    from khuyencong.sandbox import retire_readers  # the reader: only with files to read
    from khuyencong.validator import release_validator

    read = stages.read(arrivals, places.archive if mode is Mode.nightly else None)
    if last:
        retire_readers()
    if not read:
        return []
    readings = [file.reading for file in read]
    suite_findings = stages.validate(
        [file.facts for file in read], date.today(), places, references
    )
    if last:
        release_validator()
    decisions = stages.decide(readings, suite_findings, places, mode, references)
    replaced = {a.sha256 for a in arrivals} if mode is Mode.backfill else set()
    stages.publish(places, decisions, read, replaced)
    return [FileOutcome.of(decision) for decision in decisions]


def nightly(
    inbox_dir: storage.Location,
    places: Places,
    settle_seconds: float = DEFAULT_SETTLE_SECONDS,
    stages: Stages = Stages(),
) -> RunSummary:
    """Process what arrived in the inbox and refresh the marts."""
    inbox_dir = storage.absolute(inbox_dir)
    with exclusive_run(places.home), fewer_collections():  # readings live until published
        before = national_figures(places)
        scan = stages.scan(inbox_dir, places, settle_seconds)
        outcomes = []
        if scan.new:
            from khuyencong.sandbox import readers_kept  # the reader: only with files to read

            references = stages.references(places)
            step = stages.for_step("inbox")
            with readers_kept():  # every batch read by the same two workers
                # read from the archive copies: a file rewritten or removed in the inbox
                # meanwhile cannot change what is read, nor be lost
                outcomes = process(scan.new, places, Mode.nightly, references, step)
            retire_workers()
        # also finishes the job of a run stopped between writing the lake and the warehouse
        stages.refresh(places)
        kept = {outcome.lineage.submission_id for outcome in outcomes}
        rewritten = [  # since they were hashed: a later run takes them
            inbox.still_changing(storage.relative_to(arrival.location, inbox_dir), settle_seconds)
            for arrival in scan.new
            if arrival.submission_id not in kept
        ]
        summary = stages.report(
            places,
            "nightly",
            outcomes,
            before,
            already_processed=len(scan.already_processed),
            unread=sorted([*scan.unread, *rewritten], key=lambda line: line.file),
        )
        stages.clear([*scan.new, *scan.already_processed], inbox_dir, places)
        return summary


def backfill(
    places: Places,
    years: list[int],
    provinces: list[str] | None = None,
    restart: bool = False,
    stages: Stages = Stages(),
) -> RunSummary:
    """Re-read archived submissions of ``years`` (and ``provinces``) with today's parser.

    Run again after an interruption, it skips the years it finished (``restart`` re-reads
    everything).
    """
    with exclusive_run(places.home), fewer_collections():  # readings live until published
        before = national_figures(places)
        plan = stages.plan(places, years, provinces, restart)
        references = stages.references(places)
        checkpoint = plan.checkpoint
        outcomes: list[FileOutcome] = []
        from khuyencong.sandbox import readers_kept  # the reader: only with files to read

        with readers_kept():  # every batch of every year read by the same two workers
            for number, (year, arrivals) in enumerate(plan.steps.items(), start=1):
                checkpoint = stages.checkpoint(places, checkpoint.working_on(str(year)))
                step = stages.for_step(str(year))
                last = number == len(plan.steps)
                outcomes += process(arrivals, places, Mode.backfill, references, step, last)
                checkpoint = stages.checkpoint(
                    places, checkpoint.finished([a.submission_id for a in arrivals])
                )
        retire_workers()
        stages.refresh(places)
        summary = stages.report(
            places, "backfill", outcomes, before, resumed=len(plan.checkpoint.done)
        )
        stages.forget(places)
        return summary
