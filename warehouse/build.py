"""Build the DuckDB warehouse from the lake and swap it in atomically.

Analysts keep read-only connections open on ``<home>/warehouse.duckdb``. DuckDB lets no other
process open a file while a writer holds it, so the warehouse is never written in place: a new
file is built beside it (under a name of its own, so two builds never share one), closed
(leaving no WAL), and ``os.replace``d over the live path. Connections opened before keep reading
the old file; new ones see the new one. A build that fails leaves the live file untouched.

Models are the SQL files of ``warehouse/models``, in layers as in dbt, each folder a schema built
after the one before it (``LAYERS``): ``staging`` views only rename and cast the tables of
``raw`` (one model a table); ``intermediate`` views hold the logic (which facts count, which
version of a report is live); ``marts`` tables are what analysts read, from staging and
intermediate models, never from ``raw``. Within a folder, models are built in dependency order.
A file whose header declares ``-- arguments:`` is a table macro of its folder's schema instead
(``marts.province_indicator_year_as_of(as_of_date)``): macros are stored in the database file,
so analysts call them like tables.

Each file opens with a header comment::

    -- description: what it holds, in English (becomes the COMMENT, after the Vietnamese)
    -- description_vi: the same in Vietnamese (required for marts)
    -- grain: one row per ...
    -- key: the columns unique and never null together (or "none (why)")
    -- arguments: as_of_date (macros only)

Every column of every mart is documented in ``warehouse/columns.yaml`` (Vietnamese and English);
the build applies them as column COMMENTs and fails, naming them, if a mart column has no doc.
"""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

import schemas
from khuyencong import lake as lake_files
from khuyencong.storage import Location
from transforms.indicators import catalogue
from warehouse.docs import DOCS_FILE, column_docs

if TYPE_CHECKING:
    import pandas as pd  # imported by a build alone: a nightly with nothing new needs none


# The folders of warehouse/models, in build order, and what each folder's models become.
LAYERS = (("staging", "view"), ("intermediate", "view"), ("marts", "table"))
DOCUMENTED_SCHEMA = "marts"
_HEADER = re.compile(r"^--\s*(\w+):\s*(.*)$")
_COMMENT = re.compile(r"--[^\n]*")


class UndocumentedModel(ValueError):
    """A model or mart column lacks the documentation analysts rely on."""


@dataclass(frozen=True)
class Model:
    schema: str
    name: str
    materialisation: str  # "view", "table" or "macro" (a table macro)
    sql: str
    description: str
    grain: str
    key: tuple[str, ...]
    description_vi: str = ""
    arguments: tuple[str, ...] = ()

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.name}"

    @property
    def comment(self) -> str:
        """The object's COMMENT: Vietnamese, then English."""
        return " / ".join(text for text in (self.description_vi, self.description) if text)


def _header(sql: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    current = None
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        match = _HEADER.match(line)
        if match:
            current = match.group(1)
            fields[current] = match.group(2).strip()
        elif current:
            fields[current] += " " + line.lstrip("- ").strip()
    return fields


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(",") if name.strip())


def load_models() -> list[Model]:
    """Every SQL model, layer by layer, each in file-name order (see in_dependency_order).

    Raises ``UndocumentedModel`` for a model without a description, grain or key, or a mart
    without its Vietnamese description.
    """
    models = []
    root = resources.files("warehouse").joinpath("models")
    for schema, materialisation in LAYERS:
        for entry in sorted(root.joinpath(schema).iterdir(), key=lambda e: e.name):
            if not entry.name.endswith(".sql"):
                continue
            sql = entry.read_text(encoding="utf-8")
            header = _header(sql)
            required = ["description", "grain", "key"]
            if schema == DOCUMENTED_SCHEMA:
                required.append("description_vi")
            missing = [field for field in required if not header.get(field)]
            if missing:
                raise UndocumentedModel(
                    f"{schema}/{entry.name}: the header lacks {', '.join(missing)}"
                )
            key = header["key"]
            arguments = _names(header.get("arguments", ""))
            models.append(
                Model(
                    schema=schema,
                    name=entry.name.removesuffix(".sql"),
                    materialisation="macro" if arguments else materialisation,
                    sql=sql,
                    description=header["description"],
                    grain=header["grain"],
                    key=() if key.startswith("none") else _names(key),
                    description_vi=header.get("description_vi", ""),
                    arguments=arguments,
                )
            )
    return models


def in_dependency_order(models: list[Model]) -> list[Model]:
    """Models layer by layer, each after the models its SQL (not its comments) reads.

    Raises ``ValueError`` for a model that reads a model of a later layer, or models that read
    each other in a cycle.
    """
    by_name = {m.qualified_name: m for m in models}
    layer = {schema: position for position, (schema, _) in enumerate(LAYERS)}
    code = {name: _COMMENT.sub("", m.sql) for name, m in by_name.items()}
    ordered: list[Model] = []
    placed: set[str] = set()

    def place(name: str, path: tuple[str, ...] = ()) -> None:
        if name in placed:
            return
        if name in path:
            raise ValueError(f"models depend on each other in a cycle: {' -> '.join(path)}")
        for other in by_name:
            if other != name and re.search(rf"\b{re.escape(other)}\b", code[name]):
                if layer[by_name[other].schema] > layer[by_name[name].schema]:
                    raise ValueError(f"{name} reads {other}, of a later layer")
                place(other, (*path, name))
        placed.add(name)
        ordered.append(by_name[name])

    for name in sorted(by_name, key=lambda name: layer[by_name[name].schema]):
        place(name)
    return ordered


