"""Reading a binary workbook (xlsx, xlsm, xlsb, xls, ods) with python-calamine.

python-calamine is about ten times faster than openpyxl here, but it does not say everything:
error cells read as empty strings, hidden rows and columns are not marked, fonts are not
exposed and .ods merged blocks are not given. Each format module reads what calamine misses
from the file itself and hands it in as ``Extras``; this module builds the sheets.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from python_calamine import CalamineWorkbook, SheetVisibleEnum

from khuyencong.formats.base import Parts
from khuyencong.formats.grid import sheet_from_rows
from transforms.legacy_text import reads_as_unicode
from transforms.model import MergedRange, Sheet, Workbook

ErrorCells = Mapping[str, Mapping[tuple[int, int], str]]  # by sheet, (row, col) -> "#REF!"
Hidden = Mapping[str, tuple[tuple[int, ...], tuple[int, ...]]]  # by sheet, rows and columns
CellFonts = dict[str, tuple[tuple[int, int, str], ...]]  # by sheet, (row, col, legacy font)
LEGACY_FONT_PREFIXES = (".vn", "vni")


@dataclass(frozen=True)
class Extras:
    """What a format reads from a workbook that python-calamine does not say, by sheet name."""

    errors: ErrorCells = field(default_factory=dict)
    hidden: Hidden = field(default_factory=dict)
    merged: Mapping[str, tuple[MergedRange, ...]] = field(default_factory=dict)


# What a format reads from its file beside calamine, given the path (or a copy named as the
# format), the bytes and the parts its preflight read (``khuyencong.formats.base.Parts``)
ReadExtras = Callable[[Path, bytes, Parts], Extras]
# and, for fonts, the sheets calamine read (a format reads fonts only when some text of them
# looks legacy-encoded: ``may_hold_legacy_text``)
ReadFonts = Callable[[Path, bytes, Parts, list[Sheet]], CellFonts]


def is_legacy_font(name: str | None) -> bool:
    return name is not None and name.strip().lower().startswith(LEGACY_FONT_PREFIXES)


def may_hold_legacy_text(sheets: list[Sheet]) -> bool:
    """Text that is neither ASCII nor good Vietnamese: worth the cost of reading fonts. (Loops
    written out: a generator over every cell of a 20,000-row list costs more than the test.)"""
    for sheet in sheets:
        for row in sheet.rows:
            for v in row:
                if (
                    isinstance(v, str)
                    and not v.isascii()
                    and max(v) <= "\xff"
                    and not reads_as_unicode(v)
                ):
                    return True
    return False


def _cell_fonts(
    path: Path, data: bytes, parts: Parts, sheets: list[Sheet], fonts: ReadFonts
) -> CellFonts:
    """Fonts of legacy-looking text, read only for workbooks that have some (a few ms each)."""
    try:
        return fonts(path, data, parts, sheets)
    except Exception:  # fonts only help detection: a file they cannot be read from still reads
        return {}


def _no_extras(path: Path, data: bytes, parts: Parts) -> Extras:
    return Extras()


def _no_fonts(path: Path, data: bytes, parts: Parts, sheets: list[Sheet]) -> CellFonts:
    return {}


def read_workbook(
    path: Path,
    data: bytes,
    parts: Parts,
    extras: ReadExtras = _no_extras,
    fonts: ReadFonts = _no_fonts,
) -> Workbook:
    """Every sheet of the workbook at ``path`` (holding ``data``), completed with what
    ``extras`` and ``fonts`` read (fonts only when some text looks legacy-encoded)."""
    workbook = CalamineWorkbook.from_path(str(path))
    found = extras(path, data, parts)
    sheets: list[Sheet] = []
    for meta in workbook.sheets_metadata:
        sheet = workbook.get_sheet_by_name(meta.name)
        merged = tuple(
            MergedRange(start[0], start[1], end[0], end[1])
            for start, end in (sheet.merged_cell_ranges or ())
        ) or found.merged.get(meta.name, ())
        rows = sheet.to_python(skip_empty_area=True)
        top, left = sheet.start or (0, 0)
        visible = meta.visible == SheetVisibleEnum.Visible
        errors = found.errors.get(meta.name)
        sheets.append(sheet_from_rows(meta.name, rows, (top, left), merged, visible, errors))
    legacy = _cell_fonts(path, data, parts, sheets, fonts)
    sheets = [
        replace(
            sheet,
            fonts=legacy.get(sheet.name, ()),
            hidden_rows=found.hidden.get(sheet.name, ((), ()))[0],
            hidden_cols=found.hidden.get(sheet.name, ((), ()))[1],
        )
        for sheet in sheets
    ]
    return Workbook(file_name=path.name, sheets=tuple(sheets))


@contextmanager
def named_as(path: Path, data: bytes, suffixes: tuple[str, ...]) -> Iterator[Path]:
    """``path``, or a copy of it named with ``suffixes[0]`` when its own suffix is none of them.

    python-calamine and openpyxl choose their parser by the suffix: a workbook renamed (an .xls
    named .xlsx, an .xlsx named .xls: Excel opens both after a warning) is read from a copy
    named as what it is.
    """
    if path.suffix.lower() in suffixes:
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="khuyencong-") as folder:
        actual = Path(folder) / f"{path.stem}{suffixes[0]}"
        actual.write_bytes(data)
        yield actual


def reader(
    suffixes: tuple[str, ...],
    extras: ReadExtras = _no_extras,
    fonts: ReadFonts = _no_fonts,
) -> Callable[[Path, bytes, Parts], Workbook]:
    """The ``read`` of a calamine format: its file (or a copy named as the format), completed
    with ``extras`` and ``fonts``, under the clerk's file name."""

    def read(path: Path, data: bytes, parts: Parts) -> Workbook:
        try:
            with named_as(path, data, suffixes) as actual:
                workbook = read_workbook(actual, data, parts, extras, fonts)
                return replace(workbook, file_name=path.name)
        except BaseException as error:
            if _is_panic(error):
                raise CalaminePanic(str(error)) from error
            raise

    return read


class CalaminePanic(Exception):
    """python-calamine's parser panicked on the file (an index out of range in a damaged
    .xls or .xlsb): a damaged file, diagnosed like any other error of the reader."""


def _is_panic(error: BaseException) -> bool:
    """A Rust panic surfaces as pyo3's ``PanicException``, which derives from BaseException
    (no ``except Exception`` stops it) and which no importable module exports."""
    kind = type(error)
    return kind.__name__ == "PanicException" and kind.__module__ == "pyo3_runtime"
