"""A run's report: what became of each file, which files were rejected and why, and which
national figures the run changed.

The command line prints it, the Prefect flows publish it as a Markdown artifact, the tests read
it. The national figures are taken from the warehouse before and after the run.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from khuyencong.inbox import Unread, Verdict
from khuyencong.places import Places

if TYPE_CHECKING:
    from khuyencong.report import ReportFiles
from transforms.decide import FileOutcome
from transforms.numbers import format_plain

log = logging.getLogger("khuyencong")

NationalFigures = dict[tuple[str, int], Decimal]


@dataclass(frozen=True)
class RunSummary:
    """What a run did, for the CLI, the Prefect artifact and the tests."""

    kind: str
    files: int
    statuses: dict[str, int]
    already_processed: int = 0
    resumed: int = 0
    changed: tuple[tuple[str, int, Decimal | None, Decimal | None], ...] = ()
    # (file name, reason, folder holding its findings and the clerk's rejection workbook)
    rejected: tuple[tuple[str, str, Path], ...] = ()
    # the years whose figures the run read or changed: the ones its national table shows
    years: tuple[int, ...] = ()
    # every other entry of the inbox, with why it was not processed: nothing waits in silence
    unread: tuple[Unread, ...] = ()

    def count(self, verdict: Verdict) -> int:
        return sum(line.verdict is verdict for line in self.unread)

    def describe(self) -> str:
        counts = ", ".join(f"{n} {status}" for status, n in sorted(self.statuses.items()))
        parts = [f"{self.files} files processed" + (f" ({counts})" if counts else "")]
        if self.already_processed:
            parts.append(f"{self.already_processed} already processed")
        if self.resumed:
            parts.append(f"{self.resumed} done before by the interrupted run it resumed")
        if waiting := self.count(Verdict.waiting):
            parts.append(f"{waiting} still being written (next run)")
        parts += [f"{n} {v}" for v in (Verdict.refused, Verdict.ignored) if (n := self.count(v))]
        if not self.files and not waiting:
            parts.append("nothing new")
        return "; ".join(parts)


def national_figures(places: Places) -> NationalFigures:
    """National values by indicator and year, as the live warehouse has them (empty if none)."""
    path = places.warehouse
    if not path.exists():
        return {}
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute("select indicator, year, value from marts.national_indicator_year")
        return {(indicator, year): value for indicator, year, value in rows.fetchall()}


def changed_figures(
    before: NationalFigures, after: NationalFigures
) -> tuple[tuple[str, int, Decimal | None, Decimal | None], ...]:
    """The national figures a run changed, with their old and new values."""
    keys = sorted(set(before) | set(after))
    return tuple(
        (indicator, year, before.get((indicator, year)), after.get((indicator, year)))
        for indicator, year in keys
        if before.get((indicator, year)) != after.get((indicator, year))
    )


def rejected_files(
    outcomes: list[FileOutcome], quarantine: Path
) -> tuple[tuple[str, str, Path], ...]:
    """Each quarantined file with its reason and the folder of its rejection report."""
    return tuple(
        (o.lineage.file_name, o.reason or "", quarantine / o.lineage.sha256[:12])
        for o in outcomes
        if o.status == "quarantined"
    )


def touched_years(
    outcomes: list[FileOutcome], changed: tuple[tuple[str, int, object, object], ...]
) -> tuple[int, ...]:
    """The years of the facts the run loaded and of the national figures it changed."""
    loaded = {year for o in outcomes if o.status == "loaded" for year in o.years}
    return tuple(sorted(loaded | {year for _, year, _, _ in changed}))


def _cell(text: str) -> str:
    """``text`` kept whole in one cell of a Markdown table (a file may be named ``a|b``)."""
    return " ".join(text.replace("|", "\\|").splitlines())


def run_markdown(summary: RunSummary, report: ReportFiles | None = None) -> str:
    """The run's report as Markdown: files by status, rejected files, changed national figures,
    and a link to the coordinator's report of the warehouse (``report``)."""
    lines = [f"# khuyencong {summary.kind} run", "", summary.describe(), ""]
    if report:
        lines += [
            f"Coordinator's report: [{report.html.name}]({report.html.as_uri()}), workbook "
            f"[{report.workbook.name}]({report.workbook.as_uri()}) "
            "(written by `khuyencong report`, which `make run` runs after the run).",
            "",
        ]
    if summary.rejected:
        lines += ["## Quarantined", "", "| file | reason | report |", "|---|---|---|"]
        for file_name, reason, folder in summary.rejected:
            lines.append(f"| {file_name} | {reason.replace('|', '/')} | `{folder}` |")
        lines.append("")
    if summary.unread:
        lines += ["## Not processed", "", "| file | | why |", "|---|---|---|"]
        for line in summary.unread:
            lines.append(f"| {_cell(line.file)} | {line.verdict} | {_cell(line.reason)} |")
        lines.append("")
    if summary.changed:
        lines += ["## National figures changed", "", "| indicator | year | before | after |"]
        lines.append("|---|---|---:|---:|")
        for indicator, year, old, new in summary.changed:
            old_text, new_text = (format_plain(v, grouping=True) for v in (old, new))
            lines.append(f"| {indicator} | {year} | {old_text} | {new_text} |")
    return "\n".join(lines)


def summarise_run(
    places: Places,
    kind: str,
    outcomes: list[FileOutcome],
    before: NationalFigures,
    already_processed: int = 0,
    resumed: int = 0,
    unread: list[Unread] | None = None,
) -> RunSummary:
    """The run's summary, after one structured log line per file (``unread`` too)."""
    statuses: dict[str, int] = {}
    for outcome in outcomes:
        statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
        line = {
            "file": outcome.lineage.file_name,
            "sha256": outcome.lineage.sha256,
            "status": outcome.status,
            "facts": outcome.facts,
            "findings": outcome.findings,
            "reason": outcome.reason,
        }
        log.info(json.dumps(line, ensure_ascii=False))
    for entry in unread or []:
        line = {"file": entry.file, "status": entry.verdict.value, "reason": entry.reason}
        log.info(json.dumps(line, ensure_ascii=False))
    changed = changed_figures(before, national_figures(places))
    return RunSummary(
        kind=kind,
        files=len(outcomes),
        statuses=statuses,
        already_processed=already_processed,
        resumed=resumed,
        changed=changed,
        rejected=rejected_files(outcomes, places.quarantine),
        years=touched_years(outcomes, changed),
        unread=tuple(unread or ()),
    )
