"""The inbox accounts for everything: each entry is processed, or named in the run's summary
with why not and what to do; links are never followed out of the inbox."""

from __future__ import annotations

import os
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from khuyencong import pipeline, storage
from khuyencong.inbox import (
    Verdict,
    archive,
    fingerprint,
    settled_fingerprint,
    survey,
    vocabulary,
)
from khuyencong.lake import read_submissions
from khuyencong.places import Places
from khuyencong.run_report import run_markdown
from khuyencong.storage import OddEntry, StoredFile
from tests.nightly import ACTIVITY_MERGES
from tests.sheets import save_xlsx
from tests.transforms.reports import activity_rows

LOCK = (
    "Excel's lock file of a workbook open on someone's computer (it goes away when the "
    "workbook is closed)"
)
SYSTEM = "a file the operating system keeps about a folder, not a report (delete it if you like)"
UPLOAD = (
    "an upload that has not finished (it is read once the upload completes and renames it; "
    "delete it if the upload was abandoned)"
)
HIDDEN_FOLDER = (
    "a hidden folder, where sync tools keep old and deleted versions of files (move any "
    "report out of it)"
)
GROWING = (
    "still being written, or changed while it was read: the next run takes it once it has "
    "not changed for 60 s"
)


def report_of(path: Path, year: int) -> Path:
    """Thái Nguyên's activity report of ``year`` as a real .xlsx file, arrived an hour ago."""
    rows = activity_rows()
    rows[3][0] = f"BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC KHUYẾN CÔNG NĂM {year}"
    path.parent.mkdir(parents=True, exist_ok=True)
    save_xlsx(path, "BC", rows, ACTIVITY_MERGES)
    settled(path)
    return path


def settled(path: Path) -> Path:
    an_hour_ago = time.time() - 3600
    os.utime(path, (an_hour_ago, an_hour_ago), follow_symlinks=False)
    return path


@pytest.fixture
def crowded_inbox(tmp_path: Path) -> tuple[Path, Path]:
    """An inbox holding two reports among everything else a shared folder collects."""
    inbox, outside = tmp_path / "inbox", tmp_path / "elsewhere"
    report_of(inbox / "..BC_ThaiNguyen_2010.xlsx", 2010)  # a dotted name: still a report
    report_of(inbox / "BC_2011.xlsx" / "BC_ThaiNguyen_2011.xlsx", 2011)  # a folder so named
    report_of(inbox / ".stversions" / "BC_ThaiNguyen_2009.xlsx", 2009)  # a sync tool's old copy
    report_of(outside / "BC_ThaiNguyen_2012.xlsx", 2012)
    for name, content in {
        "~$BC_ThaiNguyen_2010.xlsx": b"\x0bNguyen Van A" + b" " * 150,
        ".DS_Store": b"\x00\x00\x00\x01Bud1",
        "Thumbs.db": b"\xd0\xcf\x11\xe0",
        "BC_ThaiNguyen_2014.xlsx.filepart": b"PK\x03\x04",
    }.items():
        (inbox / name).write_bytes(content)
        settled(inbox / name)
    (inbox / "tu_tinh_khac.xlsx").symlink_to(outside / "BC_ThaiNguyen_2012.xlsx")
    (inbox / "ban_sao.xlsx").symlink_to("..BC_ThaiNguyen_2010.xlsx")
    (inbox / "da_xoa.xlsx").symlink_to(outside / "gone.xlsx")
    os.mkfifo(inbox / "ong.xlsx")
    report_of(inbox / "BC_ThaiNguyen_2013.xlsx", 2013)
    os.utime(inbox / "BC_ThaiNguyen_2013.xlsx")  # still being copied in: modified just now
    return inbox, outside


