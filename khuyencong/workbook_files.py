"""Open a submitted file of any format as a ``Workbook`` of plain cell values.

This is the reading edge. A file is taken for a workbook by its name (a clerk's .pdf or .docx
is none, whatever it holds); which format it is, its bytes say first and its suffix second: a
web page or Excel 2003 XML named ``.xls`` is read as what it is, and so are an ``.xlsx`` named
``.xls`` and an ``.xls`` named ``.xlsx``. The formats themselves live in
``khuyencong.formats``. A file that cannot be opened raises ``UnreadableFile`` with the rule and
a reason a clerk can act on; the caller turns it into a quarantine, never into a crash.

Every read is bounded by budgets (``khuyencong.formats.budgets``): the file's size before it
is read, the format's cheap checks before a parser opens it, the grid the parser built after.
Untrusted files are read through ``khuyencong.sandbox``, which bounds each read's time and
memory.
"""

from __future__ import annotations

from pathlib import Path

from khuyencong.formats import FORMATS
from khuyencong.formats.base import NO_PARTS, Format, Parts, UnreadableFile, something_else
from khuyencong.formats.budgets import Budgets, check_workbook, default_budgets
from transforms.model import Workbook

__all__ = ["UnreadableFile", "format_of", "is_editable", "read_workbook_file"]


def format_of(file_name: str, data: bytes) -> Format:
    """The format of a file named ``file_name`` holding ``data``; raises ``UnreadableFile`` when
    the name is no workbook's."""
    suffix = Path(file_name).suffix.lower()
    named = next((f for f in FORMATS if suffix in f.suffixes), None)
    if named is None:
        raise something_else(data) or UnreadableFile(
            "not-a-spreadsheet", f"a {suffix or 'nameless'} file is not a spreadsheet format"
        )
    return next((f for f in FORMATS if f.recognises(data)), named)


def _checked(path: Path, budgets: Budgets) -> tuple[Format, bytes, Parts]:
    """The format and bytes of ``path``, once its size and the format's cheap budgets pass,
    with the parts of a zip the checks read."""
    budgets.check("file_bytes", path.stat().st_size)
    data = path.read_bytes()
    found = format_of(path.name, data)
    try:
        parts = found.preflight(data, budgets)
    except UnreadableFile:
        raise
    except Exception as error:  # a damaged part the checks read (a zip member's bad CRC)
        raise found.diagnose(data, error) from error
    return found, data, parts or NO_PARTS


def read_workbook_file(path: Path, budgets: Budgets | None = None) -> Workbook:
    """The cells of every sheet of ``path``; raises ``UnreadableFile`` with a plain reason,
    also for a file over ``budgets`` (the configured ones by default)."""
    budgets = budgets or default_budgets()
    found, data, parts = _checked(path, budgets)
    try:
        workbook = found.read(path, data, parts)
    except (UnreadableFile, MemoryError):  # out of memory is no damage: the sandbox says so
        raise
    except Exception as error:  # calamine raises several error types for damaged files
        raise found.diagnose(data, error) from error
    return check_workbook(workbook, budgets)


def is_editable(path: Path) -> bool:
    """Whether openpyxl may edit the clerk's own file: its format says so, and it is within
    the budgets (openpyxl builds every cell of a merged range, every row of a sheet)."""
    try:
        return _checked(path, default_budgets())[0].editable
    except (OSError, UnreadableFile):  # the attempts say, in the log, why it does not open
        return False
