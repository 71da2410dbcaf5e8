"""Open a submitted file of any format as a ``Workbook`` of plain cell values.

This is the reading edge: python-calamine for every spreadsheet format (xlsx, xlsm, xlsb,
xls, ods; about ten times faster than openpyxl here), the csv module for csv. A file that
cannot be opened raises ``UnreadableFile`` with the rule and a reason a clerk can act on; the
caller turns it into a quarantine, never into a crash of the run.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

from python_calamine import CalamineWorkbook, SheetVisibleEnum

from khuyencong.formats import normalise, sniff
from transforms.legacy_text import reads_as_unicode
from transforms.model import CellValue, MergedRange, Sheet, Workbook

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
CSV_ENCODINGS = ("utf-8-sig", "cp1258", "cp1252")
CSV_DELIMITERS = ";,\t"  # in order of preference when a file does not settle it
CSV_SNIFF_CHARS = 4096
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# the stream of a password-protected .xlsx, named in its OLE directory in UTF-16
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"Rar!": "a RAR archive",
    b"{\\rtf": "an RTF document",
}


_XLSX_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_XLSX_TAG = {
    tag: re.compile(rb"<" + tag + rb"\b([^>]*)>")
    for tag in (b"sheet", b"Relationship", b"row", b"col")
}
_XML_ATTRIBUTE = re.compile(rb'([\w:]+)="([^"]*)"')
_XLSX_VALUE = re.compile(rb"<v>([^<]*)</v>")
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
NO_CACHED_VALUE = "#NO CACHED VALUE"
_XLS_ERRORS = {
    0x00: "#NULL!",
    0x07: "#DIV/0!",
    0x0F: "#VALUE!",
    0x17: "#REF!",
    0x1D: "#NAME?",
    0x24: "#NUM!",
    0x2A: "#N/A",
}

ErrorCells = dict[str, dict[tuple[int, int], str]]

_log = logging.getLogger(__name__)


class _XlrdLog(io.TextIOBase):
    """The ``logfile`` of every xlrd workbook: its diagnostics go to the debug log.

    xlrd writes them to ``sys.stdout`` by default, e.g. ``WARNING *** file size (5640) not 512
    + multiple of sector size (512)`` for GSO exports that end in a few stray bytes (harmless:
    the file reads well). On stdout they broke ``khuyencong inspect --format json``.
    """

    def write(self, text: str) -> int:
        if text.strip():
            _log.debug("xlrd: %s", text.strip())
        return len(text)


_XLRD_LOG = _XlrdLog()


class UnreadableFile(Exception):
    """A file the pipeline cannot open; ``rule`` is a code of ``schemas/rules.yaml``."""

    def __init__(self, rule: str, reason: str) -> None:
        super().__init__(reason)
        self.rule = rule
        self.reason = reason


def _position(reference: str) -> tuple[int, int]:
    match = _CELL_REF.fullmatch(reference)
    assert match, reference
    col = 0
    for letter in match.group(1):
        col = col * 26 + ord(letter) - 64
    return int(match.group(2)) - 1, col - 1


def _tags(xml: bytes, tag: bytes) -> list[dict[bytes, bytes]]:
    return [dict(_XML_ATTRIBUTE.findall(attrs)) for attrs in _XLSX_TAG[tag].findall(xml)]


def _xlsx_error_cells(xml: bytes) -> dict[tuple[int, int], str]:
    """Error cells of one .xlsx sheet: ``#REF!``, ``#DIV/0!``, formulas with no value.

    python-calamine returns an error cell as an empty string, which would turn a broken formula
    into a silently missing figure. The sheet XML marks error cells ``t="e"``; a formula saved
    without its computed value (written by a program, never opened in Excel) has an empty
    ``<v>``. Both are found here with a cheap scan, only in sheets that have such cells.
    """
    cells: dict[tuple[int, int], str] = {}
    if b't="e"' not in xml and b"<f" not in xml:
        return cells
    for attributes, body in _XLSX_CELL.findall(xml):
        reference = dict(_XML_ATTRIBUTE.findall(attributes)).get(b"r")
        value = _XLSX_VALUE.search(body or b"")
        if reference is None:
            continue
        if b't="e"' in attributes:
            cells[_position(reference.decode())] = value.group(1).decode() if value else "#ERROR"
        elif b"<f" in (body or b"") and not (value and value.group(1)):
            cells[_position(reference.decode())] = NO_CACHED_VALUE
    return cells


def _xlsx_sheet_xml(path: Path) -> Iterator[tuple[str, bytes]]:
    """Each worksheet's name and XML, in workbook order."""
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        rels = {
            r.get(b"Id", b""): r.get(b"Target", b"").decode()
            for r in _tags(archive.read("xl/_rels/workbook.xml.rels"), b"Relationship")
        }
        for sheet in _tags(archive.read("xl/workbook.xml"), b"sheet"):
            target = rels.get(sheet.get(b"r:id", b""), "")
            member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            if member in names:
                yield sheet.get(b"name", b"").decode(), archive.read(member)


