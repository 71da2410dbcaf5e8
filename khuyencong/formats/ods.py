"""OpenDocument spreadsheets (.ods), as LibreOffice saves them.

Read with python-calamine, which does not give an .ods file's merged blocks: they are read
here from ``content.xml``.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

from khuyencong.formats.base import Format, Parts, check_members, zip_member
from khuyencong.formats.budgets import Budgets
from khuyencong.formats.calamine import Extras, reader
from transforms.model import MergedRange

SUFFIXES = (".ods",)
MEDIA_TYPE_PREFIX = b"application/vnd.oasis.opendocument"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_VALUE_TYPE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}value-type"
_CELLS = (_TABLE + "table-cell", _TABLE + "covered-table-cell")


def _int(element: ElementTree.Element, attribute: str) -> int:
    return int(element.get(_TABLE + attribute, "1"))


def _merged(path: Path, data: bytes, parts: Parts) -> Extras:
    """The merged blocks of each sheet.

    "Kinh phí (triệu đồng)" merged over "Tổng | KCQG | KCĐP" states the unit of all three:
    without the block the unit is lost and every amount is reported as having none. Read by
    streaming content.xml, counting repeated rows and cells as the format writes them.
    """
    merged: dict[str, list[MergedRange]] = {}
    blocks: list[MergedRange] = []
    row = col = 0
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
        for event, element in ElementTree.iterparse(content, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == _TABLE + "table":
                    blocks, row = merged.setdefault(element.get(_TABLE + "name", ""), []), 0
                elif tag == _TABLE + "table-row":
                    col = 0
                continue
            if tag in _CELLS:
                across = _int(element, "number-columns-spanned")
                down = _int(element, "number-rows-spanned")
                if across > 1 or down > 1:
                    blocks.append(MergedRange(row, col, row + down - 1, col + across - 1))
                col += _int(element, "number-columns-repeated")
                element.clear()
            elif tag == _TABLE + "table-row":
                row += _int(element, "number-rows-repeated")
                element.clear()
    return Extras(merged={name: tuple(found) for name, found in merged.items()})


def _check_tables(content: IO[bytes], budgets: Budgets) -> None:
    """Each table's grid as the repeat counts make it, streamed: the last row and column holding
    a value or starting a merged block. LibreOffice pads every sheet with empty rows and cells
    repeated to the end of the grid: those cost nothing and are not counted; a value repeated
    a million times is (an .ods repeat bomb)."""
    name, row, col, sheets, total = "", 0, 0, 0, 0
    rows_used = cols_used = row_width = 0
    for event, element in ElementTree.iterparse(content, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == _TABLE + "table":
                sheets += 1
                budgets.check("sheets", sheets)
                name, row, rows_used, cols_used = element.get(_TABLE + "name", ""), 0, 0, 0
            elif tag == _TABLE + "table-row":
                col = row_width = 0
            continue
        if tag in _CELLS:
            repeated = _int(element, "number-columns-repeated")
            across = _int(element, "number-columns-spanned")
            down = _int(element, "number-rows-spanned")
            if element.get(_VALUE_TYPE) or len(element) or across > 1 or down > 1:
                row_width = col + max(repeated, across)
                budgets.check("cells_per_sheet", across * down, name)
                budgets.check("max_row", row + down, name)
            col += repeated
            element.clear()
        elif tag == _TABLE + "table-row":
            repeated = _int(element, "number-rows-repeated")
            if row_width:
                rows_used, cols_used = row + repeated, max(cols_used, row_width)
                budgets.check("max_row", rows_used, name)
                budgets.check("max_column", cols_used, name)
                budgets.check("cells_per_sheet", rows_used * cols_used, name)
            row += repeated
            element.clear()
        elif tag == _TABLE + "table":
            total += rows_used * cols_used
    budgets.check("cells_per_workbook", total)


def preflight(data: bytes, budgets: Budgets) -> Parts | None:
    """The zip's budgets, then the tables' grids from the repeat counts of ``content.xml``
    (one archive, opened once)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # no zip to bound: the reader says what is wrong with the file
        return None
    with archive:
        parts = check_members(archive, data, budgets)
        try:
            content = archive.open("content.xml")
        except Exception:  # no content to bound: the reader says what is wrong with the file
            return parts
        with content:
            try:
                _check_tables(content, budgets)
            except ElementTree.ParseError:
                return parts
    return parts


def is_ods(data: bytes) -> bool:
    """A zip whose ``mimetype`` member names an OpenDocument file (a zip whose bytes lack the
    member's name has no such member, and is not opened to ask: every .xlsx)."""
    if b"mimetype" not in data:
        return False
    return (zip_member(data, "mimetype") or b"").startswith(MEDIA_TYPE_PREFIX)


FORMAT = Format(
    "ods", SUFFIXES, read=reader(SUFFIXES, _merged), recognises=is_ods, preflight=preflight
)
