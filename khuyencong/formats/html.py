"""Tables of an HTML page saved under an ``.xls`` name ("Save as Web Page", web exports).

Each ``<table>`` is a sheet. ``colspan``/``rowspan`` are merged blocks, as a merged header is
in a workbook. Excel writes a cell's number in ``x:num`` beside the text it shows
("1.234.567"): that number is the cell's value. Parsed with the standard library's tolerant
HTML parser: such pages are rarely well-formed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from khuyencong.formats.markup import SpannedCell, head, markup_format, sheet_of
from transforms.model import CellValue, Workbook

_HTML = re.compile(rb"<(?:!doctype\s+html|html|table|head|body)\b", re.IGNORECASE)
_CHARSET = re.compile(rb"charset\s*=\s*[\"']?([\w-]+)", re.IGNORECASE)


def _span(value: str | None) -> int:
    return int(value) if value and value.strip().isdecimal() and 0 < int(value) < 1000 else 1


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[SpannedCell]] = []
        self._stack: list[tuple[list[SpannedCell], set[tuple[int, int]], int]] = []
        self._cell: dict[str, str | None] | None = None
        self._text: list[str] = []
        self._col = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._stack.append(([], set(), -1))
        elif tag == "tr" and self._stack:
            cells, taken, row = self._stack[-1]
            self._stack[-1] = (cells, taken, row + 1)
            self._col = 0
        elif tag in ("td", "th") and self._stack:
            self._cell, self._text = dict(attrs), []
        elif tag == "br" and self._cell is not None:
            self._text.append(" ")

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._stack:
            cells, taken, row = self._stack[-1]
            while (row, self._col) in taken:
                self._col += 1
            down, across = _span(self._cell.get("rowspan")), _span(self._cell.get("colspan"))
            taken.update(
                (r, c) for r in range(row, row + down) for c in range(self._col, self._col + across)
            )
            cells.append(SpannedCell(row, self._col, self._value(), down, across))
            self._col += across
            self._cell = None
        elif tag == "table" and self._stack:
            self.tables.append(self._stack.pop()[0])

    def _value(self) -> CellValue:
        assert self._cell is not None
        number = self._cell.get("x:num")
        if number:
            try:
                return float(number)
            except ValueError:
                pass
        text = " ".join("".join(self._text).split())
        return text or None


def is_html(data: bytes) -> bool:
    """A tag of a page near the start (Excel 2003 XML, whose ``<Table>`` would match, is
    recognised before this)."""
    return _HTML.search(head(data).lstrip()[:512]) is not None


def read_html(path: Path, data: bytes) -> Workbook:
    """Every table of the page as a sheet ``Bảng 1``, ``Bảng 2``..."""
    found = _CHARSET.search(data[:4096])
    encoding = found.group(1).decode("ascii") if found else "utf-8"
    try:
        text = data.decode(encoding, errors="replace")
    except LookupError:
        text = data.decode("utf-8", errors="replace")
    parser = _Tables()
    parser.feed(text)
    parser.close()
    sheets = [sheet_of(f"Bảng {n}", cells) for n, cells in enumerate(parser.tables, 1) if cells]
    return Workbook(path.name, tuple(sheets))


FORMAT = markup_format("html", read_html, is_html, "web page")
