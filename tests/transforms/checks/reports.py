"""The one-table report the rule tests break, one mistake at a time."""

from __future__ import annotations

from tests.sheets import sheet, workbook
from transforms.model import Reading
from transforms.reading.workbook import understand_workbook

Rows = list[list[object]]


def report(*rows: list[object], header: tuple[str, ...] = ("Thực hiện",)) -> Rows:
    """Thái Nguyên's 2010 report: the header on row 3, the rows given from row 4 on."""
    return [
        ["SỞ CÔNG THƯƠNG TỈNH THÁI NGUYÊN"],
        ["BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG NĂM 2010"],
        ["STT", "Chỉ tiêu", "ĐVT", *header],
        *(list(row) for row in rows),
    ]


def read(rows: Rows) -> Reading:
    return understand_workbook(workbook("bc.xlsx", sheet("BC", rows)))


def loaded(reading: Reading) -> list[tuple[str, str]]:
    """The facts a reading loads, as (indicator, cell)."""
    return [(fact.indicator, fact.cell) for fact in reading.facts]
