"""Reading .csv files: encodings Excel and older Vietnamese Windows write."""

from __future__ import annotations

from pathlib import Path

from khuyencong.workbook_files import read_workbook_file


def test_csv_in_a_legacy_code_page_is_decoded(tmp_path: Path) -> None:
    # Windows-1258 spells tones as combining marks after a base letter (ê, ơ are precomposed)
    legacy = "Chi\u0309 tiêu;Năm 2010\nSô\u0301 lơ\u0301p;12\n".encode("cp1258")
    (tmp_path / "bc.csv").write_bytes(legacy)
    (tmp_path / "bom.csv").write_bytes("\ufeffChỉ tiêu,Năm 2010\nSố lớp,12\n".encode())
    for name in ("bc.csv", "bom.csv"):
        sheet = read_workbook_file(tmp_path / name).sheets[0]
        assert sheet.value(0, 0) == "Chỉ tiêu"
        assert sheet.value(1, 1) == "12"
