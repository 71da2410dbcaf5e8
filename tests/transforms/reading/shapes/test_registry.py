"""Table shapes: the first whose ``matches`` accepts a table reads it; by indicator is last."""

from __future__ import annotations

from tests.sheets import sheet
from tests.transforms.reports import activity_rows, regional_rows
from transforms.reading.columns import settle_province_column
from transforms.reading.shapes import SHAPES, shape_of
from transforms.reading.tables import find_table


def test_the_shapes_are_tried_in_order_and_the_last_takes_any_table() -> None:
    assert [shape.name for shape in SHAPES] == ["by_province", "by_indicator"]
    assert [shape.rows_are_provinces for shape in SHAPES] == [True, False]


def test_a_table_with_a_province_per_row_is_read_by_province() -> None:
    compilation = sheet("TH", regional_rows())
    table = find_table(compilation)
    assert table is not None
    assert shape_of(settle_province_column(compilation, table)).name == "by_province"


def test_any_other_table_is_read_by_indicator() -> None:
    report = sheet("BC", activity_rows())
    table = find_table(report)
    assert table is not None
    assert shape_of(settle_province_column(report, table)).name == "by_indicator"
