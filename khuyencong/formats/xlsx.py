"""Office Open XML workbooks (.xlsx, .xlsm): the format most provinces send.

Read with python-calamine; what it does not say is read here from the sheets' XML (error
cells, hidden rows and columns) and, for legacy-looking text, the cells' fonts
(``khuyencong.formats.xlsx_fonts``, openpyxl for sheets written otherwise).
The clerk's own file can be edited by openpyxl, so a rejection report keeps its formatting.
A password-protected workbook is no zip at all but an OLE container holding an
``EncryptedPackage``: read under an .xlsx name, it is diagnosed as such.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

from khuyencong.formats.base import (
    OLE_MAGIC,
    ZIP_MAGIC,
    Format,
    Parts,
    check_members,
    damaged,
    streamed,
)
from khuyencong.formats.budgets import Budgets
from khuyencong.formats.calamine import (
    CellFonts,
    Extras,
    is_legacy_font,
    may_hold_legacy_text,
    reader,
)
from khuyencong.formats.unreadable import UnreadableFile
from khuyencong.formats.xlsx_fonts import Irregular, Styles, cell_fonts, may_name_legacy_font
from transforms.model import Sheet

SUFFIXES = (".xlsx", ".xlsm")
NO_CACHED_VALUE = "#NO CACHED VALUE"

_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_TAG = {
    tag: re.compile(rb"<" + tag + rb"\b([^>]*)>")
    for tag in (b"sheet", b"Relationship", b"row", b"col")
}
_ATTRIBUTE = re.compile(rb'([\w:]+)="([^"]*)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
# What the preflight counts in a sheet's XML, as Excel, openpyxl and the others write it (the
# reference first): literal prefixes keep the scan at C speed, about 1 s for 2 million cells.
# A sheet written otherwise is still bounded, by the sandbox's memory limit.
_CELL_TAGS = (b"<c ", b"<c>", b"<c/>")
_ROW_NUMBER = re.compile(rb'<row r="(\d+)"')
_CELL_COLUMN = re.compile(rb'<c r="([A-Z]+)')
_MERGE = re.compile(rb'<mergeCell ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_SHEET_ENTRY = re.compile(rb"<(?:\w+:)?sheet\b")
_STYLES = "xl/styles.xml"  # where openpyxl reads the styles, whatever the relationships say
_OVERRIDE = re.compile(rb"<Override\b([^>]*)>")
_SHARED_STRINGS = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def _column(letters: str) -> int:
    """The 1-based number of a column: A is 1, XFD 16,384."""
    col = 0
    for letter in letters:
        col = col * 26 + ord(letter) - 64
    return col


def _position(reference: str) -> tuple[int, int]:
    match = _CELL_REF.fullmatch(reference)
    assert match, reference
    return int(match.group(2)) - 1, _column(match.group(1)) - 1


def _tags(xml: bytes, tag: bytes) -> list[dict[bytes, bytes]]:
    return [dict(_ATTRIBUTE.findall(attrs)) for attrs in _TAG[tag].findall(xml)]


def _error_cells(xml: bytes) -> dict[tuple[int, int], str]:
    """Error cells of one sheet: ``#REF!``, ``#DIV/0!``, formulas with no value.

    python-calamine returns an error cell as an empty string, which would turn a broken formula
    into a silently missing figure. The sheet XML marks error cells ``t="e"``; a formula saved
    without its computed value (written by a program, never opened in Excel) has an empty
    ``<v>``. Both are found here with a cheap scan, only in sheets that have such cells.
    """
    cells: dict[tuple[int, int], str] = {}
    if b't="e"' not in xml and b"<f" not in xml:
        return cells
    for attributes, body in _CELL.findall(xml):
        reference = dict(_ATTRIBUTE.findall(attributes)).get(b"r")
        value = _VALUE.search(body or b"")
        if reference is None:
            continue
        if b't="e"' in attributes:
            cells[_position(reference.decode())] = value.group(1).decode() if value else "#ERROR"
        elif b"<f" in (body or b"") and not (value and value.group(1)):
            cells[_position(reference.decode())] = NO_CACHED_VALUE
    return cells


def _sheet_members(data: bytes, parts: Parts) -> Iterator[tuple[str, str]]:
    """Each worksheet's name and zip member, in workbook order."""
    rels = {
        r.get(b"Id", b""): r.get(b"Target", b"").decode()
        for r in _tags(parts.read(data, "xl/_rels/workbook.xml.rels"), b"Relationship")
    }
    for sheet in _tags(parts.read(data, "xl/workbook.xml"), b"sheet"):
        target = rels.get(sheet.get(b"r:id", b""), "")
        member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        if member in parts.names:
            yield _unescaped(sheet.get(b"name", b"").decode()), member


