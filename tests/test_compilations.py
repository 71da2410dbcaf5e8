"""A compilation and a province's own report of the same period, through the real pipeline.

The province's own report counts whichever file arrives first; the compilation's row for the
province is compared with it, and a difference is a warning naming both files and values.
Each run is the nightly run production runs (without Prefect), over real workbooks.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.marts import query
from tests.nightly import ACTIVITY_MERGES
from tests.sheets import save_xls, save_xlsx
from tests.transforms.reports import activity_rows

COMPILATION = "TongHop_CaNuoc_2010.xlsx"
OWN = "BC_ThaiNguyen_2010.xlsx"


def national_rows(thai_nguyen: int = 1300) -> list[list[object]]:
    """A national compilation: "Cả nước" above two regions, each above its provinces."""
    return [
        ["BỘ CÔNG THƯƠNG - CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG"],
        ["TỔNG HỢP KẾT QUẢ KHUYẾN CÔNG CÁC TỈNH NĂM 2010"],
        ["STT", "Địa phương", "Số lao động được đào tạo (người)", "Số lớp đào tạo (lớp)"],
        [None, "Cả nước", thai_nguyen + 1750, 30],
        [None, "Vùng Đông Bắc", thai_nguyen + 500, 20],
        [1, "Thái Nguyên", thai_nguyen, 12],
        [2, "Cao Bằng", 500, 8],
        [None, "Vùng Tây Nguyên", 1250, 10],
        [3, "Đắk Lắk", 1250, 10],
    ]


def run(home: Path, inbox: Path, *files: tuple[str, list[list[object]], tuple[str, ...]]) -> None:
    from khuyencong import pipeline
    from khuyencong.places import Places

    inbox.mkdir()
    for name, rows, merges in files:
        save_xlsx(inbox / name, "BC", rows, merges)
    summary = pipeline.nightly(inbox, Places.of(home), settle_seconds=0)
    assert summary.statuses == {"loaded": len(files)}


def outcome(home: Path) -> tuple[list[tuple], list[tuple]]:
    """The year mart and the compilation-mismatch findings of a data home."""
    year = query(
        home,
        "select province_code, indicator, year, value from marts.province_indicator_year "
        "order by all",
    )
    mismatches = query(
        home,
        "select file_name, value, message_en from marts.findings "
        "where rule = 'compilation-mismatch' order by all",
    )
    return year, mismatches


COMPILED = (COMPILATION, national_rows(), ())
OWN_REPORT = (OWN, activity_rows(), ACTIVITY_MERGES)


@pytest.fixture(scope="module")
def compilation_first(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("compilation_first")
    run(root / "home", root / "first", COMPILED)
    run(root / "home", root / "second", OWN_REPORT)
    return root / "home"


@pytest.fixture(scope="module")
def own_first(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("own_first")
    run(root / "home", root / "first", OWN_REPORT)
    run(root / "home", root / "second", COMPILED)
    return root / "home"


def test_the_own_report_counts_whichever_file_arrives_first(
    compilation_first: Path, own_first: Path
) -> None:
    first, second = outcome(compilation_first)[0], outcome(own_first)[0]
    assert first == second
    thai_nguyen = {(i, v) for code, i, year, v in first if code == "19" and year == 2010}
    assert ("trained_workers", 1250) in thai_nguyen  # the own report's, not the compilation's
    assert ("training_classes", 12) in thai_nguyen
    others = {(code, i, v) for code, i, year, v in first if code != "19"}
    assert others == {
        ("04", "trained_workers", 500),
        ("04", "training_classes", 8),
        ("66", "trained_workers", 1250),
        ("66", "training_classes", 10),
    }


def test_a_difference_is_a_warning_naming_both_files_and_values(
    compilation_first: Path, own_first: Path
) -> None:
    message = (
        f'Province 19, period 2010, trained_workers: the compilation "{COMPILATION}" gives 1300, '
        f"the province's own report \"{OWN}\" gives 1250. The province's own report counts; "
        "reconcile the two files."
    )
    assert outcome(compilation_first)[1] == [(OWN, "1250", message)]
    assert outcome(own_first)[1] == [(COMPILATION, "1300", message)]


def test_no_file_is_superseded_and_a_national_total_is_no_mismatch(own_first: Path) -> None:
    assert query(own_first, "select file_name, status from marts.submissions order by all") == [
        (OWN, "loaded"),
        (COMPILATION, "loaded"),
    ]
    rules = query(own_first, "select distinct rule from marts.findings order by all")
    assert ("total-mismatch",) not in rules and ("resubmission",) not in rules


def test_an_own_report_sent_again_still_replaces_the_first(own_first: Path, tmp_path: Path) -> None:
    corrected = activity_rows()
    corrected[9][3] = 1240
    run(own_first, tmp_path / "again", ("BC_ThaiNguyen_2010_sua.xlsx", corrected, ACTIVITY_MERGES))
    [(value,)] = query(
        own_first,
        "select value from marts.province_indicator_year "
        "where province_code = '19' and year = 2010 and indicator = 'trained_workers'",
    )
    assert value == 1240
    assert query(
        own_first,
        "select rule, message_en like '%trained_workers: 1250 -> 1240%' from marts.findings "
        "where file_name = 'BC_ThaiNguyen_2010_sua.xlsx' and severity = 'warning' order by all",
    ) == [("resubmission", True)]  # told against the live own report, not the compilation


@pytest.mark.parametrize(("save", "suffix"), [(save_xlsx, "xlsx"), (save_xls, "xls")])
def test_a_national_compilation_reads_its_regions_as_subtotals(
    save: Callable[..., Path], suffix: str, tmp_path: Path
) -> None:
    from khuyencong.workbook_files import read_workbook_file
    from transforms.reading.workbook import understand_workbook

    rows = national_rows()
    rows[4][2] = 1700  # Vùng Đông Bắc: its provinces add up to 1800
    path = save(tmp_path / f"TongHop_2010.{suffix}", "TH", rows)
    reading = understand_workbook(read_workbook_file(path))
    assert sorted((f.identity.province_code, f.indicator, f.value) for f in reading.facts) == [
        ("04", "trained_workers", 500),
        ("04", "training_classes", 8),
        ("19", "trained_workers", 1300),
        ("19", "training_classes", 12),
        ("66", "trained_workers", 1250),
        ("66", "training_classes", 10),
    ]
    assert [(f.rule, f.cell, dict(f.params)["expected"]) for f in reading.findings] == [
        ("total-mismatch", "C5", "1800"),
        ("total-mismatch", "C4", "2950"),
    ]


def test_both_files_in_one_run_end_as_in_two(compilation_first: Path, tmp_path: Path) -> None:
    run(tmp_path / "home", tmp_path / "inbox", COMPILED, OWN_REPORT)
    year, mismatches = outcome(tmp_path / "home")
    assert year == outcome(compilation_first)[0]
    [(file_name, _, message)] = mismatches  # on whichever file the run took second
    assert file_name in (OWN, COMPILATION)
    assert f'"{COMPILATION}" gives 1300' in message and f'"{OWN}" gives 1250' in message
