"""What a test looks at in a reading: its facts summed by a key, its findings, its errors."""

from __future__ import annotations

from decimal import Decimal

from tests.sheets import merged, sheet, workbook
from transforms.findings import is_error
from transforms.model import CellValue, Reading
from transforms.reading.workbook import understand_workbook


def read(file_name: str, rows: list[list[CellValue]], merges: str = "") -> Reading:
    blocks = merged(*merges.split()) if merges else ()
    return understand_workbook(workbook(file_name, sheet("BC", rows, blocks)))


def facts_by(reading: Reading) -> dict[tuple[str, str], Decimal]:
    totals: dict[tuple[str, str], Decimal] = {}
    for fact in reading.facts:
        key = (fact.identity.province_code, fact.indicator)
        totals[key] = totals.get(key, Decimal(0)) + fact.value
    return totals


def facts_by_period(reading: Reading) -> dict[tuple[str, str], Decimal]:
    """Facts by (indicator, period label), summed over cells."""
    totals: dict[tuple[str, str], Decimal] = {}
    for fact in reading.facts:
        key = (fact.indicator, fact.identity.period.label)
        totals[key] = totals.get(key, Decimal(0)) + fact.value
    return totals


def cell_facts(reading: Reading) -> list[CellFact]:
    """Every fact loaded, one per cell, sorted: the exact content of a reading."""
    return sorted((f.indicator, f.value, f.identity.period.label, f.basis) for f in reading.facts)


CellFact = tuple[str, Decimal, str, str]  # indicator, value, period, basis


def actuals(reading: Reading) -> dict[tuple[str, str, str], Decimal]:
    """Loaded figures by (province code, period, indicator), summed as the marts would."""
    totals: dict[tuple[str, str, str], Decimal] = {}
    for fact in reading.facts:
        if fact.basis == "actual":
            key = (fact.identity.province_code, fact.identity.period.label, fact.indicator)
            totals[key] = totals.get(key, Decimal(0)) + fact.value
    return totals


def rules_of(reading: Reading) -> list[tuple[str, str | None]]:
    return [(f.rule, f.cell) for f in reading.findings]


def errors(reading: Reading) -> list[str]:
    return [f.rule for f in reading.findings if is_error(f)]
