"""The steps of a run, as plain functions over files and tables; Prefect tasks wrap them.

Reading turns each file into a ``SubmissionReading`` (a file that cannot be read becomes one
with an error finding: one bad file never stops a run). Validation runs the expectation suite
once over all facts of the run. Publishing writes the lake, the quarantine and the warehouse,
in that order, each step atomic, so that a run stopped anywhere can simply be run again.

The reader, pandas with the suite, and openpyxl are imported by the steps that use them: a
nightly with nothing new needs none of them, and their import was most of its cost beyond
Prefect's own start-up.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

import schemas
from khuyencong import PARSER_VERSION, storage
from khuyencong.inbox import Arrival, archive_path
from khuyencong.inbox import archive as archive_original
from khuyencong.lake import manifest as lake_manifest
from khuyencong.lake import replace_facts, write_registry
from khuyencong.places import Places
from transforms.contracts import (
    FACT_SCHEMA,
    FINDING_SCHEMA,
    SHEET_SCHEMA,
    SUBMISSION_SCHEMA,
    Lineage,
    SheetTally,
    fact_rows,
    finding_rows,
    sheet_rows,
    to_table,
)
from transforms.decide import Decision, SubmissionReading
from transforms.model import Finding, Reading
from transforms.revisions import LiveReports, Reported
from warehouse.build import build_warehouse, is_stale

if TYPE_CHECKING:
    import pandas as pd

    from khuyencong.workbook_files import UnreadableFile


def _submission_reading(arrival: Arrival, outcome: Reading | UnreadableFile) -> SubmissionReading:
    lineage = Lineage(arrival.sha256, arrival.file_name, arrival.received_at, PARSER_VERSION)
    if not isinstance(outcome, Reading):
        return SubmissionReading(lineage, arrival.size_bytes, findings=(outcome.finding(),))
    sheets = tuple(SheetTally.of(sheet) for sheet in outcome.sheets)  # the cells, counted
    return SubmissionReading(lineage, arrival.size_bytes, outcome.facts, outcome.findings, sheets)


def fact_table(reading: SubmissionReading) -> pa.Table:
    """A reading's facts as the lake's rows."""
    return to_table(fact_rows(reading.facts, reading.lineage), FACT_SCHEMA)


@dataclass(frozen=True)
class FileRead:
    """A file as a run read it: its arrival (as archived), its reading, and its facts as the
    lake's rows, made once for both the validation and the lake while the workers read on."""

    arrival: Arrival
    reading: SubmissionReading
    facts: pa.Table

    @classmethod
    def of(cls, arrival: Arrival, outcome: Reading | UnreadableFile) -> FileRead:
        reading = _submission_reading(arrival, outcome)
        return cls(arrival, reading, fact_table(reading))


def read_arrivals(
    arrivals: list[Arrival], archive: storage.Location | None = None
) -> list[FileRead]:
    """Everything the reader understands of each file, read in the sandbox: a file that cannot
    be read, is over a budget, or makes its reader abort or hang becomes a reading with an
    error finding, and the others are read all the same.

    With ``archive``, each original is first copied there and read from the copy (a file
    rewritten in the inbox meanwhile cannot change what is read); one rewritten since it was
    hashed is left out, for a later run. Each is archived just before a worker reads it, while
    the workers read the files before it: archiving 5,000 files first kept both workers idle
    for seconds. Each file's facts become the lake's rows as its reading arrives, also while
    the workers read (made after the reading, twice, they cost 5,000 files 2-3 s).

    It raises ``OSError`` when a file cannot be fetched (a store or share briefly unreachable):
    that is no fault of the file, so the task retries it rather than quarantine a good report.
    """
    from khuyencong.sandbox import read_isolated

    taken: list[Arrival] = []
    with ExitStack() as fetched:

        def paths() -> Iterator[Path]:
            for arrival in arrivals:
                copy = arrival if archive is None else archive_original(archive, arrival)
                if copy is not None:
                    taken.append(copy)
                    yield fetched.enter_context(storage.local_file(copy.location))

        outcomes = (outcome for _, outcome in read_isolated(paths()))
        return [FileRead.of(taken[number], outcome) for number, outcome in enumerate(outcomes)]


