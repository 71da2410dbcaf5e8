"""The whole workbook: what is said of a file with no khuyến công table at all."""

from __future__ import annotations

from tests.sheets import sheet, workbook
from transforms.reading.workbook import understand_workbook


def test_a_workbook_naming_no_indicator_is_not_a_khuyen_cong_report() -> None:
    """Whatever else is missing from it (a table, a province, a period): telling the sender
    to add those would not help."""
    reading = understand_workbook(
        workbook("notes.xlsx", sheet("Ghi chú", [["Báo cáo sẽ gửi sau"]]))
    )
    assert [(f.rule, f.params) for f in reading.findings] == [
        ("not-a-khuyen-cong-report", (("found", "Báo cáo sẽ gửi sau"),))
    ]


def test_a_table_naming_indicators_but_no_header_is_no_table_found() -> None:
    reading = understand_workbook(
        workbook("notes.xlsx", sheet("BC", [["Đào tạo nghề cho lao động nông thôn: 1.250 người"]]))
    )
    assert [f.rule for f in reading.findings] == ["no-table-found"]
