"""The nightly schedule, the run lock, files still being written, backfill selection, reports."""

from __future__ import annotations

import asyncio
import os
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from khuyencong.checkpoint import Checkpoint, checkpoint_path, read_checkpoint, write_checkpoint
from khuyencong.inbox import (
    Unread,
    Verdict,
    archive,
    fingerprint,
    remove_from_inbox,
    settled_fingerprint,
)
from khuyencong.run_lock import RunInProgress, exclusive_run
from khuyencong.run_report import RunSummary, changed_figures, run_markdown
from khuyencong.storage import stat
from tests.locks import lock_held_elsewhere
from transforms.backfill import backfill_key, backfill_steps, select_for_backfill


def test_the_nightly_deployment_fires_at_two_in_the_morning_in_vietnam() -> None:
    from prefect.server.schemas.schedules import CronSchedule

    from flows.deployments import nightly_deployment
    from khuyencong.places import Places

    deployment = nightly_deployment("inbox", Places.of("data", lake="s3://bucket/lake"))
    schedule = deployment.schedules[0].schedule
    dates = asyncio.run(
        CronSchedule(cron=schedule.cron, timezone=schedule.timezone).get_dates(
            n=3, start=datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
        )
    )
    assert [(d.hour, d.minute) for d in dates] == [(2, 0)] * 3
    assert [d.astimezone(UTC).hour for d in dates] == [19] * 3  # 02:00 UTC+7 is 19:00 UTC
    assert deployment.concurrency_limit == 1
    assert deployment.parameters["lake"] == "s3://bucket/lake"
    assert deployment.parameters["archive"] == str(Path("data/archive").resolve())


def test_a_second_run_on_the_same_home_is_refused_while_the_first_holds_it(tmp_path: Path) -> None:
    with (
        lock_held_elsewhere(tmp_path) as pid,
        pytest.raises(RunInProgress, match=f"process {pid}"),
        exclusive_run(tmp_path),
    ):
        pass
    with exclusive_run(tmp_path):  # a killed holder leaves no stale lock
        pass


def test_a_file_still_being_written_waits_for_the_next_run(tmp_path: Path) -> None:
    path = tmp_path / "bc.xlsx"
    path.write_bytes(b"PK partial")
    now = datetime.now(tz=UTC)
    assert settled_fingerprint(stat(path), settle_seconds=60, now=now) is None
    old = time.time() - 120
    os.utime(path, (old, old))
    arrival = settled_fingerprint(stat(path), settle_seconds=60, now=now)
    assert arrival is not None and arrival.size_bytes == len(b"PK partial")


def registry_row(name: str, status: str, reports: str, period: str | None = None) -> dict:
    return {"file_name": name, "status": status, "reports": reports, "period": period}


def test_a_file_rewritten_after_it_was_hashed_is_neither_archived_nor_removed(
    tmp_path: Path,
) -> None:
    inbox, archive_root = tmp_path / "inbox", tmp_path / "archive"
    inbox.mkdir()
    path = inbox / "bc.xlsx"
    path.write_bytes(b"first version")
    arrival = fingerprint(path)
    path.write_bytes(b"second version, longer")
    assert archive(archive_root, arrival) is None
    assert not archive_root.exists() or not any(archive_root.rglob("bc.xlsx"))
    remove_from_inbox(arrival, inbox, archive_root)
    assert path.read_bytes() == b"second version, longer"

    fresh = fingerprint(path)
    archived = archive(archive_root, fresh)
    assert archived is not None and Path(archived.location).read_bytes() == path.read_bytes()
    assert archived.sha256 == fresh.sha256 and archived.file_name == "bc.xlsx"
    remove_from_inbox(fresh, inbox, archive_root)
    assert not path.exists() and Path(archived.location).exists()


def test_a_file_that_cannot_be_fetched_raises_instead_of_being_quarantined(
    tmp_path: Path,
) -> None:
    from khuyencong.process import read_submission

    path = tmp_path / "bc.xlsx"
    path.write_bytes(b"PK")
    arrival = fingerprint(path)
    path.unlink()
    with pytest.raises(OSError):
        read_submission(arrival)


def test_tasks_retry_on_io_errors_only(prefect_harness: None) -> None:
    from prefect import flow, task

    from flows.tasks import IO_RETRIES

    calls: list[str] = []

    @task(**{**IO_RETRIES, "retry_delay_seconds": 0})
    def flaky(error: Exception) -> str:
        calls.append(type(error).__name__)
        if len(calls) < 3:
            raise error
        return "done"

    @flow
    def attempt(error: Exception) -> str:
        return flaky(error)

    assert attempt(ConnectionResetError("share went away")) == "done"
    assert calls == ["ConnectionResetError"] * 3
    calls.clear()
    with pytest.raises(ValueError):
        attempt(ValueError("a bug"))
    assert calls == ["ValueError"]