def _sheet_xml(data: bytes, parts: Parts) -> Iterator[tuple[str, bytes]]:
    """Each worksheet's name and XML, in workbook order."""
    for name, member in _sheet_members(data, parts):
        yield name, parts.read(data, member)


def _hidden(xml: bytes) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Hidden rows and columns of one sheet, 0-based.

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


def _extras(path: Path, data: bytes, parts: Parts) -> Extras:
    """Error cells and hidden rows and columns, by sheet: one pass over the sheets' XML."""
    errors = {}
    hidden = {}
    for name, xml in _sheet_xml(data, parts):
        if cells := _error_cells(xml):
            errors[name] = cells
        if any(spans := _hidden(xml)):
            hidden[name] = spans
    return Extras(errors=errors, hidden=hidden)


def openpyxl_fonts(path: Path) -> CellFonts:
    """Legacy fonts of text cells, by openpyxl: for sheets written otherwise than
    ``khuyencong.formats.xlsx_fonts`` reads."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        return {
            sheet.title: tuple(
                (cell.row - 1, cell.column - 1, cell.font.name)
                for row in sheet.iter_rows()
                for cell in row
                if isinstance(cell.value, str) and is_legacy_font(cell.font.name)
            )
            for sheet in book.worksheets
        }
    finally:
        book.close()


def _shared_strings(data: bytes, parts: Parts) -> int:
    """How many shared strings the part named by the content types holds (as openpyxl finds
    it): a text cell's index must be below."""
    for attributes in _OVERRIDE.findall(parts.read(data, "[Content_Types].xml")):
        part = dict(_ATTRIBUTE.findall(attributes))
        if part.get(b"ContentType") == _SHARED_STRINGS:
            xml = parts.read(data, part.get(b"PartName", b"").decode().lstrip("/"))
            return sum(xml.count(tag) for tag in (b"<si>", b"<si ", b"<si/>"))
    return 0


def _styles(data: bytes, parts: Parts) -> bytes | None:
    return parts.read(data, _STYLES) if _STYLES in parts.names else None


def _fonts(path: Path, data: bytes, parts: Parts, sheets: list[Sheet]) -> CellFonts:
    """Legacy fonts of text cells, when styles.xml may name one and some text looks legacy
    (asked in that order: most workbooks name no legacy font, and the search in styles.xml
    costs less than a look at every text cell)."""
    if not may_name_legacy_font(_styles(data, parts)) or not may_hold_legacy_text(sheets):
        return {}
    return legacy_fonts(path, data, parts)


def legacy_fonts(path: Path, data: bytes, parts: Parts) -> CellFonts:
    """Legacy fonts of text cells (python-calamine does not expose fonts): none when no cell
    format has one, else read from the sheets' XML (``khuyencong.formats.xlsx_fonts``)."""
    styles = Styles(_styles(data, parts))
    if not styles.legacy:
        return {}
    strings = _shared_strings(data, parts)
    try:
        return cell_fonts(_sheet_xml(data, parts), styles, strings)
    except Irregular:
        return openpyxl_fonts(path)


