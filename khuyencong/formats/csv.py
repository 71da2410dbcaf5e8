"""Comma-separated text (.csv), as Excel exports it: one sheet, named after the file.

csv has no magic bytes: a file is csv by its name alone, when no other format recognises its
bytes. The encoding and the delimiter are found from the text.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

from khuyencong.formats.base import Format, Parts, UnreadableFile
from khuyencong.formats.budgets import Budgets
from khuyencong.formats.grid import sheet_from_rows
from transforms.model import Workbook

ENCODINGS = ("utf-8-sig", "cp1258", "cp1252")
DELIMITERS = ";,\t"  # in order of preference when a file does not settle it
SNIFF_CHARS = 4096


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """The csv dialect of ``text`` (newlines already normalised to ``\n``).

    csv.Sniffer fails on ordinary files (a title row padded with delimiters, a quoted
    "2.345,5"); then the delimiter that splits the most lines into several fields wins, ';'
    first on a tie: Excel with Vietnamese regional settings writes ';' (',' is its decimal
    mark).
    """
    sample = text[:SNIFF_CHARS]
    if not sample.strip():
        return csv.excel
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
    except csv.Error:
        pass
    lines = sample.split("\n")[:-1] or [sample]  # the last line of the sample may be cut

    def split_lines(delimiter: str) -> int:
        return sum(1 for line in lines if len(next(csv.reader([line], delimiter=delimiter))) > 1)

    best = max(DELIMITERS, key=lambda d: (split_lines(d), -DELIMITERS.index(d)))
    dialect = csv.excel()
    dialect.delimiter = best
    return dialect


def read_csv(path: Path, data: bytes, parts: Parts) -> Workbook:
    text: str | None = None
    # Excel's "Unicode Text" export is UTF-16 with a byte-order mark, which cp1258 would
    # decode as garbage rather than fail on
    encodings = ("utf-16",) if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ENCODINGS
    if encodings == ENCODINGS and b"\x00" in data:  # no 8-bit text holds NUL; UTF-16 many
        reason = "the csv file holds NUL bytes: UTF-16 without a byte-order mark, or no text"
        raise UnreadableFile("unreadable-file", reason)
    for encoding in encodings:
        try:
            text = unicodedata.normalize("NFC", data.decode(encoding))
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise UnreadableFile("unreadable-file", "the csv file is in no known text encoding")
    # Excel writes CRLF, and csv.Sniffer sees a quoted field ending a line ("2.345,5") only
    # before "\n"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        rows = [list(row) for row in csv.reader(io.StringIO(text), _dialect(text))]
    except csv.Error as error:  # a malformed csv is a quarantined file, never a crash
        raise UnreadableFile("unreadable-file", f"the csv file is malformed ({error})") from error
    return Workbook(path.name, (sheet_from_rows(path.stem, rows, (0, 0), (), True),))


def preflight(data: bytes, budgets: Budgets) -> None:
    """Lines and fields from the bytes, before the csv module builds a list per line: the most
    fields of a line is at most one more than its most frequent delimiter (in UTF-16 too)."""
    lines = data.splitlines()
    budgets.check("max_row", len(lines))
    fields = max((1 + max(line.count(d) for d in DELIMITERS.encode()) for line in lines), default=0)
    budgets.check("max_column", fields)
    budgets.check("cells_per_sheet", len(lines) * fields)


FORMAT = Format("csv", (".csv",), read=read_csv, preflight=preflight)
