"""Export a mart of the warehouse to a file analysts open anywhere: CSV, Parquet or Excel.

The warehouse is opened read-only (a load swaps a new file in; it never waits for an export).
The file is written beside ``out`` and renamed over it, so a half-written export never exists.

* ``csv``: UTF-8, header of column codes, values as the warehouse holds them (exact decimals),
  except that text a spreadsheet would run as a formula gets an apostrophe in front
  (``khuyencong.inert``: a file named ``=1+1 BC_2010.xlsx``, a clerk's cell text).
* ``parquet``: the mart's own column types.
* ``xlsx``: one sheet with the mart, headed by the Vietnamese column headers of
  ``warehouse/columns.yaml``, and a sheet ``Chú thích`` documenting each column in Vietnamese
  and English. Text is always written as text: a cell that would start with ``=``, ``+``,
  ``-``, ``@`` (or a tab or carriage return) is stored as a string with Excel's quote prefix
  (``khuyencong.inert``), so Excel never evaluates it as a formula (a clerk's cell text
  reaches ``marts.findings``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import duckdb

from khuyencong.inert import inert_cell, inert_sql
from khuyencong.places import Places
from warehouse.docs import column_docs

FORMATS = ("csv", "parquet", "xlsx")
SCHEMA = "marts"
EXCEL_MAX_ROWS = 1_048_576


class ExportError(ValueError):
    """The export cannot be made as asked: unknown mart or format, no warehouse, too many rows."""


def _marts(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "select table_name from duckdb_tables() where schema_name = ? order by table_name",
        [SCHEMA],
    ).fetchall()
    return [name for (name,) in rows]


def export_mart(home: Path, mart: str, out: Path, fmt: str) -> int:
    """Write the mart ``marts.<mart>`` of the warehouse in ``home`` to ``out``; returns its rows.

    ``fmt`` is ``csv``, ``parquet`` or ``xlsx``. Raises ``ExportError`` for an unknown mart or
    format, a missing warehouse, or more rows than an Excel sheet holds.
    """
    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    database = Places.of(home).warehouse
    if not database.exists():
        raise ExportError(f"no warehouse at {database}: run `khuyencong run` first")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        with duckdb.connect(str(database), read_only=True) as con:
            marts = _marts(con)
            if mart not in marts:
                raise ExportError(f"no mart {mart!r}: the marts are {', '.join(marts)}")
            relation = f'{SCHEMA}."{mart}"'
            rows = con.execute(f"select count(*) from {relation}").fetchone()[0]
            if fmt == "xlsx":
                _write_xlsx(con, mart, relation, rows, temporary)
            else:
                columns = _inert_columns(con, relation) if fmt == "csv" else "*"
                options = "format csv, header true" if fmt == "csv" else "format parquet"
                path = str(temporary).replace("'", "''")
                con.execute(f"copy (select {columns} from {relation}) to '{path}' ({options})")
        os.replace(temporary, out)
    finally:
        temporary.unlink(missing_ok=True)
    return rows


def _inert_columns(con: duckdb.DuckDBPyConnection, relation: str) -> str:
    """The select list of a CSV export: text columns made inert, every other column as it is
    (a negative number in a numeric column is no formula)."""
    described = con.execute(f"describe select * from {relation}").fetchall()
    names = [('"{}"'.format(name.replace('"', '""')), kind) for name, kind, *_ in described]
    return ", ".join(
        f"{inert_sql(name)} as {name}" if kind == "VARCHAR" else name for name, kind in names
    )


def _write_xlsx(
    con: duckdb.DuckDBPyConnection, mart: str, relation: str, rows: int, path: Path
) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    if rows + 1 > EXCEL_MAX_ROWS:
        raise ExportError(f"{mart} has {rows:,} rows, more than an Excel sheet holds: use csv")
    docs = column_docs()
    table_comment = con.execute(
        "select comment from duckdb_tables() where schema_name = ? and table_name = ?",
        [SCHEMA, mart],
    ).fetchone()[0]
    cursor = con.execute(f"select * from {relation}")
    columns = [d[0] for d in cursor.description]

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(mart[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in columns:
        doc = docs.get(mart, column)
        cell = _cell(sheet, doc.header_vi if doc else column)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    while batch := cursor.fetchmany(10_000):
        for record in batch:
            sheet.append([_cell(sheet, value) for value in record])

    notes = workbook.create_sheet("Chú thích")
    notes.append([_cell(notes, mart), _cell(notes, table_comment or "")])
    notes.append([])
    notes.append([_cell(notes, text) for text in ("Cột / Column", "Tiếng Việt", "English")])
    for column in columns:
        doc = docs.get(mart, column)
        texts = (column, doc.vi, doc.en) if doc else (column, "", "")
        notes.append([_cell(notes, text) for text in texts])
    workbook.save(path)


def _cell(sheet: Any, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    return inert_cell(WriteOnlyCell(sheet), value)
