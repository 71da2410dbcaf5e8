"""The pipeline's flows: ``nightly`` (the inbox) and ``backfill`` (archived years again).

Flows only wire tasks together: find files, read them in batches, validate the run in bulk,
decide each file's fate, publish (lake, quarantine, warehouse), then tidy the inbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from prefect import flow

from flows.tasks import (
    archive_originals,
    batches,
    clear_inbox,
    decide_outcomes,
    find_archived,
    find_new_arrivals,
    publish_run,
    read_batch,
    validate_run,
)
from khuyencong.inbox import Arrival
from transforms.decide import Decision


@dataclass(frozen=True)
class RunSummary:
    files: int
    statuses: dict[str, int]

    @staticmethod
    def of(decisions: list[Decision]) -> RunSummary:
        statuses: dict[str, int] = {}
        for decision in decisions:
            statuses[decision.status] = statuses.get(decision.status, 0) + 1
        return RunSummary(len(decisions), statuses)


def _process(
    arrivals: list[Arrival], home: Path, replaced: set[str], backfill: bool
) -> list[Decision]:
    if not arrivals:
        if not (home / "warehouse.duckdb").exists():
            publish_run(home, [], [], replaced)  # a first run on an empty inbox still builds it
        return []
    futures = read_batch.map(batches(arrivals))
    readings = [reading for future in futures for reading in future.result()]
    suite_findings = validate_run(readings, date.today())
    decisions = decide_outcomes(readings, suite_findings, home, backfill)
    publish_run(home, decisions, arrivals, replaced)
    return decisions


@flow(name="nightly")
def nightly(inbox: Path, home: Path) -> RunSummary:
    """Process what arrived in the inbox and refresh the marts."""
    arrivals = find_new_arrivals(inbox, home)
    archive_originals(arrivals, home)
    decisions = _process(arrivals, home, set(), backfill=False)
    clear_inbox(arrivals, inbox)
    return RunSummary.of(decisions)


@flow(name="backfill")
def backfill(home: Path, years: list[int], provinces: list[str] | None = None) -> RunSummary:
    """Re-read archived submissions of ``years`` (and ``provinces``) with today's parser."""
    arrivals = find_archived(home, years, provinces)
    decisions = _process(arrivals, home, {a.sha256 for a in arrivals}, backfill=True)
    return RunSummary.of(decisions)
