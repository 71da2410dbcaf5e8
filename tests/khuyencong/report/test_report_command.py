"""``khuyencong report``: its argument errors, and a page that needs nothing but itself."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from khuyencong.report import ReportFiles
from khuyencong.report.page import number, render
from tests.khuyencong.report.conftest import KHUYENCONG
from tests.khuyencong.report.figures import HOSTILE, tiny_figures
from tests.nightly import Run


def report(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [KHUYENCONG, "report", *map(str, arguments)], capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize(
    ("years", "message"),
    [
        ("2009-2005", "--years 2009-2005: the range ends before it starts (write 2005-2009)"),
        ("last year", "--years last year: not a year or a range of years such as 2005-2009"),
        ("1990-1991", "--years 1990-1991: no national figures for those years (the warehouse"),
    ],
)
def test_years_it_cannot_report_are_one_plain_line_and_exit_code_2(
    nightly_run: Run, tmp_path: Path, years: str, message: str
) -> None:
    finished = report("--years", years, "--home", nightly_run.home, "--out", tmp_path)
    assert finished.returncode == 2, finished.stderr
    assert finished.stderr.strip() == f"error: {message}" or message in finished.stderr
    assert len(finished.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_a_home_without_a_warehouse_says_to_run_first(tmp_path: Path) -> None:
    finished = report("--home", tmp_path)
    assert finished.returncode == 2
    assert finished.stderr.strip() == (
        f"error: --home {tmp_path}: no warehouse there (warehouse.duckdb); "
        "run `khuyencong run` first"
    )


def test_the_page_refers_to_no_other_file_or_url(report_files: ReportFiles) -> None:
    """Scripts, styles and charts are inside: no src, no stylesheet link, no external href."""
    page = report_files.html.read_text(encoding="utf-8")
    assert not re.search(r"\ssrc\s*=", page)
    assert "<link" not in page
    assert "@import" not in page
    hrefs = re.findall(r'href\s*=\s*"([^"]*)"', page)
    assert all(href.startswith("#") for href in hrefs), set(hrefs)
    assert not re.search(r"url\((?!#)", page)


def test_names_from_the_provinces_files_are_escaped() -> None:
    page = render(tiny_figures(HOSTILE), datetime(2026, 1, 15, tzinfo=UTC))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_numbers_are_written_the_vietnamese_and_the_english_way() -> None:
    assert number(329620) == (
        '<span class="vi" lang="vi">329.620</span><span class="en" lang="en">329,620</span>'
    )
    assert '<span class="vi" lang="vi">407.615,5</span>' in number(407615.5)
    assert "–" in number(None)
