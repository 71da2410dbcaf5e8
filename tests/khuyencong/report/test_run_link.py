"""The run's Markdown artifact links the coordinator's report of its warehouse."""

from __future__ import annotations

from pathlib import Path

from khuyencong.report import ReportFiles, default_report_files
from khuyencong.run_report import RunSummary, run_markdown
from tests.nightly import Run


def test_the_run_markdown_links_the_report_and_its_workbook() -> None:
    reports = Path("/data/reports")
    files = ReportFiles(
        reports / "bao_cao_khuyen_cong_2005-2012.html",
        reports / "bao_cao_khuyen_cong_2005-2012.xlsx",
    )
    markdown = run_markdown(RunSummary("nightly", 1, {"loaded": 1}), files)
    assert (
        "[bao_cao_khuyen_cong_2005-2012.html](file:///data/reports/bao_cao_khuyen_cong_2005-2012.html)"
        in markdown
    )
    assert "(file:///data/reports/bao_cao_khuyen_cong_2005-2012.xlsx)" in markdown


def test_the_report_linked_is_the_one_of_every_year_under_the_home(nightly_run: Run) -> None:
    files = default_report_files(nightly_run.home)
    assert files == ReportFiles(
        nightly_run.home / "reports" / "bao_cao_khuyen_cong_2005-2012.html",
        nightly_run.home / "reports" / "bao_cao_khuyen_cong_2005-2012.xlsx",
    )


def test_a_home_without_figures_has_no_report_to_link(tmp_path: Path) -> None:
    assert default_report_files(tmp_path) is None
