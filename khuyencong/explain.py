"""``khuyencong inspect``: how the pipeline understands one workbook, without loading anything.

A data engineer facing a new layout needs to see at once where the reader found the table,
how it resolved the header, which indicator each column or row became, and every finding with
its cell. This runs the same reader as the pipeline, so what it shows is what a run would do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from decimal import Decimal
from pathlib import Path
from typing import Any

from khuyencong import PARSER_VERSION
from khuyencong.inbox import fingerprint
from khuyencong.sandbox import read_isolated
from khuyencong.workbook_files import UnreadableFile
from transforms.contracts import Lineage, finding_rows, row_number
from transforms.model import CELL_OUTCOMES, Fact


def _totals(facts: Iterable[Fact]) -> dict[str, tuple[int, Decimal]]:
    """Facts and their sum by indicator (plans apart: they are never added to actuals)."""
    totals: dict[str, tuple[int, Decimal]] = {}
    for fact in facts:
        count, total = totals.get(fact.indicator, (0, Decimal(0)))
        totals[fact.indicator] = (count + 1, total + fact.value)
    return dict(sorted(totals.items()))


def _by_report(facts: Iterable[Fact]) -> list[tuple[str, str, str, int, Decimal]]:
    """Facts and their sum by province, period and indicator: a workbook may hold several
    reports (a range's years, an annual report's quarters, a compilation's provinces), whose
    figures never add up into one."""
    totals: dict[tuple[str, str, str], tuple[int, Decimal]] = {}
    for fact in facts:
        key = (fact.identity.province_code, fact.identity.period.label, fact.indicator)
        count, total = totals.get(key, (0, Decimal(0)))
        totals[key] = (count + 1, total + fact.value)
    return [(*key, count, total) for key, (count, total) in sorted(totals.items())]


def row_outcomes(cells: Iterable[dict[str, str]]) -> list[tuple[int, str, str]]:
    """Every row of a sheet's read tables that holds a number, with what became of each of its
    numbers: ``(14, "Số lao động được đào tạo", "D14 fact trained_workers; E14 not_period
    plan")``, top to bottom (``cells``: a sheet's ``cells`` as ``explain_file`` gives them)."""
    rows: dict[int, tuple[str, list[str]]] = {}
    for cell in cells:
        _, said = rows.setdefault(row_number(cell["cell"]), (cell["label"], []))
        said.append(" ".join(filter(None, (cell["cell"], cell["outcome"], cell["why"]))))
    return [(number, label, "; ".join(said)) for number, (label, said) in sorted(rows.items())]


def outcome_counts(cells: Iterable[dict[str, str]]) -> dict[str, int]:
    """How many of a sheet's numbers ended as each outcome, in ``CELL_OUTCOMES`` order."""
    outcomes = [cell["outcome"] for cell in cells]
    return {kind: outcomes.count(kind) for kind in CELL_OUTCOMES if kind in outcomes}


def explain_file(path: Path) -> dict[str, Any]:
    """Sheets, facts by indicator and by report, and findings of one file, as plain data."""
    arrival = fingerprint(path)
    lineage = Lineage(arrival.sha256, arrival.file_name, arrival.received_at, PARSER_VERSION)
    ((_, reading),) = read_isolated([path], workers=1)
    if isinstance(reading, UnreadableFile):
        return {
            "file": path.name,
            "sheets": [],
            "facts_by_indicator": {},
            "facts_by_report": [],
            "plans_by_indicator": {},
            "findings": finding_rows([reading.finding()], lineage),
        }
    return {
        "file": path.name,
        "sha256": arrival.sha256,
        "sheets": [asdict(sheet) for sheet in reading.sheets],
        "facts_by_indicator": _totals(f for f in reading.facts if f.basis == "actual"),
        "facts_by_report": _by_report(f for f in reading.facts if f.basis == "actual"),
        "plans_by_indicator": _totals(f for f in reading.facts if f.basis == "plan"),
        "findings": finding_rows(list(reading.findings), lineage),
    }
