"""A file's decision, and what the run's report keeps of it once it is published."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.sheets import sheet, workbook
from transforms.contracts import Lineage
from transforms.decide import FileOutcome, SubmissionReading, decide
from transforms.reading.workbook import understand_workbook


def test_a_published_file_is_told_by_its_status_counts_and_years() -> None:
    rows = [
        ["SỞ CÔNG THƯƠNG TỈNH THÁI NGUYÊN"],
        ["BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG NĂM 2010"],
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Số lao động được đào tạo nghề", "người", 1250],
        [2, "Số lớp đào tạo nghề", "lớp", 40],
    ]
    reading = understand_workbook(workbook("bc.xlsx", sheet("BC", rows)))
    lineage = Lineage("0" * 64, "bc.xlsx", datetime(2011, 1, 5, tzinfo=UTC), "test")
    (decision,) = decide([SubmissionReading(lineage, 1, reading.facts, reading.findings)], {}, {})

    outcome = FileOutcome.of(decision)

    assert outcome == FileOutcome(lineage, "loaded", None, 2, 0, frozenset({2010}))


def test_a_duplicate_is_told_with_no_facts_of_its_own() -> None:
    first = Lineage("1" * 64, "a.xlsx", datetime(2011, 1, 5, tzinfo=UTC), "test")
    second = Lineage("1" * 64, "b.xlsx", datetime(2011, 1, 6, tzinfo=UTC), "test")
    readings = [SubmissionReading(first, 1), SubmissionReading(second, 1)]

    outcomes = [FileOutcome.of(d) for d in decide(readings, {}, {})]

    assert [(o.lineage.file_name, o.status, o.reason, o.findings) for o in outcomes] == [
        ("a.xlsx", "loaded", None, 0),
        ("b.xlsx", "duplicate", "same content as a.xlsx", 1),
    ]