Hidden = dict[str, tuple[tuple[int, ...], tuple[int, ...]]]


def _xlsx_hidden(xml: bytes) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Hidden rows and columns of one .xlsx sheet, 0-based.

    A clerk hides a row of last year's figures or an old column rather than delete it; the
    reader must see the sheet as the clerk does (python-calamine does not say what is hidden).
    """
    if b'hidden="1"' not in xml and b'hidden="true"' not in xml:
        return (), ()
    rows = tuple(
        int(tag[b"r"]) - 1
        for tag in _tags(xml, b"row")
        if tag.get(b"hidden") in (b"1", b"true") and b"r" in tag
    )
    cols = tuple(
        col
        for tag in _tags(xml, b"col")
        if tag.get(b"hidden") in (b"1", b"true")
        for col in range(int(tag[b"min"]) - 1, int(tag[b"max"]))
    )
    return rows, cols


def _xlsx_scan(path: Path) -> tuple[ErrorCells, Hidden]:
    """Error cells and hidden rows and columns of an .xlsx/.xlsm, by sheet: one pass over the
    sheets' XML for both."""
    errors: ErrorCells = {}
    hidden: Hidden = {}
    for name, xml in _xlsx_sheet_xml(path):
        if cells := _xlsx_error_cells(xml):
            errors[name] = cells
        if any(spans := _xlsx_hidden(xml)):
            hidden[name] = spans
    return errors, hidden


def _xls_error_cells(path: Path) -> ErrorCells:
    """Error cells of a legacy .xls, by sheet name (calamine reads them as empty strings)."""
    import xlrd

    book = xlrd.open_workbook(str(path), on_demand=True, logfile=_XLRD_LOG)
    found: ErrorCells = {}
    try:
        for sheet in book.sheets():
            cells = {
                (r, c): _XLS_ERRORS.get(sheet.cell_value(r, c), "#ERROR")
                for r in range(sheet.nrows)
                for c in range(sheet.ncols)
                if sheet.cell_type(r, c) == xlrd.XL_CELL_ERROR
            }
            if cells:
                found[sheet.name] = cells
    finally:
        book.release_resources()
    return found


LEGACY_FONT_PREFIXES = (".vn", "vni")
CellFonts = dict[str, tuple[tuple[int, int, str], ...]]


def _is_legacy_font(name: str | None) -> bool:
    return name is not None and name.strip().lower().startswith(LEGACY_FONT_PREFIXES)


