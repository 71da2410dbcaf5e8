"""Table shapes: how the rows and columns of a table carry its figures, one module a shape.

* ``by_province`` (regional compilations): each row is one province's report, each column an
  indicator.
* ``by_indicator`` (activity tables, transposed indicator-by-year tables): each row names an
  indicator (label + ĐVT) and one column holds the period's actuals; columns that name an
  indicator themselves (the funding split "Tổng | KCQG | KCĐP") give one fact per row.

The first shape in ``SHAPES`` whose ``matches`` accepts a table reads it; ``by_indicator``
accepts every table and comes last. A new shape is a module with a ``SHAPE`` and its line here.
"""

from __future__ import annotations

from transforms.reading.shapes import by_indicator, by_province
from transforms.reading.shapes.shape import Shape
from transforms.reading.tables import Table

SHAPES: tuple[Shape, ...] = (by_province.SHAPE, by_indicator.SHAPE)


def shape_of(table: Table) -> Shape:
    return next(shape for shape in SHAPES if shape.matches(table))
