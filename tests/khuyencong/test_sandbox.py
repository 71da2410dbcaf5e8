"""The sandbox: a reader that aborts, hangs or is refused loses its own file, and the rest read.

The hostile files are the real thing, small: a sheet whose two cells make python-calamine
allocate a grid of 3 billion cells (it aborts the process on the failed allocation, as it did
on the zip bomb of issue 13) under a memory limit of a few hundred MB, and a named pipe no one
writes to (the reader waits for ever).
"""

from __future__ import annotations

import io
import os
import signal
import time
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook as XlsxWorkbook

from khuyencong.formats.budgets import default_budgets
from khuyencong.pipeline import Stages, nightly, validate_run, workers_ahead
from khuyencong.places import Places
from khuyencong.sandbox import read_isolated, readers_kept
from khuyencong.workbook_files import UnreadableFile, read_workbook_file
from transforms.model import Finding, Reading
from transforms.reading.workbook import understand_workbook

REPORT = [
    ["SỞ CÔNG THƯƠNG TỈNH THÁI NGUYÊN"],
    ["BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG NĂM 2010"],
    ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
    [1, "Số lao động được đào tạo nghề", "người", 1250],
    [2, "Kinh phí khuyến công", "triệu đồng", 1381.5],
]


def _workbook(rows: list[list[object]]) -> bytes:
    book = XlsxWorkbook()
    for row in rows:
        book.active.append(row)
    saved = io.BytesIO()
    book.save(saved)
    return saved.getvalue()


def _report(path: Path, rows: list[list[object]] = REPORT) -> Path:
    path.write_bytes(_workbook(rows))
    return path


