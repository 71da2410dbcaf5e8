"""total-mismatch: a printed total its detail rows do not add up to, at its cell."""

from __future__ import annotations

from tests.sheets import sheet, workbook
from tests.transforms.readings import cell_facts, facts_by, read, rules_of
from tests.transforms.reports import (
    ACTIVITY_MERGES,
    NUMBERED_MERGES,
    activity_rows,
    funding_rows,
    hai_duong_rows,
)
from transforms.reading.workbook import understand_workbook


def test_a_total_that_disagrees_with_its_details_is_reported_at_its_cell() -> None:
    rows = activity_rows()
    rows[14][4] = 1100  # Tổng cộng / Tổng số
    reading = understand_workbook(workbook("bc.xlsx", sheet("BC", rows, ACTIVITY_MERGES)))
    assert ("total-mismatch", "E15") in rules_of(reading)
    assert facts_by(reading)[("19", "extension_funding")] == 1000


def test_such_a_total_that_disagrees_with_its_details_is_reported() -> None:
    reading = read("KC_HaiDuong_2009.xlsx", hai_duong_rows(total=520))
    assert rules_of(reading) == [("total-mismatch", "D10")]
    assert sum(f[1] for f in cell_facts(reading) if f[0] == "trained_workers") == 500


def test_a_total_mismatch_states_the_details_sum_as_people_write_it() -> None:
    reading = read("BC_KC_BacGiang_2008.xlsx", funding_rows(2000), NUMBERED_MERGES)
    (mismatch,) = reading.findings
    assert (mismatch.rule, mismatch.cell, dict(mismatch.params)) == (
        "total-mismatch",
        "E10",
        {"expected": "2100"},
    )


def test_a_total_above_its_details_is_compared_with_them_not_with_nothing() -> None:
    agreeing = read("BC_KC_BacGiang_2008.xlsx", funding_rows(2100, on_top=True), NUMBERED_MERGES)
    assert rules_of(agreeing) == []
    assert len(agreeing.facts) == 8
    wrong = read("BC_KC_BacGiang_2008.xlsx", funding_rows(2000, on_top=True), NUMBERED_MERGES)
    assert rules_of(wrong) == [("total-mismatch", "E8")]
