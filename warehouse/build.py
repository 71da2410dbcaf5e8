"""Build the DuckDB warehouse from the lake and swap it in atomically.

Analysts keep read-only connections open on ``<home>/warehouse.duckdb``. DuckDB lets no other
process open a file while a writer holds it, so the warehouse is never written in place: a new
file is built beside it, closed (leaving no WAL), and ``os.replace``d over the live path.
Connections opened before keep reading the old file; new ones see the new one.

Models are the SQL files of ``warehouse/models``: ``staging`` models become views, ``marts``
models tables, built in file-name order within each folder (staging first). Each file's header
comment states its grain and key, and its ``description`` becomes the table's COMMENT.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import duckdb
import pandas as pd

import schemas
from transforms.indicators import catalogue

LAYERS = (("staging", "view"), ("marts", "table"))
_HEADER = re.compile(r"^--\s*(\w+):\s*(.*)$")


@dataclass(frozen=True)
class Model:
    schema: str
    name: str
    materialisation: str
    sql: str
    description: str
    grain: str
    key: tuple[str, ...]


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


def load_models() -> list[Model]:
    """Every SQL model, staging before marts, each in file-name order (see in_dependency_order)."""
    models = []
    root = resources.files("warehouse").joinpath("models")
    for schema, materialisation in LAYERS:
        for entry in sorted(root.joinpath(schema).iterdir(), key=lambda e: e.name):
            if not entry.name.endswith(".sql"):
                continue
            sql = entry.read_text(encoding="utf-8")
            header = _header(sql)
            key = header.get("key", "none")
            models.append(
                Model(
                    schema=schema,
                    name=entry.name.removesuffix(".sql"),
                    materialisation=materialisation,
                    sql=sql,
                    description=header.get("description", ""),
                    grain=header.get("grain", ""),
                    key=() if key.startswith("none") else tuple(k.strip() for k in key.split(",")),
                )
            )
    return models


def in_dependency_order(models: list[Model]) -> list[Model]:
    """Models ordered so that each comes after the models its SQL reads from."""
    by_name = {f"{m.schema}.{m.name}": m for m in models}
    ordered: list[Model] = []
    placed: set[str] = set()

    def place(name: str, path: tuple[str, ...] = ()) -> None:
        if name in placed:
            return
        if name in path:
            raise ValueError(f"models depend on each other in a cycle: {' -> '.join(path)}")
        model = by_name[name]
        for other in by_name:
            if other != name and re.search(rf"\b{re.escape(other)}\b", model.sql):
                place(other, (*path, name))
        placed.add(name)
        ordered.append(model)

    for name in by_name:
        place(name)
    return ordered


def _reference_frames() -> dict[str, pd.DataFrame]:
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
    return {"indicators": indicators, "provinces": pd.DataFrame(schemas.read_csv("provinces.csv"))}


def _load_raw(con: duckdb.DuckDBPyConnection, lake: Path) -> None:
    con.execute("create schema raw")
    facts = lake / "facts"
    if any(facts.glob("year=*/*.parquet")):
        con.execute(
            "create table raw.facts as select * exclude (year), cast(year as integer) as year "
            "from read_parquet(?, hive_partitioning = true)",
            [str(facts / "year=*" / "*.parquet")],
        )
    else:
        from transforms.tidy import FACT_SCHEMA

        con.register("empty_facts", FACT_SCHEMA.empty_table())
        con.execute("create table raw.facts as select * from empty_facts")
    from khuyencong.lake import SUBMISSION_SCHEMA
    from transforms.tidy import FINDING_SCHEMA

    for name, schema in (("submissions", SUBMISSION_SCHEMA), ("findings", FINDING_SCHEMA)):
        path = lake / f"{name}.parquet"
        if path.exists():
            con.execute(f"create table raw.{name} as select * from read_parquet(?)", [str(path)])
        else:
            con.register(f"empty_{name}", schema.empty_table())
            con.execute(f"create table raw.{name} as select * from empty_{name}")
    for name, frame in _reference_frames().items():
        con.register(f"ref_{name}", frame)
        con.execute(f"create table raw.{name} as select * from ref_{name}")


def build_warehouse(lake: Path, target: Path) -> list[Model]:
    """Build every model from the lake into a new file and swap it over ``target``."""
    building = target.with_name(f".{target.name}.building")
    building.unlink(missing_ok=True)
    models = in_dependency_order(load_models())
    con = duckdb.connect(str(building))
    try:
        _load_raw(con, lake)
        for schema, _ in LAYERS:
            con.execute(f"create schema {schema}")
        for model in models:
            con.execute(
                f"create {model.materialisation} {model.schema}.{model.name} as {model.sql}"
            )
            if model.description:
                kind = "view" if model.materialisation == "view" else "table"
                description = model.description.replace("'", "''")
                con.execute(f"comment on {kind} {model.schema}.{model.name} is '{description}'")
        con.execute("checkpoint")
    finally:
        con.close()
    os.replace(building, target)
    return models
