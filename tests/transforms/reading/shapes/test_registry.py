"""Table shapes: the first whose ``matches`` accepts a table reads it; by indicator is last."""

from __future__ import annotations

from tests.sheets import sheet
from tests.transforms.reports import activity_rows, regional_rows
from transforms.reading.columns import settle_province_column
from transforms.reading.shapes import SHAPES, shape_of
from transforms.reading.tables import find_table


def test_the_shapes_are_tried_in_order_and_the_last_takes_any_table() -> None:
    names = [shape.name for shape in SHAPES]
    assert len(set(names)) == len(names)
    assert names.index("by_province") < names.index("by_indicator") == len(names) - 1
    by_name = {shape.name: shape for shape in SHAPES}
    assert by_name["by_province"].rows_are_provinces
    assert not by_name["by_indicator"].rows_are_provinces


def test_a_table_with_a_province_per_row_is_read_by_province() -> None:
    compilation = sheet("TH", regional_rows())
    table = find_table(compilation)
    assert table is not None
    assert shape_of(compilation, settle_province_column(compilation, table)).name == "by_province"


def test_any_other_table_is_read_by_indicator() -> None:
    report = sheet("BC", activity_rows())
    table = find_table(report)
    assert table is not None
    assert shape_of(report, settle_province_column(report, table)).name == "by_indicator"
