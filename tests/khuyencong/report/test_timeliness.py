"""The report tells on time from late and rejected from missing, and says when reports arrived."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl

from khuyencong.report.figures import Figures, Province, _in_current_geography
from khuyencong.report.page import render
from khuyencong.report.workbook import write_workbook
from tests.khuyencong.report.conftest import KHUYENCONG
from tests.khuyencong.report.figures import tiny_figures
from tests.nightly import Run

GENERATED = datetime(2026, 1, 15, tzinfo=UTC)


def late_then_rejected() -> Figures:
    """Thái Nguyên's 2010 report arrived on 3 February 2011; its only 2011 file was rejected."""
    return replace(
        tiny_figures("Thái Nguyên"),
        gap_years=(2010, 2011),
        completeness=(statuses := {("19", 2010): "late", ("19", 2011): "rejected"}),
        current_completeness=statuses,
        received_on={("19", 2010): date(2011, 2, 3)},
        deadlines={2010: date(2011, 1, 15), 2011: date(2012, 1, 15)},
    )


def test_the_gap_table_shows_late_with_its_receipt_date_and_rejected() -> None:
    page = render(late_then_rejected(), GENERATED)
    assert (
        'data-status="late"><span class="vi" lang="vi">Nộp muộn</span>'
        '<span class="en" lang="en">Late</span><br><small class="received-on" '
        'data-received="2011-02-03"><span class="vi" lang="vi">03/02/2011</span>'
    ) in page
    assert (
        'data-status="rejected"><span class="vi" lang="vi">Bị từ chối</span>'
        '<span class="en" lang="en">Rejected</span></td>'
    ) in page
    assert '<span class="vi" lang="vi">15/01/2012</span>' in page  # the deadline row


def test_the_workbook_grid_counts_a_late_report_as_sent(tmp_path: Path) -> None:
    write_workbook(late_then_rejected(), GENERATED, tmp_path / "report.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "report.xlsx")["Tình hình báo cáo"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=5)]
    assert rows == [
        ["STT", "Mã tỉnh", "Tên tỉnh", 2010, 2011],
        [1, "19", "Thái Nguyên", "Nộp muộn", "Bị từ chối"],
        [None, None, "Số tỉnh đã gửi báo cáo năm", 1, 0],
    ]


def test_the_gap_map_of_the_newest_figures_shows_the_year_still_arriving(
    nightly_run: Run, tmp_path: Path
) -> None:
    """The nightly run's figures end in 2012; Thái Nguyên's only 2013 file was quarantined."""
    finished = subprocess.run(
        [KHUYENCONG, "report", "--home", nightly_run.home, "--out", tmp_path],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert finished.returncode == 0, finished.stderr
    page = (tmp_path / "bao_cao_khuyen_cong_2005-2012.html").read_text(encoding="utf-8")
    assert 'data-province="19" data-year="2013" data-status="rejected"' in page
    assert 'id="gap-19-2013"' in page
    assert 'data-province="22" data-year="2005" data-status="late"' in page


def test_a_current_province_has_the_worst_status_of_the_units_it_was_formed_from() -> None:
    """Quảng Trị of 2025 is Quảng Bình (44) and Quảng Trị (45) of 2011; Hà Tây (28) of 2008,
    not expected, leaves Hà Nội (01) its own status."""
    statuses = {
        ("44", 2011): "received",
        ("45", 2011): "late",
        ("44", 2012): "missing",
        ("45", 2012): "rejected",
        ("01", 2008): "received",
        ("28", 2008): "not_expected",
    }
    successors = {"44": "44", "45": "44", "01": "01", "28": "01"}
    current = (Province("44", "Quảng Trị"), Province("01", "Hà Nội"))
    assert _in_current_geography(statuses, successors, current, (2008, 2011, 2012)) == {
        ("44", 2008): "not_expected",
        ("44", 2011): "late",
        ("44", 2012): "missing",
        ("01", 2008): "received",
        ("01", 2011): "not_expected",
        ("01", 2012): "not_expected",
    }