def read_submission(arrival: Arrival) -> SubmissionReading:
    """``read_arrivals`` of one file, in this process, without the sandbox's time and memory
    limits (tests and benchmarks of the reader); never raises for a bad file, but ``OSError``."""
    from khuyencong.sandbox import read_in_process

    with storage.local_file(arrival.location) as path:
        return _submission_reading(arrival, read_in_process(path))


def _province_spans() -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame(schemas.read_csv("provinces.csv"))[["code", "valid_from", "valid_to"]]
    frame["valid_to"] = frame["valid_to"].replace("", None)
    return frame


@dataclass(frozen=True)
class References:
    """What the warehouse held when a run started: what its new reports are compared with.

    ``reports`` (province_code, indicator, year, value) are the peers of a report's money
    figures when the run itself holds too few (a backfill of one province, a nightly run with
    one late file), and the previous year of its stocks. ``live`` holds the values of each live
    report (province, period) by indicator, with its file and whether that is a compilation: a
    resubmission's changes, and a compilation's differences from an own report, are told
    against them.
    """

    reports: pd.DataFrame
    live: LiveReports

    @classmethod
    def none(cls) -> References:
        import pandas as pd

        columns = ["province_code", "indicator", "year", "value"]
        return cls(pd.DataFrame(columns=columns), {})


def reference_values(places: Places) -> References:
    """The values a run compares its files with: the one way a run reads them.

    They come from the marts, which are derived: so the warehouse is first rebuilt if the lake
    changed since it was built (a run stopped between writing the lake and the warehouse), and
    the references are never older than the lake. Taken once, before a run reads anything, so
    every step of a backfill is compared with the same values.
    """
    if not lake_manifest(places.lake).num_rows:
        return References.none()
    refresh_marts(places)
    with duckdb.connect(str(places.warehouse), read_only=True) as con:
        reports = con.execute(
            "select province_code, indicator, year, cast(value as double) as value "
            "from marts.province_indicator_year"
        ).df()
        rows = con.execute(
            "select f.province_code, f.period, f.indicator, sum(f.value), r.file_name, "
            "r.is_compilation "
            "from intermediate.int_actual_facts f join intermediate.int_report_versions r "
            "using (sha256, province_code, period, indicator) where r.is_live group by all"
        ).fetchall()
    live: LiveReports = {}
    for province, period, indicator, value, file_name, compilation in rows:
        live.setdefault((province, period), {})[indicator] = Reported(value, file_name, compilation)
    return References(reports, live)


def validate_readings(
    readings: Iterable[SubmissionReading],
    today: date,
    references: References | None = None,
    data_docs: Path | None = None,
) -> dict[str, list[Finding]]:
    """Expectation-suite findings by sha256, from one bulk validation of every fact of the run.

    Without ``references`` the facts are compared only with each other; with ``data_docs`` the
    suite's Data Docs are written there.
    """
    return validate_facts(
        [fact_table(reading) for reading in readings], today, references, data_docs
    )


def validate_facts(
    facts: list[pa.Table],
    today: date,
    references: References | None = None,
    data_docs: Path | None = None,
) -> dict[str, list[Finding]]:
    """``validate_readings`` of the readings whose facts are ``facts`` (a table a file)."""
    from khuyencong.validator import validate
    from transforms.tidy import validation_frame

    if not any(table.num_rows for table in facts):
        return {}
    reference = (references or References.none()).reports
    table = pa.concat_tables(facts)  # a chunk a file: the frame combines the columns it takes
    frame = validation_frame(table, _province_spans(), reference)
    return validate(frame, today, data_docs)