def _unescaped(name: str) -> str:
    """A sheet name as an XML parser reads the attribute (``&amp;`` is ``&``), so that what is
    read from the XML is filed under the name python-calamine gives the sheet ("KC & CN")."""
    if "&" not in name:
        return name
    element = ElementTree.fromstring(f'<sheet name="{name}"/>'.encode())
    return element.get("name", "")


def _check_sheet(
    archive: zipfile.ZipFile, parts: Parts, name: str, member: str, budgets: Budgets
) -> int:
    """The cells of the grid a reader would build for the sheet ``name`` (from A1 to its last
    row and column), raising for a sheet over budget: one pass over its XML, the part the
    zip's checks inflated or, larger, streamed (pieces end after a ``>``: none of the tags
    counted is cut)."""
    cells = rows = 0
    letters: set[bytes] = set()
    whole = parts.whole.get(member)
    for piece in streamed(archive, member) if whole is None else (whole,):
        cells += sum(piece.count(tag) for tag in _CELL_TAGS)
        rows = max([rows, *map(int, _ROW_NUMBER.findall(piece))])
        letters.update(_CELL_COLUMN.findall(piece))
        for left, top, right, bottom in _MERGE.findall(piece):  # its corners, 1-based
            last_row, last_col = int(bottom or top), _column((right or left).decode())
            budgets.check("max_row", last_row, name)
            budgets.check("max_column", last_col, name)
            cells = (last_row - int(top) + 1) * (last_col - _column(left.decode()) + 1)
            budgets.check("cells_per_sheet", cells, name)
    columns = max((_column(col.decode()) for col in letters), default=0)
    budgets.check("max_row", rows, name)
    budgets.check("max_column", columns, name)
    budgets.check("cells_per_sheet", cells, name)
    budgets.check("cells_per_sheet", rows * columns, name)
    return max(cells, rows * columns)


def preflight(data: bytes, budgets: Budgets) -> Parts | None:
    """The zip's budgets, then the number of sheets and each sheet's grid, before calamine
    (which allocates the whole grid from A1 to the last cell) or openpyxl (which builds every
    cell of a merged range) open the file: one archive, opened once, each small part inflated
    once (``Parts``, handed to the reader)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # no zip to bound: the reader says what is wrong with it
        return None
    with archive:
        parts = check_members(archive, data, budgets)
        try:
            book = parts.read(data, "xl/workbook.xml")
        except Exception:  # no workbook to bound: the reader says what is wrong with it
            return parts
        budgets.check("sheets", len(_SHEET_ENTRY.findall(book)))
        try:
            sheets = list(_sheet_members(data, parts))
        except Exception:  # no relationships to follow: the reader says what is wrong
            return parts
        try:
            total = sum(
                _check_sheet(archive, parts, name, member, budgets) for name, member in sheets
            )
        except (zipfile.BadZipFile, zlib.error, EOFError):  # a sheet that does not inflate
            return parts  # (a size or CRC the directory lies about): the reader says it is damaged
    budgets.check("cells_per_workbook", total)
    return parts


def is_zip(data: bytes) -> bool:
    """Any zip not recognised as a more specific format (.ods, .xlsb) before this one: an
    .xlsx renamed .xls is read as what it is, a damaged one is diagnosed as a damaged .xlsx."""
    return data.startswith(ZIP_MAGIC)


def diagnose(data: bytes, error: Exception) -> UnreadableFile:
    """An OLE container under an Office Open XML name is an encrypted (password-protected)
    package: the only OLE files no other format takes are those holding ``EncryptedPackage``."""
    if data.startswith(OLE_MAGIC):
        return UnreadableFile("password-protected", "encrypted Office container")
    return damaged(data, error)


FORMAT = Format(
    "xlsx",
    SUFFIXES,
    read=reader(SUFFIXES, _extras, _fonts),
    recognises=is_zip,
    diagnose=diagnose,
    editable=True,
    preflight=preflight,
)
