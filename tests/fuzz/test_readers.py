"""Fuzzing every format reader: whatever bytes arrive, the file is read or quarantined.

Each format of ``khuyencong.formats.FORMATS`` gets random bytes, its valid report with bytes
flipped, inserted, deleted or cut off, the report with one part of its package (a zip's XML or
BIFF12 records) mutated, and any grid of cells written in the format. The answer is a reading
or an ``UnreadableFile`` with the reason, never a reader's failure, and a reading's facts and
findings always fit the lake's tables.

`make test` reads a few files of each kind, the same ones every run (derandomized), in this
process with ``khuyencong.sandbox.read_and_understand``, what every worker of the run does
with a file. `make fuzz` reads hundreds, each through the sandbox itself (``read_isolated``):
a damaged file can make python-calamine ask for gigabytes and abort, which costs a worker its
file in a run, and would cost the test run itself here.
"""

from __future__ import annotations

import contextlib
import functools
import io
import math
import resource
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from khuyencong.formats import FORMATS
from khuyencong.formats.budgets import default_budgets
from khuyencong.sandbox import ReaderFailed, read_and_understand, read_isolated
from khuyencong.workbook_files import UnreadableFile, format_of
from tests.fuzz.seeds import NAMES, WRITERS, XLSB_RECORDS, seed, write, xlsb
from transforms.contracts import (
    FACT_SCHEMA,
    FINDING_SCHEMA,
    Lineage,
    fact_rows,
    finding_rows,
    to_table,
)
from transforms.model import Reading

