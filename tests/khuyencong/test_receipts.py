"""A submission's receipt date is when its file arrived in the inbox, not when it was read."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from khuyencong.inbox import discover, fingerprint, settled_fingerprint

ARRIVED = datetime(2012, 1, 10, 2, 30, tzinfo=UTC)


def uploaded(folder: Path, name: str, when: datetime) -> Path:
    """A file as an upload leaves it in the inbox: its modification time is its arrival."""
    path = folder / name
    path.write_bytes(b"PK\x03\x04 a report")
    os.utime(path, (when.timestamp(), when.timestamp()))
    return path


def test_the_receipt_date_is_the_files_modification_time(tmp_path: Path) -> None:
    path = uploaded(tmp_path, "BC_KhuyenCong_ThaiNguyen_2011.xlsx", ARRIVED)
    assert fingerprint(path).received_at == ARRIVED


def test_a_file_listed_by_the_nightly_run_keeps_its_arrival(tmp_path: Path) -> None:
    """Read years later, the file still arrived when its modification time says."""
    uploaded(tmp_path, "BC_KhuyenCong_ThaiNguyen_2011.xlsx", ARRIVED)
    (found,) = discover(tmp_path)
    arrival = settled_fingerprint(found, 60, ARRIVED + timedelta(days=5000))
    assert arrival is not None
    assert arrival.received_at == ARRIVED


def test_a_backfill_keeps_the_receipt_date_recorded(tmp_path: Path) -> None:
    """An archived original is re-read with the arrival the registry recorded, not the copy's."""
    copy = uploaded(tmp_path, "BC_KhuyenCong_ThaiNguyen_2011.xlsx", datetime.now(UTC))
    assert fingerprint(copy, received_at=ARRIVED).received_at == ARRIVED