def test_every_entry_of_the_inbox_is_processed_or_named_with_why(
    crowded_inbox: tuple[Path, Path], tmp_path: Path
) -> None:
    inbox, outside = crowded_inbox
    places = Places.of(tmp_path / "home")
    summary = pipeline.nightly(inbox, places, settle_seconds=60)

    assert summary.statuses == {"loaded": 2}
    elsewhere = str(outside / "BC_ThaiNguyen_2012.xlsx")
    assert [(u.file, u.verdict, u.reason) for u in summary.unread] == [
        (".DS_Store", "ignored", SYSTEM),
        (".stversions/", "ignored", f"{HIDDEN_FOLDER}: 1 file in it, not read"),
        ("BC_ThaiNguyen_2013.xlsx", "waiting", GROWING),
        ("BC_ThaiNguyen_2014.xlsx.filepart", "waiting", UPLOAD),
        ("Thumbs.db", "ignored", SYSTEM),
        (
            "ban_sao.xlsx",
            "ignored",
            "a link to ..BC_ThaiNguyen_2010.xlsx in the inbox, which is taken where it is; the "
            "link itself is not followed: delete it",
        ),
        ("da_xoa.xlsx", "refused", "a link leading nowhere: delete it"),
        (
            "ong.xlsx",
            "refused",
            "not a regular file (a named pipe, a socket or a device): never read; delete it",
        ),
        (
            "tu_tinh_khac.xlsx",
            "refused",
            f"a link to {elsewhere}, outside the inbox: never followed; copy what it points to "
            "into the inbox",
        ),
        ("~$BC_ThaiNguyen_2010.xlsx", "ignored", LOCK),
    ]
    assert summary.describe() == (
        "2 files processed (2 loaded); 2 still being written (next run); 3 refused; 5 ignored"
    )
    markdown = run_markdown(summary)
    assert "| ong.xlsx | refused | not a regular file (a named pipe, a socket or a device): " in (
        markdown
    )
    # the two reports were read, under their own names, and nothing from outside the inbox
    registry = read_submissions(places.lake)
    assert sorted(registry["file_name"].to_pylist()) == [
        "..BC_ThaiNguyen_2010.xlsx",
        "BC_ThaiNguyen_2011.xlsx",
    ]
    archived = sorted(found.relative.split("/")[-1] for found in storage.listing(places.archive))
    assert archived == ["..BC_ThaiNguyen_2010.xlsx", "BC_ThaiNguyen_2011.xlsx"]
    assert (outside / "BC_ThaiNguyen_2012.xlsx").exists()
    # the reports left the inbox; all else is where it was, and named in the summary
    left = {e.relative for e in storage.entries(inbox)}
    assert left == {u.file for u in summary.unread} - {".stversions/"} | {
        ".stversions/BC_ThaiNguyen_2009.xlsx"
    }


def test_a_file_that_was_still_being_written_is_taken_by_the_next_run(
    crowded_inbox: tuple[Path, Path], tmp_path: Path
) -> None:
    inbox, _ = crowded_inbox
    places = Places.of(tmp_path / "home")
    pipeline.nightly(inbox, places, settle_seconds=60)
    settled(inbox / "BC_ThaiNguyen_2013.xlsx")
    summary = pipeline.nightly(inbox, places, settle_seconds=60)
    assert summary.statuses == {"loaded": 1}
    assert "BC_ThaiNguyen_2013.xlsx" not in [u.file for u in summary.unread]
    assert not (inbox / "BC_ThaiNguyen_2013.xlsx").exists()


def listed(relative: str) -> StoredFile:
    return StoredFile(f"/inbox/{relative}", relative, 10, datetime.now(tz=UTC), "1")


def test_names_are_matched_without_case_and_only_folders_hide_their_files() -> None:
    """``THUMBS.DB`` is the system's; a dotted file is a report, a dotted folder's file is not;
    a folder named like a workbook is walked."""
    entries: list[StoredFile | OddEntry] = [
        listed(name)
        for name in (
            "THUMBS.DB",
            ".BC.xlsx",
            ".sync/Archive/BC.xlsx",
            ".sync/Archive/BC_2.xlsx",
            "huyen/__MACOSX/._BC.xlsx",
            "BC.xlsx/BC.xlsx",
            "._BC.xlsx",
            ".~lock.BC.xlsx#",
        )
    ]
    found = survey(entries, vocabulary())
    assert [f.relative for f in found.submissions] == [".BC.xlsx", "BC.xlsx/BC.xlsx"]
    assert [(u.file, u.verdict) for u in found.unread] == [
        ("._BC.xlsx", Verdict.ignored),
        (".sync/", Verdict.ignored),
        (".~lock.BC.xlsx#", Verdict.ignored),
        ("THUMBS.DB", Verdict.ignored),
        ("huyen/__MACOSX/", Verdict.ignored),
    ]
    assert found.unread[1].reason.endswith(": 2 files in it, not read")


@pytest.mark.parametrize("swap", ["link", "pipe"])
def test_a_file_swapped_for_a_link_or_a_pipe_after_the_listing_is_not_read(
    tmp_path: Path, swap: str
) -> None:
    """Listed as a file, then replaced: neither hashed nor archived through the link (even to
    the same bytes), nor blocked on by the pipe; it waits, and the next run refuses it."""
    inbox = tmp_path / "inbox"
    path = report_of(inbox / "BC.xlsx", 2010)
    secret = shutil.copy2(path, tmp_path / "secret.xlsx")
    (listed_file,) = storage.listing(inbox)
    arrival = fingerprint(path)
    path.unlink()
    if swap == "link":
        path.symlink_to(secret)
    else:
        os.mkfifo(path)
    assert settled_fingerprint(listed_file, 0, datetime.now(tz=UTC)) is None
    assert archive(tmp_path / "archive", arrival) is None
    assert not any((tmp_path / "archive").rglob("*.xlsx"))
    (refused,) = survey(storage.entries(inbox), vocabulary()).unread
    assert (refused.file, refused.verdict) == ("BC.xlsx", Verdict.refused)
