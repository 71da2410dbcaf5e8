"""The fonts of legacy text in an .xlsx, read from its XML: what openpyxl's read-only pass
gives (the reader they replace), for sheets as programs write them and for sheets written
otherwise (which openpyxl itself reads)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from khuyencong.formats import xlsx
from khuyencong.formats.budgets import default_budgets
from khuyencong.formats.calamine import CellFonts
from khuyencong.formats.xlsx import openpyxl_fonts

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
# Formats: 0 Calibri, 1 .VnTime, 2 .VnTimeH as a date (numFmtId 14), 3 Arial
STYLES = (
    f'<styleSheet xmlns="{MAIN}"><fonts count="4"><font><name val="Calibri"/></font>'
    '<font><name val=".VnTime"/></font><font><name val=".VnTimeH"/></font>'
    '<font><name val="Arial"/></font></fonts><cellXfs count="4"><xf fontId="0"/>'
    '<xf fontId="1"/><xf fontId="2" numFmtId="14"/><xf fontId="3"/></cellXfs></styleSheet>'
)
STRINGS = f'<sst xmlns="{MAIN}"><si><t>Tæng sè</t></si><si><t>Sè l\u00a5ng</t></si></sst>'


def write(path: Path, sheet_data: str, head: str = "", styles: str = STYLES) -> Path:
    """An .xlsx of one sheet "BC & TH" holding ``sheet_data``, after ``head`` (a dimension)."""
    parts = {
        "[Content_Types].xml": (
            f'<Types xmlns="{PACKAGE}/content-types"><Default Extension="rels" '
            f'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{TYPE}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{TYPE}.worksheet+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{TYPE}.styles+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" '
            f'ContentType="{TYPE}.sharedStrings+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{PACKAGE}/relationships"><Relationship Id="rId1" '
            f'Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets>'
            '<sheet name="BC &amp; TH" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{PACKAGE}/relationships">'
            f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" '
            f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
            f'Type="{RELATIONSHIPS}/styles" Target="styles.xml"/><Relationship Id="rId3" '
            f'Type="{RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
        ),
        "xl/styles.xml": styles,
        "xl/sharedStrings.xml": STRINGS,
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{MAIN}">{head}<sheetData>{sheet_data}</sheetData></worksheet>'
        ),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def legacy_fonts(path: Path) -> CellFonts:
    """The fonts the reader reads, from the parts the preflight read of the file."""
    data = path.read_bytes()
    parts = xlsx.preflight(data, default_budgets())
    assert parts is not None
    return xlsx.legacy_fonts(path, data, parts)


def by_openpyxl(path: Path) -> dict[str, tuple[tuple[int, int, str], ...]]:
    return {name: fonts for name, fonts in openpyxl_fonts(path).items() if fonts}


VALUES = (
    '<row r="1"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="1"><v>12</v></c>'
    '<c r="C1" s="1" t="inlineStr"><is><t>Sè</t></is></c><c r="D1" s="0" t="s"><v>1</v></c>'
    '<c r="E1" s="3" t="s"><v>1</v></c></row>'
    '<row r="2"><c r="A2" s="1"><f>SUM(B1:B9)</f><v>3</v></c>'
    '<c r="B2" s="1"><f t="array" ref="B2">B1*2</f><v>24</v></c>'
    '<c r="C2" s="1" t="e"><v>#REF!</v></c><c r="D2" s="1" t="str"><v>a</v></c>'
    '<c r="E2" s="1" t="b"><v>1</v></c><c r="F2" s="1" t="s"><v></v></c><c r="G2" s="1"/></row>'
)


def test_the_text_cells_in_a_legacy_font_are_read_as_openpyxl_reads_them(
    tmp_path: Path,
) -> None:
    """Text: shared and inline strings, formulas (their text), errors and formula strings;
    not numbers, array formulas, booleans, empty cells, nor text in another font."""
    path = write(tmp_path / "bc.xlsx", VALUES, head='<dimension ref="A1:G2"/>')
    expected = (
        (0, 0, ".VnTime"),
        (0, 2, ".VnTime"),
        (1, 0, ".VnTime"),
        (1, 2, ".VnTime"),
        (1, 3, ".VnTime"),
    )
    assert legacy_fonts(path) == {"BC & TH": expected}
    assert by_openpyxl(path) == {"BC & TH": expected}


@pytest.mark.parametrize(
    ("sheet_data", "head"),
    [
        # rows out of order or repeated: openpyxl skips a row numbered below the one before
        (
            '<row r="3"><c r="A3" s="1" t="s"><v>0</v></c></row>'
            '<row r="2"><c r="A2" s="1" t="s"><v>0</v></c></row>'
            '<row r="3"><c r="B3" s="1" t="s"><v>0</v></c></row>',
            "",
        ),
        # two cells at one column: the last written; cells out of order: by column
        (
            '<row r="1"><c r="B1" s="1" t="s"><v>0</v></c><c r="A1" s="1" t="s"><v>1</v></c>'
            '<c r="B1" s="0" t="s"><v>1</v></c></row>',
            "",
        ),
        # a dimension smaller than the data: openpyxl reads none beyond it
        (
            '<row r="1"><c r="A1" s="1" t="s"><v>0</v></c><c r="C1" s="1" t="s"><v>0</v></c>'
            '</row><row r="2"><c r="A2" s="1" t="s"><v>0</v></c></row>',
            '<dimension ref="A1:B1"/>',
        ),
        # no dimension: a row's cells up to its last written one
        (
            '<row r="1" spans="1:3"><c r="C1" s="1" t="s"><v>0</v></c>'
            '<c r="A1" s="1" t="s"><v>0</v></c></row>',
            "",
        ),
        # written otherwise (openpyxl reads these): quotes, comments, prefixes, dates
        ("<row r='1'><c r='A1' s='1' t='s'><v>0</v></c></row>", ""),
        ('<!-- a --><row r="1"><c r="A1" s="1" t="s"><v>0</v></c></row>', ""),
        ('<row r="1"><c r="A1" s="2"><v>40000</v></c><c r="B1" s="2"><v>9e9</v></c></row>', ""),
        ('<row r="1"><c r="A1" s="1" t="s"><v>7</v></c></row>', ""),
        ('<row><c s="1" t="s"><v>0</v></c></row><row><c s="1" t="s"><v>1</v></c></row>', ""),
    ],
)
def test_any_sheet_gives_what_openpyxl_gives(tmp_path: Path, sheet_data: str, head: str) -> None:
    path = write(tmp_path / "bc.xlsx", sheet_data, head=head)
    try:
        expected: object = by_openpyxl(path)
    except Exception as error:  # a sheet openpyxl fails on: no fonts, as before
        expected = type(error)
    try:
        found: object = legacy_fonts(path)
    except Exception as error:
        found = type(error)
    assert found == expected


def test_a_workbook_with_no_legacy_font_has_no_fonts_to_read(tmp_path: Path) -> None:
    styles = STYLES.replace(".VnTimeH", "Tahoma").replace(".VnTime", "Times New Roman")
    path = write(tmp_path / "bc.xlsx", VALUES, styles=styles)
    assert legacy_fonts(path) == by_openpyxl(path) == {}
