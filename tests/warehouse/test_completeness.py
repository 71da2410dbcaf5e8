"""Completeness tells on time from late, and rejected from missing, by the deadlines of schemas/.

One hand-made lake: facts and the registry of the files they came from, as the pipeline writes
them. 2011: Thái Nguyên on time, Bắc Kạn half an hour after its deadline day ended in Vietnam
(still 15 January in UTC), Cao Bằng's only file quarantined, Hà Giang nothing; 2008: Hà Tây,
merged into Hà Nội on 1 August, not expected.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

import schemas
from khuyencong.lake import SUBMISSION_SCHEMA, write_registry
from tests.test_warehouse import build_lake_warehouse, fact, query
from transforms.contracts import FINDING_SCHEMA, SHEET_SCHEMA

HA_NOI_2008 = date(2008, 8, 1)
FACTS = [
    fact("19", "2011", "trained_workers", 100, "2012-01-10T02:00:00", "tn2011"),
    fact("06", "2011", "trained_workers", 40, "2012-01-15T17:30:00", "bk2011"),
    fact("01", "2008", "trained_workers", 320, "2009-01-12T03:00:00", "hn2008", HA_NOI_2008),
]


def submission(sha: str, status: str, province: str, period: str, received: str) -> dict[str, Any]:
    """A registry row of the lake, as the pipeline writes one per file."""
    arrived = datetime.fromisoformat(received).replace(tzinfo=UTC)
    return {
        "submission_id": f"{sha}-id",
        "file_name": f"{sha}.xlsx",
        "sha256": sha,
        "status": status,
        "province_code": province,
        "period": period,
        "reason": "funding-split-mismatch: ..." if status == "quarantined" else None,
        "reports": f"{province}:{period}",
        "facts": 0 if status == "quarantined" else 1,
        "size_bytes": 1000,
        "received_at": arrived,
        "processed_at": datetime(2026, 1, 1, tzinfo=UTC),
        "parser_version": "test",
        "archive_path": "",
    }


SUBMISSIONS = [
    submission("tn2011", "loaded", "19", "2011", "2012-01-10T02:00:00"),
    submission("bk2011", "loaded", "06", "2011", "2012-01-15T17:30:00"),
    submission("hn2008", "loaded", "01", "2008", "2009-01-12T03:00:00"),
    submission("cb2011", "quarantined", "04", "2011", "2012-01-05T03:00:00"),
]
COLUMNS = "province_name, expected, received, received_at, deadline, late, rejected, status"


def build(home: Path) -> Path:
    """The warehouse of the lake above."""
    write_registry(
        home / "lake",
        pa.Table.from_pylist(SUBMISSIONS, schema=SUBMISSION_SCHEMA),
        FINDING_SCHEMA.empty_table(),
        SHEET_SCHEMA.empty_table(),
    )
    return build_lake_warehouse(home, FACTS)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("completeness"))


def completeness(database: Path, province: str, year: int) -> tuple[Any, ...]:
    rows = query(
        database,
        f"select {COLUMNS} from marts.reporting_completeness where province_code = ? and year = ?",
        [province, year],
    )
    return rows[0]


DEADLINE_2011 = date(2012, 1, 15)
ARRIVED_TN = datetime(2012, 1, 10, 2, tzinfo=UTC)
ARRIVED_BK = datetime(2012, 1, 15, 17, 30, tzinfo=UTC)


# why -> (province, year), then (name, expected, received, received_at, deadline, late,
# rejected, status) as the mart gives them
CASES = {
    "received before its deadline: on time": (
        ("19", 2011),
        ("Thái Nguyên", True, True, ARRIVED_TN, DEADLINE_2011, False, False, "received"),
    ),
    "17:30 UTC on 15 January is 00:30 on the 16th in Vietnam: late": (
        ("06", 2011),
        ("Bắc Kạn", True, True, ARRIVED_BK, DEADLINE_2011, True, False, "late"),
    ),
    "its only file quarantined: rejected": (
        ("04", 2011),
        ("Cao Bằng", True, False, None, DEADLINE_2011, False, True, "rejected"),
    ),
    "no file: missing": (
        ("02", 2011),
        ("Hà Giang", True, False, None, DEADLINE_2011, False, False, "missing"),
    ),
    "merged away on 1 August 2008: not expected": (
        ("28", 2008),
        ("Hà Tây", False, False, None, date(2009, 1, 15), False, False, "missing"),
    ),
}


@pytest.mark.parametrize(("where", "expected"), CASES.values(), ids=CASES)
def test_completeness_tells_on_time_late_rejected_missing_and_not_expected(
    warehouse: Path, where: tuple[str, int], expected: tuple[Any, ...]
) -> None:
    assert completeness(warehouse, *where) == expected


def test_a_year_whose_only_file_was_rejected_is_followed(tmp_path: Path) -> None:
    """A quarantined file of 2012, a year without facts, still gives 2012 its rows."""
    SUBMISSIONS.append(submission("cb2012", "quarantined", "04", "2012-H1", "2012-07-05T03:00:00"))
    try:
        database = build(tmp_path)
    finally:
        SUBMISSIONS.pop()
    statuses = dict(
        query(
            database,
            "select status, count(*) from marts.reporting_completeness "
            "where year = 2012 and expected group by status",
        )
    )
    assert statuses == {"rejected": 1, "missing": 62}


def test_the_deadlines_are_the_schemas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Annual reports due on 1 March instead: Bắc Kạn's report of 16 January is on time."""
    rules = schemas.read_yaml("deadlines.yaml")
    assert rules["deadlines"]["year"] == {"months_after_end": 1, "day": 15}
    assert rules["deadlines"]["half"] == {"months_after_end": 1, "day": 15}
    march = {"months_after_end": 3, "day": 1}
    later = {**rules, "deadlines": {**rules["deadlines"], "year": march}}
    original = schemas.read_yaml
    monkeypatch.setattr(
        schemas, "read_yaml", lambda name: later if name == "deadlines.yaml" else original(name)
    )
    database = build(tmp_path)
    assert completeness(database, "06", 2011)[4:] == (date(2012, 3, 1), False, False, "received")
    assert query(database, "select * from staging.stg_deadlines where period_kind = 'half'") == [
        ("half", 1, 15, "Asia/Ho_Chi_Minh")
    ]
