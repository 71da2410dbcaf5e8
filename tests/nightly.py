"""The nightly run every pipeline test shares: the sample corpus plus broken files and mistakes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from devtools.sample import TruthFact
from tests.sheets import save_xlsx
from tests.transforms.reports import activity_rows


@dataclass(frozen=True)
class Run:
    inbox: Path
    home: Path
    truth: list[TruthFact]
    summary: object
    mistakes: dict[str, tuple[str, str]]


BROKEN = {
    "bao_cao_hong.xlsx": b"PK\x03\x04 this zip was cut short",
    "scan_bao_cao.pdf": b"%PDF-1.4 scanned report",
    "rong.xls": b"",
}


ACTIVITY_MERGES = ("A6:A7", "B6:B7", "C6:C7", "D6:D7", "E6:H6")


def write_mistakes(inbox: Path) -> dict[str, tuple[str, str]]:
    """Workbooks that read fine but break a rule of the expectation suite: (rule, cell)."""
    negative = activity_rows()
    negative[9][3] = -1250  # trained workers
    fraction = activity_rows()
    fraction[10][3] = 12.5  # training classes
    too_large = activity_rows()
    too_large[12][4] = 2_500_000_000  # funding typed in đồng under a "triệu đồng" header
    too_large[12][5] = 2_499_999_800
    thousandfold = activity_rows()  # amounts typed in tỷ đồng under a "triệu đồng" header
    for row in thousandfold[8:15]:
        row[4:8] = [v / 1000 if isinstance(v, int) else v for v in row[4:8]]
    mistakes = {
        "BC_ThaiNguyen_2013_am.xlsx": (negative, ("negative-value", "D10")),
        "BC_ThaiNguyen_2010_le.xlsx": (fraction, ("unparseable-number", "D11")),
        "BC_ThaiNguyen_2010_don_vi.xlsx": (too_large, ("value-out-of-range", "E13")),
        "BC_ThaiNguyen_2010_ty_dong.xlsx": (thousandfold, ("likely-unit-error", "E10")),
    }
    negative[3][0] = "BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC KHUYẾN CÔNG NĂM 2013"
    for name, (rows, _) in mistakes.items():
        save_xlsx(inbox / name, "BC", rows, ACTIVITY_MERGES)
    return {name: expected for name, (_, expected) in mistakes.items()}
