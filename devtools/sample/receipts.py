"""When each sample file arrived, and the one file of the corpus the pipeline must reject.

A submission's receipt date is its file's modification time in the inbox (``khuyencong.inbox``),
so the generator sets it as a clerk's upload would have: most annual reports arrive in the
weeks before their deadline (``schemas/deadlines.yaml``: 15 January of the next year), a few
after it, during office hours in Vietnam. Drawn from the file name's own random stream, so a
file arrives on the same day in the full corpus and in any subset, whatever else is written.

``write_rejected`` adds one file outside the truth (it holds no fact the pipeline may load):
Điện Biên's annual report of 2013, whose funding split does not add up, so a province-year
whose only file was quarantined shows as rejected, not missing.
"""

from __future__ import annotations

import os
import random
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import schemas

VIETNAM = timezone(timedelta(hours=7))
LATE_SHARE = 0.08  # of the files
EARLIEST_DAYS_BEFORE = 40  # the first files of a year arrive this many days before its deadline
LATEST_DAYS_AFTER = 75  # the last late ones this many days after it
OFFICE_HOURS = (7.5, 17.0)

REJECTED_FILE = "BC_KhuyenCong_DienBien_2013.csv"
REJECTED_YEAR = 2013
# An indicator table as Điện Biên sends it (province and year in the file name), whose total
# funding (913,6) is not its national (507,5) plus its local share (416,1): funding-split-mismatch.
REJECTED_ROWS = (
    ("BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG", "", "", ""),
    ("", "", "", ""),
    ("STT", "Chi tieu", "DVT", f"Nam {REJECTED_YEAR}"),
    ("I", "Ket qua hoat dong khuyen cong", "", ""),
    ("1", "So lao dong duoc dao tao", "nguoi", "912"),
    ("2", "So lop dao tao nghe", "lop", "26"),
    ("3", "Tong kinh phi khuyen cong", "Trieu dong", "913,6"),
    ("-", "Trong do: - Kinh phi KCQG", "tr.d", "507,5"),
    ("", "- Ngan sach dia phuong", "tr.d", "416,1"),
)


def annual_deadline(year: int) -> date:
    """The day the annual report of ``year`` is due, from ``schemas/deadlines.yaml``."""
    rule = schemas.read_yaml("deadlines.yaml")["deadlines"]["year"]
    months = 12 + int(rule["months_after_end"])  # counted from January of ``year``
    return date(year + months // 12, months % 12 or 12, int(rule["day"]))


def received_at(file_name: str, year: int, seed: int) -> datetime:
    """When the file of ``year``'s annual report named ``file_name`` arrived."""
    rng = random.Random(f"{seed}:received:{file_name}")
    deadline = annual_deadline(year)
    if rng.random() < LATE_SHARE:
        day = deadline + timedelta(days=rng.randint(1, LATEST_DAYS_AFTER))
    else:
        day = deadline - timedelta(days=rng.randint(0, EARLIEST_DAYS_BEFORE))
    hours = rng.uniform(*OFFICE_HOURS)
    return datetime(day.year, day.month, day.day, tzinfo=VIETNAM) + timedelta(hours=hours)


def set_received(path: Path, when: datetime) -> None:
    """Give ``path`` the modification time the inbox reads as its receipt date."""
    stamp = when.timestamp()
    os.utime(path, (stamp, stamp))


def write_rejected(out_dir: Path, seed: int) -> Path:
    """Write the corpus's one rejected file (UTF-8 with a BOM, ``;``, as Excel exports a CSV)."""
    path = Path(out_dir) / REJECTED_FILE
    text = "".join(";".join(row) + "\r\n" for row in REJECTED_ROWS)
    path.write_bytes(text.encode("utf-8-sig"))
    set_received(path, received_at(REJECTED_FILE, REJECTED_YEAR, seed))
    return path
