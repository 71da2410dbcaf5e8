"""``khuyencong doctor``: does the data home hold what its records say, each file in one place?

Every file a run takes is archived (``<archive>/<sha[:2]>/<sha>/<name>``) and recorded in the
lake's ``submissions.parquet`` with its status; a quarantined one also has a folder of the
quarantine (``<sha[:12]>/``: a copy of the original, its findings with the reasons, the clerk's
rejection workbook); a loaded one has its facts in the lake; the warehouse is a copy of the
lake. The doctor checks each of these against the others and says, a line each, what does not
agree: a missing original, a stray file, facts lost from the lake, a warehouse that is not the
lake's.

The checks are pure functions over listings (``HomeState``), gathered once by ``examine``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

import duckdb
import pyarrow as pa

from khuyencong import lake, storage
from khuyencong.places import Places
from khuyencong.preflight import UsageError
from warehouse.build import is_stale

FileKey = tuple[str, str]  # (sha256, file_name): one submitted file
COUNTED_TABLES = ("submissions", "findings", "sheets")  # facts are compared file by file
NO_WAREHOUSE = "no warehouse: the next `khuyencong run` builds it"
STALE = (
    "the warehouse is older than the lake (a run stopped before rebuilding it, or the lake was "
    "changed by hand)"
)


@dataclass(frozen=True)
class WarehouseState:
    """What the warehouse holds of the lake."""

    stale: bool  # built before the lake last changed
    rows: dict[str, int]  # rows of each table of COUNTED_TABLES in schema raw (the lake's copy)
    facts: Counter[FileKey]  # raw.facts by file
    statuses: dict[FileKey, str]  # marts.submissions
    unreadable: str = ""  # why the warehouse could not be read, if it could not


@dataclass(frozen=True)
class HomeState:
    """Everything the doctor compares, as listed and read from the home."""

    submissions: list[dict[str, Any]]  # the lake's registry, one row per file taken
    archived: set[str]  # the location of every file of the archive
    archive: str  # the archive's own location
    quarantined: set[str]  # every file of the quarantine, "/"-separated under it
    lake_rows: dict[str, int]  # rows of each table of COUNTED_TABLES in the lake
    lake_facts: Counter[FileKey]  # the lake's facts by file
    warehouse: WarehouseState | None  # None without a warehouse


def _key(row: dict[str, Any]) -> FileKey:
    return row["sha256"], row["file_name"]


def _named(row: dict[str, Any]) -> str:
    return f"{row['file_name']} ({row['status']})"


def registry_problems(submissions: list[dict[str, Any]]) -> list[str]:
    """A file recorded twice, or quarantined without a reason."""
    names = {row["submission_id"]: _named(row) for row in submissions}
    recorded = Counter(row["submission_id"] for row in submissions)
    problems = [
        f"{names[sid]}: recorded {times} times in the lake's submissions"
        for sid, times in sorted(recorded.items())
        if times > 1
    ]
    return problems + [
        f"{_named(row)}: quarantined without a reason"
        for row in submissions
        if row["status"] == "quarantined" and not row["reason"]
    ]


def archive_problems(submissions: list[dict[str, Any]], archived: set[str], root: str) -> list[str]:
    """Each file taken has its original in the archive, and the archive holds nothing else."""
    problems = []
    for row in submissions:
        if not row["archive_path"]:
            problems.append(f"{_named(row)}: no archived original is recorded")
        elif row["archive_path"] not in archived:
            problems.append(
                f"{_named(row)}: its original is missing from the archive ({row['archive_path']})"
            )
    recorded = {row["archive_path"] for row in submissions}
    return problems + [
        f"stray file in the archive: {storage.relative_to(location, root)} (no submission "
        "records it: a run stopped before recording it, or it was put there by hand)"
        for location in sorted(archived - recorded)
    ]


def quarantine_files(row: dict[str, Any]) -> tuple[str, str, str]:
    """Where a quarantined file's copy, findings and rejection workbook are, in the quarantine
    (as ``khuyencong.process.quarantine`` writes them)."""
    name = storage.fitting_name(row["file_name"])
    folder = row["sha256"][:12]
    stem = PurePosixPath(name).stem
    return f"{folder}/{name}", f"{folder}/{name}.findings.json", f"{folder}/{stem}.loi.xlsx"


def quarantine_problems(submissions: list[dict[str, Any]], quarantined: set[str]) -> list[str]:
    """Each quarantined file is in the quarantine with its findings; nothing else is there (a
    file loaded since, by a later run, leaves its old copy behind)."""
    problems, expected = [], set()
    by_folder = {path.split("/")[0] for path in quarantined}
    for row in submissions:
        original, findings, workbook = quarantine_files(row)
        if row["status"] != "quarantined":
            if original in quarantined:
                problems.append(
                    f"{_named(row)}: a copy is still in the quarantine ({original}), from "
                    "before a later run took it"
                )
                expected |= {original, findings, workbook}
            continue
        expected |= {original, findings, workbook}
        missing = [path for path in (original, findings) if path not in quarantined]
        if row["sha256"][:12] not in by_folder:
            problems.append(f"{_named(row)}: not in the quarantine ({original.split('/')[0]}/)")
        elif missing:
            problems.append(f"{_named(row)}: missing from the quarantine: {', '.join(missing)}")
    return problems + [
        f"stray file in the quarantine: {path} (no quarantined submission has it)"
        for path in sorted(quarantined - expected)
    ]


def lake_problems(submissions: list[dict[str, Any]], facts: Counter[FileKey]) -> list[str]:
    """A loaded file has all of its facts in the lake, and no other file has any."""
    recorded = {_key(row): row for row in submissions}
    problems = [
        f"{_named(row)}: the lake holds {facts[_key(row)]} of its {row['facts']} facts"
        for row in submissions
        if row["status"] == "loaded" and facts[_key(row)] != row["facts"]
    ]
    for key, count in sorted(facts.items()):
        row = recorded.get(key)
        if row is None:
            problems.append(
                f"{key[1]}: facts in the lake ({count}), though no submission records it"
            )
        elif row["status"] != "loaded":
            problems.append(f"{_named(row)}: facts in the lake ({count}), though it is not loaded")
    return problems


def mart_problems(submissions: list[dict[str, Any]], statuses: dict[FileKey, str]) -> list[str]:
    """``marts.submissions`` has every file of the lake, with its status (a loaded file whose
    reports were all replaced since shows as superseded), and no other."""
    problems = []
    for row in submissions:
        status = statuses.get(_key(row))
        if status is None:
            problems.append(f"{_named(row)}: missing from marts.submissions")
        elif status != row["status"] and (row["status"], status) != ("loaded", "superseded"):
            problems.append(f"{_named(row)}: marts.submissions says {status}")
    recorded = {_key(row) for row in submissions}
    return problems + [
        f"{name}: in marts.submissions but not in the lake"
        for (_, name) in sorted(set(statuses) - recorded)
    ]


def warehouse_problems(
    lake_rows: dict[str, int], lake_facts: Counter[FileKey], warehouse: WarehouseState | None
) -> list[str]:
    """The warehouse holds exactly the lake: each file's facts, and every other table's rows."""
    if warehouse is None:
        return [NO_WAREHOUSE] if any(lake_rows.values()) else []
    if warehouse.unreadable:
        return [f"the warehouse cannot be read ({warehouse.unreadable})"]
    problems = [STALE] if warehouse.stale else []
    problems += [
        f"raw.{table} of the warehouse has {warehouse.rows[table]} rows, the lake {rows}"
        for table, rows in lake_rows.items()
        if warehouse.rows[table] != rows
    ]
    held, kept = warehouse.facts, lake_facts
    return problems + [
        f"{name}: {held[(sha, name)]} facts in the warehouse, {kept[(sha, name)]} in the lake"
        for sha, name in sorted(set(kept) | set(held))
        if held[(sha, name)] != kept[(sha, name)]
    ]


def diagnose(state: HomeState) -> list[str]:
    """Every problem of the home, a plain line each (none when all is well)."""
    warehouse = state.warehouse
    readable = warehouse is not None and not warehouse.unreadable
    return [
        *registry_problems(state.submissions),
        *archive_problems(state.submissions, state.archived, state.archive),
        *quarantine_problems(state.submissions, state.quarantined),
        *lake_problems(state.submissions, state.lake_facts),
        *(mart_problems(state.submissions, warehouse.statuses) if readable and warehouse else []),
        *warehouse_problems(state.lake_rows, state.lake_facts, warehouse),
    ]


def verdict(state: HomeState, problems: list[str]) -> str:
    """The last line: how many problems, or what was found in order."""
    if problems:
        return f"{len(problems)} problem{'s' if len(problems) > 1 else ''} found."
    counts = Counter(row["status"] for row in state.submissions)
    by_status = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    return (
        f"All well: {len(state.submissions)} files, each in its one place"
        + (f" ({by_status})" if by_status else "")
        + "; the lake, the marts and the warehouse agree."
    )


def _by_file(table: pa.Table) -> Counter[FileKey]:
    return Counter(zip(table["sha256"].to_pylist(), table["file_name"].to_pylist(), strict=True))


def _warehouse(places: Places) -> WarehouseState | None:
    """What the warehouse holds (None without one; a damaged one says why)."""
    if not places.warehouse.exists():
        return None
    try:
        return _read_warehouse(places)
    except duckdb.Error as error:
        return WarehouseState(False, {}, Counter(), {}, unreadable=str(error).splitlines()[0])


def _read_warehouse(places: Places) -> WarehouseState:
    with duckdb.connect(str(places.warehouse), read_only=True) as con:
        rows = {
            table: con.execute(f"select count(*) from raw.{table}").fetchone()[0]  # type: ignore[index]
            for table in COUNTED_TABLES
        }
        facts = Counter(
            {
                (sha, name): count
                for sha, name, count in con.execute(
                    "select sha256, file_name, count(*) from raw.facts group by all"
                ).fetchall()
            }
        )
        statuses = {
            (sha, name): status
            for sha, name, status in con.execute(
                "select sha256, file_name, status from marts.submissions"
            ).fetchall()
        }
    return WarehouseState(is_stale(places.lake, places.warehouse), rows, facts, statuses)


def check_data_home(places: Places) -> None:
    """The home must be a data home: a folder a run has written its warehouse or lake in."""
    if not places.home.is_dir():
        raise UsageError(f"--home {places.home}: no such folder")
    if not places.warehouse.exists() and not storage.exists(lake.submissions_path(places.lake)):
        raise UsageError(f"--home {places.home}: not a data home (no warehouse, no lake)")


def examine(places: Places) -> HomeState:
    """What the home holds: the lake's records, the archive and quarantine listed, the
    warehouse read (read only: the doctor changes nothing)."""
    submissions = lake.read_submissions(places.lake)
    lake_rows = {
        "submissions": submissions.num_rows,
        "findings": lake.read_findings(places.lake).num_rows,
        "sheets": lake.read_sheets(places.lake).num_rows,
    }
    return HomeState(
        submissions=submissions.to_pylist(),
        archived={found.location for found in storage.listing(places.archive)},
        archive=places.archive,
        quarantined={found.relative for found in storage.listing(places.quarantine)},
        lake_rows=lake_rows,
        lake_facts=_by_file(lake.read_facts(places.lake)),
        warehouse=_warehouse(places),
    )
