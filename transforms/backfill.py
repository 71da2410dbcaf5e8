"""Which archived submissions a backfill re-reads."""

from __future__ import annotations

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
        reports = submission_reports(row)
        period_years = {int(period[:4]) for _, period in reports if period[:4].isdigit()}
        if not reports and (named := parse_filename_period(row["file_name"])) is not None:
            period_years = {named.year}
        codes = {code for code, _ in reports}
        if period_years & wanted_years and (not wanted_provinces or codes & wanted_provinces):
            chosen.append(row)
    return chosen
