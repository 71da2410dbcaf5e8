"""OpenDocument spreadsheets (.ods), as LibreOffice saves them.

Read with python-calamine, which does not give an .ods file's merged blocks: they are read
here from ``content.xml``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

from khuyencong.formats.base import Format, zip_member
from khuyencong.formats.calamine import Extras, reader
from transforms.model import MergedRange

SUFFIXES = (".ods",)
MEDIA_TYPE_PREFIX = b"application/vnd.oasis.opendocument"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def _int(element: ElementTree.Element, attribute: str) -> int:
    return int(element.get(_TABLE + attribute, "1"))


def _merged(path: Path) -> Extras:
    """The merged blocks of each sheet.

    "Kinh phí (triệu đồng)" merged over "Tổng | KCQG | KCĐP" states the unit of all three:
    without the block the unit is lost and every amount is reported as having none. Read by
    streaming content.xml, counting repeated rows and cells as the format writes them.
    """
    merged: dict[str, list[MergedRange]] = {}
    blocks: list[MergedRange] = []
    row = col = 0
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
        for event, element in ElementTree.iterparse(content, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == _TABLE + "table":
                    blocks, row = merged.setdefault(element.get(_TABLE + "name", ""), []), 0
                elif tag == _TABLE + "table-row":
                    col = 0
                continue
            if tag in (_TABLE + "table-cell", _TABLE + "covered-table-cell"):
                across = _int(element, "number-columns-spanned")
                down = _int(element, "number-rows-spanned")
                if across > 1 or down > 1:
                    blocks.append(MergedRange(row, col, row + down - 1, col + across - 1))
                col += _int(element, "number-columns-repeated")
                element.clear()
            elif tag == _TABLE + "table-row":
                row += _int(element, "number-rows-repeated")
                element.clear()
    return Extras(merged={name: tuple(found) for name, found in merged.items()})


def is_ods(data: bytes) -> bool:
    """A zip whose ``mimetype`` member names an OpenDocument file."""
    return (zip_member(data, "mimetype") or b"").startswith(MEDIA_TYPE_PREFIX)


FORMAT = Format("ods", SUFFIXES, read=reader(SUFFIXES, _merged), recognises=is_ods)
