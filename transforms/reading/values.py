"""What one cell value is, before any table is known: text, a number, a year, a unit."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TypeGuard

import schemas
from transforms.legacy_text import legacy_readings
from transforms.model import CellValue
from transforms.numbers import (
    AMBIGUOUS_GROUPING,
    INVALID_GROUPING,
    number_and_unit,
    parse_number,
)
from transforms.text import LABELS_REMEMBERED, clean
from transforms.units import Unit, parse_unit

YEAR = re.compile(r"\b(19[9]\d|20\d\d)\b")
# a row or column number on its own: "1", "a)", "(iv)", "2."
NUMBERING = re.compile(r"^\(?([ivxlc]+|[a-z]|\d+)[.)]?$", re.IGNORECASE)
_GROUPING_ERRORS = (AMBIGUOUS_GROUPING, INVALID_GROUPING)


def text_of(value: CellValue) -> str:
    return clean(value) if isinstance(value, str) else ""


def is_number_cell(value: CellValue) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def holds_number(value: CellValue) -> bool:
    """A number, also one stored as text ("1.234", "2.345,5"): every cell of a csv is text;
    also with its unit typed after it ("6 lớp", "1.237 người", "3,45 tỷ đồng"), as a report
    written as text gives its figures: such a row is the table's data, never its header.

    Digits whose grouping is ambiguous ("1.234") or wrong are still a number by their shape.
    """
    if is_number_cell(value):
        return True
    if not isinstance(value, str):
        return False
    reading = parse_number(number_and_unit(value)[0])
    return reading.value is not None or reading.error in _GROUPING_ERRORS


@cache
def year_word() -> str:
    """The word that names a year ("Năm 2010"), as ``schemas/periods.yaml`` spells it first."""
    word: str = schemas.read_yaml("periods.yaml")["year"][0]
    return word.capitalize()


def year_heading(value: CellValue) -> str:
    """A year typed as a number over a column (2010, or "2010" in a csv) as "Năm 2010"."""
    if isinstance(value, str):
        value = value.strip()
        if not value.isdecimal():  # "²" is a digit to isdigit, not to int()
            return ""
    elif not is_number_cell(value) or not float(value).is_integer():
        return ""
    year = str(int(value))
    return f"{year_word()} {year}" if YEAR.fullmatch(year) else ""


@lru_cache(maxsize=LABELS_REMEMBERED)
def parse_row_unit(text: str) -> Unit | None:
    """A ĐVT cell as a unit, also when it is a legacy-encoded abbreviation (``tr®``, ``Tr.®``)
    that the per-cell repair left alone: only a known unit is accepted, so nothing is guessed.
    Remembered: a table repeats a handful of ĐVT texts on every row."""
    unit = parse_unit(text)
    if unit is None and not text.isascii():
        unit = next((u for reading in legacy_readings(text) if (u := parse_unit(reading))), None)
    return unit
