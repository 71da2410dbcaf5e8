"""Text that looks like a formula, written so that no spreadsheet ever runs it.

A clerk's cell text (``=HYPERLINK(...)``, ``+cmd|' /C calc'!A0``, ``@SUM(...)``, ``-2+3``) and a
file's name (``=1+1 BC_2010.xlsx``) travel into the marts, and from there into every file we
write: CSV and Excel exports, the clerk's rejection workbook, the ministry workbook. Spreadsheet
programs take a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return for
a formula (OWASP's "CSV injection"), so every writer puts its cells through this module:

* an Excel cell (``inert_cell``) stores text as a string with Excel's quote prefix, the stored
  form of a typed apostrophe: the text is unchanged, shown as typed, and stays text when the
  clerk edits it;
* a CSV field (``inert_text``, and ``inert_sql`` for DuckDB's ``COPY``) has no such flag, so
  the apostrophe is written in front of the text, as OWASP recommends. Text that is a plain
  number (``-1250``, ``+5``) computes to itself and is left as it is, and numeric columns are
  never touched: a negative number stays a negative number.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # openpyxl is imported by the writers that need it: `query` must start fast
    from openpyxl.cell.cell import Cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
EXCEL_MAX_TEXT = 32_767  # characters in one cell
# the control characters an Excel cell cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE)
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
# the same two rules for Python's re and DuckDB's RE2
_FORMULA_START = r"^[=+\-@\t\r]"
_PLAIN_NUMBER = r"[-+]?[0-9]+([.,][0-9]+)*"


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would take ``text`` for a formula."""
    return text.startswith(FORMULA_STARTS)


def inert_text(text: str) -> str:
    """``text`` as a CSV field no spreadsheet runs: an apostrophe in front of formula-like text."""
    if is_formula_like(text) and not re.fullmatch(_PLAIN_NUMBER, text):
        return QUOTE + text
    return text


def inert_sql(column: str) -> str:
    """A DuckDB expression applying ``inert_text`` to the text column ``column`` (quoted SQL)."""
    return (
        f"case when regexp_matches({column}, '{_FORMULA_START}') "
        f"and not regexp_full_match({column}, '{_PLAIN_NUMBER}') "
        f"then '{QUOTE}{QUOTE}' || {column} else {column} end"
    )


def excel_text(text: str) -> str:
    """Text an Excel cell or note accepts: no control characters (openpyxl refuses them), at
    most 32,767 characters."""
    return _ILLEGAL.sub("", text)[:EXCEL_MAX_TEXT]


def inert_cell(cell: Cell, value: Any) -> Cell:
    """Put ``value`` into an openpyxl cell so that it never runs, and return the cell.

    Text is always stored as a string (openpyxl would write ``"=..."`` as a formula), with the
    quote prefix when it starts like one. A list is written as its items joined; a moment as
    its UTC wall-clock time, since Excel stores no time zone.
    """
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    if isinstance(value, list | tuple):
        value = ", ".join("" if item is None else str(item) for item in value)
    if not isinstance(value, str):
        cell.value = value
        return cell
    cell.value = excel_text(value)
    cell.data_type = "s"
    if is_formula_like(cell.value):
        cell.quotePrefix = True
    return cell
