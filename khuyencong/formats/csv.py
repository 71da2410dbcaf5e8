"""Comma-separated text (.csv), as Excel exports it: one sheet, named after the file.

csv has no magic bytes: a file is csv by its name alone, when no other format recognises its
bytes. The encoding and the delimiter are found from the text.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

from khuyencong.formats.base import Format, Parts
from khuyencong.formats.budgets import Budgets
from khuyencong.formats.grid import sheet_from_rows
from khuyencong.formats.unreadable import UnreadableFile
from transforms.model import Workbook

ENCODINGS = ("utf-8-sig", "cp1258", "cp1252")
DELIMITERS = ";,\t"  # in order of preference when a file does not settle it
SNIFF_CHARS = 4096


class _Sniffer(csv.Sniffer):
    """``csv.Sniffer``, counting only the candidate delimiters.

    Its ``_guess_delimiter`` tallies how often each of the 127 ASCII characters occurs in each
    line, then keeps only characters among ``delimiters``: the tallies of the others never
    decide, and counting them was 80 % of reading a generated csv. This is the same method,
    step for step, over the candidates alone (a test holds it to the original's answers).
    """

    def _guess_delimiter(self, data: str, delimiters: str | None) -> tuple[str, bool | int]:
        lines = [line for line in data.split("\n") if line]
        chunk = min(10, len(lines))
        tallies: dict[str, dict[int, int]] = {}  # per candidate: lines by its count in a line
        modes: dict[str, tuple[int, int]] = {}  # per candidate: its usual count, how consistent
        found: dict[str, tuple[int, int]] = {}
        start, end, iteration = 0, chunk, 0
        while start < len(lines):
            iteration += 1
            for line in lines[start:end]:
                for char in delimiters or DELIMITERS:
                    tally = tallies.setdefault(char, {})
                    count = line.count(char)
                    tally[count] = tally.get(count, 0) + 1
            for char, tally in tallies.items():
                items = list(tally.items())
                if len(items) == 1 and items[0][0] == 0:
                    continue
                mode = max(items, key=lambda item: item[1])
                if len(items) > 1:  # the mode, less the lines that count otherwise
                    items.remove(mode)
                    mode = (mode[0], mode[1] - sum(item[1] for item in items))
                modes[char] = mode
            total = float(min(chunk * iteration, len(lines)))
            consistency = 1.0
            while not found and consistency >= 0.9:
                for char, (count, lines_of_it) in modes.items():
                    if count > 0 and lines_of_it > 0 and lines_of_it / total >= consistency:
                        found[char] = (count, lines_of_it)
                consistency -= 0.01
            if len(found) == 1:
                return _with_spaces(lines, next(iter(found)))
            start = end
            end += chunk
        if not found:
            return "", 0
        preferred = [d for d in self.preferred if d in found]
        if preferred:
            return _with_spaces(lines, preferred[0])
        return _with_spaces(lines, max((v, k) for k, v in found.items())[1])


def _with_spaces(lines: list[str], delimiter: str) -> tuple[str, bool]:
    """``delimiter``, and whether the first line puts a space after each one."""
    return delimiter, lines[0].count(delimiter) == lines[0].count(delimiter + " ")


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
        return _Sniffer().sniff(sample, delimiters=DELIMITERS)
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
