"""The HTML report as a coordinator opens it: from disk, in a browser, with no network.

The page is loaded once in headless Chromium, offline; every test reads what that one load
did. Screenshots are kept as test artifacts in ``$KHUYENCONG_TEST_ARTIFACTS`` (default
``build/test-artifacts``, ignored by git) for a person to look at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from khuyencong.query import run_query
from khuyencong.report import ReportFiles
from tests.khuyencong.report.browser import Page, offline_page
from tests.khuyencong.report.conftest import YEARS
from tests.nightly import Run

ARTIFACTS = Path(
    os.environ.get("KHUYENCONG_TEST_ARTIFACTS")
    or Path(__file__).resolve().parents[3] / "build" / "test-artifacts"
)


@pytest.fixture(scope="module")
def page(report_files: ReportFiles, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with offline_page(report_files.html.as_uri(), profile) as opened:
        yield opened


def visible_text(page: Page) -> str:
    return str(page.evaluate("document.body.innerText"))


def test_it_loads_from_disk_with_no_console_error_and_no_failed_request(page: Page) -> None:
    errors = [
        e for e in page.events("Runtime.consoleAPICalled") if e["type"] in ("error", "assert")
    ]
    errors += page.events("Runtime.exceptionThrown")
    errors += [e for e in page.events("Log.entryAdded") if e["entry"]["level"] == "error"]
    assert errors == []
    assert page.events("Network.loadingFailed") == []
    requested = {e["request"]["url"] for e in page.events("Network.requestWillBeSent")}
    assert all(url.startswith("file://") for url in requested), requested


def test_the_national_trained_worker_figure_of_2005_2009_is_shown_in_both_languages(
    page: Page,
) -> None:
    """329,620 rural workers trained, the source document's figure, written the Vietnamese way
    by default and the English way after the toggle."""
    assert page.evaluate("document.documentElement.lang") == "vi"
    vietnamese = visible_text(page)
    assert "Lao động nông thôn được đào tạo nghề" in vietnamese
    assert "329.620" in vietnamese
    assert "Rural workers trained" not in vietnamese
    page.evaluate("document.getElementById('language').click()")
    try:
        english = visible_text(page)
        assert page.evaluate("document.documentElement.lang") == "en"
        assert "Rural workers trained" in english
        assert "329,620" in english
        assert "Lao động nông thôn được đào tạo nghề" not in english
        national = page.evaluate(
            "document.querySelector('#national-summary tr[data-indicator=trained_workers]')"
            ".innerText"
        )
        assert "329,620" in national
    finally:
        page.evaluate("document.getElementById('language').click()")


def test_the_gap_map_has_one_cell_per_province_and_year(page: Page, nightly_run: Run) -> None:
    provinces = run_query(
        nightly_run.home,
        "select count(distinct province_code) from marts.reporting_completeness "
        f"where year between {YEARS[0]} and {YEARS[-1]}",
    )[0].rows[0][0]
    cells = page.evaluate(
        "Array.from(document.querySelectorAll('#gap-chart svg [id^=\"gap-\"]'), e => e.id)"
    )
    assert len(cells) == len(set(cells)) == provinces * len(YEARS)
    assert "gap-28-2007" in cells  # Hà Tây, before it merged into Hà Nội
    table = page.evaluate(
        "Array.from(document.querySelectorAll('#gap-table td[data-status]'),"
        " td => [td.dataset.province, td.dataset.year, td.dataset.status])"
    )
    assert len(table) == provinces * len(YEARS)
    assert ["28", "2008", "not_expected"] in table  # merged away on 1 August 2008


def test_the_gap_map_in_2025_geography_has_one_cell_per_current_province(page: Page) -> None:
    cells = page.evaluate(
        "Array.from(document.querySelectorAll('#gap-chart-current svg [id^=\"gap-current-\"]'),"
        " e => e.id)"
    )
    assert len(cells) == len(set(cells)) == 34 * len(YEARS)
    assert "gap-current-44-2005" in cells  # Quảng Trị of 2025: Quảng Bình and Quảng Trị then


def test_the_gap_table_says_when_a_late_report_arrived(page: Page) -> None:
    """Quảng Ninh's report of 2005 arrived on 10 February 2006, after its deadline."""
    cell = page.evaluate(
        "(() => { const td = document.querySelector("
        '\'#gap-table td[data-province="22"][data-year="2005"]\');'
        " return [td.dataset.status, td.querySelector('.received-on').dataset.received]; })()"
    )
    assert cell == ["late", "2006-02-10"]


def test_every_chart_is_drawn_and_has_a_table_beside_it(page: Page) -> None:
    charts = page.evaluate(
        "Array.from(document.querySelectorAll('figure > svg'), svg =>"
        " [svg.getBBox().width > 0, !!svg.closest('.pair').querySelector('table')])"
    )
    assert len(charts) == 15 + 15 + 2 + 1  # trends, rankings, gap maps (then, 2025), quality
    assert all(drawn and beside for drawn, beside in charts)


def test_a_screenshot_is_kept_as_an_artifact(page: Page) -> None:
    whole = page.screenshot(ARTIFACTS / "report.png")
    gap_map = page.screenshot(ARTIFACTS / "report-gap-map.png", "#gap-map")
    for shot in (whole, gap_map):
        assert shot.read_bytes().startswith(b"\x89PNG")
