"""The warehouse: aggregation rules, geography, as-of, completeness, growth, docs, keys, swaps.

Most tests read one warehouse built from a hand-made lake (``edge_cases``) whose provinces and
years each stage one trap of domain.md: an annual and a six-month report of one year, partial
reports only, a corrected resubmission, a multi-year report, stocks over years, Hà Tây before
the 2008 merger, Bắc Kạn before the 2025 one. The generic key test also runs on a warehouse
built by the nightly run itself (without Prefect) from a small generated corpus.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from khuyencong.lake import replace_facts
from transforms.contracts import FACT_SCHEMA
from transforms.indicators import catalogue
from warehouse import build
from warehouse.build import UndocumentedModel, build_warehouse, load_models

NAMES = {
    "01": "Hà Nội",
    "04": "Cao Bằng",
    "06": "Bắc Kạn",
    "19": "Thái Nguyên",
    "28": "Hà Tây",
}
_cells = itertools.count(1)


# The periods of the edge cases as the reader gives them: (kind, start, end) by label.
PERIODS = {
    **{
        str(year): ("year", date(year, 1, 1), date(year, 12, 31))
        for year in (2006, 2007, 2008, 2009, 2010, 2011, 2024, 2025)
    },
    "2011-H1": ("half", date(2011, 1, 1), date(2011, 6, 30)),
    "2011-Q3": ("quarter", date(2011, 7, 1), date(2011, 9, 30)),
    "2011-9M": ("nine_months", date(2011, 1, 1), date(2011, 9, 30)),
    "2006-2010": ("multi_year", date(2006, 1, 1), date(2010, 12, 31)),
}


def fact(
    province: str,
    period: str,
    indicator: str,
    value: float | int | str,
    received: str,
    sha: str,
    valid_from: date = date(2004, 1, 1),
) -> dict[str, object]:
    """One lake fact; ``period`` is one of the labels of ``PERIODS``."""
    kind, start, end = PERIODS[period]
    return {
        "sha256": sha,
        "file_name": f"{sha}.xlsx",
        "sheet": "BC",
        "cell": f"D{next(_cells)}",
        "province_code": province,
        "province_valid_from": valid_from,
        "province_name": NAMES[province],
        "period": period,
        "period_kind": kind,
        "period_start": start,
        "period_end": end,
        "year": end.year,
        "indicator": indicator,
        "value": Decimal(str(value)),
        "unit": catalogue()[indicator].unit,
        "qualifier": None,
        "raw_value": str(value),
        "row_label": indicator,
        "column_label": "Thực hiện",
        "received_at": datetime.fromisoformat(received).replace(tzinfo=UTC),
        "parser_version": "test",
    }


HA_NOI_2008 = date(2008, 8, 1)
UNITS_2025 = date(2025, 7, 1)

EDGE_CASES = [
    # Thái Nguyên 2011: an annual report and a six-month report -> the annual one, once.
    fact("19", "2011", "trained_workers", 100, "2012-01-10", "tn2011"),
    fact("19", "2011-H1", "trained_workers", 40, "2011-07-10", "tn2011h1"),
    # Bắc Kạn 2011: partial reports only -> 9M (ends latest; longer than Q3, which ends with it).
    fact("06", "2011-H1", "trained_workers", 40, "2011-07-10", "bk2011h1"),
    fact("06", "2011-9M", "trained_workers", 70, "2011-10-10", "bk2011m9"),
    fact("06", "2011-Q3", "trained_workers", 30, "2011-10-12", "bk2011q3"),
    # Thái Nguyên 2010: a corrected resubmission restating trained_workers only.
    fact("19", "2010", "trained_workers", 80, "2011-01-15", "tn2010"),
    fact("19", "2010", "extension_projects", 23, "2011-01-15", "tn2010"),
    fact("19", "2010", "trained_workers", 95, "2011-03-01", "tn2010fix"),
    # A multi-year report (year 2010) never feeds 2010.
    fact("19", "2006-2010", "extension_projects", 135, "2011-02-01", "tn0610"),
    # Stocks: craft villages over the years, and a six-month stock beside an annual one.
    fact("19", "2009", "craft_villages", 100, "2010-01-20", "tn2009"),
    fact("19", "2010", "craft_villages", 130, "2011-01-15", "tn2010"),
    fact("19", "2011-H1", "craft_villages", 150, "2011-07-10", "tn2011h1"),
    fact("19", "2011", "craft_villages", 160, "2012-01-10", "tn2011"),
    fact("06", "2011-H1", "craft_villages", 20, "2011-07-10", "bk2011h1"),
    # Hà Tây and Hà Nội before the 2008 merger; Hà Nội after it (a new unit of code 01).
    fact("28", "2007", "trained_workers", 50, "2008-01-20", "ht2007"),
    fact("01", "2007", "trained_workers", 300, "2008-01-20", "hn2007"),
    fact("01", "2008", "trained_workers", 320, "2009-01-20", "hn2008", HA_NOI_2008),
    # Thái Nguyên and Bắc Kạn before the 2025 merger; the new Thái Nguyên (code 19) after it.
    fact("19", "2024", "trained_workers", 500, "2025-01-20", "tn2024"),
    fact("06", "2024", "trained_workers", 60, "2025-01-20", "bk2024"),
    fact("19", "2025", "trained_workers", 700, "2026-01-20", "tn2025", UNITS_2025),
    # Growth: Thái Nguyên's rural industry output (2009 missing); Bắc Kạn from 0.
    fact("19", "2006", "rural_industry_output", 462_000, "2007-01-20", "tn2006"),
    fact("19", "2007", "rural_industry_output", 600_000, "2008-01-20", "tn2007"),
    fact("19", "2008", "rural_industry_output", 854_000, "2009-01-20", "tn2008"),
    fact("19", "2010", "rural_industry_output", 1_300_000, "2011-01-15", "tn2010"),
    fact("06", "2009", "demo_models", 0, "2010-01-20", "bk2009"),
    fact("06", "2010", "demo_models", 5, "2011-01-20", "bk2010"),
]


def build_lake_warehouse(home: Path, facts: list[dict[str, object]]) -> Path:
    """Write ``facts`` to the lake of ``home`` and build its warehouse; returns the warehouse."""
    replace_facts(home / "lake", pa.Table.from_pylist(facts, schema=FACT_SCHEMA), set())
    build_warehouse(home / "lake", home / "warehouse.duckdb")
    return home / "warehouse.duckdb"


def query(database: Path, sql: str, parameters: list | None = None) -> list[tuple]:
    """Rows of ``sql`` on a fresh read-only connection, as an analyst opens one."""
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute(sql, parameters or []).fetchall()


@pytest.fixture(scope="module")
def edge_cases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_lake_warehouse(tmp_path_factory.mktemp("edge_cases"), EDGE_CASES)


def province_year(database: Path, table: str, province: str, indicator: str, year: int) -> tuple:
    rows = query(
        database,
        f"select value, period, is_partial from marts.{table} "
        "where province_code = ? and indicator = ? and year = ?",
        [province, indicator, year],
    )
    return rows[0] if rows else ()


# Aggregation semantics ----------------------------------------------------------------------


def test_an_annual_and_a_six_month_report_of_one_year_count_once(edge_cases: Path) -> None:
    """The annual report wins; its six-month report is not added to it."""
    assert province_year(edge_cases, "province_indicator_year", "19", "trained_workers", 2011) == (
        100,
        "2011",
        False,
    )


def test_without_an_annual_report_the_partial_report_ending_latest_counts(
    edge_cases: Path,
) -> None:
    """H1 and 9M are never added together; 9M beats Q3, which ends the same day."""
    assert province_year(edge_cases, "province_indicator_year", "06", "trained_workers", 2011) == (
        70,
        "2011-9M",
        True,
    )


def test_the_national_mart_counts_each_province_once_and_its_partial_ones(
    edge_cases: Path,
) -> None:
    rows = query(
        edge_cases,
        "select value, provinces_reporting, partial_provinces from marts.national_indicator_year "
        "where indicator = 'trained_workers' and year = 2011",
    )
    assert rows == [(170, 2, 1)]


def test_a_multi_year_report_never_feeds_a_year(edge_cases: Path) -> None:
    assert province_year(
        edge_cases, "province_indicator_year", "19", "extension_projects", 2010
    ) == (23, "2010", False)
    periods = query(edge_cases, "select distinct period from marts.province_indicator_year")
    assert ("2006-2010",) not in periods


def test_a_stock_of_a_year_is_its_annual_value(edge_cases: Path) -> None:
    assert province_year(edge_cases, "province_indicator_year", "19", "craft_villages", 2011) == (
        160,
        "2011",
        False,
    )


def test_stocks_over_years_are_the_latest_value_the_documented_way(edge_cases: Path) -> None:
    """Craft villages over 2009-2011 are those of 2011 (Thái Nguyên and Bắc Kạn), not a sum."""
    latest = query(
        edge_cases,
        "select value from marts.province_indicator_year_current "
        "where province_code = '19' and indicator = 'craft_villages' and year = 2011",
    )[0][0]
    assert latest == 160 + 20
    ranged = query(
        edge_cases,
        "select value, latest_year from marts.province_indicator_range(2009, 2011) "
        "where province_code = '19' and indicator = 'craft_villages'",
    )
    assert ranged == [(latest, 2011)]
    # The README's way with plain SQL: flows sum(value), stocks arg_max(value, year).
    by_hand = query(
        edge_cases,
        "select case when i.kind = 'stock' then arg_max(c.value, c.year) else sum(c.value) end "
        "from marts.province_indicator_year_current c join marts.indicators i using (indicator) "
        "where c.province_code = '19' and c.indicator = 'craft_villages' "
        "and c.year between 2009 and 2011 group by i.kind",
    )
    assert by_hand == [(latest,)]
    flows = query(
        edge_cases,
        "select value from marts.province_indicator_range(2010, 2011) "
        "where province_code = '19' and indicator = 'trained_workers'",
    )
    assert flows == [(95 + 100 + 70,)]


# Resubmissions and as-of --------------------------------------------------------------------


def test_a_resubmission_replaces_the_value_but_not_an_earlier_as_of(edge_cases: Path) -> None:
    def as_of(day: str) -> tuple:
        rows = query(
            edge_cases,
            "select value from marts.province_indicator_year_as_of(cast(? as date)) "
            "where province_code = '19' and indicator = 'trained_workers' and year = 2010",
            [day],
        )
        return rows[0] if rows else ()

    assert province_year(edge_cases, "province_indicator_year", "19", "trained_workers", 2010) == (
        95,
        "2010",
        False,
    )
    assert as_of("2011-02-28") == (80,)
    assert as_of("2011-03-01") == (95,)  # received that day: on or before it
    assert as_of("2011-01-14") == ()
    # The resubmission restated trained_workers only: the first file's other figures stand.
    assert province_year(
        edge_cases, "province_indicator_year", "19", "extension_projects", 2010
    ) == (23, "2010", False)


def test_as_of_with_no_date_is_the_mart(edge_cases: Path) -> None:
    everything = "select * from marts.province_indicator_year_as_of(null) order by all"
    assert query(edge_cases, everything) == query(
        edge_cases, "select * from marts.province_indicator_year order by all"
    )


def test_as_of_only_counts_what_had_arrived(edge_cases: Path) -> None:
    """On 15 July 2011 Thái Nguyên's and Bắc Kạn's 2011 figures were their six-month ones."""
    rows = query(
        edge_cases,
        "select province_code, value, period from marts.province_indicator_year_as_of("
        "date '2011-07-15') where indicator = 'trained_workers' and year = 2011 order by 1",
    )
    assert rows == [("06", 40, "2011-H1"), ("19", 40, "2011-H1")]


# Geography ----------------------------------------------------------------------------------


def test_ha_tay_2007_is_part_of_ha_noi_in_todays_geography(edge_cases: Path) -> None:
    rows = query(
        edge_cases,
        "select year, province_name, value, source_province_codes "
        "from marts.province_indicator_year_current "
        "where province_code = '01' and indicator = 'trained_workers' order by year",
    )
    assert rows == [(2007, "Hà Nội", 300 + 50, "01,28"), (2008, "Hà Nội", 320, "01")]
    assert query(
        edge_cases,
        "select count(*) from marts.province_indicator_year_current where province_code = '28'",
    ) == [(0,)]


def test_thai_nguyen_2024_in_todays_geography_includes_bac_kan(edge_cases: Path) -> None:
    rows = query(
        edge_cases,
        "select year, province_name, value, source_province_codes "
        "from marts.province_indicator_year_current "
        "where province_code = '19' and indicator = 'trained_workers' and year >= 2024 "
        "order by year",
    )
    assert rows == [(2024, "Thái Nguyên", 560, "06,19"), (2025, "Thái Nguyên", 700, "19")]


def test_the_historical_geography_keeps_each_unit(edge_cases: Path) -> None:
    rows = query(
        edge_cases,
        "select province_code, province_valid_from from marts.province_indicator_year "
        "where indicator = 'trained_workers' and year in (2007, 2008) order by all",
    )
    assert rows == [("01", date(2004, 1, 1)), ("01", HA_NOI_2008), ("28", date(2004, 1, 1))]


def test_every_year_adds_up_to_the_same_total_in_both_geographies(edge_cases: Path) -> None:
    totals = """
        select indicator, year, sum(value) from marts.{table} group by all order by all
    """
    assert query(edge_cases, totals.format(table="province_indicator_year")) == query(
        edge_cases, totals.format(table="province_indicator_year_current")
    )


# Completeness -------------------------------------------------------------------------------


def completeness(database: Path, year: int) -> dict[str, tuple]:
    rows = query(
        database,
        "select province_code, province_name, expected, received, status "
        "from marts.reporting_completeness where year = ?",
        [year],
    )
    return {code: tuple(rest) for code, *rest in rows}


def test_completeness_says_who_reported_and_who_is_missing(edge_cases: Path) -> None:
    year_2011 = completeness(edge_cases, 2011)
    assert year_2011["19"] == ("Thái Nguyên", True, True, "received")
    assert year_2011["06"] == ("Bắc Kạn", True, False, "partial_only")
    assert year_2011["04"] == ("Cao Bằng", True, False, "missing")
    assert len(year_2011) == 63


def test_completeness_expects_the_units_of_each_year(edge_cases: Path) -> None:
    """64 units in 2007; Hà Tây, merged on 1 August 2008, is not expected for 2008; 34 in 2025."""
    expected = dict(
        query(
            edge_cases,
            "select year, count(*) filter (where expected) from marts.reporting_completeness "
            "group by year",
        )
    )
    assert expected[2007] == 64
    assert expected[2008] == 63
    assert expected[2025] == 34
    assert set(expected) == set(range(2006, 2026))
    # received on 20 January, after the deadline of 15 January: late
    assert completeness(edge_cases, 2007)["28"] == ("Hà Tây", True, True, "late")
    assert completeness(edge_cases, 2008)["28"] == ("Hà Tây", False, False, "missing")
    assert "28" not in completeness(edge_cases, 2009)
    assert completeness(edge_cases, 2008)["01"] == ("Hà Nội", True, True, "late")
    assert completeness(edge_cases, 2025)["06"][1] is False
    assert completeness(edge_cases, 2025)["19"] == ("Thái Nguyên", True, True, "late")


# Growth -------------------------------------------------------------------------------------


def growth(database: Path, province: str, indicator: str) -> dict[int, tuple]:
    rows = query(
        database,
        "select year, previous_value, yoy_change_pct, is_comparable from marts.indicator_growth "
        "where province_code = ? and indicator = ?",
        [province, indicator],
    )
    return {year: tuple(rest) for year, *rest in rows}


def test_year_on_year_growth_of_flows(edge_cases: Path) -> None:
    output = growth(edge_cases, "19", "rural_industry_output")
    assert output[2006] == (None, None, False)
    assert output[2007][1] == pytest.approx((600_000 / 462_000 - 1) * 100)
    assert output[2008][1] == pytest.approx((854_000 / 600_000 - 1) * 100)
    assert output[2010] == (None, None, False)  # 2009 is missing
    assert growth(edge_cases, "06", "demo_models")[2010] == (0, None, True)  # from 0


def test_growth_is_not_computed_across_a_merger_or_from_a_partial_year(edge_cases: Path) -> None:
    assert growth(edge_cases, "01", "trained_workers")[2008] == (300, None, False)
    assert growth(edge_cases, "19", "trained_workers")[2025] == (500, None, False)
    assert growth(edge_cases, "06", "trained_workers")[2011][2] is False
    stocks = query(
        edge_cases,
        "select count(*) from marts.indicator_growth where indicator = 'craft_villages'",
    )
    assert stocks == [(0,)]


def test_compound_growth_of_thai_nguyen_rural_industry(edge_cases: Path) -> None:
    """2006 -> 2010: about 29.5 % a year (domain.md), not the 36.8 % the report claims."""
    rows = query(
        edge_cases,
        "select from_value, to_value, cagr_pct, is_comparable "
        "from marts.compound_growth('rural_industry_output', 2006, 2010) "
        "where province_code = '19'",
    )
    assert rows[0][:2] == (462_000, 1_300_000)
    assert rows[0][2] == pytest.approx(29.52, abs=0.01)
    assert rows[0][3] is True
    across_merger = query(
        edge_cases,
        "select cagr_pct, is_comparable from marts.compound_growth('trained_workers', 2024, 2025) "
        "where province_code = '19'",
    )
    assert across_merger == [(None, False)]


# Documentation ------------------------------------------------------------------------------


def test_every_mart_and_every_column_is_documented_in_both_languages(edge_cases: Path) -> None:
    tables = query(
        edge_cases,
        "select table_name, comment from duckdb_tables() where schema_name = 'marts'",
    )
    columns = query(
        edge_cases,
        "select table_name, column_name, comment from duckdb_columns() where schema_name = 'marts'",
    )
    macros = query(
        edge_cases,
        "select function_name, comment from duckdb_functions() "
        "where schema_name = 'marts' and function_type = 'table_macro'",
    )
    assert {name for name, _ in macros} >= {
        "province_indicator_year_as_of",
        "compound_growth",
        "province_indicator_range",
    }
    for name, comment in [*tables, *macros]:
        assert comment and " / " in comment, name
    for table, column, comment in columns:
        vietnamese, _, english = (comment or "").partition(" / ")
        assert vietnamese and english, (table, column)
    assert ("province_indicator_year", "province_code", "Mã tỉnh (GSO) / Province GSO code") in (
        columns
    )


def test_a_mart_column_without_a_doc_fails_the_build_and_keeps_the_live_warehouse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    database = build_lake_warehouse(home, EDGE_CASES[:3])
    before = database.read_bytes()
    docs = build.column_docs()
    shared = {k: v for k, v in docs.shared.items() if k != "previous_value"}
    monkeypatch.setattr(build, "column_docs", lambda: type(docs)(shared, docs.by_model))
    with pytest.raises(UndocumentedModel, match=r"marts\.indicator_growth\.previous_value"):
        build_warehouse(home / "lake", database)
    assert database.read_bytes() == before
    assert sorted(p.name for p in home.iterdir()) == ["lake", "warehouse.duckdb"]


# Keys ---------------------------------------------------------------------------------------

# Arguments to call each table macro with in the key test; a new macro must be added here.
MACRO_CALLS = {
    "int_report_versions_as_of": "(null)",
    "int_report_values_as_of": "(null)",
    "province_indicator_year_as_of": "(date '2011-07-15')",
    "province_indicator_range": "(2005, 2025)",
    "compound_growth": "('trained_workers', 2007, 2011)",
}
KEYED = [m for m in load_models() if m.key]


@pytest.fixture(scope="module")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The nightly run production runs, without Prefect, over a small generated corpus."""
    from devtools.sample import generate_sample
    from khuyencong import pipeline
    from khuyencong.places import Places

    root = tmp_path_factory.mktemp("sample")
    generate_sample(root / "inbox", provinces={"19", "06", "28", "01", "66"})
    places = Places.of(root / "home")
    summary = pipeline.nightly(root / "inbox", places, settle_seconds=0)
    assert summary.files and set(summary.statuses) == {"loaded"}
    return places.warehouse


