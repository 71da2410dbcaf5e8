"""Table shapes: how the rows and columns of a table carry its figures, one module a shape.

* ``by_province_column`` (a regional office's table of its provinces side by side): each row
  names an indicator, each column is one province's report; a total column is a check.
* ``by_record`` (data exports, "Mã tỉnh | Tên tỉnh | Chỉ tiêu | ĐVT | Kỳ | Giá trị"): each row
  is one figure of the province, period and indicator it names.
* ``by_province`` (regional compilations): each row is one province's report, each column an
  indicator.
* ``by_year_row`` / ``by_year_column`` (a range's report, "GIAI ĐOẠN 2006-2010", one row or
  one column per year): each year's figures are facts of that year; the range's total is a
  check.
* ``by_funding_section`` (sections by funding source, "I. Kinh phí khuyến công quốc gia"):
  each section's money is the part it names, the "Tổng cộng" the total; counts as by indicator.
* ``by_indicator`` (activity tables, transposed indicator-by-year tables): each row names an
  indicator (label + ĐVT) and one column holds the period's actuals; columns that name an
  indicator themselves (the funding split "Tổng | KCQG | KCĐP") give one fact per row.

The first shape in ``SHAPES`` whose ``matches`` accepts a table reads it; ``by_indicator``
accepts every table and comes last. A new shape is a module with a ``SHAPE`` and its line here.
"""

from __future__ import annotations

from transforms.model import Sheet
from transforms.reading.shapes import (
    by_funding_section,
    by_indicator,
    by_province,
    by_province_column,
    by_record,
    by_year_column,
    by_year_row,
)
from transforms.reading.shapes.shape import Shape
from transforms.reading.tables import Table

SHAPES: tuple[Shape, ...] = (
    by_province_column.SHAPE,
    by_record.SHAPE,
    by_province.SHAPE,
    by_year_row.SHAPE,
    by_year_column.SHAPE,
    by_funding_section.SHAPE,
    by_indicator.SHAPE,
)


def shape_of(sheet: Sheet, table: Table) -> Shape:
    return next(shape for shape in SHAPES if shape.matches(sheet, table))
