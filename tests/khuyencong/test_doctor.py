"""``khuyencong doctor``: a home made by a real run is well; each way of breaking it is named.

The home is made once by ``khuyencong run`` (a real process, on the test session's Prefect
server) over a few generated reports, a broken file and a copy; each test breaks a fresh copy
of it, restored at the same path (the lake records absolute archive paths).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from devtools.sample import generate_sample
from khuyencong.cli import app
from khuyencong.doctor import (
    lake_problems,
    mart_problems,
    quarantine_files,
    quarantine_problems,
    registry_problems,
)
from khuyencong.storage import fitting_name
from tests.nightly import BROKEN, Run

KHUYENCONG = str(Path(sys.executable).parent / "khuyencong")
BROKEN_NAME = "bao_cao_hong.xlsx"
BROKEN_SHA = hashlib.sha256(BROKEN[BROKEN_NAME]).hexdigest()
REPORT = "KC2010_ThaiNguyen.xlsx"
COPY = f"copy of {REPORT}"

runner = CliRunner()


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory, cli_environment: dict[str, str]) -> Path:
    """A home as ``khuyencong run`` leaves it: two reports loaded, a copy, a rejected file."""
    root = tmp_path_factory.mktemp("doctor")
    inbox = root / "inbox"
    generate_sample(inbox, years=range(2010, 2012), provinces={"19"})
    (inbox / BROKEN_NAME).write_bytes(BROKEN[BROKEN_NAME])
    shutil.copy(inbox / REPORT, inbox / COPY)
    command = [KHUYENCONG, "run", "--inbox", str(inbox), "--home", str(root / "home")]
    finished = subprocess.run(
        [*command, "--settle-seconds", "0"],
        capture_output=True,
        text=True,
        timeout=600,
        env=cli_environment,
    )
    assert finished.returncode == 0, finished.stderr
    shutil.copytree(root / "home", root / "pristine", symlinks=True)
    return root


@pytest.fixture
def home(pristine: Path) -> Path:
    """The home of the run, as the run left it (each test breaks it its own way)."""
    shutil.rmtree(pristine / "home")
    shutil.copytree(pristine / "pristine", pristine / "home", symlinks=True)
    return pristine / "home"


def doctor(home: Path) -> tuple[int, list[str]]:
    result = runner.invoke(app, ["doctor", "--home", str(home)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output.splitlines()


def test_a_home_as_a_run_left_it_is_well(home: Path) -> None:
    assert doctor(home) == (
        0,
        [
            "All well: 4 files, each in its one place (1 duplicate, 2 loaded, 1 quarantined); "
            "the lake, the marts and the warehouse agree."
        ],
    )


def archived(home: Path, name: str) -> Path:
    (path,) = (home / "archive").rglob(name)
    return path


def delete_an_archived_original(home: Path) -> str:
    path = archived(home, REPORT)
    path.unlink()
    return f"{REPORT} (loaded): its original is missing from the archive ({path})"


def delete_a_lake_file(home: Path) -> str:
    (home / "lake" / "facts" / "year=2010" / "data.parquet").unlink()
    return f"{REPORT} (loaded): the lake holds 0 of its 22 facts"


def add_a_stray_file_to_the_quarantine(home: Path) -> str:
    (home / "quarantine" / BROKEN_SHA[:12] / "ghi chu.txt").write_text("?", encoding="utf-8")
    return (
        f"stray file in the quarantine: {BROKEN_SHA[:12]}/ghi chu.txt (no quarantined "
        "submission has it)"
    )


def delete_a_quarantined_copy(home: Path) -> str:
    (home / "quarantine" / BROKEN_SHA[:12] / BROKEN_NAME).unlink()
    return (
        f"{BROKEN_NAME} (quarantined): missing from the quarantine: {BROKEN_SHA[:12]}/{BROKEN_NAME}"
    )


def add_a_stray_file_to_the_archive(home: Path) -> str:
    (home / "archive" / "ab").mkdir()
    (home / "archive" / "ab" / "BC.xlsx").write_bytes(b"PK")
    return (
        "stray file in the archive: ab/BC.xlsx (no submission records it: a run stopped before "
        "recording it, or it was put there by hand)"
    )


def drop_a_fact_from_the_warehouse(home: Path) -> str:
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        con.execute(
            "delete from raw.facts where rowid = "
            "(select min(rowid) from raw.facts where file_name = ?)",
            [REPORT],
        )
    return f"{REPORT}: 21 facts in the warehouse, 22 in the lake"


def drop_a_file_from_the_marts(home: Path) -> str:
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        con.execute("delete from marts.submissions where file_name = ?", [COPY])
    return f"{COPY} (duplicate): missing from marts.submissions"


@pytest.mark.parametrize(
    "break_it",
    [
        delete_an_archived_original,
        delete_a_lake_file,
        add_a_stray_file_to_the_quarantine,
        delete_a_quarantined_copy,
        add_a_stray_file_to_the_archive,
        drop_a_fact_from_the_warehouse,
        drop_a_file_from_the_marts,
    ],
)
def test_each_way_of_breaking_a_home_is_named(home: Path, break_it: Callable[[Path], str]) -> None:
    expected = break_it(home)
    code, lines = doctor(home)
    assert code == 1
    assert expected in lines, lines
    assert lines[-1].endswith("found.")


def test_a_damaged_warehouse_is_a_problem_not_a_crash(home: Path) -> None:
    (home / "warehouse.duckdb").write_bytes(b"not a database")
    code, lines = doctor(home)
    assert code == 1
    assert lines[0].startswith("the warehouse cannot be read (")
    assert lines[1:] == ["1 problem found."]


def test_a_home_that_does_not_exist_is_one_plain_line(tmp_path: Path) -> None:
    finished = subprocess.run(
        [KHUYENCONG, "doctor", "--home", str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 2
    assert finished.stderr == f"error: --home {tmp_path / 'nowhere'}: no such folder\n"
    assert finished.stdout == ""
    assert not (tmp_path / "nowhere").exists()


def row(name: str, status: str, sha: str = "ab" * 32, **fields: object) -> dict[str, object]:
    """A row of the lake's submissions, as the checks read it."""
    return {
        "submission_id": f"{sha}:{name}",
        "file_name": name,
        "sha256": sha,
        "status": status,
        "reason": "total-mismatch" if status == "quarantined" else None,
        "facts": 0,
        "archive_path": f"/home/archive/{sha[:2]}/{sha}/{name}",
        **fields,
    }


