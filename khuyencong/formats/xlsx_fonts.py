"""The fonts of legacy-looking text in an .xlsx, read from the package's XML.

What it computes is what openpyxl's read-only pass gives (the tuples, in its order), the
reader this replaces: a full openpyxl pass builds an object for every cell of every sheet (a
second or more for a 20,000-row list), while the answer concerns only the few cells whose style
uses a legacy font. So: the cell formats (``cellXfs``) whose font is legacy, from styles.xml;
none, and no cell can have one. Otherwise each sheet's rows are found with a regular expression
at C speed, and only a row holding a cell of such a format is read cell by cell, with
openpyxl's rules (which rows it yields, which cells, which values are text).

That is exact for XML as spreadsheet programs write it (attributes in double quotes, no
comments, CDATA or prefixed tags, every row and cell numbered); a sheet written otherwise, or a
cell this module does not decide (a date, a string index it cannot resolve), is read by
openpyxl itself (``Irregular``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from xml.etree import ElementTree

from khuyencong.formats.calamine import CellFonts, is_legacy_font

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS = "{" + _MAIN + "}"
_DEFAULT_NAMESPACE = b'xmlns="' + _MAIN.encode() + b'"'
# What openpyxl's XML parser reads otherwise than the expressions below would (also in text:
# then openpyxl reads the sheet): comments, CDATA, attributes quoted in ' or spaced around =,
# prefixed tags. Literals, and expressions that open with one, keep the test at C speed (one
# alternation of them all takes a second on a 20,000-row list).
_IRREGULAR_TEXT = (b"<!--", b"<![CDATA[", b"='")
_SPACED = re.compile(rb"=(?:\s|(?<=\s=))")
_PREFIXED = re.compile(rb":(?:c|row|v|f|is|dimension|sheetData)\b")
_PREFIXED_TAG = re.compile(rb"<[\w.-]+:(?:c|row|v|f|is|dimension|sheetData)\b")
_ROW = re.compile(rb"<row\b([^>]*?)(/?)>")
_ROW_END = b"</row>"
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_ATTRIBUTES = re.compile(rb'(?:\s+[\w:.-]+="[^"<]*")*\s*')
_ATTRIBUTE = re.compile(rb'([\w:.-]+)="([^"<]*)"')
_REFERENCE = re.compile(rb"([A-Z]{1,3})([1-9]\d*)")
_DIMENSION = re.compile(
    rb'<dimension ref="([A-Z]{1,3})([1-9]\d*)(?::([A-Z]{1,3})([1-9]\d*))?"\s*/>'
)
_FORMULA = re.compile(rb"<f\b([^>]*)>")
_VALUE = re.compile(rb"<v>([^<&]*)</v>|<v/>")
_INLINE = re.compile(rb"<is\b")
_NUMBER = re.compile(rb"-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?")
# A legacy font's name in any case (or an escaped character that could spell one; "İ" lowers
# to "i" and a dot above): without, no parse. Looked for as literals in the lowered text,
# several times faster than one case-blind expression
_MAY_NAME_LEGACY = (b".vn", b"vni", b"vn\xc4\xb0", b"&")
_NOT_TEXT_FORMULAS = (b"array", b"dataTable")  # openpyxl gives these as objects, not text


class Irregular(Exception):
    """XML this module does not read as openpyxl would: openpyxl reads it."""


class Styles:
    """The cell formats of styles.xml whose font is legacy, by index, with its name."""

    def __init__(self, xml: bytes | None) -> None:
        self.legacy: dict[int, str] = {}
        self.dates: frozenset[int] = frozenset()
        if xml is None or not may_name_legacy_font(xml):
            return
        root = ElementTree.fromstring(xml)
        fonts = [font.find(_NS + "name") for font in root.findall(f"{_NS}fonts/{_NS}font")]
        names = [None if name is None else name.get("val") for name in fonts]
        formats = root.findall(f"{_NS}cellXfs/{_NS}xf")
        numbered: list[int] = []
        for index, xf in enumerate(formats):
            try:
                name = names[int(xf.get("fontId") or 0)]
            except IndexError:  # a font styles.xml lacks: none, legacy or not
                name = None
            if is_legacy_font(name):
                assert name is not None
                self.legacy[index] = name
                if int(xf.get("numFmtId") or 0):
                    numbered.append(index)
        if numbered:
            self.dates = _date_formats(root, formats, numbered)


def may_name_legacy_font(styles: bytes | None) -> bool:
    """Whether styles.xml may name a legacy font (a search at C speed): without, no cell has
    one, and neither its cells nor its text need be looked at."""
    if styles is None:
        return False
    lowered = styles.lower()  # ASCII letters only, as a case-blind bytes expression folds them
    return any(name in lowered for name in _MAY_NAME_LEGACY)


def _date_formats(
    root: ElementTree.Element, formats: list[ElementTree.Element], numbered: list[int]
) -> frozenset[int]:
    """The formats among ``numbered`` that openpyxl reads numbers of as dates."""
    from openpyxl.styles.numbers import builtin_format_code, is_date_format

    custom = {
        int(code.get("numFmtId") or 0): code.get("formatCode")
        for code in root.findall(f"{_NS}numFmts/{_NS}numFmt")
    }
    found = set()
    for index in numbered:
        number = int(formats[index].get("numFmtId") or 0)
        code = custom[number] if number in custom else builtin_format_code(number)
        if is_date_format(code):
            found.add(index)
    return frozenset(found)


def _column(letters: bytes) -> int:
    col = 0
    for letter in letters:
        col = col * 26 + letter - 64
    return col


def _attributes(text: bytes) -> dict[bytes, bytes]:
    if not _ATTRIBUTES.fullmatch(text):
        raise Irregular
    return dict(_ATTRIBUTE.findall(text))


def _is_text(kind: bytes, content: bytes, style: int, styles: Styles, strings: int) -> bool:
    """Whether openpyxl (``data_only=False``) reads the cell's value as text."""
    formula = _FORMULA.search(content)
    if formula:  # the formula itself, "=SUM(B2:B9)"
        return _attributes(formula[1].removesuffix(b"/")).get(b"t") not in _NOT_TEXT_FORMULAS
    if kind == b"inlineStr":
        return _INLINE.search(content) is not None
    value = _VALUE.search(content)
    if value is None and b"<v" in content:
        raise Irregular
    text = value[1] if value and value[1] else b""
    if not text:
        return False
    if kind == b"n":
        if style in styles.dates or not _NUMBER.fullmatch(text):
            raise Irregular  # a date (or an error for one out of range), or no number
        return False
    if kind == b"s":
        if not text.isdigit() or int(text) >= strings:
            raise Irregular
        return True
    if kind == b"b" and text in (b"0", b"1"):
        return False
    if kind in (b"b", b"d"):  # a boolean written otherwise, a date
        raise Irregular
    return True  # "str", "e" and any other kind: the text as written


