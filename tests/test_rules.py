"""One table per rule: a sheet that breaks it gives the rule, at its cell, with its severity;
the same sheet without the mistake gives no finding at all."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from khuyencong.process import validate_readings
from tests.sheets import sheet, workbook
from tests.transforms.reports import regional_rows, title, transposed_rows
from transforms.contracts import Lineage
from transforms.decide import SubmissionReading
from transforms.findings import messages, severity
from transforms.model import Finding
from transforms.reading.workbook import understand_workbook

Rows = list[list[object]]


def simple_report(year: str = "2010") -> Rows:
    return [
        ["SỞ CÔNG THƯƠNG TỈNH THÁI NGUYÊN"],
        [f"BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG NĂM {year}"],
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Số lao động được đào tạo nghề", "người", 1250],
        [2, "Số lớp đào tạo nghề", "lớp", 40],
    ]


def findings_of(rows: Rows, file_name: str = "bc.xlsx") -> list[Finding]:
    """Reader findings, then the expectation suite's, as a run would give them."""
    reading = understand_workbook(workbook(file_name, sheet("BC", rows)))
    lineage = Lineage("0" * 64, file_name, datetime(2026, 1, 1, tzinfo=UTC), "test")
    submission = SubmissionReading(lineage, 1, reading.facts, reading.findings)
    suite = validate_readings([submission], date(2026, 11, 24))
    return [*reading.findings, *suite.get(lineage.sha256, [])]


def excel_error(rows: Rows) -> Rows:
    rows[3][3] = "#REF!"
    return rows


def no_province(rows: Rows) -> Rows:
    rows[0][0] = "TRUNG TÂM KHUYẾN CÔNG"
    return rows


def no_period(rows: Rows) -> Rows:
    rows[1][0] = "BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG"
    return rows


def two_money_units(rows: Rows) -> Rows:
    rows.insert(2, ["Đơn vị tính: triệu đồng"])
    rows.insert(3, ["(Đơn vị: nghìn đồng)"])
    rows.append([3, "Kinh phí khuyến công", None, 500])
    return rows


def unnamed_money(rows: Rows) -> Rows:
    rows[2].append("Kinh phí (triệu đồng)")
    rows[3].append(500)
    return rows


def plan_only(rows: Rows) -> Rows:
    rows[2][3] = "Kế hoạch 2010"
    return rows


def twice_different(rows: Rows) -> Rows:
    rows.append([3, "Số làng có nghề", "làng", 158])
    rows.append([4, "Làng có nghề hiện có", "làng", 160])
    return rows


def from_the_future(rows: Rows) -> Rows:
    rows[1][0] = "BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG NĂM 2031"
    return rows


def ha_tay_after_the_merger(rows: Rows) -> Rows:
    rows[0][0] = "SỞ CÔNG THƯƠNG TỈNH HÀ TÂY"
    return rows


# The cell is where the finding points; None for a finding about the whole sheet or report (a
# missing province, a stated unit pair, a column), which then must name no cell at all.
CASES: list[tuple[str, Callable[[Rows], Rows], str, str | None]] = [
    ("excel-error", excel_error, "error", "D4"),
    ("province-missing", no_province, "error", None),
    ("period-missing", no_period, "error", None),
    ("money-unit-conflict", two_money_units, "error", None),
    ("no-actual-column", plan_only, "error", None),
    # the second of the two rows, D7 (160), is the one reported; D6 (158) is its other_cell
    ("duplicate-indicator", twice_different, "error", "D7"),
    ("year-out-of-range", from_the_future, "error", "D4"),
    ("former-province", ha_tay_after_the_merger, "warning", None),
    ("money-column-not-read", unnamed_money, "warning", None),
    ("province-not-valid-for-period", ha_tay_after_the_merger, "error", "D4"),
]


@pytest.mark.parametrize(("rule", "mistake", "level", "cell"), CASES, ids=[c[0] for c in CASES])
def test_a_rule_fires_on_its_mistake_at_its_cell(
    rule: str, mistake: Callable[[Rows], Rows], level: str, cell: str | None
) -> None:
    findings = findings_of(mistake(simple_report()))
    found = [(f.rule, f.cell) for f in findings]
    assert (rule, cell) in found, found
    assert severity(next(f for f in findings if f.rule == rule)) == level
    for item in findings:
        messages(item, strict=True)  # every placeholder of its messages is supplied


def test_the_clean_reports_behind_every_case_raise_nothing() -> None:
    assert findings_of(simple_report()) == []
    assert findings_of(transposed_rows(), "chi_tieu.xls") == []
    assert [
        f for f in findings_of(regional_rows(), "tong_hop.xlsx") if f.rule != "former-province"
    ] == []
    assert findings_of(title() + simple_report()[2:]) == []
