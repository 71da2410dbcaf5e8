"""Reading .csv files: encodings Excel and older Vietnamese Windows write."""

from __future__ import annotations

from pathlib import Path

import pytest

from khuyencong.workbook_files import UnreadableFile, read_workbook_file


def test_csv_in_a_legacy_code_page_is_decoded(tmp_path: Path) -> None:
    # Windows-1258 spells tones as combining marks after a base letter (ê, ơ are precomposed)
    legacy = "Chi\u0309 tiêu;Năm 2010\nSô\u0301 lơ\u0301p;12\n".encode("cp1258")
    (tmp_path / "bc.csv").write_bytes(legacy)
    (tmp_path / "bom.csv").write_bytes("\ufeffChỉ tiêu,Năm 2010\nSố lớp,12\n".encode())
    for name in ("bc.csv", "bom.csv"):
        sheet = read_workbook_file(tmp_path / name).sheets[0]
        assert sheet.value(0, 0) == "Chỉ tiêu"
        assert sheet.value(1, 1) == "12"


def test_a_csv_holding_nul_bytes_is_named_for_its_encoding_not_read_as_garbage(
    tmp_path: Path,
) -> None:
    """UTF-16 without its byte-order mark decodes as cp1258 without an error, into text that
    is no report; NUL bytes in a csv are named instead (a UTF-16 file with its mark reads)."""
    text = "Chỉ tiêu;Năm 2010\nSố lớp;12\n"
    (tmp_path / "utf16.csv").write_bytes(text.encode("utf-16-le"))
    (tmp_path / "nul.csv").write_bytes(b"a;b\x00;c\n")
    (tmp_path / "bom.csv").write_bytes(text.encode("utf-16"))
    for name in ("utf16.csv", "nul.csv"):
        with pytest.raises(UnreadableFile) as raised:
            read_workbook_file(tmp_path / name)
        assert raised.value.rule == "unreadable-file"
        assert "NUL bytes" in raised.value.reason
    assert read_workbook_file(tmp_path / "bom.csv").sheets[0].value(1, 1) == "12"