def _reference_frames() -> dict[str, pd.DataFrame]:
    import pandas as pd

    indicators = pd.DataFrame(
        [
            {
                "indicator": i.code,
                "name_vi": i.name_vi,
                "name_en": i.name_en,
                "unit": i.unit,
                "kind": i.kind,
            }
            for i in catalogue().values()
        ]
    )
    return {
        "indicators": indicators,
        "provinces": pd.DataFrame(schemas.read_csv("provinces.csv")),
        "deadlines": _deadlines(),
    }


def _deadlines() -> pd.DataFrame:
    """``schemas/deadlines.yaml`` as rows: when each kind of report is due, in which time zone."""
    import pandas as pd

    schema = schemas.read_yaml("deadlines.yaml")
    return pd.DataFrame(
        [
            {"period_kind": kind, **rule, "timezone": schema["timezone"]}
            for kind, rule in schema["deadlines"].items()
        ]
    )


def _load_raw(con: duckdb.DuckDBPyConnection, lake: Location) -> None:
    """Copy the lake and the reference data into schema ``raw``, so the file stands alone."""
    con.execute("create schema raw")
    tables = {
        "lake_manifest": lake_files.manifest(lake),  # first: what this build read, at the latest
        "facts": lake_files.read_facts(lake),
        "submissions": lake_files.read_submissions(lake),
        "findings": lake_files.read_findings(lake),
        "sheets": lake_files.read_sheets(lake),
    }
    for name, table in tables.items():
        con.register(f"lake_{name}", table)
        con.execute(f"create table raw.{name} as select * from lake_{name}")
        con.unregister(f"lake_{name}")
    for name, frame in _reference_frames().items():
        con.register(f"ref_{name}", frame)
        con.execute(f"create table raw.{name} as select * from ref_{name}")


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _create(con: duckdb.DuckDBPyConnection, model: Model) -> None:
    if model.materialisation == "macro":
        arguments = ", ".join(model.arguments)
        con.execute(f"create macro {model.qualified_name}({arguments}) as table {model.sql}")
        con.execute(f"comment on macro table {model.qualified_name} is {_quoted(model.comment)}")
    else:
        con.execute(f"create {model.materialisation} {model.qualified_name} as {model.sql}")
        con.execute(
            f"comment on {model.materialisation} {model.qualified_name} is {_quoted(model.comment)}"
        )


def document_columns(con: duckdb.DuckDBPyConnection, models: list[Model]) -> None:
    """COMMENT every column of every mart table from ``columns.yaml``.

    Raises ``UndocumentedModel`` naming every mart column without a doc, and every doc of
    ``columns.yaml`` written for a mart or column that does not exist (a typo would otherwise
    leave the column with the shared doc, silently).
    """
    docs = column_docs()
    tables = [m for m in models if m.schema == DOCUMENTED_SCHEMA and m.materialisation == "table"]
    columns = {
        m.name: [
            row[0]
            for row in con.execute(
                "select column_name from duckdb_columns() "
                "where schema_name = ? and table_name = ? order by column_index",
                [m.schema, m.name],
            ).fetchall()
        ]
        for m in tables
    }
    problems = [
        f"{DOCUMENTED_SCHEMA}.{table}.{column} has no doc"
        for table, names in columns.items()
        for column in names
        if docs.get(table, column) is None
    ]
    problems += [
        f"{DOCS_FILE} documents {table}.{column}, which does not exist"
        for table, own in docs.by_model.items()
        for column in own
        if column not in columns.get(table, [])
    ]
    if problems:
        raise UndocumentedModel(
            f"document every mart column in warehouse/{DOCS_FILE}: " + "; ".join(problems)
        )
    for table, names in columns.items():
        for column in names:
            doc = docs.get(table, column)
            assert doc is not None
            con.execute(
                f'comment on column {DOCUMENTED_SCHEMA}.{table}."{column}" is '
                f"{_quoted(doc.comment)}"
            )


def built_from(warehouse: Path) -> pa.Table | None:
    """The lake manifest the warehouse was built from (None without a readable warehouse)."""
    if not warehouse.exists():
        return None
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            manifest = con.sql("select file, version from raw.lake_manifest order by file")
            return manifest.to_arrow_table()
    except duckdb.Error:
        return None


def is_stale(lake: Location, warehouse: Path) -> bool:
    """True when the lake changed after the warehouse was built (or there is no warehouse)."""
    built = built_from(warehouse)
    current = lake_files.manifest(lake).sort_by("file")
    return built is None or not built.cast(current.schema).equals(current)


# The on-disk format the warehouse is written in: the oldest that holds everything it uses, so
# that the DuckDB shell of the lock (`duckdb -readonly`), and SQL clients bundling an older
# DuckDB (DBeaver's driver, an analyst's own pip install), open the file. DuckDB 2.0 writes
# storage version 69 by default, which no DuckDB 1.x reads.
STORAGE = "v1.0.0"


def build_warehouse(lake: Location, target: Path) -> list[Model]:
    """Build every model from the lake into a new file and swap it over ``target``."""
    building = target.with_name(f".{target.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.building")
    models = in_dependency_order(load_models())
    try:
        con = duckdb.connect(str(building), config={"storage_compatibility_version": STORAGE})
        try:
            # one transaction: each statement on its own would commit to the WAL and sync it,
            # about 170 times a build (each table, view, macro and COMMENT), which took two
            # thirds of a one-file run's build; the file is private until swapped in, so
            # nothing reads it half built either way
            con.execute("begin")
            _load_raw(con, lake)
            for schema, _ in LAYERS:
                con.execute(f"create schema {schema}")
            for model in models:
                _create(con, model)
            document_columns(con, models)
            con.execute("commit")
            con.execute("checkpoint")
        finally:
            con.close()
        os.replace(building, target)
    finally:
        building.unlink(missing_ok=True)
        building.with_name(building.name + ".wal").unlink(missing_ok=True)
    return models
