"""Which archived submissions a backfill re-reads, and in which steps."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from transforms.periods import parse_filename_period


def submission_reports(row: dict[str, Any]) -> list[tuple[str, str]]:
    """The (province_code, period) reports a registry row says its file held."""
    pairs = (r.split(":", 1) for r in (row["reports"] or "").split(";") if ":" in r)
    return [(code, period) for code, period in pairs]


def select_for_backfill(
    rows: Iterable[dict[str, Any]], years: Iterable[int], provinces: Iterable[str] | None
) -> list[dict[str, Any]]:
    """Registry rows of files with a report in ``years`` (and ``provinces``).

    A quarantined file may hold no readable report at all; its year then comes from its file
    name, so that a backfill also gives yesterday's rejects a second chance under today's
    parser. Duplicates are left alone: their original is re-read instead.
    """
    wanted_years = set(years)
    wanted_provinces = set(provinces or ())
    chosen = []
    for row in rows:
        if row["status"] == "duplicate":
            continue
        codes = {code for code, _ in submission_reports(row)}
        if report_years(row) & wanted_years and (not wanted_provinces or codes & wanted_provinces):
            chosen.append(row)
    return chosen


def report_years(row: dict[str, Any]) -> set[int]:
    """The years of a registry row's reports (or of its file name, when none was readable)."""
    reports = submission_reports(row)
    years = {int(period[:4]) for _, period in reports if period[:4].isdigit()}
    if not reports and (named := parse_filename_period(row["file_name"])) is not None:
        years = {named.year}
    return years


def backfill_steps(
    rows: Iterable[dict[str, Any]], years: Iterable[int]
) -> dict[int, list[dict[str, Any]]]:
    """Rows by step: the first of ``years`` each reports (none: not in the backfill), in order.

    A backfill publishes one year at a time, so that an interrupted one resumes after its
    last finished year. A year is the natural unit: it holds every peer the money checks
    compare a report with, and the lake rewrites one file per year.
    """
    wanted = set(years)
    steps: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        if reported := report_years(row) & wanted:
            steps.setdefault(min(reported), []).append(row)
    return dict(sorted(steps.items()))


def backfill_key(years: Iterable[int], provinces: Iterable[str] | None, *context: str) -> str:
    """Names one backfill: its years, provinces and ``context`` (parser version, places).

    Only an interrupted run of the same backfill may be resumed: another range, or a newer
    parser, must re-read everything it covers.
    """
    text = json.dumps([sorted(years), sorted(provinces or ()), *context])
    return hashlib.sha256(text.encode()).hexdigest()[:16]
