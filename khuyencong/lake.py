"""The lake: tidy Parquet under ``<home>/lake``, rewritten atomically, one file per year.

* ``facts/year=YYYY/data.parquet``: every fact of every loaded submission (all versions: the
  marts pick the latest), partitioned by year, since per-year files keep writes and scans
  cheap where per-province files made both an order of magnitude slower here.
* ``submissions.parquet``: one row per file seen, with its status.
* ``findings.parquet``: one row per finding.

Every write goes to a temporary file that replaces the old one with ``os.replace``, so a crash
leaves the previous file readable. Re-processing a submission replaces its rows (matched by
sha256), so loading is idempotent.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from transforms.tidy import FACT_SCHEMA, FINDING_SCHEMA

SUBMISSION_SCHEMA = pa.schema(
    [
        ("submission_id", pa.string()),
        ("file_name", pa.string()),
        ("sha256", pa.string()),
        ("status", pa.string()),
        ("province_code", pa.string()),
        ("period", pa.string()),
        ("reason", pa.string()),
        ("reports", pa.string()),
        ("facts", pa.int64()),
        ("size_bytes", pa.int64()),
        ("received_at", pa.timestamp("us", tz="UTC")),
        ("processed_at", pa.timestamp("us", tz="UTC")),
        ("parser_version", pa.string()),
        ("archive_path", pa.string()),
    ]
)


def lake_dir(home: Path) -> Path:
    return home / "lake"


def facts_dir(home: Path) -> Path:
    return lake_dir(home) / "facts"


def write_atomically(table: pa.Table, path: Path) -> None:
    """Write a Parquet file so that readers see either the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, temporary, compression="zstd")
    os.replace(temporary, path)


def read_or_empty(path: Path, schema: pa.Schema) -> pa.Table:
    return pq.read_table(path, schema=schema) if path.exists() else schema.empty_table()


def _without(table: pa.Table, column: str, values: Iterable[str]) -> pa.Table:
    values = pa.array(sorted(set(values)), pa.string())
    if not len(values) or not table.num_rows:
        return table
    return table.filter(pc.invert(pc.is_in(table[column], value_set=values)))


def replace_facts(home: Path, new_facts: pa.Table, replaced: set[str]) -> None:
    """Put ``new_facts`` into their year partitions, dropping earlier rows of ``replaced`` shas."""
    root = facts_dir(home)
    years = (
        {int(y) for y in pc.unique(new_facts["year"]).to_pylist()} if new_facts.num_rows else set()
    )
    if root.exists():
        years |= {int(p.name.split("=")[1]) for p in root.glob("year=*")}
    for year in sorted(years):
        path = root / f"year={year}" / "data.parquet"
        old = _without(read_or_empty(path, FACT_SCHEMA), "sha256", replaced)
        added = (
            new_facts.filter(pc.equal(new_facts["year"], year)) if new_facts.num_rows else new_facts
        )
        if not path.exists() and not added.num_rows:
            continue
        combined = pa.concat_tables([old, added]).sort_by(
            [("province_code", "ascending"), ("sha256", "ascending")]
        )
        write_atomically(combined, path)


def replace_rows(
    path: Path, schema: pa.Schema, new_rows: pa.Table, key: str, replaced: set[str]
) -> pa.Table:
    """Rewrite a whole-lake table with ``replaced`` keys swapped for ``new_rows``; returns it."""
    combined = pa.concat_tables(
        [_without(read_or_empty(path, schema), key, replaced), new_rows.cast(schema)]
    )
    write_atomically(combined, path)
    return combined


def read_submissions(home: Path) -> pa.Table:
    return read_or_empty(lake_dir(home) / "submissions.parquet", SUBMISSION_SCHEMA)


def write_registry(home: Path, submissions: pa.Table, findings: pa.Table) -> None:
    """Record the submissions and findings of a run, replacing earlier rows of the same files.

    A file is one ``submission_id`` (sha256 and file name): the same content under a second
    name is a second file, recorded as a duplicate of the first.
    """
    replaced = set(submissions["submission_id"].to_pylist())
    replace_rows(
        lake_dir(home) / "findings.parquet", FINDING_SCHEMA, findings, "submission_id", replaced
    )
    replace_rows(
        lake_dir(home) / "submissions.parquet",
        SUBMISSION_SCHEMA,
        submissions,
        "submission_id",
        replaced,
    )
