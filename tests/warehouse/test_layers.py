"""The warehouse's layers, read from the SQL files: what each folder of models may do and read.

As in dbt: a staging model only renames and casts the columns of one ``raw`` table (no join,
filter, aggregate, window or row set operation), so every rule of the domain is in a model a
reader can find by its name; intermediate models hold that logic; marts read staging and
intermediate models (and other marts), never ``raw``. A model reads only its own layer and the
layers built before it.
"""

from __future__ import annotations

import re
from importlib import resources

import pytest

from warehouse.build import LAYERS

LAYER_ORDER = [schema for schema, _ in LAYERS]
PREFIX = {"staging": "stg_", "intermediate": "int_"}
# What a staging model may not do: anything that joins, filters, aggregates, ranks, orders or
# multiplies rows. Casting, renaming, nullif and coalesce of one row's values are left.
NOT_RENAME_OR_CAST = {
    "a join": r"\bjoin\b",
    "a filter": r"\b(?:where|having|qualify|limit)\b",
    "an aggregate": r"\b(?:group\s+by|distinct|(?:sum|count|min|max|avg|any_value|arg_max|"
    r"arg_min|string_agg|list|bool_or|bool_and|first|last)\s*\()",
    "a window": r"\bover\s*\(",
    "a set operation": r"\b(?:union|intersect|except)\b",
    "an order": r"\border\s+by\b",
    "an unnest": r"\bunnest\s*\(",
}
_COMMENT = re.compile(r"--[^\n]*")
_STRING = re.compile(r"'(?:[^']|'')*'")
_RAW = re.compile(r"\braw\.(\w+)", re.IGNORECASE)
_MODEL = re.compile(rf"\b({'|'.join(LAYER_ORDER)})\.(\w+)", re.IGNORECASE)


def model_files() -> dict[tuple[str, str], str]:
    """The SQL of every model, by (folder, name), as the files in warehouse/models hold it."""
    root = resources.files("warehouse").joinpath("models")
    return {
        (folder.name, entry.name.removesuffix(".sql")): entry.read_text(encoding="utf-8")
        for folder in root.iterdir()
        if folder.is_dir() and not folder.name.startswith("_")
        for entry in folder.iterdir()
        if entry.name.endswith(".sql")
    }


def code(sql: str) -> str:
    """The SQL without its comments and string literals, lower-cased."""
    return _STRING.sub("''", _COMMENT.sub("", sql)).lower()


def layer_problems(models: dict[tuple[str, str], str]) -> list[str]:
    """Every breach of the layering rules by ``models``, one line each, naming the model."""
    problems = []
    raw_readers: dict[str, list[str]] = {}
    for (layer, name), sql in sorted(models.items()):
        where = f"{layer}/{name}.sql"
        if layer not in LAYER_ORDER:
            problems.append(f"{where}: {layer}/ is not a layer of warehouse.build.LAYERS")
            continue
        prefix = PREFIX.get(layer, "")
        if not name.startswith(prefix):
            problems.append(f"{where}: {layer} models' names start with {prefix}")
        text = code(sql)
        raw_tables = sorted(set(_RAW.findall(text)))
        reads = sorted(set(_MODEL.findall(text)) - {(layer, name)})
        for read_layer, read_name in reads:
            if (read_layer, read_name) not in models:
                problems.append(f"{where}: reads {read_layer}.{read_name}, which is no model")
            elif LAYER_ORDER.index(read_layer) > LAYER_ORDER.index(layer):
                problems.append(f"{where}: reads {read_layer}.{read_name}, of a later layer")
        if layer != "staging":
            problems += [
                f"{where}: reads raw.{table}, which only staging may" for table in raw_tables
            ]
            continue
        if len(raw_tables) != 1 or reads:
            others = [f"raw.{t}" for t in raw_tables] + [f"{s}.{n}" for s, n in reads]
            problems.append(f"{where}: reads {', '.join(others) or 'nothing'}, not one raw table")
        problems += [
            f"{where}: has {what}, a staging model only renames and casts"
            for what, pattern in NOT_RENAME_OR_CAST.items()
            if re.search(pattern, text)
        ]
        for table in raw_tables:
            raw_readers.setdefault(table, []).append(name)
    problems += [
        f"raw.{table} is read by {len(names)} staging models ({', '.join(names)}), not one"
        for table, names in raw_readers.items()
        if len(names) > 1
    ]
    return problems


def test_every_model_keeps_to_its_layer() -> None:
    """It finds no staging model doing more than rename and cast, and no raw read past staging."""
    assert layer_problems(model_files()) == []


def test_there_is_a_model_in_every_layer() -> None:
    layers = {layer for layer, _ in model_files()}
    assert layers == set(LAYER_ORDER)


STAGING = "select code as province_code, cast(valid_from as date) as valid_from from raw.provinces"


@pytest.mark.parametrize(
    ("models", "problem"),
    [
        (
            {("marts", "provinces"): "select * from raw.provinces"},
            "marts/provinces.sql: reads raw.provinces, which only staging may",
        ),
        (
            {("intermediate", "int_facts"): "select * from raw.facts"},
            "intermediate/int_facts.sql: reads raw.facts, which only staging may",
        ),
        (
            {("staging", "stg_facts"): "select * from raw.facts where basis = 'plan'"},
            "staging/stg_facts.sql: has a filter, a staging model only renames and casts",
        ),
        (
            {
                ("staging", "stg_units"): "select * from raw.provinces as a "
                "inner join raw.provinces as b on a.code = b.successor_code_2025"
            },
            "staging/stg_units.sql: has a join, a staging model only renames and casts",
        ),
        (
            {("staging", "stg_plans"): "select sha256, sum(value) from raw.facts group by sha256"},
            "staging/stg_plans.sql: has an aggregate, a staging model only renames and casts",
        ),
        (
            {
                ("staging", "stg_reports"): "select *, row_number() over (partition by period) "
                "as version_rank from raw.facts"
            },
            "staging/stg_reports.sql: has a window, a staging model only renames and casts",
        ),
        (
            {
                ("staging", "stg_provinces"): STAGING,
                ("staging", "stg_reports"): "select * from staging.stg_provinces",
            },
            "staging/stg_reports.sql: reads staging.stg_provinces, not one raw table",
        ),
        (
            {("staging", "stg_provinces"): STAGING, ("staging", "stg_units"): STAGING},
            "raw.provinces is read by 2 staging models (stg_provinces, stg_units), not one",
        ),
        (
            {
                ("staging", "stg_provinces"): STAGING,
                ("intermediate", "int_units"): "select * from marts.provinces",
                ("marts", "provinces"): "select * from staging.stg_provinces",
            },
            "intermediate/int_units.sql: reads marts.provinces, of a later layer",
        ),
        (
            {("marts", "provinces"): "select * from staging.stg_province"},
            "marts/provinces.sql: reads staging.stg_province, which is no model",
        ),
        (
            {("intermediate", "territory_changes"): "select 1"},
            "intermediate/territory_changes.sql: intermediate models' names start with int_",
        ),
    ],
)
def test_a_breach_of_the_layers_is_named(models: dict[tuple[str, str], str], problem: str) -> None:
    assert problem in layer_problems(models)


def test_comments_and_text_values_are_not_read_as_sql() -> None:
    """A staging model may say "join" or "raw.facts" in a comment or a string literal."""
    sql = (
        "-- read raw.findings where the lake has them; no join here\n"
        "select coalesce(basis, 'actual where none') as basis from raw.facts"
    )
    assert layer_problems({("staging", "stg_facts"): sql}) == []
