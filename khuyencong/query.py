"""Read-only SQL on the warehouse, as ``khuyencong query`` runs it, and its values as text.

Opening the file ``read_only`` only keeps a query from writing the warehouse. DuckDB would
still let it read any file (``read_csv('/etc/passwd')``), write one (``COPY ... TO``,
``EXPORT DATABASE``), attach another database or fetch an extension, on the machine that runs
the nightly job. So the connection is also opened with external access off and its
configuration locked, which no statement can undo. The warehouse needs neither: its marts are
tables, its staging views read tables of the same file, and its table macros are stored in it.

DuckDB (and the places of a data home, which need fsspec) are imported only when a query
runs: the command line imports this module for its ``OutputFormat`` and must start fast.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from khuyencong.inert import inert_text

# DuckDB settings of a query's connection (all accepted with read_only=True), and what each one
# stops a query from doing.
LOCKED_DOWN: dict[str, Any] = {
    # any file or URL: read_csv/read_parquet/read_text/glob of a path, COPY TO, EXPORT
    # DATABASE, ATTACH of another database, INSTALL (it writes ~/.duckdb), persistent secrets
    "enable_external_access": False,
    # an extension fetched or loaded behind the query's back (httpfs for an http:// "table")
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    # SET/RESET of any setting, these included: without it `set enable_external_access = true`
    # would undo the rest
    "lock_configuration": True,
}


class OutputFormat(StrEnum):
    """How ``khuyencong query`` prints its results (a closed set: a typo is a usage error)."""

    table = "table"
    csv = "csv"
    json = "json"


class QueryError(Exception):
    """SQL that cannot run (or no warehouse to run it on), said in one line."""


@dataclass(frozen=True)
class Result:
    """The result of one statement: column names and rows of Python values."""

    columns: list[str]
    rows: list[tuple[Any, ...]]


def run_query(home: Path, sql: str) -> list[Result]:
    """Run every statement of ``sql``, in order, on the warehouse of ``home``, locked down.

    All results or none: the first statement that fails raises ``QueryError`` with DuckDB's
    message in one line, and nothing of the statements before it is returned.
    """
    import duckdb

    from khuyencong.places import Places

    path = Places.of(home).warehouse
    if not path.exists():
        raise QueryError(f"no warehouse at {path}: run `khuyencong run` first")
    try:
        with duckdb.connect(str(path), read_only=True, config=LOCKED_DOWN) as con:
            statements = con.extract_statements(sql)
            if not statements:
                raise QueryError("no SQL statement to run")
            results = []
            for statement in statements:
                cursor = con.execute(statement)
                columns = [d[0] for d in cursor.description or []]
                results.append(Result(columns, cursor.fetchall()))
            return results
    except duckdb.Error as error:
        raise QueryError(one_line(str(error))) from error


def one_line(message: str) -> str:
    """DuckDB's message without its ``LINE 1: ...`` and caret block, on one line.

    The lines before that block say what is wrong and often how to fix it (``Did you mean
    "marts.provinces"?``), so they are kept, joined.
    """
    kept: list[str] = []
    for line in message.strip().splitlines():
        if not line.strip() or line.startswith("LINE "):
            break
        kept.append(line.strip())
    return " ".join(kept) or message.strip()


def plain(value: Any) -> Any:
    """Decimals as exact, short numbers: 329620.000000 -> 329620, 12.500 -> 12.5.

    The marts keep counts in DECIMAL columns beside money; a count must not print as
    ``12.000000``.
    """
    if isinstance(value, Decimal):
        normal = value.normalize()
        return int(normal) if normal == normal.to_integral() else float(normal)
    return value


def cell_text(value: Any, *, grouped: bool = False) -> str:
    """One value as text: null empty, booleans ``true``/``false``, decimals short.

    ``grouped`` puts thousands separators in DECIMAL and floating values (the measures, money
    in million VND) for people reading a table. Integers are never grouped: the integer
    columns of the marts are years, counts of provinces or facts and the like, and a year
    reads ``2009``, not ``2,009``.
    """
    if value is None:
        return ""
    if isinstance(value, bool):  # before numbers: a bool is an int
        return "true" if value else "false"
    if isinstance(value, Decimal | float):
        number = plain(value)
        return f"{number:,}" if grouped else str(number)
    return str(value)


def json_value(value: Any) -> Any:
    """A value for ``json.dumps``: numbers stay numbers (decimals too), booleans booleans."""
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    return plain(value)


def to_csv(result: Result) -> str:
    """A result as CSV with a header row, values as ``cell_text`` writes them, and text that a
    spreadsheet would run as a formula after an apostrophe (``khuyencong.inert``).

    Lines end in ``\n``, not the csv module's ``\r\n``: this is printed for shell pipes, and
    several results are separated by a blank line.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(map(inert_text, result.columns))
    writer.writerows(
        [inert_text(v) if isinstance(v, str) else cell_text(v) for v in row] for row in result.rows
    )
    return out.getvalue()


def to_json(result: Result) -> str:
    """A result as one line of JSON: an array with an object per row."""
    rows = [dict(zip(result.columns, map(json_value, row), strict=True)) for row in result.rows]
    return json.dumps(rows, ensure_ascii=False, default=str)
