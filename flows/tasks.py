"""Prefect tasks: thin wrappers over ``khuyencong.process`` and ``khuyencong.inbox``.

A task costs about 15-20 ms here, so work is batched: one task reads a batch of files, one
validates the whole run, one publishes it. Retries are set only where I/O can fail for a
moment (the file system under a mounted inbox), never on logic.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow.compute as pc
from prefect import task

from khuyencong import inbox
from khuyencong.inbox import Arrival
from khuyencong.lake import read_submissions
from khuyencong.process import publish, read_submission, validate_readings
from transforms.decide import Decision, SubmissionReading, decide
from transforms.model import Finding

READ_BATCH_SIZE = 48


@task(retries=2, retry_delay_seconds=[2, 10])
def find_new_arrivals(inbox_dir: Path, home: Path) -> list[Arrival]:
    """Files of the inbox not yet processed under the same content and name."""
    known = set(read_submissions(home)["submission_id"].to_pylist())
    arrivals = [inbox.fingerprint(path) for path in inbox.discover(inbox_dir)]
    return [a for a in arrivals if a.submission_id not in known]


@task
def find_archived(home: Path, years: list[int], provinces: list[str] | None) -> list[Arrival]:
    """Archived submissions holding a report of one of ``years`` (and ``provinces``)."""
    submissions = read_submissions(home).to_pylist()
    wanted = []
    for row in submissions:
        reports = [r.split(":", 1) for r in (row["reports"] or "").split(";") if r]
        period_years = {int(period[:4]) for _, period in reports if period[:4].isdigit()}
        codes = {code for code, _ in reports}
        if row["status"] == "quarantined" and not reports:
            period_years = (
                {int(row["period"][:4])} if row["period"] and row["period"][:4].isdigit() else set()
            )
        if period_years & set(years) and (not provinces or codes & set(provinces)):
            path = Path(row["archive_path"])
            if path.exists():
                wanted.append(inbox.fingerprint(path, row["file_name"], row["received_at"]))
    return wanted


def batches(arrivals: list[Arrival], size: int = READ_BATCH_SIZE) -> list[list[Arrival]]:
    return [arrivals[i : i + size] for i in range(0, len(arrivals), size)]


@task
def read_batch(arrivals: list[Arrival]) -> list[SubmissionReading]:
    return [read_submission(arrival) for arrival in arrivals]


@task
def validate_run(readings: list[SubmissionReading], today: date) -> dict[str, list[Finding]]:
    return validate_readings(readings, today)


@task
def decide_outcomes(
    readings: list[SubmissionReading],
    suite_findings: dict[str, list[Finding]],
    home: Path,
    backfill: bool,
) -> list[Decision]:
    registry = read_submissions(home)
    if backfill:
        originals: dict[str, str] = {}
    else:
        held = registry.filter(pc.invert(pc.equal(registry["status"], "duplicate")))
        originals = dict(
            zip(held["sha256"].to_pylist(), held["file_name"].to_pylist(), strict=True)
        )
    return decide(readings, suite_findings, originals)


@task(retries=2, retry_delay_seconds=[2, 10])
def archive_originals(arrivals: list[Arrival], home: Path) -> None:
    for arrival in arrivals:
        inbox.archive(home, arrival)


@task
def publish_run(
    home: Path, decisions: list[Decision], arrivals: list[Arrival], replaced: set[str]
) -> None:
    publish(home, decisions, {a.submission_id: a for a in arrivals}, replaced)


@task(retries=2, retry_delay_seconds=[2, 10])
def clear_inbox(arrivals: list[Arrival], inbox_dir: Path) -> None:
    for arrival in arrivals:
        inbox.remove_from_inbox(arrival, inbox_dir)
