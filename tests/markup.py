"""Write rows as the markup web systems export under an ``.xls`` name: an HTML table (as
Excel's "Save as Web Page" writes it, numbers in ``x:num``) or Excel 2003 XML."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from tests.sheets import merged
from transforms.model import CellValue


def _layout(
    rows: list[list[CellValue]], merges: tuple[str, ...]
) -> tuple[dict[tuple[int, int], tuple[int, int]], set[tuple[int, int]]]:
    """Where each merged block starts, with its (down, across), and the cells it covers."""
    starts = {
        (b.first_row, b.first_col): (b.last_row - b.first_row + 1, b.last_col - b.first_col + 1)
        for b in merged(*merges)
    }
    covered = {
        (r + i, c + j)
        for (r, c), (down, across) in starts.items()
        for i in range(down)
        for j in range(across)
    } - set(starts)
    return starts, covered


def save_html(
    path: Path, sheet_name: str, rows: list[list[CellValue]], merges: tuple[str, ...] = ()
) -> Path:
    starts, covered = _layout(rows, merges)
    lines = [
        '<html xmlns:x="urn:schemas-microsoft-com:office:excel">',
        '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>',
        f"<body><table><!-- {escape(sheet_name)} -->",
    ]
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            if (r, c) in covered:
                continue
            down, across = starts.get((r, c), (1, 1))
            spans = (f' rowspan="{down}"' if down > 1 else "") + (
                f' colspan="{across}"' if across > 1 else ""
            )
            if isinstance(value, int | float) and not isinstance(value, bool):
                shown = f"{value:,}".replace(",", ".")  # as the page shows it: 1.250
                cells.append(f'<td{spans} x:num="{value}">{shown}</td>')
            else:
                cells.append(f"<td{spans}>{escape(str(value)) if value is not None else ''}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append("</table></body></html>")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def save_spreadsheetml(
    path: Path, sheet_name: str, rows: list[list[CellValue]], merges: tuple[str, ...] = ()
) -> Path:
    starts, covered = _layout(rows, merges)
    body = []
    for r, row in enumerate(rows):
        cells, skipped = [], False
        for c, value in enumerate(row):
            if (r, c) in covered or value is None:
                skipped = True
                continue
            down, across = starts.get((r, c), (1, 1))
            attributes = f' ss:Index="{c + 1}"' if skipped else ""
            attributes += f' ss:MergeDown="{down - 1}"' if down > 1 else ""
            attributes += f' ss:MergeAcross="{across - 1}"' if across > 1 else ""
            kind = "Number" if isinstance(value, int | float) else "String"
            data = f'<Data ss:Type="{kind}">{escape(str(value))}</Data>'
            cells.append(f"<Cell{attributes}>{data}</Cell>")
            skipped = False
        body.append(f'<Row ss:Index="{r + 1}">' + "".join(cells) + "</Row>")
    document = (
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"'
        ' xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
        f'<Worksheet ss:Name="{escape(sheet_name)}"><Table>{"".join(body)}</Table></Worksheet>'
        "</Workbook>"
    )
    path.write_text(document, encoding="utf-8")
    return path
