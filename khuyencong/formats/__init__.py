"""The file formats a submission may come in: one module each, registered here.

A format module defines ``FORMAT`` (``khuyencong.formats.base.Format``): its suffixes, what its
bytes look like, how to read it into the plain ``Workbook`` every format gives, what to say
when it does not read, and whether the rejection report can edit the clerk's own file. Adding a
format is one module and its line below.
"""

from __future__ import annotations

from khuyencong.formats import csv, html, ods, spreadsheetml, xls, xlsb, xlsx
from khuyencong.formats.base import Format

# The order the bytes are asked in: Excel 2003 XML before HTML (its <Table> reads as a page's
# tag), the specific zips (.ods, .xlsb) before .xlsx, which takes any other zip.
FORMATS: tuple[Format, ...] = (
    spreadsheetml.FORMAT,
    html.FORMAT,
    ods.FORMAT,
    xlsb.FORMAT,
    xlsx.FORMAT,
    xls.FORMAT,
    csv.FORMAT,
)