def _xlsx_fonts(path: Path) -> CellFonts:
    """Legacy fonts of text cells in an .xlsx/.xlsm (python-calamine does not expose fonts)."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        return {
            sheet.title: tuple(
                (cell.row - 1, cell.column - 1, cell.font.name)
                for row in sheet.iter_rows()
                for cell in row
                if isinstance(cell.value, str) and _is_legacy_font(cell.font.name)
            )
            for sheet in book.worksheets
        }
    finally:
        book.close()


def _xls_fonts(path: Path) -> CellFonts:
    """Legacy fonts of text cells in a legacy .xls."""
    import xlrd

    book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, logfile=_XLRD_LOG)
    try:
        fonts: CellFonts = {}
        for sheet in book.sheets():
            found = []
            for r in range(sheet.nrows):
                for c in range(sheet.ncols):
                    if sheet.cell_type(r, c) != xlrd.XL_CELL_TEXT:
                        continue
                    xf = book.xf_list[sheet.cell_xf_index(r, c)]
                    name = book.font_list[xf.font_index].name
                    if _is_legacy_font(name):
                        found.append((r, c, name))
            fonts[sheet.name] = tuple(found)
        return fonts
    finally:
        book.release_resources()


def _may_hold_legacy_text(sheets: list[Sheet]) -> bool:
    """Text that is neither ASCII nor good Vietnamese: worth the cost of reading fonts."""
    return any(
        isinstance(v, str) and not v.isascii() and max(v) <= "\xff" and not reads_as_unicode(v)
        for sheet in sheets
        for row in sheet.rows
        for v in row
    )


def _cell_fonts(path: Path, sheets: list[Sheet]) -> CellFonts:
    """Fonts of legacy-looking text, read only for workbooks that have some (a few ms each)."""
    if not _may_hold_legacy_text(sheets):
        return {}
    suffix = path.suffix.lower()
    try:
        if suffix in {".xlsx", ".xlsm"}:
            return _xlsx_fonts(path)
        if suffix == ".xls":
            return _xls_fonts(path)
    except Exception:  # fonts only help detection: a file they cannot be read from still reads
        return {}
    return {}


def _scan(path: Path) -> tuple[ErrorCells, Hidden]:
    """What python-calamine does not say of a workbook: its error cells, its hidden rows and
    columns (.xlsx and .xlsm; error cells only for .xls)."""
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        return _xlsx_scan(path)
    if suffix == ".xls":
        return _xls_error_cells(path), {}
    return {}, {}  # .xlsb and .ods error cells are not detected yet (README, known limits)


def _sheet_from_rows(
    name: str,
    rows: list[list[object]],
    origin: tuple[int, int],
    merged: tuple[MergedRange, ...],
    visible: bool,
    errors: dict[tuple[int, int], str] | None = None,
) -> Sheet:
    top, left = origin
    padding = (None,) * left
    grid: list[list[CellValue]] = [[] for _ in range(top)]
    grid += [[*padding, *(normalise(v) for v in row)] for row in rows]
    for (row, col), text in (errors or {}).items():
        while len(grid) <= row:
            grid.append([])
        grid[row].extend([None] * (col + 1 - len(grid[row])))
        grid[row][col] = text
    while grid and not any(v is not None for v in grid[-1]):
        grid.pop()
    return Sheet(name=name, rows=tuple(tuple(r) for r in grid), merged=merged, visible=visible)


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def _ods_int(element: ElementTree.Element, attribute: str) -> int:
    return int(element.get(_ODS_TABLE + attribute, "1"))


def _ods_merged(path: Path) -> dict[str, tuple[MergedRange, ...]]:
    """The merged blocks of each sheet of an .ods file, which python-calamine does not give.

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
                if tag == _ODS_TABLE + "table":
                    blocks, row = merged.setdefault(element.get(_ODS_TABLE + "name", ""), []), 0
                elif tag == _ODS_TABLE + "table-row":
                    col = 0
                continue
            if tag in (_ODS_TABLE + "table-cell", _ODS_TABLE + "covered-table-cell"):
                across = _ods_int(element, "number-columns-spanned")
                down = _ods_int(element, "number-rows-spanned")
                if across > 1 or down > 1:
                    blocks.append(MergedRange(row, col, row + down - 1, col + across - 1))
                col += _ods_int(element, "number-columns-repeated")
                element.clear()
            elif tag == _ODS_TABLE + "table-row":
                row += _ods_int(element, "number-rows-repeated")
                element.clear()
    return {name: tuple(found) for name, found in merged.items()}


def _read_spreadsheet(path: Path) -> Workbook:
    workbook = CalamineWorkbook.from_path(str(path))
    errors, hidden = _scan(path)
    ods_merged = _ods_merged(path) if zipfile.is_zipfile(path) and _is_ods(path) else {}
    sheets: list[Sheet] = []
    for meta in workbook.sheets_metadata:
        sheet = workbook.get_sheet_by_name(meta.name)
        merged = tuple(
            MergedRange(start[0], start[1], end[0], end[1])
            for start, end in (sheet.merged_cell_ranges or ())
        ) or ods_merged.get(meta.name, ())
        rows = sheet.to_python(skip_empty_area=True)
        start = sheet.start or (0, 0)
        visible = meta.visible == SheetVisibleEnum.Visible
        sheets.append(
            _sheet_from_rows(meta.name, rows, tuple(start), merged, visible, errors.get(meta.name))
        )
    fonts = _cell_fonts(path, sheets)
    sheets = [
        replace(
            sheet,
            fonts=fonts.get(sheet.name, ()),
            hidden_rows=hidden.get(sheet.name, ((), ()))[0],
            hidden_cols=hidden.get(sheet.name, ((), ()))[1],
        )
        for sheet in sheets
    ]
    return Workbook(file_name=path.name, sheets=tuple(sheets))


def _csv_dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """The csv dialect of ``text`` (newlines already normalised to ``\n``).

    csv.Sniffer fails on ordinary files (a title row padded with delimiters, a quoted
    "2.345,5"); then the delimiter that splits the most lines into several fields wins, ';'
    first on a tie: Excel with Vietnamese regional settings writes ';' (',' is its decimal
    mark).
    """
    sample = text[:CSV_SNIFF_CHARS]
    if not sample.strip():
        return csv.excel
    try:
        return csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS)
    except csv.Error:
        pass
    lines = sample.split("\n")[:-1] or [sample]  # the last line of the sample may be cut

    def split_lines(delimiter: str) -> int:
        return sum(1 for line in lines if len(next(csv.reader([line], delimiter=delimiter))) > 1)

    best = max(CSV_DELIMITERS, key=lambda d: (split_lines(d), -CSV_DELIMITERS.index(d)))
    dialect = csv.excel()
    dialect.delimiter = best
    return dialect