@pytest.fixture(params=["sample", "edge_cases"])
def warehouse(request: pytest.FixtureRequest) -> Path:
    return request.getfixturevalue(
        "sample_warehouse" if request.param == "sample" else "edge_cases"
    )


@pytest.mark.parametrize("model", KEYED, ids=lambda m: m.qualified_name)
def test_every_declared_key_is_unique_and_never_null(model: build.Model, warehouse: Path) -> None:
    relation = model.qualified_name
    if model.materialisation == "macro":
        assert model.name in MACRO_CALLS, f"add example arguments for {relation} to MACRO_CALLS"
        relation += MACRO_CALLS[model.name]
    key = ", ".join(model.key)
    nulls = " or ".join(f"{column} is null" for column in model.key)
    rows, duplicates, null_keys = query(
        warehouse,
        f"select count(*), count(*) - count(distinct ({key})), count(*) filter (where {nulls}) "
        f"from {relation}",
    )[0]
    assert (duplicates, null_keys) == (0, 0), (relation, rows)


def test_the_sample_warehouse_has_rows_in_every_mart(sample_warehouse: Path) -> None:
    """Every mart has rows (the corpus's legacy text gives findings), so every key is tested."""
    empty = [
        name
        for (name,) in query(
            sample_warehouse,
            "select table_name from duckdb_tables() where schema_name = 'marts' "
            "and estimated_size = 0",
        )
    ]
    assert empty == []
    statuses = dict(
        query(
            sample_warehouse,
            "select status, count(*) from marts.reporting_completeness where expected "
            "and province_code in ('19', '06', '28', '01', '66') group by status",
        )
    )
    assert set(statuses) == {"received", "late"}  # every annual report arrived, a few late