def _far_apart(path: Path) -> Path:
    """A report with one more cell at XFD200000: calamine builds the grid from A1 to it."""
    sheet = "xl/worksheets/sheet1.xml"
    with (
        zipfile.ZipFile(io.BytesIO(_workbook(REPORT))) as old,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for member in old.infolist():
            data = old.read(member)
            if member.filename == sheet:
                far = b'<row r="200000"><c r="XFD200000"><v>1</v></c></row></sheetData>'
                data = data.replace(b"</sheetData>", far)
            new.writestr(member, data)
    return path


def _children() -> set[int]:
    found: set[int] = set()
    for task in Path("/proc/self/task").iterdir():
        found |= {int(pid) for pid in (task / "children").read_text().split()}
    return found


def test_it_reads_what_the_reader_reads(tmp_path: Path) -> None:
    path = _report(tmp_path / "bc.xlsx")
    ((read, reading),) = read_isolated([path])
    assert read == path
    assert reading == understand_workbook(read_workbook_file(path))


def test_a_reader_that_aborts_costs_its_file_alone(tmp_path: Path) -> None:
    # budgets loose enough to let the file reach calamine, memory tight enough to stop it soon
    budgets = default_budgets(
        cells_per_sheet=10**12, cells_per_workbook=10**12, memory_per_reader=400 * 2**20
    )
    files = [_far_apart(tmp_path / "xa.xlsx"), _report(tmp_path / "bc.xlsx")]
    before = _children()
    (_, aborted), (_, read) = read_isolated(files, budgets, workers=1)
    assert isinstance(aborted, UnreadableFile)
    assert (aborted.rule, aborted.params["budget"]) == ("file-too-large", "memory_per_reader")
    assert "SIGABRT" in aborted.params["measured"]
    assert isinstance(read, Reading) and read.facts
    assert _children() == before  # every worker is gone, the dead one and its successor


def test_a_reader_that_hangs_is_stopped_at_the_time_budget(tmp_path: Path) -> None:
    fifo = tmp_path / "treo.xlsx"
    os.mkfifo(fifo)  # no one ever writes: reading it waits for ever
    files = [fifo, _report(tmp_path / "bc.xlsx")]
    started = time.monotonic()
    # the budget counts from when a file is given to a worker that may still be starting (a
    # fresh interpreter importing the reader): 2 s was too short on a loaded machine
    (_, hung), (_, read) = read_isolated(files, default_budgets(seconds_per_file=10))
    assert isinstance(hung, UnreadableFile)
    assert hung.params["budget"] == "seconds_per_file"
    assert isinstance(read, Reading) and read.facts
    assert time.monotonic() - started < 30


def test_the_file_queued_behind_a_hung_one_is_read_by_its_successor(tmp_path: Path) -> None:
    # one worker holds two files at once (the next waits in its pipe): when the first hangs
    # and the worker is killed, the second is read by the worker that replaces it, not judged
    fifo = tmp_path / "treo.xlsx"
    os.mkfifo(fifo)
    files = [fifo, _report(tmp_path / "bc.xlsx"), _report(tmp_path / "bc2.xlsx")]
    outcomes = [o for _, o in read_isolated(files, default_budgets(seconds_per_file=10), 1)]
    assert isinstance(outcomes[0], UnreadableFile)
    assert outcomes[0].params["budget"] == "seconds_per_file"
    assert [isinstance(o, Reading) and len(o.facts) for o in outcomes[1:]] == [2, 2]


def test_hostile_files_are_refused_and_the_others_read_in_order(tmp_path: Path) -> None:
    huge = [*REPORT[:3], [1, "Số lao động được đào tạo nghề", "người", 1e308]]
    wide = tmp_path / "rong.csv"
    wide.write_bytes(b"1;" * 100_000)
    files = [
        _report(tmp_path / "a.xlsx"),
        wide,
        _report(tmp_path / "so_lon.xlsx", huge),
        _report(tmp_path / "b.xlsx"),
    ]
    outcomes = list(read_isolated(files))
    assert [path for path, _ in outcomes] == files
    first, refused, out_of_range, last = (outcome for _, outcome in outcomes)
    assert isinstance(refused, UnreadableFile) and refused.rule == "unsafe-file"
    assert isinstance(out_of_range, Reading)
    assert [(f.rule, f.cell) for f in out_of_range.findings if f.cell == "D4"] == [
        ("unparseable-number", "D4")
    ]
    assert first == last
    assert isinstance(first, Reading)
    assert {(f.indicator, f.value) for f in first.facts} == {
        ("trained_workers", 1250),
        ("extension_funding", Decimal("1381.5")),
    }


def test_one_nightly_over_hostile_files_quarantines_each_and_loads_the_report(
    tmp_path: Path, prefect_harness: None
) -> None:
    from flows.runs import nightly
    from tests.marts import query

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _report(inbox / "BC_ThaiNguyen_2010.xlsx")
    _far_apart(inbox / "xa.xlsx")  # refused by its grid before calamine aborts on it
    huge = [*REPORT[:3], [1, "Số lao động được đào tạo nghề", "người", 1e308]]
    _report(inbox / "so_lon.xlsx", huge)
    long_name = "B" * 245 + ".xlsx"  # 250 bytes: the file system's limit is 255
    _report(inbox / long_name, [*REPORT[:3], [1, "Số lao động", "người", "x"]])
    (inbox / "rong.csv").write_bytes(b"1;" * 100_000)
    summary = nightly(inbox=inbox, home=tmp_path / "home", settle_seconds=0)
    assert summary.statuses == {"loaded": 1, "quarantined": 4}
    found = set(query(tmp_path / "home", "select file_name, rule from marts.findings"))
    assert {("xa.xlsx", "file-too-large"), ("rong.csv", "unsafe-file")} <= found
    assert ("so_lon.xlsx", "unparseable-number") in found
    statuses = set(query(tmp_path / "home", "select file_name, status from marts.submissions"))
    assert (long_name, "quarantined") in statuses  # the whole name, though shortened on disk


def test_a_file_that_cannot_be_fetched_is_told_to_the_run_as_an_os_error(tmp_path: Path) -> None:
    """What a worker reports crosses back whole: a reader's failure arrives as itself (the
    worker once ran as ``__main__``, and the run could not unpickle its report at all)."""
    (tmp_path / "thu_muc.xlsx").mkdir()  # a folder: reading it fails in the worker
    with pytest.raises(OSError, match=r"thu_muc\.xlsx: IsADirectoryError"):
        list(read_isolated([tmp_path / "thu_muc.xlsx"]))


def test_a_runs_batches_are_read_by_the_same_workers_which_end_with_it(tmp_path: Path) -> None:
    files = [_report(tmp_path / f"bc{n}.xlsx") for n in range(4)]
    before = _children()
    with readers_kept():
        first = [outcome for _, outcome in read_isolated(files[:2])]
        workers = _children() - before
        second = [outcome for _, outcome in read_isolated(files[2:])]
        assert _children() - before == workers  # no worker started for the second batch
    assert len(workers) == min(2, os.cpu_count() or 1)
    assert all(isinstance(outcome, Reading) and outcome.facts for outcome in first + second)
    assert _children() == before


def test_readers_started_ahead_read_the_batches_of_a_block_inside(tmp_path: Path) -> None:
    files = [_report(tmp_path / f"bc{n}.xlsx") for n in range(3)]
    before = _children()
    with readers_kept(start=2):
        workers = _children() - before
        assert len(workers) == min(2, os.cpu_count() or 1)  # before any file was given
        with readers_kept():  # a run's own block, inside the command line's
            outcomes = [outcome for _, outcome in read_isolated(files)]
        assert _children() - before == workers  # none started, none stopped by the inner block
    assert all(isinstance(outcome, Reading) and outcome.facts for outcome in outcomes)
    assert _children() == before


def test_a_worker_that_died_waiting_costs_no_file(tmp_path: Path) -> None:
    """Started ahead of a run, a worker may be killed before it is given anything (the kernel's
    out-of-memory killer while Prefect starts): the file it would have read is read by another."""
    files = [_report(tmp_path / f"bc{n}.xlsx") for n in range(3)]
    before = _children()
    with readers_kept(start=2):
        for pid in _children() - before:
            os.kill(pid, signal.SIGKILL)
            while Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z":
                time.sleep(0.01)  # dead, and left for the run to find
        outcomes = [outcome for _, outcome in read_isolated(files)]
    assert [isinstance(outcome, Reading) and len(outcome.facts) for outcome in outcomes] == [2] * 3
    assert _children() == before


def test_a_run_starts_its_workers_ahead_only_for_an_inbox_with_files(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "~$bc.xlsx").write_bytes(b"a lock file, never a submission")
    before = _children()
    readers = min(2, os.cpu_count() or 1)
    with workers_ahead(inbox):
        assert _children() == before
    _report(inbox / "bc.xlsx")
    with workers_ahead(inbox):  # a reader for its one file, and the validator
        assert len(_children() - before) == 2
    _report(inbox / "bc2.xlsx")
    _report(inbox / "bc3.xlsx")
    with workers_ahead(inbox):  # three files: a reader per core
        assert len(_children() - before) == readers + 1
    with workers_ahead(inbox, readers=False):  # on Dask, its own workers read
        assert len(_children() - before) == 1
    with workers_ahead(None):  # a backfill reads archived files
        assert len(_children() - before) == readers + 1
    assert _children() == before


def test_a_nightly_stops_its_workers_once_its_files_are_published(tmp_path: Path) -> None:
    """Before the warehouse's build, the run's peak of memory: the readers and the validator
    started ahead by the command line would only idle through it."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _report(inbox / "BC_KhuyenCong_ThaiNguyen_2010.xlsx")
    _report(
        inbox / "BC_KhuyenCong_ThaiNguyen_2011.xlsx",
        [*REPORT[:1], [REPORT[1][0][:-4] + "2011"], *REPORT[2:]],
    )
    before = _children()
    with workers_ahead(inbox):
        assert len(_children() - before) == min(2, os.cpu_count() or 1) + 1
        summary = nightly(inbox, Places.of(tmp_path / "home"), settle_seconds=0)
        assert _children() == before
    assert summary.describe() == "2 files processed (2 loaded)"


def test_a_nightly_stops_its_readers_once_it_has_read_before_it_validates(tmp_path: Path) -> None:
    """A nightly reads once: its idle readers would stay through the validation and the
    publication, when the run holds every reading."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _report(inbox / "BC_KhuyenCong_ThaiNguyen_2010.xlsx")
    before = _children()
    workers_when_validating = []

    def validate(*args: Any) -> dict[str, list[Finding]]:
        workers_when_validating.append(len(_children() - before))
        return validate_run(*args)

    with workers_ahead(inbox):
        places = Places.of(tmp_path / "home")
        nightly(inbox, places, settle_seconds=0, stages=Stages(validate=validate))
    assert workers_when_validating == [1]  # the validator alone


def test_an_abandoned_batch_leaves_no_answer_for_the_next(tmp_path: Path) -> None:
    """A batch stopped half-way (its caller failed) must not hand its files' readings to the
    batch after it: the workers still reading for it are stopped."""
    other = [*REPORT[:3], [1, "Số lao động được đào tạo nghề", "người", 7]]
    abandoned = [_report(tmp_path / f"bo{n}.xlsx", other) for n in range(4)]
    wanted = _report(tmp_path / "bc.xlsx")
    with readers_kept():
        batch = read_isolated(abandoned)
        next(batch)
        batch.close()
        ((_, reading),) = read_isolated([wanted])
    assert isinstance(reading, Reading)
    assert {(f.indicator, f.value) for f in reading.facts} == {
        ("trained_workers", 1250),
        ("extension_funding", Decimal("1381.5")),
    }


def test_a_worker_that_aborts_in_a_kept_pool_costs_its_file_alone(tmp_path: Path) -> None:
    budgets = default_budgets(
        cells_per_sheet=10**12, cells_per_workbook=10**12, memory_per_reader=400 * 2**20
    )
    files = [_report(tmp_path / "a.xlsx"), _far_apart(tmp_path / "xa.xlsx")]
    files += [_report(tmp_path / "b.xlsx")]
    before = _children()
    with readers_kept(budgets):
        (_, first), (_, aborted), (_, last) = read_isolated(files)
    assert isinstance(aborted, UnreadableFile)
    assert (aborted.rule, aborted.params["budget"]) == ("file-too-large", "memory_per_reader")
    assert isinstance(first, Reading) and first == last
    assert _children() == before