def _is_ods(path: Path) -> bool:
    """An OpenDocument spreadsheet, by the mimetype its zip holds (whatever its suffix)."""
    with zipfile.ZipFile(path) as archive:
        try:
            return archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument")
        except KeyError:
            return False


def _read_csv(path: Path, data: bytes) -> Workbook:
    text: str | None = None
    # Excel's "Unicode Text" export is UTF-16 with a byte-order mark, which cp1258 would
    # decode as garbage rather than fail on
    encodings = ("utf-16",) if data[:2] in (b"\xff\xfe", b"\xfe\xff") else CSV_ENCODINGS
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
        rows = [list(row) for row in csv.reader(io.StringIO(text), _csv_dialect(text))]
    except csv.Error as error:  # a malformed csv is a quarantined file, never a crash
        raise UnreadableFile("unreadable-file", f"the csv file is malformed ({error})") from error
    return Workbook(path.name, (_sheet_from_rows(path.stem, rows, (0, 0), (), True),))


def _diagnose(head: bytes, suffix: str) -> UnreadableFile:
    if head.startswith(_OLE_MAGIC) and suffix in {".xlsx", ".xlsm", ".xlsb"}:
        return UnreadableFile("password-protected", "encrypted Office container")
    for signature, what in _SIGNATURES.items():
        if head.startswith(signature):
            return UnreadableFile("not-a-spreadsheet", f"it is {what}")
    if not head:
        return UnreadableFile("unreadable-file", "the file is empty (0 bytes)")
    if suffix not in SPREADSHEET_SUFFIXES:
        return UnreadableFile(
            "not-a-spreadsheet", f"a {suffix or 'nameless'} file is not a spreadsheet format"
        )
    return UnreadableFile("unreadable-file", "the file is damaged or not in a spreadsheet format")


def _is_legacy_xls(data: bytes) -> bool:
    """An OLE file that is no encrypted package: an old .xls workbook, whatever its name."""
    return data.startswith(_OLE_MAGIC) and _ENCRYPTED_PACKAGE not in data


def _read_renamed(path: Path, data: bytes, suffix: str) -> Workbook:
    """A workbook renamed (an .xls named .xlsx, an .xlsx named .xls: Excel opens both after
    a warning), read as what it is."""
    with tempfile.TemporaryDirectory(prefix="khuyencong-") as folder:
        actual = Path(folder) / f"{path.stem}{suffix}"
        actual.write_bytes(data)
        return replace(_read_spreadsheet(actual), file_name=path.name)


def _read_markup(path: Path, data: bytes, kind: str) -> Workbook:
    """An HTML page or an Excel 2003 XML document, whatever its name (see ``formats``)."""
    from khuyencong.formats.html import read_html
    from khuyencong.formats.spreadsheetml import read_spreadsheetml

    try:
        read = read_html if kind == "html" else read_spreadsheetml
        return read(path.name, data)
    except Exception as error:  # a malformed page is a quarantined file, never a crash
        what = "web page" if kind == "html" else "Excel 2003 XML document"
        raise UnreadableFile("unreadable-file", f"the {what} is malformed ({error})") from error


def read_workbook_file(path: Path) -> Workbook:
    """The cells of every sheet of ``path``; raises ``UnreadableFile`` with a plain reason.

    The bytes decide before the name: a web page or Excel 2003 XML named ``.xls`` is read as
    what it is, and so are an ``.xlsx`` named ``.xls`` and an ``.xls`` named ``.xlsx``.
    """
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES and (kind := sniff(data)) is not None:
        return _read_markup(path, data, kind)
    if suffix == ".csv":
        return _read_csv(path, data)
    if suffix not in SPREADSHEET_SUFFIXES:
        raise _diagnose(data[:8], suffix)
    try:
        if suffix in {".xlsx", ".xlsm"} and _is_legacy_xls(data):
            return _read_renamed(path, data, ".xls")
        if suffix == ".xls" and data.startswith(b"PK\x03\x04"):
            return _read_renamed(path, data, ".xlsx")
        return _read_spreadsheet(path)
    except Exception as error:  # calamine raises several error types for damaged files
        diagnosed = _diagnose(data[:8], suffix)
        if diagnosed.rule == "unreadable-file" and data:
            diagnosed = UnreadableFile(
                "unreadable-file", f"the file is damaged ({type(error).__name__})"
            )
        raise diagnosed from error