# Never locked -------------------------------------------------------------------------------

READER = textwrap.dedent(
    """
    import json, sys
    import duckdb

    path = sys.argv[1]
    counts, failures = [], []
    def read():
        try:
            with duckdb.connect(path, read_only=True) as con:
                counts.append(
                    con.execute("select count(*) from marts.national_indicator_year").fetchone()[0]
                )
        except Exception as error:
            failures.append(f"{type(error).__name__}: {error}")
    read()
    print("reading", flush=True)
    # read until the builder says it is done (closes our stdin), however slow the machine
    import threading
    done = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
    while not done.is_set():
        read()
    read()
    print(json.dumps({"counts": counts, "failures": failures}))
    """
)


def test_analysts_are_never_locked_out_by_a_rebuild(sample_warehouse: Path, tmp_path: Path) -> None:
    """A second process reads in a loop, from before the first rebuild to after the last."""
    lake = sample_warehouse.parent / "lake"
    target = tmp_path / "warehouse.duckdb"
    build_warehouse(lake, target)
    expected = query(target, "select count(*) from marts.national_indicator_year")[0][0]
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert reader.stdout is not None and reader.stdin is not None
    assert reader.stdout.readline() == "reading\n"
    for _ in range(4):
        build_warehouse(lake, target)
    out, err = reader.communicate(input="", timeout=120)
    assert reader.returncode == 0, err
    result = json.loads(out)
    assert result["failures"] == []
    assert len(result["counts"]) > 4
    assert set(result["counts"]) == {expected}
    assert [p.name for p in tmp_path.iterdir()] == ["warehouse.duckdb"]


