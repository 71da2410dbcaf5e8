"""Excel binary workbooks (.xlsb): a zip like .xlsx, with the sheets in binary records.

Read with python-calamine alone: error cells of an .xlsb are not detected yet (README, known
limits). Encrypted, it is the same OLE container as a password-protected .xlsx.
"""

from __future__ import annotations

from khuyencong.formats import xlsx
from khuyencong.formats.base import Format, check_zip, zip_member
from khuyencong.formats.calamine import reader

SUFFIXES = (".xlsb",)
WORKBOOK_PART = "xl/workbook.bin"


def is_xlsb(data: bytes) -> bool:
    """A zip whose workbook part is binary. A zip stores its members' names as they are: one
    whose bytes lack the name has no such member, and is not opened to ask (every .xlsx)."""
    return WORKBOOK_PART.encode() in data and zip_member(data, WORKBOOK_PART) is not None


FORMAT = Format(
    "xlsb",
    SUFFIXES,
    read=reader(SUFFIXES),
    recognises=is_xlsb,
    diagnose=xlsx.diagnose,
    preflight=check_zip,
)
