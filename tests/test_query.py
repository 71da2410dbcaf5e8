"""``khuyencong query`` as an analyst, or someone less friendly, uses it; ``--version``; and
``inspect --format json`` printing only JSON.

Most tests run on a tiny warehouse made here (a ``marts`` table, a view and a table macro); one
runs the real marts and macros of a warehouse built from the lake of ``tests.test_warehouse``.
Every forbidden statement must fail with one line on stderr, exit 1, and leave no trace.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import duckdb
import pytest
import xlwt
from typer.testing import CliRunner, Result

from khuyencong.cli import app
from tests.test_warehouse import EDGE_CASES, build_lake_warehouse

runner = CliRunner()
KHUYENCONG = Path(sys.executable).parent / "khuyencong"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data home whose warehouse holds one row of each kind of value the marts print."""
    home = tmp_path_factory.mktemp("query")
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        con.execute(
            """
            create schema marts;
            create table marts.figures (
                province_code varchar, year integer, value decimal(18, 3),
                money decimal(18, 3), is_partial boolean, share double);
            insert into marts.figures values
                ('19', 2009, 12.000, 1234567.500, true, 0.25),
                ('06', 2010, 7.000, 42.000, false, null);
            create view marts.recent as select * from marts.figures where year >= 2010;
            create macro marts.figures_of(y) as table select * from marts.figures where year = y;
            """
        )
    return home


def query(home: Path, sql: str, *options: str) -> Result:
    return runner.invoke(app, ["query", sql, "--home", str(home), *options])


def assert_refused(result: Result, message: str) -> None:
    """Exit 1, nothing on stdout, and ``message`` in one line on stderr: no traceback."""
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("error: ")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.output


FILE_ACCESS_DISABLED = "file system operations are disabled by configuration"


# Read-only in fact ---------------------------------------------------------------------------


def test_copy_to_a_file_writes_nothing(home: Path, tmp_path: Path) -> None:
    target = tmp_path / "x.csv"
    result = query(home, f"copy (select 1) to '{target}'")
    assert_refused(result, FILE_ACCESS_DISABLED)
    assert not target.exists()


def test_export_database_writes_nothing(home: Path, tmp_path: Path) -> None:
    target = tmp_path / "dump"
    result = query(home, f"export database '{target}'")
    assert_refused(result, FILE_ACCESS_DISABLED)
    assert not target.exists() or not any(target.iterdir())


@pytest.mark.parametrize(
    "reader", ["read_csv('{}')", "read_text('{}')", "read_parquet('{}')", "glob('{}')"]
)
def test_no_file_can_be_read(home: Path, tmp_path: Path, reader: str) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("password\nhunter2\n")
    result = query(home, f"select * from {reader.format(secret)}")
    assert_refused(result, f'Cannot access file "{secret}" - {FILE_ACCESS_DISABLED}')


def test_no_url_can_be_read_nor_httpfs_loaded_for_it(home: Path) -> None:
    result = query(home, "select * from 'https://example.com/x.csv'")
    assert_refused(result, FILE_ACCESS_DISABLED)


def test_no_other_database_can_be_attached(home: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    assert_refused(query(home, f"attach '{other}' as other"), FILE_ACCESS_DISABLED)
    assert_refused(query(home, "attach ':memory:' as scratch"), "read-only mode")


def test_no_extension_can_be_installed(home: Path) -> None:
    assert_refused(query(home, "install httpfs"), FILE_ACCESS_DISABLED)


def test_no_extension_can_be_loaded(home: Path) -> None:
    result = query(home, "load httpfs")
    assert_refused(result, "Loading external extensions is disabled through configuration")


@pytest.mark.parametrize(
    "statement",
    [
        "set enable_external_access = true",
        "reset enable_external_access",
        "set lock_configuration = false",
        "set autoload_known_extensions = true",
        "set allow_community_extensions = true",
    ],
)
def test_the_settings_cannot_be_changed_back(home: Path, tmp_path: Path, statement: str) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("password\nhunter2\n")
    result = query(home, f"{statement}; select * from read_csv('{secret}')")
    assert_refused(result, "the configuration has been locked")


def test_the_warehouse_cannot_be_written(home: Path) -> None:
    result = query(home, "insert into marts.figures (year) values (2011)")
    assert_refused(result, 'Cannot execute statement of type "INSERT"')
    assert_refused(query(home, "drop table marts.figures"), "read-only mode")
    assert query(home, "select count(*) from marts.figures", "--format", "csv").stdout == (
        "count_star()\n2\n"
    )


def test_views_and_table_macros_work_locked_down(home: Path) -> None:
    result = query(
        home,
        "select year from marts.recent union all select year from marts.figures_of(2009) "
        "order by year",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"year": 2009}, {"year": 2010}]


