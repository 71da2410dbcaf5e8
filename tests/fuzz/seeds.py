"""Valid files of every format, for the fuzz tests to break: one small report each, and the
same report as any grid of cells the fuzz draws.

Binary fixtures are never committed: each seed is written by the library or helper the other
tests use for that format (openpyxl, xlwt, ``tests.ods``, ``tests.markup``). No library here
writes ``.xlsb``: its seed is a package whose parts are BIFF12 records the fuzz draws.
"""

from __future__ import annotations

import csv
import io
import struct
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from tests.markup import save_html, save_spreadsheetml
from tests.ods import save_ods
from tests.sheets import save_xls, save_xlsx

REPORT: list[list[object]] = [
    ["BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG TỈNH ĐIỆN BIÊN NĂM 2010", None, None, None],
    ["Đơn vị tính: triệu đồng", None, None, None],
    ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện năm 2010"],
    [1, "Số lao động được đào tạo", "người", 865],
    ["-", "Trong đó: lao động nữ", "người", "412"],
    [2, "Số đề án khuyến công", "đề án", 20],
    [3, "Tổng kinh phí khuyến công", "triệu đồng", "913,6"],
    [None, "Tổng cộng", None, 1798.6],
]
MERGES = ("A1:D1", "A2:D2")


def _save_csv(path: Path, sheet_name: str, rows: list[list[object]], merges: object = ()) -> Path:
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows([["" if v is None else v for v in r] for r in rows])
    path.write_text(out.getvalue(), encoding="utf-8-sig")
    return path


Writer = Callable[..., Path]
# suffix -> how a report is written in that format (None: .xlsb, written as records)
WRITERS: dict[str, Writer | None] = {
    ".xlsx": save_xlsx,
    ".xls": save_xls,
    ".ods": save_ods,
    ".csv": _save_csv,
    ".html": save_html,
    ".xml": save_spreadsheetml,
    ".xlsb": None,
}
# the name a clerk would give each (an Excel 2003 XML or a web page is sent as .xls)
NAMES = {
    ".xlsx": "BC_KhuyenCong_DienBien_2010.xlsx",
    ".xls": "BC_KhuyenCong_DienBien_2010.xls",
    ".ods": "BC_KhuyenCong_DienBien_2010.ods",
    ".csv": "BC_KhuyenCong_DienBien_2010.csv",
    ".html": "BC_KhuyenCong_DienBien_2010.xls",
    ".xml": "BC_KhuyenCong_DienBien_2010.xls",
    ".xlsb": "BC_KhuyenCong_DienBien_2010.xlsb",
}

# BIFF12 record types of a minimal .xlsb (MS-XLSB 2.3.2)
BEGIN_BOOK, END_BOOK, BEGIN_SHEETS, END_SHEETS, BUNDLE_SHEET = 131, 132, 143, 144, 156
BEGIN_SHEET, END_SHEET, DIMENSION, BEGIN_DATA, END_DATA = 129, 130, 148, 145, 146
ROW_HEADER, CELL_RK, CELL_ERROR, CELL_REAL, CELL_TEXT, CELL_SHARED = 0, 2, 3, 5, 6, 7
XLSB_RECORDS = (ROW_HEADER, CELL_RK, CELL_ERROR, CELL_REAL, CELL_TEXT, CELL_SHARED, DIMENSION)

_XLSB_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Override PartName="/xl/worksheets/sheet1.bin"
 ContentType="application/vnd.ms-excel.worksheet"/>
</Types>"""
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_XLSB_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.bin"/></Relationships>"""
_XLSB_BOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.bin"/></Relationships>"""


def _varint(number: int) -> bytes:
    out = bytearray()
    while True:
        byte, number = number & 0x7F, number >> 7
        out.append(byte | (0x80 if number else 0))
        if not number:
            return bytes(out)


def biff12(records: Iterable[tuple[int, bytes]]) -> bytes:
    """Records as a .xlsb part holds them: type and size as 7-bit varints, then the payload."""
    return b"".join(_varint(kind) + _varint(len(data)) + data for kind, data in records)


def _wide(text: str) -> bytes:
    return len(text).to_bytes(4, "little") + text.encode("utf-16-le")


def xlsb(sheet_records: Iterable[tuple[int, bytes]]) -> bytes:
    """A .xlsb package with one sheet "BC" holding ``sheet_records`` between its frame."""
    sheet_entry = (0).to_bytes(4, "little") + (1).to_bytes(4, "little") + _wide("rId1")
    book = biff12(
        [
            (BEGIN_BOOK, b""),
            (BEGIN_SHEETS, b""),
            (BUNDLE_SHEET, sheet_entry + _wide("BC")),
            (END_SHEETS, b""),
            (END_BOOK, b""),
        ]
    )
    dimension = b"".join(n.to_bytes(4, "little") for n in (0, 99, 0, 9))
    sheet = biff12(
        [
            (BEGIN_SHEET, b""),
            (DIMENSION, dimension),
            (BEGIN_DATA, b""),
            *sheet_records,
            (END_DATA, b""),
            (END_SHEET, b""),
        ]
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _XLSB_TYPES)
        archive.writestr("_rels/.rels", _XLSB_RELS)
        archive.writestr("xl/_rels/workbook.bin.rels", _XLSB_BOOK_RELS)
        archive.writestr("xl/workbook.bin", book)
        archive.writestr("xl/worksheets/sheet1.bin", sheet)
    return out.getvalue()


def xlsb_report() -> bytes:
    """The first cells of the report as BIFF12 records: rows, inline strings, numbers."""
    records: list[tuple[int, bytes]] = []
    for r, row in enumerate(REPORT):
        records.append((ROW_HEADER, r.to_bytes(4, "little") + bytes(11)))
        for c, value in enumerate(row):
            cell = c.to_bytes(4, "little") + bytes(4)
            if isinstance(value, str):
                records.append((CELL_TEXT, cell + _wide(value)))
            elif isinstance(value, int):
                records.append((CELL_RK, cell + ((value << 2) | 2).to_bytes(4, "little")))
            elif isinstance(value, float):
                records.append((CELL_REAL, cell + struct.pack("<d", value)))
    return xlsb(records)


def write(folder: Path, suffix: str, rows: list[list[object]], merges: tuple[str, ...]) -> Path:
    """``rows`` written as a file of the format of ``suffix`` in ``folder``."""
    path = folder / NAMES[suffix]
    writer = WRITERS[suffix]
    if writer is None:
        path.write_bytes(xlsb_report())
    else:
        writer(path, "BC", rows, merges)
    return path


def seed(folder: Path, suffix: str) -> bytes:
    """The report in the format of ``suffix``, as bytes."""
    return write(folder, suffix, REPORT, MERGES).read_bytes()
