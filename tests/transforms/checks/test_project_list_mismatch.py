"""project-list-mismatch: a project list is checked against the summary, never added."""

from __future__ import annotations

from tests.sheets import sheet, workbook
from tests.transforms.readings import facts_by
from tests.transforms.reports import ACTIVITY_MERGES, activity_rows, project_list_sheet
from transforms.reading.workbook import understand_workbook


def test_a_project_list_is_checked_against_the_summary_and_never_added() -> None:
    project_sheet = project_list_sheet()
    summary = sheet("BC", activity_rows(), ACTIVITY_MERGES)
    reading = understand_workbook(workbook("bc.xlsx", summary, project_sheet))
    assert facts_by(reading)[("19", "extension_funding")] == 1000  # the summary's, not 1000 + 900
    mismatches = {dict(f.params)["indicator"]: f for f in reading.findings}
    assert set(mismatches) == {
        "extension_funding",
        "extension_funding_national",  # (local funding agrees: 300 in both)
        "extension_projects",  # 2 projects listed, 9 in the summary
    }
    assert dict(mismatches["extension_funding"].params)["listed"] == "900"
