"""Reading a built warehouse in tests: one query, and a snapshot of the marts to compare runs."""

from __future__ import annotations

from pathlib import Path

import duckdb


def query(home: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def marts_snapshot(home: Path) -> dict[str, list[tuple]]:
    """The contents of the marts two equivalent runs must agree on (no timestamps)."""
    tables = ["province_indicator_year", "national_indicator_year", "findings"]
    snapshot = {t: query(home, f"select * from marts.{t} order by all") for t in tables}
    snapshot["submissions"] = query(
        home,
        "select file_name, sha256, status, province_code, period, reason "
        "from marts.submissions order by all",
    )
    return snapshot