def _submission_row(
    decision: Decision, processed_at: datetime, archived: dict[str, str]
) -> dict[str, object]:
    reading = decision.reading
    reports = decision.reports
    return {
        "submission_id": reading.lineage.submission_id,
        "file_name": reading.lineage.file_name,
        "sha256": reading.lineage.sha256,
        "status": decision.status,
        "province_code": decision.province_code,
        "period": decision.period,
        "reason": decision.reason,
        "reports": ";".join(f"{code}:{period}" for code, period in reports),
        "facts": len(reading.facts) if decision.status == "loaded" else 0,
        "size_bytes": reading.size_bytes,
        "received_at": reading.lineage.received_at,
        "processed_at": processed_at,
        "parser_version": reading.lineage.parser_version,
        "archive_path": archived.get(reading.lineage.submission_id, ""),
    }


def quarantine(
    folder: Path, decision: Decision, rows: list[dict[str, object]], source: storage.Location
) -> Path:
    """Put a rejected submission in ``<folder>/<sha[:12]>/`` with why, for two readers.

    Beside a copy of the original (never modified): ``<name>.findings.json`` for machines, and
    ``<name>.loi.xlsx``, the province's own workbook with the offending cells coloured and
    commented and a first sheet listing every finding in Vietnamese, for the clerk.
    """
    lineage = decision.reading.lineage
    folder = folder / f"{lineage.sha256[:12]}"
    folder.mkdir(parents=True, exist_ok=True)
    name = storage.fitting_name(lineage.file_name)  # the marts keep the whole name
    target = folder / name
    if not target.exists() and storage.exists(source):
        storage.copy(source, target)
    report = {
        "file_name": lineage.file_name,
        "sha256": lineage.sha256,
        "status": decision.status,
        "reason": decision.reason,
        "findings": rows,
    }
    findings_path = folder / f"{name}.findings.json"
    findings_path.write_text(
        json.dumps(report, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
    )
    from khuyencong.rejection import write_rejection_workbook

    write_rejection_workbook(target, rows, folder / f"{Path(name).stem}.loi.xlsx")
    return findings_path


def publish(
    places: Places,
    decisions: list[Decision],
    arrivals: dict[str, Arrival],
    replaced: set[str],
    facts: Mapping[Lineage, pa.Table],
) -> None:
    """Write the run's results: lake facts, registry (files, findings, sheets), quarantine
    (``refresh_marts`` follows). ``facts`` are each reading's facts as the lake's rows.

    ``replaced`` holds the sha256 of submissions whose earlier facts this run supersedes (a
    backfill re-reading them); their old rows are dropped even if they are now quarantined.
    """
    processed_at = datetime.now(tz=UTC)
    loaded = [d for d in decisions if d.status == "loaded"]
    tables = [facts[d.reading.lineage] for d in loaded]
    replace_facts(
        places.lake,
        pa.concat_tables(tables) if tables else FACT_SCHEMA.empty_table(),
        replaced | {d.reading.lineage.sha256 for d in decisions if d.status != "duplicate"},
    )
    archived = {sid: archive_path(places.archive, a) for sid, a in arrivals.items()}
    submissions = to_table(
        [_submission_row(d, processed_at, archived) for d in decisions], SUBMISSION_SCHEMA
    )
    findings = []
    sheets = []
    for decision in decisions:
        reading = decision.reading
        lineage = reading.lineage
        rows = finding_rows(decision.findings, lineage, decision.province_code, decision.period)
        findings += rows
        sheets += sheet_rows(reading.sheets, reading.facts, decision.findings, lineage)
        if decision.status == "quarantined":
            quarantine(places.quarantine, decision, rows, arrivals[lineage.submission_id].location)
    write_registry(
        places.lake,
        submissions,
        to_table(findings, FINDING_SCHEMA),
        to_table(sheets, SHEET_SCHEMA),
    )


def refresh_marts(places: Places) -> bool:
    """Rebuild the warehouse if the lake changed since it was built; True if it was rebuilt.

    Whatever wrote the lake (this run, or a run stopped before its warehouse was swapped in),
    the marts end up built from exactly what the lake holds.
    """
    if not is_stale(places.lake, places.warehouse):
        return False
    build_warehouse(places.lake, places.warehouse)
    return True