def _row_fonts(
    body: bytes, limit: int | None, styles: Styles, strings: int
) -> Iterable[tuple[int, int, str]]:
    """The text cells of one row in a legacy font, as openpyxl gives them: by column, the last
    cell written at a column taking it, none right of ``limit`` (the dimension's last column,
    or the row's last cell)."""
    cells: dict[int, tuple[int, int, bytes, bytes]] = {}
    last = 0
    for attributes, content in _CELL.findall(body):
        found = _attributes(attributes.removesuffix(b"/"))
        reference = _REFERENCE.fullmatch(found.get(b"r", b""))
        number = found.get(b"s", b"0")
        if not reference or not number.isdigit():
            raise Irregular
        last = _column(reference[1])
        cells[last] = (int(reference[2]), int(number), found.get(b"t", b"n"), content)
    if _CELL.sub(b"", body).strip():  # a row holding more than cells
        raise Irregular
    for column in sorted(cells):
        row, style, kind, content = cells[column]
        if column > (limit or last):
            break
        if style in styles.legacy and _is_text(kind, content, style, styles, strings):
            yield row - 1, column - 1, styles.legacy[style]


def sheet_fonts(xml: bytes, styles: Styles, strings: int) -> tuple[tuple[int, int, str], ...]:
    """The legacy fonts of one sheet's text cells, in openpyxl's order: its rows in the order
    written, a row numbered below one before it skipped, none below the dimension's last row
    (openpyxl's read-only sheet trusts the dimension)."""
    if _irregular(xml):
        raise Irregular
    last_row = last_column = None
    if (start := xml.find(b"<dimension")) >= 0:
        dimension = _DIMENSION.match(xml, start)
        if not dimension or 0 <= xml.find(b"<sheetData") < start:
            raise Irregular
        last_column = _column(dimension[3] or dimension[1])
        last_row = int(dimension[4] or dimension[2])
    ids = b"|".join(b"%d" % index for index in styles.legacy)
    legacy = re.compile(rb"<c\b" if 0 in styles.legacy else rb'<c\b[^>]*?\ss="(?:%s)"' % ids)
    found: list[tuple[int, int, str]] = []
    next_row = 1
    position = 0
    while row := _ROW.search(xml, position):
        start = end = position = row.end()  # the row's cells: none when it is <row/>
        if not row[2]:
            if (end := xml.find(_ROW_END, start)) < 0:
                raise Irregular
            position = end + len(_ROW_END)
        number = _attributes(row[1]).get(b"r", b"")
        if not number.isdigit():
            raise Irregular
        if last_row is not None and int(number) > last_row:
            break
        if int(number) < next_row:
            continue
        next_row = int(number) + 1
        if legacy.search(xml, start, end):  # a row without a cell in a legacy font is skipped
            found.extend(_row_fonts(xml[start:end], last_column, styles, strings))
    return tuple(found)


def _irregular(xml: bytes) -> bool:
    """Whether the sheet is written otherwise than this module reads (openpyxl reads it)."""
    return (
        xml.count(b"xmlns=") != 1
        or _DEFAULT_NAMESPACE not in xml
        or any(text in xml for text in _IRREGULAR_TEXT)
        or _SPACED.search(xml) is not None
        or (_PREFIXED.search(xml) is not None and _PREFIXED_TAG.search(xml) is not None)
    )


def cell_fonts(sheets: Iterable[tuple[str, bytes]], styles: Styles, strings: int) -> CellFonts:
    """By sheet, the text cells in a legacy font (no sheet when no format has one)."""
    if not styles.legacy:
        return {}
    return {name: fonts for name, xml in sheets if (fonts := sheet_fonts(xml, styles, strings))}