def test_a_file_loaded_since_it_was_quarantined_is_named_for_its_old_copy() -> None:
    sha = "cd" * 32
    old_copy = {
        f"{sha[:12]}/BC.xlsx",
        f"{sha[:12]}/BC.xlsx.findings.json",
        f"{sha[:12]}/BC.loi.xlsx",
    }
    assert quarantine_problems([row("BC.xlsx", "loaded", sha)], old_copy) == [
        f"BC.xlsx (loaded): a copy is still in the quarantine ({sha[:12]}/BC.xlsx), from before "
        "a later run took it"
    ]
    assert quarantine_problems([row("BC.xlsx", "quarantined", sha)], old_copy) == []


def test_a_long_name_is_looked_for_as_the_quarantine_shortens_it() -> None:
    name = "Báo cáo " * 30 + ".xlsx"
    original, findings, _ = quarantine_files(row(name, "quarantined"))
    assert original == f"{'ab' * 6}/{fitting_name(name)}" and len(original.encode()) < 255
    assert quarantine_problems([row(name, "quarantined")], {original, findings}) == []


def test_facts_of_a_file_not_loaded_and_files_recorded_twice_are_named() -> None:
    rows = [
        row("a.xlsx", "loaded", facts=3),
        row("b.xlsx", "duplicate"),
        row("b.xlsx", "duplicate"),
    ]
    facts = Counter({("ab" * 32, "a.xlsx"): 3, ("ab" * 32, "b.xlsx"): 2, ("ef" * 32, "c.xlsx"): 1})
    assert lake_problems(rows, facts) == [
        "b.xlsx (duplicate): facts in the lake (2), though it is not loaded",
        "c.xlsx: facts in the lake (1), though no submission records it",
    ]
    assert registry_problems(rows) == [
        "b.xlsx (duplicate): recorded 2 times in the lake's submissions"
    ]


def test_the_marts_may_call_a_loaded_file_superseded_and_nothing_else() -> None:
    rows = [row("a.xlsx", "loaded"), row("b.xlsx", "duplicate")]
    statuses = {
        ("ab" * 32, "a.xlsx"): "superseded",
        ("ab" * 32, "b.xlsx"): "loaded",
        ("ef" * 32, "c.xlsx"): "loaded",
    }
    assert mart_problems(rows, statuses) == [
        "b.xlsx (duplicate): marts.submissions says loaded",
        "c.xlsx: in marts.submissions but not in the lake",
    ]


def test_the_shared_nightly_home_is_well(nightly_run: Run) -> None:
    """The session's nightly over the sample, broken files, mistakes and a copy (and whatever
    other tests ran on that home since: resubmissions, backfills) keeps every file in place."""
    code, lines = doctor(nightly_run.home)
    assert (code, lines[:-1]) == (0, []), lines
    assert lines[-1].startswith("All well: ")
