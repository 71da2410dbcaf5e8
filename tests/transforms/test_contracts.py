"""The lake's contracts: every fact a reading gives fits the lake's types."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from tests.sheets import sheet, workbook
from tests.transforms.reports import provincial_title
from transforms.contracts import (
    FACT_SCHEMA,
    Lineage,
    SheetTally,
    fact_rows,
    lake_value,
    sheet_rows,
    to_table,
)
from transforms.model import CellOutcome, SheetOutcome
from transforms.reading.workbook import understand_workbook


def test_a_value_with_more_places_than_the_lake_keeps_is_rounded_to_the_dong() -> None:
    """Excel's computed 913.666666666667 million VND once stopped the whole run (Arrow refuses
    to drop a decimal place); kept to six places, it is 913.666667, to the đồng."""
    rows = [
        *provincial_title("LONG AN", 2010),
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Kinh phí khuyến công", "triệu đồng", 913.6666666666666],
        [2, "Kinh phí khuyến công quốc gia", "đồng", "1,5"],
    ]
    reading = understand_workbook(workbook("KC_LongAn_2010.xlsx", sheet("S", rows)))
    lineage = Lineage("ab" * 32, "KC_LongAn_2010.xlsx", datetime(2011, 1, 5, tzinfo=UTC), "t")
    table = to_table(fact_rows(reading.facts, lineage), FACT_SCHEMA)
    values = zip(table["indicator"].to_pylist(), table["value"].to_pylist(), strict=True)
    assert sorted(values) == [
        ("extension_funding", Decimal("913.666667")),
        ("extension_funding_national", Decimal("0.000002")),
    ]


def test_lake_values_round_half_to_even_at_the_sixth_place() -> None:
    assert lake_value(Decimal("0.0000025")) == Decimal("0.000002")
    assert lake_value(Decimal("0.0000035")) == Decimal("0.000004")
    assert lake_value(Decimal("-1.2345678")) == Decimal("-1.234568")
    assert lake_value(Decimal("999999999999999999.9999994")) == Decimal("999999999999999999.999999")


def test_a_sheets_numbers_are_kept_counted_by_outcome() -> None:
    cells = (
        CellOutcome("D8", "Đề án", "Thực hiện", "15", "fact", "extension_projects"),
        CellOutcome("D9", "Trong đó", "Thực hiện", "4", "part", "of-which"),
        CellOutcome("D10", "Tổng cộng", "Thực hiện", "19", "total", "sum"),
        CellOutcome("E8", "Đề án", "Kế hoạch", "16", "not_period", "plan"),
        CellOutcome("E9", "Trong đó", "Kế hoạch", "5", "not_period", "plan"),
    )
    outcome = SheetOutcome("KQ 2008", "read", "", "by_indicator", (6,), cells=cells)
    lineage = Lineage("ab" * 32, "KC_TayNinh_2008.xlsx", datetime(2009, 1, 5, tzinfo=UTC), "t")

    tally = SheetTally.of(outcome)
    (row,) = sheet_rows((tally,), (), (), lineage)

    assert tally.cells == (1, 1, 1, 0, 2, 0, 0)  # fact, total, part, not_indicator, not_period
    assert row["numeric_cells"] == 5
    assert row["table_found"] is True
    assert [row[f"cells_{kind}"] for kind in ("fact", "total", "part", "not_period")] == [
        1,
        1,
        1,
        2,
    ]
