"""Reading .xlsb: BIFF12 records, as python-calamine reads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from khuyencong.workbook_files import UnreadableFile, read_workbook_file
from tests.fuzz.seeds import CELL_SHARED, CELL_TEXT, xlsb


def test_cells_of_an_xlsb_are_read(tmp_path: Path) -> None:
    cell = (1).to_bytes(4, "little") + bytes(4)
    text = "Kinh phí".encode("utf-16-le")
    path = tmp_path / "bc.xlsb"
    path.write_bytes(xlsb([(CELL_TEXT, cell + len("Kinh phí").to_bytes(4, "little") + text)]))
    assert read_workbook_file(path).sheets[0].rows == ((None, "Kinh phí"),)


def test_a_panic_of_the_parser_is_a_damaged_file_not_a_crash(tmp_path: Path) -> None:
    """A cell naming a shared string of a workbook that has none makes python-calamine panic,
    which Python raises as a BaseException no `except Exception` stops (found by the fuzz)."""
    path = tmp_path / "bc.xlsb"
    path.write_bytes(xlsb([(CELL_SHARED, bytes(12))]))
    with pytest.raises(UnreadableFile) as raised:
        read_workbook_file(path)
    assert (raised.value.rule, raised.value.reason) == (
        "unreadable-file",
        "the file is damaged (CalaminePanic)",
    )