# Sheets -------------------------------------------------------------------------------------


def test_every_sheet_of_a_loaded_workbook_leaves_a_trace(tmp_path: Path) -> None:
    """A hidden sheet and an empty one beside the report are in marts.sheets, with why they
    were skipped; the report's sheet says how many rows it read and set aside, and what
    became of each of its numbers."""
    from openpyxl import load_workbook

    from khuyencong import pipeline
    from khuyencong.places import Places
    from tests.nightly import ACTIVITY_MERGES
    from tests.sheets import save_xlsx
    from tests.transforms.reports import activity_rows

    (tmp_path / "inbox").mkdir()
    rows = activity_rows()
    rows.insert(12, [None, "Số làng nghề truyền thống", "làng", 25])  # no indicator: set aside
    path = save_xlsx(tmp_path / "inbox" / "BC_ThaiNguyen_2010.xlsx", "BC", rows, ACTIVITY_MERGES)
    book = load_workbook(path)
    book.create_sheet("Năm trước").append(["Đào tạo nghề", 1100])
    book["Năm trước"].sheet_state = "hidden"
    book.create_sheet("Trống")
    book.save(path)
    places = Places.of(tmp_path / "home")

    summary = pipeline.nightly(tmp_path / "inbox", places, settle_seconds=0)

    assert summary.statuses == {"loaded": 1}
    assert query(
        places.warehouse,
        "select file_name, position, sheet, status, reason, table_found, layout, period, "
        "province, rows_read, rows_set_aside from marts.sheets",
    ) == [
        ("BC_ThaiNguyen_2010.xlsx", 0, "BC", "read", None, True, "by_indicator", "2010",
         "19 Thái Nguyên", 4, 1),
        ("BC_ThaiNguyen_2010.xlsx", 1, "Năm trước", "skipped", "hidden sheet", False, None,
         None, None, 0, 0),
        ("BC_ThaiNguyen_2010.xlsx", 2, "Trống", "skipped", "no table with a recognisable header",
         False, None, None, None, 0, 0),
    ]  # fmt: skip
    # every number of the read table has one outcome: 13 facts, 9 printed totals checked
    # (the sections' and the Tổng cộng's funding), and "Số làng nghề truyền thống | 25" warned
    assert query(
        places.warehouse,
        "select sheet, numeric_cells, cells_fact, cells_total, cells_part, cells_not_indicator, "
        "cells_not_period, cells_finding, cells_not_read from marts.sheets",
    ) == [
        ("BC", 23, 13, 9, 0, 0, 0, 0, 1),
        ("Năm trước", 0, 0, 0, 0, 0, 0, 0, 0),
        ("Trống", 0, 0, 0, 0, 0, 0, 0, 0),
    ]


def test_reference_values_are_never_older_than_the_lake(tmp_path: Path) -> None:
    """A run stopped between writing the lake and rebuilding the warehouse left the marts
    stale: the next run's references come from a warehouse rebuilt first."""
    from khuyencong.places import Places
    from khuyencong.process import reference_values
    from transforms.revisions import Reported

    places = Places.of(tmp_path / "home")
    assert reference_values(places).live == {}
    build_lake_warehouse(places.home, EDGE_CASES[:1])
    later = fact("19", "2011", "trained_workers", 120, "2012-02-10", "tn2011fix")
    replace_facts(places.lake, pa.Table.from_pylist([later], schema=FACT_SCHEMA), set())

    references = reference_values(places)

    assert references.live == {
        ("19", "2011"): {"trained_workers": Reported(Decimal(120), "tn2011fix.xlsx", False)}
    }
    assert references.reports.to_dict("records") == [
        {"province_code": "19", "indicator": "trained_workers", "year": 2011, "value": 120.0}
    ]
