"""The report of the shared nightly run, written once by the command a coordinator types."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from khuyencong.report import ReportFiles
from tests.nightly import Run

KHUYENCONG = str(Path(sys.executable).parent / "khuyencong")
YEARS = (2005, 2006, 2007, 2008, 2009)


@pytest.fixture(scope="session")
def report_files(nightly_run: Run, tmp_path_factory: pytest.TempPathFactory) -> ReportFiles:
    """``khuyencong report --years 2005-2009`` on the nightly run's home, as a real process."""
    out = tmp_path_factory.mktemp("report")
    finished = subprocess.run(
        [KHUYENCONG, "report", "--years", "2005-2009", "--home", nightly_run.home, "--out", out],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert finished.returncode == 0, finished.stderr
    files = ReportFiles(
        out / "bao_cao_khuyen_cong_2005-2009.html", out / "bao_cao_khuyen_cong_2005-2009.xlsx"
    )
    assert f"Wrote the report to {files.html}" in finished.stdout
    assert f"Wrote the workbook to {files.workbook}" in finished.stdout
    return files
