"""Text that looks like a formula is written inert: quoted in CSV, quote-prefixed in Excel."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import duckdb
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from khuyencong.inert import inert_cell, inert_sql, inert_text

CSV_CASES = {
    "=1+1 BC_2010.xlsx": "'=1+1 BC_2010.xlsx",
    '=HYPERLINK("http://x","a")': '\'=HYPERLINK("http://x","a")',
    "+cmd|' /C calc'!A0": "'+cmd|' /C calc'!A0",
    "@SUM(A1:A9)": "'@SUM(A1:A9)",
    "-2+3": "'-2+3",
    "+84 912": "'+84 912",
    "\t=1": "'\t=1",
    "\r=1": "'\r=1",
    "-1250": "-1250",  # a plain number computes to itself
    "+5": "+5",
    "-1.250,5": "-1.250,5",
    "Thái Nguyên": "Thái Nguyên",
    " =1+1": " =1+1",
    "": "",
}


def test_csv_text_gets_an_apostrophe_only_where_a_spreadsheet_would_compute() -> None:
    assert {text: inert_text(text) for text in CSV_CASES} == CSV_CASES


def _sql(texts: list[str]) -> list[str]:
    with duckdb.connect() as con:
        con.execute("create table t (i integer, x varchar)")
        con.executemany("insert into t values (?, ?)", list(enumerate(texts)))
        rows = con.execute(f"select {inert_sql('x')} from t order by i").fetchall()
    return [text for (text,) in rows]


def test_the_sql_of_a_csv_export_is_the_same_rule() -> None:
    assert _sql(list(CSV_CASES)) == list(CSV_CASES.values())


FORMULA_ALPHABET = "=+-@\t\r0123456789.,'|( aAđ"


@given(st.lists(st.text(alphabet=FORMULA_ALPHABET, max_size=8), min_size=1, max_size=20))
def test_the_sql_and_the_python_rule_agree_on_any_text(texts: list[str]) -> None:
    assert _sql(texts) == [inert_text(text) for text in texts]


def test_an_excel_cell_keeps_the_text_as_typed_as_a_string_with_the_quote_prefix() -> None:
    sheet = Workbook().active
    formula = inert_cell(sheet["A1"], "=1+1")
    plain = inert_cell(sheet["A2"], "Thái Nguyên")
    control = inert_cell(sheet["A3"], "@a\x00b\x1f")
    number = inert_cell(sheet["A4"], -5)
    assert (formula.value, formula.data_type, formula.quotePrefix) == ("=1+1", "s", True)
    assert (plain.value, plain.data_type, plain.quotePrefix) == ("Thái Nguyên", "s", False)
    assert (control.value, control.data_type, control.quotePrefix) == ("@ab", "s", True)
    assert (number.value, number.data_type, number.quotePrefix) == (-5, "n", False)


def test_an_excel_cell_holds_a_moment_in_utc_and_a_list_as_its_items() -> None:
    sheet = Workbook().active
    hanoi = timezone(timedelta(hours=7))
    moment = inert_cell(sheet["A1"], datetime(2012, 1, 10, 15, 30, tzinfo=hanoi))
    items = inert_cell(sheet["A2"], ["01", None, "=28"])
    assert moment.value == datetime(2012, 1, 10, 8, 30)
    assert (items.value, items.data_type) == ("01, , =28", "s")
