"""The lake's contracts: the schema of each of its tables, and the lineage every row carries.

Whatever writes the lake (``khuyencong.lake``), reads it (the warehouse's ``raw`` schema) or
checks it (the expectation suite's frame) takes the shapes from here, so a column is added in
one place. Pure: schemas and row builders, no I/O.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_EVEN, Decimal
from string import ascii_uppercase

import pyarrow as pa

from transforms.findings import messages, severity
from transforms.model import CELL_OUTCOMES, Fact, Finding, SheetOutcome
from transforms.rules import RuleCode

VALUE_TYPE = pa.decimal128(24, 6)
# a millionth of the unit: one đồng of money in million VND, far below any figure reported
VALUE_QUANTUM = Decimal(1).scaleb(-VALUE_TYPE.scale)

FACT_SCHEMA = pa.schema(
    [
        ("sha256", pa.string()),
        ("file_name", pa.string()),
        ("sheet", pa.string()),
        ("cell", pa.string()),
        ("province_code", pa.string()),
        ("province_valid_from", pa.date32()),
        ("province_name", pa.string()),
        ("period", pa.string()),
        ("period_kind", pa.string()),
        ("period_start", pa.date32()),
        ("period_end", pa.date32()),
        ("year", pa.int32()),
        ("indicator", pa.string()),
        ("value", VALUE_TYPE),
        ("unit", pa.string()),
        ("qualifier", pa.string()),
        ("raw_value", pa.string()),
        ("row_label", pa.string()),
        ("column_label", pa.string()),
        ("received_at", pa.timestamp("us", tz="UTC")),
        ("parser_version", pa.string()),
        ("basis", pa.string()),
    ]
)

FINDING_SCHEMA = pa.schema(
    [
        ("submission_id", pa.string()),
        ("sha256", pa.string()),
        ("file_name", pa.string()),
        ("province_code", pa.string()),
        ("period", pa.string()),
        ("sheet", pa.string()),
        ("cell", pa.string()),
        ("value", pa.string()),
        ("rule", pa.string()),
        ("severity", pa.string()),
        ("message_vi", pa.string()),
        ("message_en", pa.string()),
    ]
)


SUBMISSION_SCHEMA = pa.schema(
    [
        ("submission_id", pa.string()),
        ("file_name", pa.string()),
        ("sha256", pa.string()),
        ("status", pa.string()),
        ("province_code", pa.string()),
        ("period", pa.string()),
        ("reason", pa.string()),
        ("reports", pa.string()),
        ("facts", pa.int64()),
        ("size_bytes", pa.int64()),
        ("received_at", pa.timestamp("us", tz="UTC")),
        ("processed_at", pa.timestamp("us", tz="UTC")),
        ("parser_version", pa.string()),
        ("archive_path", pa.string()),
    ]
)

MANIFEST_SCHEMA = pa.schema([("file", pa.string()), ("version", pa.string())])

SHEET_SCHEMA = pa.schema(
    [
        ("submission_id", pa.string()),
        ("sha256", pa.string()),
        ("file_name", pa.string()),
        ("position", pa.int32()),
        ("sheet", pa.string()),
        ("status", pa.string()),
        ("reason", pa.string()),
        ("table_found", pa.bool_()),
        ("layout", pa.string()),
        ("period", pa.string()),
        ("province", pa.string()),
        ("rows_read", pa.int64()),
        ("rows_set_aside", pa.int64()),
        ("numeric_cells", pa.int64()),
        *((f"cells_{outcome}", pa.int64()) for outcome in CELL_OUTCOMES),
    ]
)

# the reader's warning for a row of figures it could place under no indicator
SET_ASIDE_RULE = RuleCode.ROW_NOT_READ


@dataclass(frozen=True)
class Lineage:
    """Where a submission came from: stamped on every one of its rows."""

    sha256: str
    file_name: str
    received_at: datetime
    parser_version: str

    @property
    def submission_id(self) -> str:
        return submission_id(self.sha256, self.file_name)


def submission_id(sha256: str, file_name: str) -> str:
    """One file: its content and its name (the same content under two names is two files)."""
    return f"{sha256}/{file_name}"


def fact_rows(facts: tuple[Fact, ...] | list[Fact], lineage: Lineage) -> list[dict[str, object]]:
    return [
        {
            "sha256": lineage.sha256,
            "file_name": lineage.file_name,
            "sheet": fact.sheet,
            "cell": fact.cell,
            "province_code": fact.identity.province_code,
            "province_valid_from": fact.identity.province_valid_from,
            "province_name": fact.identity.province_name,
            "period": fact.identity.period.label,
            "period_kind": fact.identity.period.kind,
            "period_start": fact.identity.period.start,
            "period_end": fact.identity.period.end,
            "year": fact.identity.period.year,
            "indicator": fact.indicator,
            "value": lake_value(fact.value),
            "unit": fact.unit,
            "qualifier": fact.qualifier,
            "raw_value": fact.raw_value,
            "row_label": fact.row_label,
            "column_label": fact.column_label,
            "received_at": lineage.received_at,
            "parser_version": lineage.parser_version,
            "basis": fact.basis,
        }
        for fact in facts
    ]


def lake_value(value: Decimal) -> Decimal:
    """A fact's value as the lake's decimal(24, 6) holds it, rounded to its six places: Excel's
    913.666666666667 computed million VND is 913.666667 (to the đồng), where Arrow would refuse
    the whole run's facts. Values the type cannot hold at all (19 digits before the mark) are
    findings at their cell before they become facts (``transforms.numbers.LARGEST``)."""
    return value.quantize(VALUE_QUANTUM, rounding=ROUND_HALF_EVEN)


def finding_rows(
    findings: tuple[Finding, ...] | list[Finding],
    lineage: Lineage,
    province_code: str | None = None,
    period: str | None = None,
) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for item in findings:
        message_vi, message_en = messages(item)
        rows.append(
            {
                "submission_id": lineage.submission_id,
                "sha256": lineage.sha256,
                "file_name": lineage.file_name,
                "province_code": province_code,
                "period": period,
                "sheet": item.sheet,
                "cell": item.cell,
                "value": item.value,
                "rule": item.rule,
                "severity": severity(item),
                "message_vi": message_vi,
                "message_en": message_en,
            }
        )
    return rows


@dataclass(frozen=True)
class SheetTally:
    """A sheet's outcome as the registry keeps it: what became of the sheet, and its numbers
    counted by outcome rather than listed one by one.

    A run holds every file's reading until the file is published; each number's
    ``CellOutcome`` was half of a reading's memory (17 of 34 KiB a file), which the registry
    only counts. ``khuyencong explain`` shows them one by one, from the reader's own
    ``SheetOutcome``.
    """

    sheet: str
    status: str
    reason: str
    layout: str | None
    table_found: bool
    period: str | None
    province: str | None
    cells: tuple[int, ...]  # how many numbers ended as each of CELL_OUTCOMES, in its order

    @classmethod
    def of(cls, outcome: SheetOutcome) -> SheetTally:
        counted = Counter(cell.outcome for cell in outcome.cells)  # one pass over its cells
        return cls(
            outcome.sheet,
            outcome.status,
            outcome.reason,
            outcome.layout,
            bool(outcome.header_rows),
            outcome.period,
            outcome.province,
            tuple(counted[kind] for kind in CELL_OUTCOMES),
        )


def sheet_rows(
    sheets: tuple[SheetTally, ...],
    facts: tuple[Fact, ...],
    findings: tuple[Finding, ...],
    lineage: Lineage,
) -> list[dict[str, object]]:
    """One row per sheet of a file: read or skipped and why, how many of its rows gave
    figures or were set aside, and what became of its numbers (``CELL_OUTCOMES``), so that a
    sheet left out or a number left unread leaves a trace."""
    read: dict[str, set[int]] = {}
    for fact in facts:
        read.setdefault(fact.sheet, set()).add(row_number(fact.cell))
    set_aside: dict[str, set[int]] = {}
    for item in findings:
        if item.rule == SET_ASIDE_RULE and item.sheet and item.cell:
            set_aside.setdefault(item.sheet, set()).add(row_number(item.cell))
    return [
        {
            "submission_id": lineage.submission_id,
            "sha256": lineage.sha256,
            "file_name": lineage.file_name,
            "position": position,
            "sheet": outcome.sheet,
            "status": outcome.status,
            "reason": outcome.reason or None,
            "table_found": outcome.table_found,
            "layout": outcome.layout,
            "period": outcome.period,
            "province": outcome.province,
            "rows_read": len(read.get(outcome.sheet, ())),
            "rows_set_aside": len(set_aside.get(outcome.sheet, ())),
            "numeric_cells": sum(outcome.cells),
            **{f"cells_{kind}": n for kind, n in zip(CELL_OUTCOMES, outcome.cells, strict=True)},
        }
        for position, outcome in enumerate(sheets)
    ]


def row_number(cell: str) -> int:
    """The row of an A1 address: D14 -> 14."""
    return int(cell.lstrip(ascii_uppercase))


def to_table(rows: list[dict[str, object]], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema)
