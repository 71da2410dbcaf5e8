"""Write a minimal OpenDocument spreadsheet.

No installed library writes .ods without a new dependency, and the format is a zip of XML.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

MEDIA_TYPE = "application/vnd.oasis.opendocument.spreadsheet"
MANIFEST = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest
 xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="{MEDIA_TYPE}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""

CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
 <office:body><office:spreadsheet><table:table table:name="{name}">{rows}</table:table>
 </office:spreadsheet></office:body></office:document-content>"""


def _cell(value: object, spanned: str = "") -> str:
    if value is None:
        return f"<table:table-cell{spanned}/>"
    if isinstance(value, int | float):
        kind = f'office:value-type="float" office:value="{value}"'
    else:
        kind = 'office:value-type="string"'
    return (
        f"<table:table-cell {kind}{spanned}><text:p>{escape(str(value))}</text:p>"
        "</table:table-cell>"
    )


def save_ods(
    path: Path, sheet_name: str, rows: list[list[object]], merges: tuple[str, ...] = ()
) -> Path:
    """Write rows (and merges in A1 notation, as spanned and covered cells) as a .ods file."""
    from tests.sheets import merged

    blocks = merged(*merges)
    starts = {(b.first_row, b.first_col): b for b in blocks}
    covered = {
        (r, c)
        for b in blocks
        for r in range(b.first_row, b.last_row + 1)
        for c in range(b.first_col, b.last_col + 1)
    } - set(starts)

    def cell(r: int, c: int, value: object) -> str:
        if (r, c) in covered:
            return "<table:covered-table-cell/>"
        block = starts.get((r, c))
        spanned = (
            f' table:number-columns-spanned="{block.last_col - block.first_col + 1}"'
            f' table:number-rows-spanned="{block.last_row - block.first_row + 1}"'
            if block
            else ""
        )
        return _cell(value, spanned)

    body = "".join(
        "<table:table-row>"
        + "".join(cell(r, c, v) for c, v in enumerate(row))
        + "</table:table-row>"
        for r, row in enumerate(rows)
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("META-INF/manifest.xml", MANIFEST, zipfile.ZIP_DEFLATED)
        archive.writestr(
            "content.xml", CONTENT.format(name=escape(sheet_name), rows=body), zipfile.ZIP_DEFLATED
        )
    return path
