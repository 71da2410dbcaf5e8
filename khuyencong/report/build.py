"""Writing the report's two files: the offline HTML page and the ministry workbook.

Both are written beside their final name and renamed over it, so a reader never opens a
half-written report, and a report of the same years replaces the previous one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from khuyencong.preflight import UsageError
from khuyencong.report.figures import choose_years, figures_span, gather

FILE_STEM = "bao_cao_khuyen_cong"
REPORTS_FOLDER = "reports"  # under the data home, where the report goes unless told otherwise


@dataclass(frozen=True)
class ReportFiles:
    html: Path
    workbook: Path


def write_report(
    home: Path, years: Sequence[int] | None, out: Path, now: datetime | None = None
) -> ReportFiles:
    """Write the report of ``years`` (default: every year of the warehouse) into ``out``.

    Raises ``UsageError`` for a home without a warehouse, years without figures, or an ``out``
    that cannot be written.
    """
    # matplotlib (the page's charts) and openpyxl (the workbook) are imported when a report is
    # written, not by every run that only links it (``default_report_files``)
    from khuyencong.report.page import render
    from khuyencong.report.workbook import write_workbook

    chosen = choose_years(home, years)
    figures = gather(home, chosen)
    generated_at = now or datetime.now(UTC)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"--out {out}: cannot write there ({error.strerror})") from error
    files = _report_files(out, figures.span)
    _replace(files.html, lambda path: path.write_text(render(figures, generated_at), "utf-8"))
    _replace(files.workbook, lambda path: write_workbook(figures, generated_at, path))
    return files


def _report_files(out: Path, span: str) -> ReportFiles:
    return ReportFiles(out / f"{FILE_STEM}_{span}.html", out / f"{FILE_STEM}_{span}.xlsx")


def default_report_files(home: Path) -> ReportFiles | None:
    """Where ``khuyencong report --home HOME`` writes the report of every year (the run's
    Markdown links them), or None while the warehouse of ``home`` holds no figures."""
    try:
        years = choose_years(home, None)
    except UsageError:
        return None
    return _report_files(home / REPORTS_FOLDER, figures_span(years))


def _replace(path: Path, write: Callable[[Path], object]) -> None:
    """Write ``path`` through a temporary file beside it, renamed over it once complete."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(temporary)
        os.replace(temporary, path)
    except PermissionError as error:
        raise UsageError(f"--out {path.parent}: cannot write there ({error.strerror})") from error
    finally:
        temporary.unlink(missing_ok=True)