# `make fuzz` (the fuzz profile's 10,000 examples): files are read through the sandbox
IN_SANDBOX = settings.default.max_examples >= 1000
FILES = settings(
    max_examples=max(5, settings.default.max_examples // (200 if IN_SANDBOX else 20)),
    derandomize=not IN_SANDBOX,
    database=None if not IN_SANDBOX else settings.default.database,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
ZIPPED = (".xlsx", ".ods", ".xlsb")


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    """One folder for the module's files (Hypothesis runs many examples per test)."""
    path = Path(tempfile.mkdtemp(prefix="khuyencong-fuzz-"))
    yield path
    shutil.rmtree(path)


@functools.cache
def seeds() -> dict[str, bytes]:
    """The valid report in every format (not a fixture: Hypothesis would print it whole)."""
    folder = Path(tempfile.mkdtemp(prefix="khuyencong-fuzz-seeds-"))
    try:
        return {suffix: seed(folder, suffix) for suffix in WRITERS}
    finally:
        shutil.rmtree(folder)


def outcome_is_a_reader_failure(outcome: Reading | UnreadableFile) -> bool:
    """What the sandbox reports for a reader's bug (an exception other than UnreadableFile)."""
    return isinstance(outcome, UnreadableFile) and outcome.reason.startswith("the reader failed")


@contextlib.contextmanager
def reader_memory(budget: int) -> Iterator[None]:
    """This process may grow by ``budget`` bytes of address space, as a sandbox worker may:
    a file that needs more is a MemoryError, which the reader reports as over its budget,
    instead of a test run the kernel kills for the whole machine's memory."""
    used = int(Path("/proc/self/statm").read_text().split()[0]) * resource.getpagesize()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (used + budget, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _outcome(path: Path) -> Reading | UnreadableFile | ReaderFailed:
    budgets = default_budgets()
    if IN_SANDBOX:
        [(_, outcome)] = read_isolated([path], budgets, workers=1)
        return outcome
    with reader_memory(budgets.memory_per_reader):
        return read_and_understand(path, budgets)


def assert_read_or_quarantined(path: Path) -> None:
    outcome = _outcome(path)
    assert not isinstance(outcome, ReaderFailed), outcome.details
    assert isinstance(outcome, Reading | UnreadableFile)
    assert not outcome_is_a_reader_failure(outcome), outcome
    if isinstance(outcome, UnreadableFile):
        assert outcome.rule and outcome.reason
        return
    lineage = Lineage("ab" * 32, path.name, datetime(2011, 1, 5, tzinfo=UTC), "fuzz")
    to_table(fact_rows(outcome.facts, lineage), FACT_SCHEMA)
    to_table(finding_rows(outcome.findings, lineage), FINDING_SCHEMA)


def _mutated(data: bytes, edits: list[tuple[str, int, bytes]]) -> bytes:
    """``data`` with each edit: flip a byte, insert bytes, delete some, or cut it there."""
    for operation, where, piece in edits:
        at = where % (len(data) + 1)
        if operation == "flip" and data:
            at = min(at, len(data) - 1)
            data = data[:at] + bytes([data[at] ^ (piece[0] if piece else 0xFF)]) + data[at + 1 :]
        elif operation == "insert":
            data = data[:at] + piece + data[at:]
        elif operation == "delete":
            data = data[:at] + data[at + len(piece) + 1 :]
        elif operation == "cut":
            data = data[:at]
    return data


edits = st.lists(
    st.tuples(
        st.sampled_from(["flip", "insert", "delete", "cut"]),
        st.integers(min_value=0, max_value=1 << 20),
        st.binary(max_size=16),
    ),
    min_size=1,
    max_size=6,
)


def test_every_format_of_the_registry_has_a_seed() -> None:
    """A new format in ``FORMATS`` fails here until the fuzz has a file of it."""
    seeded = {format_of(NAMES[suffix], data).name for suffix, data in seeds().items()}
    assert seeded == {f.name for f in FORMATS}


@pytest.mark.parametrize("suffix", list(WRITERS))
@FILES
@given(data=st.binary(max_size=4096))
def test_random_bytes_are_read_or_quarantined(folder: Path, suffix: str, data: bytes) -> None:
    path = folder / NAMES[suffix]
    path.write_bytes(data)
    assert_read_or_quarantined(path)


@pytest.mark.parametrize("suffix", list(WRITERS))
@FILES
@given(changes=edits)
def test_a_damaged_report_is_read_or_quarantined(
    folder: Path, suffix: str, changes: list[tuple[str, int, bytes]]
) -> None:
    path = folder / NAMES[suffix]
    path.write_bytes(_mutated(seeds()[suffix], changes))
    assert_read_or_quarantined(path)


@pytest.mark.parametrize("suffix", ZIPPED)
@FILES
@given(data=st.data(), changes=edits)
def test_a_report_with_a_damaged_part_is_read_or_quarantined(
    folder: Path,
    suffix: str,
    data: st.DataObject,
    changes: list[tuple[str, int, bytes]],
) -> None:
    """The zip is whole, one of its parts (sheet XML, shared strings, BIFF12 records) is not."""
    with zipfile.ZipFile(io.BytesIO(seeds()[suffix])) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    victim = data.draw(st.sampled_from(sorted(parts)))
    parts[victim] = _mutated(parts[victim], changes)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    path = folder / NAMES[suffix]
    path.write_bytes(out.getvalue())
    assert_read_or_quarantined(path)


# A record placing a cell (or a dimension) far out makes python-calamine allocate the grid up
# to it and abort: a sandbox worker is lost with its file (memory_per_reader), this process
# would be. In this process, every record starts with a small row or column.
def _payload(data: bytes, place: int) -> bytes:
    return data if IN_SANDBOX else place.to_bytes(4, "little") + data[4:]


records = st.lists(
    st.builds(
        lambda kind, data, place: (kind, _payload(data, place)),
        st.sampled_from(XLSB_RECORDS),
        st.binary(max_size=40),
        st.integers(min_value=0, max_value=60),
    ),
    max_size=30,
)


@FILES
@given(records=records)
def test_any_records_in_an_xlsb_sheet_are_read_or_quarantined(
    folder: Path, records: list[tuple[int, bytes]]
) -> None:
    path = folder / NAMES[".xlsb"]
    path.write_bytes(xlsb(records))
    assert_read_or_quarantined(path)


# Cells of a report, and what clerks and hostile senders put in them
WORDS = [
    "STT",
    "Chỉ tiêu",
    "ĐVT",
    "Thực hiện năm 2010",
    "Kế hoạch",
    "Năm 2009",
    "Số lao động được đào tạo",
    "Tổng kinh phí khuyến công",
    "Kinh phí KCQG",
    "Trong đó:",
    "Tổng cộng",
    "triệu đồng",
    "tỷ đồng",
    "đồng",
    "người",
    "Thái Nguyên",
    "Hà Nội",
    "I",
    "-",
    "a",
    "1.1",
    "=1+1",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "#REF!",
    "1.300.000",
    "36,8",
    "1,013",
    "1e308",
    "9" * 19,
    "Kinh phÝ",
]
values = st.one_of(
    st.none(),
    st.sampled_from(WORDS),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.text(max_size=20),
)
grids = st.lists(st.lists(values, max_size=7), min_size=1, max_size=14)


@pytest.mark.parametrize("suffix", [s for s, writer in WRITERS.items() if writer is not None])
@FILES
@given(rows=grids)
def test_any_grid_of_cells_is_read_or_quarantined(
    folder: Path, suffix: str, rows: list[list[object]]
) -> None:
    """A well-formed file of the format, holding anything: the reader's stages, not its
    parser, meet the hostile cells."""
    title = [["BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG TỈNH ĐIỆN BIÊN NĂM 2010"]]
    if suffix == ".xls":  # BIFF8 holds no integer beyond a double's, nor 32,768 characters
        assume(all(not isinstance(v, int) or math.isfinite(float(v)) for r in rows for v in r))
    try:
        path = write(folder, suffix, title + rows, ())
    except (ValueError, TypeError, OverflowError, IllegalCharacterError):  # the writer refuses
        assume(False)
    assert_read_or_quarantined(path)
