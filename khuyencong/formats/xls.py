"""Legacy Excel workbooks (.xls, BIFF8), as government offices still send.

Read with python-calamine; error cells (which calamine reads as empty strings) and the fonts of
legacy-looking text are read with xlrd. The bytes decide: an OLE container that holds no
encrypted package is an .xls, whatever its name (Excel opens an .xls renamed .xlsx after a
warning, so clerks send them).
"""

from __future__ import annotations

import io
import logging
import re
import struct
from pathlib import Path

from khuyencong.formats.base import OLE_MAGIC, Format, Parts
from khuyencong.formats.budgets import Budgets
from khuyencong.formats.calamine import (
    CellFonts,
    Extras,
    is_legacy_font,
    may_hold_legacy_text,
    reader,
)
from khuyencong.formats.unreadable import UnreadableFile
from transforms.model import Sheet

SUFFIXES = (".xls",)
# the stream of a password-protected Office Open XML file, named in its OLE directory in UTF-16
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_ERRORS = {
    0x00: "#NULL!",
    0x07: "#DIV/0!",
    0x0F: "#VALUE!",
    0x17: "#REF!",
    0x1D: "#NAME?",
    0x24: "#NUM!",
    0x2A: "#N/A",
}

# The BOF record opening a BIFF8 workbook's globals (type 0x0809, 16 bytes, version 0x0600,
# kind 0x0005), and FILEPASS, the record right after it when the workbook is encrypted
_GLOBALS_BOF = b"\x09\x08\x10\x00\x00\x06\x05\x00"
_FILEPASS = 0x002F
_BIFF8_BOF = b"\x09\x08\x10\x00\x00\x06"  # the stream's first record: BOF, BIFF8
# A BOOLERR record (0x0205, 8 bytes as Excel writes it, 9 as OpenOffice did) with its error
# flag set, or a FORMULA record (0x0006) whose cached result is special (0xFFFF in its last
# two bytes) and not a string, a boolean or an empty string (type 0, 1, 3): an error. Two
# expressions, each opening with its record's type, searched for as a literal (one alternation
# of both is tried at every byte, five times slower)
_ERROR_RECORDS = (
    re.compile(rb"\x05\x02[\x08\x09]\x00[\s\S]{7}[^\x00]"),
    re.compile(rb"\x06\x00[\s\S]{8}[^\x00\x01\x03][\s\S]{5}\xff\xff"),
)

# ".vn" or "vni" (any case) as a FONT record spells a name: Latin-1, or UTF-16 (where "İ"
# also counts: it lowers to "i" and a dot above). Looked for as literals in the lowered stream,
# several times faster than one case-blind expression
_LEGACY_FONT_NAMES = (b".vn", b"vni", b".\x00v\x00n\x00", b"v\x00n\x00i\x00", b"v\x00n\x00\x30\x01")

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


def _workbook_stream(data: bytes) -> bytes | None:
    """The BIFF8 ``Workbook`` stream of the OLE container ``data``; None for an older BIFF or
    a container xlrd would read otherwise (then xlrd reads the file whole)."""
    from xlrd.compdoc import CompDoc

    document = CompDoc(data, logfile=_XLRD_LOG)
    memory, start, length = document.locate_named_stream("Workbook")
    if memory is None:
        return None
    stream = memory[start : start + length]
    return stream if stream.startswith(_BIFF8_BOF) else None


def _may_hold_errors(data: bytes) -> bool:
    """Whether the workbook may hold an error cell: a BOOLERR record flagged as an error, or a
    FORMULA record whose cached result is one.

    Most workbooks hold none, and xlrd's open costs several times calamine's read of the file:
    the records' bytes, searched at C speed in the workbook stream, rule them out first. A
    match may be other bytes that look alike: xlrd then reads the cells and says.
    """
    try:
        stream = _workbook_stream(data)
    except Exception:  # a container xlrd may read otherwise, or call damaged: it says
        return True
    return stream is None or any(record.search(stream) for record in _ERROR_RECORDS)


def _may_name_legacy_font(data: bytes) -> bool:
    """Whether a FONT record of the workbook may name a legacy font: its name is in the stream
    as Latin-1 or UTF-16 text. None does in most workbooks whose text only looks legacy (a
    name with "ð"), and xlrd's read of the formatting is then not needed."""
    try:
        stream = _workbook_stream(data)
    except Exception:  # a container xlrd may read otherwise: it says
        return True
    if stream is None:
        return True
    lowered = stream.lower()  # ASCII letters only, as a case-blind bytes expression folds them
    return any(name in lowered for name in _LEGACY_FONT_NAMES)


def _error_cells(path: Path, data: bytes, parts: Parts) -> Extras:
    """Error cells by sheet name (calamine reads them as empty strings)."""
    import xlrd

    if not _may_hold_errors(data):
        return Extras()
    book = xlrd.open_workbook(str(path), on_demand=True, logfile=_XLRD_LOG)
    found = {}
    try:
        for sheet in book.sheets():
            cells = {
                (r, c): _ERRORS.get(sheet.cell_value(r, c), "#ERROR")
                for r in range(sheet.nrows)
                for c in range(sheet.ncols)
                if sheet.cell_type(r, c) == xlrd.XL_CELL_ERROR
            }
            if cells:
                found[sheet.name] = cells
    finally:
        book.release_resources()
    return Extras(errors=found)


def _fonts(path: Path, data: bytes, parts: Parts, sheets: list[Sheet]) -> CellFonts:
    """Legacy fonts of text cells, when some text looks legacy-encoded."""
    import xlrd

    if not may_hold_legacy_text(sheets) or not _may_name_legacy_font(data):
        return {}
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
                    if is_legacy_font(name):
                        found.append((r, c, name))
            fonts[sheet.name] = tuple(found)
        return fonts
    finally:
        book.release_resources()


def is_encrypted(data: bytes) -> bool:
    """Whether the workbook's globals open with a FILEPASS record (a password to open).

    The record follows the globals' BOF at once, in the first sector of the Workbook stream:
    found from the bytes, without following the OLE directory. Read further, calamine and xlrd
    call such a file damaged or fail on its scrambled records.
    """
    start = data.find(_GLOBALS_BOF)
    if start < 0:
        return False
    record = data[start + 20 : start + 22]
    return len(record) == 2 and struct.unpack("<H", record)[0] == _FILEPASS


def preflight(data: bytes, budgets: Budgets) -> None:
    """An encrypted .xls is password-protected, said before a parser calls it damaged."""
    if is_encrypted(data):
        raise UnreadableFile("password-protected", "encrypted .xls workbook (FILEPASS record)")


def is_xls(data: bytes) -> bool:
    """An OLE container that is no encrypted package."""
    return data.startswith(OLE_MAGIC) and ENCRYPTED_PACKAGE not in data


FORMAT = Format(
    "xls",
    SUFFIXES,
    read=reader(SUFFIXES, _error_cells, _fonts),
    recognises=is_xls,
    preflight=preflight,
)
