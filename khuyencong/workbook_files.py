"""Open a submitted file of any format as a ``Workbook`` of plain cell values.

This is the reading edge. A file is taken for a workbook by its name (a clerk's .pdf or .docx
is none, whatever it holds); which format it is, its bytes say first and its suffix second: a
web page or Excel 2003 XML named ``.xls`` is read as what it is, and so are an ``.xlsx`` named
``.xls`` and an ``.xls`` named ``.xlsx``. The formats themselves live in
``khuyencong.formats``. A file that cannot be opened raises ``UnreadableFile`` with the rule and
a reason a clerk can act on; the caller turns it into a quarantine, never into a crash.
"""

from __future__ import annotations

from pathlib import Path

from khuyencong.formats import FORMATS
from khuyencong.formats.base import Format, UnreadableFile, something_else
from transforms.model import Workbook

__all__ = ["UnreadableFile", "format_of", "read_workbook_file"]


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


def read_workbook_file(path: Path) -> Workbook:
    """The cells of every sheet of ``path``; raises ``UnreadableFile`` with a plain reason."""
    data = path.read_bytes()
    found = format_of(path.name, data)
    try:
        return found.read(path, data)
    except UnreadableFile:
        raise
    except Exception as error:  # calamine raises several error types for damaged files
        raise found.diagnose(data, error) from error