def test_a_backfill_rereads_the_years_and_provinces_asked_for() -> None:
    rows = [
        registry_row("tn_2007.xlsx", "loaded", "19:2007"),
        registry_row("region_2007.xls", "loaded", "19:2007;28:2007;66:2007"),
        registry_row("tn_2010.xlsx", "loaded", "19:2010"),
        registry_row("copy of tn_2007.xlsx", "duplicate", ""),
        registry_row("BC_HaGiang_2007_hong.xlsx", "quarantined", ""),
        registry_row("scan.pdf", "quarantined", ""),
    ]
    chosen = [r["file_name"] for r in select_for_backfill(rows, range(2006, 2009), None)]
    assert chosen == ["tn_2007.xlsx", "region_2007.xls", "BC_HaGiang_2007_hong.xlsx"]
    only_28 = [r["file_name"] for r in select_for_backfill(rows, [2007], ["28"])]
    assert only_28 == ["region_2007.xls"]


def test_a_backfill_goes_a_year_at_a_time_from_the_first_year_each_file_reports() -> None:
    rows = [
        registry_row("tn_2008.xlsx", "loaded", "19:2008"),
        registry_row("tn_2006-2010.xlsx", "loaded", "19:2006-2010;19:2010"),
        registry_row("tn_2005.xlsx", "loaded", "19:2005"),
        registry_row("BC_HaGiang_2007_hong.xlsx", "quarantined", ""),
    ]
    steps = backfill_steps(rows, [2007, 2008, 2009, 2010])
    assert {year: [r["file_name"] for r in step] for year, step in steps.items()} == {
        2007: ["BC_HaGiang_2007_hong.xlsx"],
        2008: ["tn_2008.xlsx"],
        2010: ["tn_2006-2010.xlsx"],
    }
    assert list(steps) == sorted(steps)


def test_only_the_same_backfill_under_the_same_parser_resumes_a_checkpoint() -> None:
    key = backfill_key([2005, 2006], ["19", "06"], "parser-1")
    assert key == backfill_key([2006, 2005], ["06", "19"], "parser-1")
    assert key != backfill_key([2005, 2006, 2007], ["19", "06"], "parser-1")
    assert key != backfill_key([2005, 2006], ["19"], "parser-1")
    assert key != backfill_key([2005, 2006], ["19", "06"], "parser-2")


def test_a_checkpoint_half_written_or_foreign_reads_as_none(tmp_path: Path) -> None:
    checkpoint = Checkpoint("k", "2005-2009", total_files=3).working_on("2005")
    write_checkpoint(tmp_path, checkpoint.finished(["a", "b"]))
    assert read_checkpoint(tmp_path) == Checkpoint(
        "k", "2005-2009", 3, ("a", "b"), "", checkpoint.started_at
    )
    checkpoint_path(tmp_path).write_text('{"key": "k", "done": [', encoding="utf-8")
    assert read_checkpoint(tmp_path) is None
    checkpoint_path(tmp_path).write_text('{"something": "else"}', encoding="utf-8")
    assert read_checkpoint(tmp_path) is None


def test_the_run_report_lists_rejects_and_the_national_figures_that_changed() -> None:
    before = {("trained_workers", 2009): Decimal(60000), ("demo_models", 2009): Decimal(150)}
    after = {("trained_workers", 2009): Decimal(61250), ("demo_models", 2009): Decimal(150)}
    changed = changed_figures(before, after)
    assert changed == (("trained_workers", 2009, Decimal(60000), Decimal(61250)),)
    rejected = (("bao_cao_2009.xlsx", "total-mismatch", Path("/data/quarantine/0123456789ab")),)
    growing = Unread("bc.xlsx", Verdict.waiting, "still being written")
    summary = RunSummary(
        "nightly",
        4,
        {"loaded": 3, "quarantined": 1},
        changed=changed,
        rejected=rejected,
        unread=(growing,),
    )
    markdown = run_markdown(summary)
    assert "| trained_workers | 2009 | 60,000 | 61,250 |" in markdown
    assert "1 still being written" in markdown
    assert "| bao_cao_2009.xlsx | total-mismatch | `/data/quarantine/0123456789ab` |" in markdown