def test_the_real_marts_and_macros_work_locked_down(tmp_path: Path) -> None:
    """The macros resolve marts tables and the views staging ones: none needs a file."""
    database = build_lake_warehouse(tmp_path, EDGE_CASES)
    sql = (
        "select 'as_of' as source, count(*) as n "
        "from marts.province_indicator_year_as_of(date '2012-01-31') "
        "union all select 'range', count(*) from marts.province_indicator_range(2009, 2011) "
        "union all select 'growth', count(*) "
        "from marts.compound_growth('rural_industry_output', 2006, 2010) "
        "union all select 'staging', count(*) from information_schema.tables "
        "where table_schema = 'staging' "
        "union all select 'current', count(*) from marts.province_indicator_year_current "
        "order by all"
    )
    with duckdb.connect(str(database), read_only=True) as con:
        expected = [{"source": s, "n": n} for s, n in con.execute(sql).fetchall()]
    result = query(tmp_path, sql, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == expected
    assert all(row["n"] > 0 for row in expected)


# Errors: one line ----------------------------------------------------------------------------


def test_a_syntax_error_is_one_line(home: Path) -> None:
    result = query(home, "selec 1")
    assert_refused(result, "")
    assert result.stderr == 'error: Parser Error: syntax error at or near "selec"\n'


def test_an_unknown_table_is_one_line(home: Path) -> None:
    result = query(home, "select * from foo")
    assert_refused(result, "error: Catalog Error: Table with name foo does not exist!")
    assert "LINE 1" not in result.stderr


def test_no_warehouse_yet_is_one_line(tmp_path: Path) -> None:
    result = query(tmp_path, "select 1")
    assert_refused(
        result, f"error: no warehouse at {tmp_path / 'warehouse.duckdb'}: run `khuyencong run`"
    )


def test_no_statement_is_one_line(home: Path) -> None:
    assert_refused(query(home, " ; "), "error: no SQL statement to run")


def test_an_unknown_format_is_a_usage_error(home: Path) -> None:
    result = query(home, "select 1", "--format", "xml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "xml" in result.stderr


# Several statements ---------------------------------------------------------------------------


def test_each_statement_prints_its_result_in_order(home: Path) -> None:
    sql = "select 1 as a; select 'x' as b"
    assert query(home, sql, "--format", "json").stdout == '[{"a": 1}]\n[{"b": "x"}]\n'
    assert query(home, sql, "--format", "csv").stdout == "a\n1\n\nb\nx\n"
    table = query(home, sql).stdout
    assert table.index("┃ a ┃") < table.index("┃ b ┃")


def test_a_failing_statement_prints_no_result_of_the_others(home: Path) -> None:
    assert_refused(query(home, "select 1; select * from foo"), "Table with name foo")


# Numbers print as numbers ---------------------------------------------------------------------

FIGURES = "select * from marts.figures order by year"


def test_the_table_never_groups_the_digits_of_integers(home: Path) -> None:
    out = query(home, FIGURES).stdout
    assert "│ 2009 │" in out and "2,009" not in out
    assert "│ 12 " in out and "12.000" not in out
    assert "1,234,567.5" in out  # decimal measures are grouped, for reading
    assert "│ true " in out and "│ false " in out


def test_csv_has_plain_numbers_and_booleans(home: Path) -> None:
    out = query(home, FIGURES, "--format", "csv").stdout
    assert out.splitlines() == [
        "province_code,year,value,money,is_partial,share",
        "19,2009,12,1234567.5,true,0.25",
        "06,2010,7,42,false,",
    ]


def test_json_numbers_stay_numbers(home: Path) -> None:
    rows = json.loads(query(home, FIGURES, "--format", "json").stdout)
    assert rows[0] == {
        "province_code": "19",
        "year": 2009,
        "value": 12,
        "money": 1234567.5,
        "is_partial": True,
        "share": 0.25,
    }
    assert rows[1]["share"] is None and rows[1]["is_partial"] is False


def test_table_cells_are_not_rich_markup(home: Path) -> None:
    assert "[b]x[/b]" in query(home, "select '[b]x[/b]' as s").stdout


# --version and inspect ---------------------------------------------------------------------------


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"khuyencong {version('khuyencong')}\n"


def write_gso_like_xls(path: Path) -> Path:
    """A valid .xls followed by a few stray bytes, as some GSO exports end; its title is TCVN3
    text in a .VnTime font, so that the fonts are read too (the second place xlrd opens it)."""
    book = xlwt.Workbook(encoding="cp1252")
    sheet = book.add_sheet("BC")
    legacy = xlwt.XFStyle()
    legacy.font.name = ".VnTime"
    sheet.write(0, 0, "B¸o c¸o kÕt qu¶ khuyÕn c«ng n¨m 2010", legacy)
    for column, label in enumerate(["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"]):
        sheet.write(2, column, label)
    for column, value in enumerate([1, "Số lao động được đào tạo nghề", "người", 230]):
        sheet.write(3, column, value)
    book.save(str(path))
    path.write_bytes(path.read_bytes() + b"\x00garbage")
    return path


def test_inspect_json_prints_only_json_for_an_xls_xlrd_warns_about(tmp_path: Path) -> None:
    import xlrd

    path = write_gso_like_xls(tmp_path / "bc.xls")
    with (tmp_path / "xlrd.log").open("w") as log:  # the warning this test is about
        xlrd.open_workbook(str(path), logfile=log)
    assert "not 512 + multiple of sector size" in (tmp_path / "xlrd.log").read_text()
    # a real process: xlrd's default logfile is the sys.stdout of import time, not CliRunner's
    done = subprocess.run(
        [str(KHUYENCONG), "inspect", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    explained = json.loads(done.stdout)
    assert explained["sheets"][0]["status"] == "read"
    assert "WARNING" not in done.stdout + done.stderr


def test_csv_text_that_would_run_as_a_formula_gets_an_apostrophe(home: Path) -> None:
    sql = "select '=1+1 BC_2010.xlsx' as file_name, '-2+3' as label, -5 as value, '-5' as raw"
    out = query(home, sql, "--format", "csv").stdout
    assert out.splitlines() == ["file_name,label,value,raw", "'=1+1 BC_2010.xlsx,'-2+3,-5,-5"]
