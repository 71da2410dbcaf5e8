"""Every numeric cell of a read table ends as exactly one outcome: a fact, a checked total, a
part of a fact, a row the schemas know is no indicator, a cell of another period, a finding,
or a warning (row-not-read, cell-not-read) naming the sheet, the cell, the label and the
value. Read from real .xlsx, .xls and .ods files built here."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.ods import save_ods
from tests.sheets import save_xls, save_xlsx, sheet, workbook
from tests.transforms.reports import project_list_sheet, regional_rows
from transforms.findings import messages, severity
from transforms.model import CELL_OUTCOMES, CellValue, Reading
from transforms.numbers import AMBIGUOUS_GROUPING, parse_number
from transforms.reading.sheets import PROJECT_LIST
from transforms.reading.workbook import understand_workbook

Save = Callable[..., Path]
FORMATS = pytest.mark.parametrize(
    ("save", "suffix"), [(save_xlsx, "xlsx"), (save_xls, "xls"), (save_ods, "ods")]
)
TITLE: list[list[CellValue]] = [
    ["SỞ CÔNG THƯƠNG TỈNH THÁI NGUYÊN"],
    ["BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG NĂM 2010"],
]
NOT_READ = ("row-not-read", "cell-not-read")


def read(save: Save, path: Path, rows: list[list[CellValue]]) -> Reading:
    return read_file(save(path, "BC", rows))


def read_file(path: Path) -> Reading:
    from khuyencong.workbook_files import read_workbook_file

    return understand_workbook(read_workbook_file(path))


def outcomes(reading: Reading) -> list[tuple[str, str, str]]:
    """(cell, outcome, why) of every number of every sheet, in reading order."""
    return [(c.cell, c.outcome, c.why) for s in reading.sheets for c in s.cells]


def warnings(reading: Reading) -> list[tuple[str, str | None, str | None]]:
    return [(f.rule, f.cell, f.value) for f in reading.findings if f.rule in NOT_READ]


@FORMATS
def test_each_number_of_an_activity_table_has_one_outcome(
    save: Save, suffix: str, tmp_path: Path
) -> None:
    rows = [
        *TITLE,
        ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Lũy kế 2006-2010", "TH/KH (%)"],
        [1, "Số lao động được đào tạo nghề", "người", 1000, 1250, 5000, 125],
        [None, "- Trong đó: lao động nữ", "người", None, 600],
        [2, "Tổ chức hội thảo chuyên đề", "cuộc", None, 2],
        [3, "Sửa chữa đường giao thông", "km", None, 4],
        [4, "Số lớp đào tạo nghề", "lớp", None, "12,5"],
    ]
    reading = read(save, tmp_path / f"bc.{suffix}", rows)
    assert outcomes(reading) == [
        ("D4", "fact", "trained_workers"),  # the plan beside the actuals is a fact (a plan)
        ("E4", "fact", "trained_workers"),
        ("F4", "not_period", "cumulative"),
        ("G4", "not_period", "comparison"),
        ("E5", "part", "of the row above, row 4"),  # of-which: in the 1250 already
        ("E6", "not_indicator", "layout.yaml not_indicator_rows"),  # a workshop
        ("E7", "not_read", "row-not-read"),
        ("E8", "finding", "unparseable-number"),  # 12.5 classes: the finding says why
    ]
    assert warnings(reading) == [("row-not-read", "E7", "4")]
    assert [f.rule for f in reading.findings] == ["unparseable-number", "row-not-read"]


@FORMATS
def test_an_activitys_funding_by_source_is_a_part_of_it(
    save: Save, suffix: str, tmp_path: Path
) -> None:
    """ "- Nguồn KCQG" under an activity breaks its funding down; the activities' funding is
    in the "Tổng cộng" read as total funding, which the checks compare with them."""
    rows = [
        *TITLE,
        ["STT", "Nội dung", "ĐVT", "Số lượng", "Kinh phí (triệu đồng)"],
        [1, "Đào tạo nghề cho lao động nông thôn", "người", 150, 300],
        [None, "- Nguồn KCQG", None, None, 200],
        [None, "- Nguồn KCĐP", None, None, 100],
        [2, "Xây dựng mô hình trình diễn", "mô hình", 2, 500],
        [None, "Tổng cộng", None, None, 800],
        [None, "Trong đó: KCQG", None, None, 450],
        [None, "KCĐP", None, None, 350],
    ]
    reading = read(save, tmp_path / f"bc.{suffix}", rows)
    assert outcomes(reading) == [
        ("D4", "fact", "trained_workers"),
        ("E4", "part", "of the fact in row 8"),
        ("E5", "part", "of the row above, row 4"),
        ("E6", "part", "of the row above, row 4"),
        ("D7", "fact", "demo_models"),
        ("E7", "part", "of the fact in row 8"),
        ("E8", "fact", "extension_funding"),
        ("E9", "fact", "extension_funding_national"),
        ("E10", "fact", "extension_funding_local"),
    ]
    assert reading.findings == ()


@FORMATS
def test_a_subtotal_of_the_rows_above_is_a_checked_total(
    save: Save, suffix: str, tmp_path: Path
) -> None:
    rows = [
        *TITLE,
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Đào tạo nghề gốm sứ", "người", 100],
        [2, "Đào tạo nghề mây tre đan", "người", 150],
        [None, "Tổng số lao động được đào tạo", "người", 250],
        [3, "Số lớp đào tạo nghề", "lớp", 12],
    ]
    reading = read(save, tmp_path / f"bc.{suffix}", rows)
    assert outcomes(reading) == [
        ("D4", "fact", "trained_workers"),
        ("D5", "fact", "trained_workers"),
        ("D6", "total", "subtotal"),
        ("D7", "fact", "training_classes"),
    ]
    assert reading.findings == ()


@FORMATS
def test_a_column_naming_no_indicator_beside_the_years_is_warned_cell_by_cell(
    save: Save, suffix: str, tmp_path: Path
) -> None:
    rows = [
        ["SỞ CÔNG THƯƠNG TỈNH THÁI NGUYÊN"],
        ["KẾT QUẢ KHUYẾN CÔNG GIAI ĐOẠN 2006-2010"],
        ["Năm", "Số lao động được đào tạo nghề", "Số hộ tham gia", "Kế hoạch đào tạo"],
        [2006, 100, 7, 120],
        [2007, 110, 8, 120],
        ["Cộng", 210, 15, 240],
    ]
    reading = read(save, tmp_path / f"TN_2006_2010.{suffix}", rows)
    assert outcomes(reading) == [
        ("B4", "fact", "trained_workers"),
        ("C4", "not_read", "cell-not-read"),
        ("D4", "not_period", "plan"),
        ("B5", "fact", "trained_workers"),
        ("C5", "not_read", "cell-not-read"),
        ("D5", "not_period", "plan"),
        ("B6", "total", "total"),
        ("C6", "total", "not compared"),  # the total of a column no indicator names
        ("D6", "not_period", "plan"),
    ]  # the years in column A label the rows: no numbers of the report
    unread = [f for f in reading.findings if f.rule in NOT_READ]
    assert [(f.cell, f.value, severity(f)) for f in unread] == [
        ("C4", "7", "warning"),
        ("C5", "8", "warning"),
    ]
    assert messages(unread[0], strict=True) == (
        'Số liệu 7 ở ô C4 (dòng "2006", cột "Số hộ tham gia") không được tính vào chỉ tiêu '
        "khuyến công nào. Nếu đây là số liệu của một chỉ tiêu, hãy ghi tên chỉ tiêu ở tiêu đề "
        "cột hoặc ở đầu dòng theo mẫu báo cáo.",
        'Figure 7 in cell C4 (row "2006", column "Số hộ tham gia") was not counted under any '
        "khuyến công indicator. If it is one, name the indicator in the column header or at "
        "the start of the row, as the report template does.",
    )


def test_a_compilations_column_naming_no_indicator_is_warned_and_its_totals_checked(
    tmp_path: Path,
) -> None:
    rows = regional_rows()
    rows[3].append("Số hộ tham gia")
    for row, households in zip(rows[5:], (40, 30, 20, 90), strict=True):
        row.append(households)
    path = save_xlsx(
        tmp_path / "th.xlsx", "TH", rows, ("A4:A5", "B4:B5", "C4:D4", "E4:E5", "F4:H4")
    )
    reading = read_file(path)
    by_outcome = Counter((c.outcome, c.why) for c in reading.sheets[0].cells)
    assert by_outcome == {
        ("fact", "training_classes"): 3,
        ("fact", "trained_workers"): 3,
        ("fact", "demo_models"): 3,
        ("fact", "extension_funding"): 3,
        ("fact", "extension_funding_national"): 3,
        ("fact", "extension_funding_local"): 3,
        ("total", "total"): 6,  # the Tổng cộng of each indicator, compared with the provinces
        ("total", "not compared"): 1,  # the households' total
        ("not_read", "cell-not-read"): 3,
    }
    assert warnings(reading) == [
        ("cell-not-read", "I6", "40"),
        ("cell-not-read", "I7", "30"),
        ("cell-not-read", "I8", "20"),
    ]


def test_projects_under_a_funding_section_are_parts_of_its_subtotal(tmp_path: Path) -> None:
    from tests.transforms.reading.shapes.test_by_funding_section import summary

    reading = read(save_xlsx, tmp_path / "bc.xlsx", summary())
    money = [(c.cell, c.outcome, c.why) for c in reading.sheets[0].cells if c.cell[0] == "E"]
    assert money == [
        ("E5", "part", "of the fact in row 7"),  # in "Cộng I", KCQG
        ("E6", "part", "of the fact in row 7"),
        ("E7", "fact", "extension_funding_national"),
        ("E9", "part", "of the fact in row 11"),
        ("E10", "part", "of the fact in row 11"),
        ("E11", "fact", "extension_funding_local"),
        ("E12", "fact", "extension_funding"),
    ]
    assert reading.findings == ()


def test_an_of_which_row_with_no_row_above_is_warned(tmp_path: Path) -> None:
    rows = [
        *TITLE,
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [None, "- Trong đó: lao động nữ", "người", 600],
        [1, "Số lao động được đào tạo nghề", "người", 1250],
    ]
    reading = read(save_xlsx, tmp_path / "bc.xlsx", rows)
    assert outcomes(reading) == [
        ("D4", "not_read", "cell-not-read"),
        ("D5", "fact", "trained_workers"),
    ]
    assert warnings(reading) == [("cell-not-read", "D4", "600")]


def test_an_annexs_lines_are_parts_compared_with_the_summary() -> None:
    summary = [
        *TITLE,
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Tổng kinh phí khuyến công", "triệu đồng", 900],
        [2, "Kinh phí khuyến công quốc gia", "triệu đồng", 600],
        [3, "Kinh phí khuyến công địa phương", "triệu đồng", 300],
    ]
    reading = understand_workbook(
        workbook(
            "bc.xlsx",
            sheet("BC", summary),
            project_list_sheet(),
        )
    )
    listed = [(o.sheet, o.status, o.reason) for o in reading.sheets]
    assert listed == [("BC", "read", ""), ("Danh mục đề án", "skipped", PROJECT_LIST)]
    annex = [(c.cell, c.outcome, c.why) for c in reading.sheets[1].cells]
    assert annex == [
        ("D4", "part", "annex line: extension_funding"),
        ("E4", "part", "annex line: extension_funding_national"),
        ("F4", "part", "annex line: extension_funding_local"),
        ("D5", "part", "annex line: extension_funding"),
        ("E5", "part", "annex line: extension_funding_national"),
        ("F5", "part", "annex line: extension_funding_local"),
        ("D6", "total", "total"),
        ("E6", "total", "total"),
        ("F6", "total", "total"),
    ]
    assert reading.findings == ()


def test_an_annexs_numbers_no_indicator_takes_are_warned_on_the_annex() -> None:
    """An annex is never loaded, but a number of it that nothing accounts for is still
    warned about, like any other."""
    summary = [
        *TITLE,
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Số lao động được đào tạo nghề", "người", 35],
    ]
    projects = [
        ["DANH MỤC ĐỀ ÁN KHUYẾN CÔNG THỰC HIỆN NĂM 2010"],
        ["STT", "Tên đề án", "Đơn vị thực hiện", "Số hộ hưởng lợi"],
        [1, "Đào tạo nghề mây tre đan", "HTX Tân Tiến", 35],
        [2, "Hỗ trợ máy chế biến chè", "Công ty Hàn Việt", 12],
    ]
    reading = understand_workbook(
        workbook("bc.xlsx", sheet("BC", summary), sheet("Danh mục đề án", projects))
    )
    assert [(c.cell, c.outcome, c.why) for c in reading.sheets[1].cells] == [
        ("D3", "not_read", "row-not-read"),  # rows of projects naming no indicator
        ("D4", "not_read", "row-not-read"),
    ]
    assert [(f.rule, f.sheet, f.cell) for f in reading.findings] == [
        ("row-not-read", "Danh mục đề án", "D3"),
        ("row-not-read", "Danh mục đề án", "D4"),
    ]


def test_a_workbook_of_another_office_says_one_thing_of_all_its_numbers() -> None:
    """A social insurance table is no report: its numbers are named by that one finding, not
    by a warning each."""
    rows = [
        ["BẢO HIỂM XÃ HỘI TỈNH THÁI NGUYÊN"],
        ["BÁO CÁO THU BẢO HIỂM XÃ HỘI NĂM 2010"],
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Số lao động tham gia", "người", 5200],
        [2, "Số thu", "triệu đồng", 48000],
        [3, "Số đơn vị tham gia", "đơn vị", 310],
    ]
    reading = understand_workbook(workbook("bhxh.xlsx", sheet("BC", rows)))
    assert [f.rule for f in reading.findings] == ["not-a-khuyen-cong-report"]
    assert outcomes(reading) == [
        ("D4", "fact", "trained_workers"),  # of a file quarantined whole
        ("D5", "finding", "not-a-khuyen-cong-report"),
        ("D6", "finding", "not-a-khuyen-cong-report"),
    ]


def test_every_number_of_the_sample_corpus_is_accounted_for(
    sample_corpus: tuple[Path, object],
) -> None:
    """Over every sample file: the numbers of the value columns of each read table, counted
    here from the tables themselves, are as many as the outcomes; each cell has one; the
    unread ones are as many as their warnings; and the corpus, read exactly, leaves none."""
    from khuyencong.workbook_files import read_workbook_file
    from transforms.reading.columns import settle_province_column
    from transforms.reading.tables import find_tables
    from transforms.reading.visible import repair_sheet, without_hidden

    totals: Counter[str] = Counter()
    for path in sorted(p for p in sample_corpus[0].iterdir() if p.is_file()):
        book = read_workbook_file(path)
        reading = understand_workbook(book)
        for source, outcome in zip(book.sheets, reading.sheets, strict=True):
            if not outcome.cells:
                continue
            shown = repair_sheet(without_hidden(source)[0])[0]
            numbers = sum(
                _is_number(shown.value(row, column.index))
                for table in find_tables(shown)
                for row in table.data_rows
                for column in settle_province_column(shown, table).columns
                if column.kind == "value"
            )
            addresses = [cell.cell for cell in outcome.cells]
            assert numbers == len(addresses), (path.name, outcome.sheet)
            assert len(set(addresses)) == len(addresses), (path.name, outcome.sheet)
            unread = [c.cell for c in outcome.cells if c.outcome == "not_read"]
            warned = [f.cell for f in reading.findings if f.rule in NOT_READ]
            assert sorted(unread) == sorted(c for c in warned if c in addresses)
            totals.update(cell.outcome for cell in outcome.cells)
    assert set(totals) <= set(CELL_OUTCOMES)
    assert totals["fact"] > 10_000  # the corpus's 9,984 facts, plans and repeats besides
    assert (totals["not_read"], totals["finding"]) == (0, 0)


def _is_number(raw: object) -> bool:
    reading = parse_number(raw)
    return raw not in (None, "") and (
        reading.value is not None or reading.error == AMBIGUOUS_GROUPING
    )
