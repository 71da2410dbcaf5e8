"""Write a ``WorkbookModel`` as .xlsx/.xlsm (openpyxl), legacy .xls (xlwt) or .csv, byte for byte
repeatable.

One walk over the model (``_write``) drives two thin adapters that only know their library.
Repeatable bytes: openpyxl stamps the zip entries with the wall clock and sets ``modified`` on
save, so the .xlsx adapter writes through a zip that stamps every entry with the model's
timestamp; xlwt writes no time at all. An .xlsm is an .xlsx whose workbook part says it may hold
macros (it holds none); a .csv is the first sheet's cells as an Excel export writes them (UTF-8
with a BOM, ``;`` between cells, numbers the Vietnamese way).
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Protocol

import xlwt
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from devtools.sample.sheets import CellValue, Merge, SheetModel, WorkbookModel
from devtools.sample.vocabulary import vn_number


class _SheetAdapter(Protocol):
    def cell(self, row: int, col: int, value: CellValue, bold: bool) -> None: ...
    def merged(self, merge: Merge, value: CellValue | None, bold: bool) -> None: ...
    def width(self, col: int, chars: float) -> None: ...
    def hide(self) -> None: ...


def _write(sheet: SheetModel, adapter: _SheetAdapter) -> None:
    """Cells, merged blocks (value in the top-left cell), widths, visibility."""
    tops = {(m.first_row, m.first_col): m for m in sheet.merges}
    for cell in sheet.cells:
        if (cell.row, cell.col) not in tops:
            adapter.cell(cell.row, cell.col, cell.value, cell.bold)
    values = {(c.row, c.col): c for c in sheet.cells}
    for top, merge in tops.items():
        cell = values.get(top)
        adapter.merged(merge, cell.value if cell else None, bool(cell and cell.bold))
    for col, chars in sheet.column_widths:
        adapter.width(col, chars)
    if sheet.hidden:
        adapter.hide()


# --- .xlsx ----------------------------------------------------------------------------------


class _XlsxSheet:
    def __init__(self, worksheet, font: str) -> None:  # type: ignore[no-untyped-def]
        self.ws = worksheet
        self.fonts = {False: Font(name=font), True: Font(name=font, bold=True)}

    def cell(self, row: int, col: int, value: CellValue, bold: bool) -> None:
        target = self.ws.cell(row=row + 1, column=col + 1, value=value)
        target.font = self.fonts[bold]

    def merged(self, merge: Merge, value: CellValue | None, bold: bool) -> None:
        if value is not None:
            self.cell(merge.first_row, merge.first_col, value, bold)
        self.ws.merge_cells(
            start_row=merge.first_row + 1,
            start_column=merge.first_col + 1,
            end_row=merge.last_row + 1,
            end_column=merge.last_col + 1,
        )

    def width(self, col: int, chars: float) -> None:
        self.ws.column_dimensions[get_column_letter(col + 1)].width = chars

    def hide(self) -> None:
        self.ws.sheet_state = "hidden"


_XLSX_MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_XLSM_MAIN = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"


class _StampedZip(zipfile.ZipFile):
    """A zip whose entries all carry one fixed time instead of the wall clock."""

    def __init__(self, file: io.BytesIO, stamp: datetime, *, macros: bool = False) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED)
        self.stamp = stamp.timetuple()[:6]
        self.macros = macros

    def writestr(self, zinfo_or_arcname, data, *args, **kwargs):  # type: ignore[no-untyped-def,override]
        if self.macros and zinfo_or_arcname == "[Content_Types].xml":
            raw = data.encode() if isinstance(data, str) else data
            data = raw.replace(_XLSX_MAIN, _XLSM_MAIN)
        if isinstance(zinfo_or_arcname, str):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=self.stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zinfo_or_arcname = info
        return super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename, arcname=None, *args, **kwargs):  # type: ignore[no-untyped-def,override]
        """openpyxl writes each worksheet from a temporary file: take its bytes, not its mtime."""
        self.writestr(arcname or Path(filename).name, Path(filename).read_bytes())


def _write_xlsx(model: WorkbookModel, path: Path) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in model.sheets:
        _write(sheet, _XlsxSheet(workbook.create_sheet(sheet.name), sheet.font))
    workbook.properties.creator = "Microsoft Excel"
    workbook.properties.created = model.timestamp
    workbook.properties.modified = model.timestamp
    buffer = io.BytesIO()
    with _StampedZip(buffer, model.timestamp, macros=path.suffix == ".xlsm") as archive:
        ExcelWriter(workbook, archive).write_data()
    path.write_bytes(buffer.getvalue())


# --- .xls -----------------------------------------------------------------------------------


class _XlsSheet:
    def __init__(self, worksheet: xlwt.Worksheet, font: str) -> None:
        self.ws = worksheet
        self.styles = {bold: self._style(font, bold) for bold in (False, True)}

    @staticmethod
    def _style(font: str, bold: bool) -> xlwt.XFStyle:
        style = xlwt.XFStyle()
        style.font = xlwt.Font()
        style.font.name = font
        style.font.bold = bold
        return style

    def cell(self, row: int, col: int, value: CellValue, bold: bool) -> None:
        self.ws.write(row, col, value, self.styles[bold])

    def merged(self, merge: Merge, value: CellValue | None, bold: bool) -> None:
        self.ws.write_merge(
            merge.first_row,
            merge.last_row,
            merge.first_col,
            merge.last_col,
            "" if value is None else value,
            self.styles[bold],
        )

    def width(self, col: int, chars: float) -> None:
        self.ws.col(col).width = int(chars * 256)

    def hide(self) -> None:
        self.ws.visibility = 1


def _write_xls(model: WorkbookModel, path: Path) -> None:
    workbook = xlwt.Workbook(encoding="utf-8")
    for sheet in model.sheets:
        _write(sheet, _XlsSheet(workbook.add_sheet(sheet.name), sheet.font))
    workbook.save(str(path))


# --- .csv -----------------------------------------------------------------------------------


def _csv_text(value: CellValue) -> str:
    if isinstance(value, float):
        return vn_number(Decimal(repr(value)))
    return str(value)


def _write_csv(model: WorkbookModel, path: Path) -> None:
    """The first sheet only; a merged block keeps its value in its first cell."""
    cells = {(c.row, c.col): c.value for c in model.sheets[0].cells}
    height = max(row for row, _ in cells) + 1
    width = max(col for _, col in cells) + 1
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in range(height):
        writer.writerow(
            _csv_text(cells[(row, col)]) if (row, col) in cells else "" for col in range(width)
        )
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))


def write_workbook(model: WorkbookModel, folder: Path) -> Path:
    """Write ``model`` into ``folder`` in the format its file name says; returns the path."""
    path = folder / model.file_name
    writers = {".xlsx": _write_xlsx, ".xlsm": _write_xlsx, ".xls": _write_xls, ".csv": _write_csv}
    writer = writers[path.suffix]
    writer(model, path)
    return path
