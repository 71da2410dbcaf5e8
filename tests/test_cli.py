"""The command line as a data engineer uses it: sample and inspect."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from khuyencong.cli import app
from tests.sheets import save_xlsx
from tests.transforms.reports import activity_rows

runner = CliRunner()


def test_inspect_explains_where_the_table_is_and_what_each_column_means(tmp_path: Path) -> None:
    rows = activity_rows()
    rows[14][4] = 1100  # a total that disagrees with its details
    path = save_xlsx(
        tmp_path / "bc.xlsx", "BC", rows, ("A6:A7", "B6:B7", "C6:C7", "D6:D7", "E6:H6")
    )
    result = runner.invoke(app, ["inspect", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    explained = json.loads(result.output)
    sheet = explained["sheets"][0]
    assert (sheet["status"], sheet["layout"], sheet["header_rows"]) == (
        "read",
        "by_indicator",
        [5, 6],
    )
    assert (sheet["period"], sheet["province"]) == ("2010", "19 Thái Nguyên")
    assert (
        "F: Kinh phí (triệu đồng) / KCQG -> value, actual, extension_funding_national, triệu đồng"
        in (sheet["columns"])
    )
    assert explained["facts_by_indicator"]["trained_workers"] == [1, "1250"]  # exact decimals
    assert [(f["rule"], f["cell"]) for f in explained["findings"]] == [("total-mismatch", "E15")]


def test_inspect_shows_plans_apart_from_the_facts_it_would_load(tmp_path: Path) -> None:
    rows = [
        ["BÁO CÁO KẾT QUẢ KHUYẾN CÔNG 6 THÁNG ĐẦU NĂM 2010 TỈNH BẮC KẠN"],
        [None],
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện 6 tháng", "Kế hoạch năm"],
        [1, "Số lao động được đào tạo nghề", "người", 230, 500],
    ]
    path = save_xlsx(tmp_path / "bc.xlsx", "BC", rows)
    result = runner.invoke(app, ["inspect", str(path), "--format", "json"])
    explained = json.loads(result.output)
    assert explained["facts_by_indicator"] == {"trained_workers": [1, "230"]}
    assert explained["plans_by_indicator"] == {"trained_workers": [1, "500"]}


def test_inspect_shows_what_became_of_every_number_row_by_row(tmp_path: Path) -> None:
    rows = [
        ["BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2010 TỈNH BẮC KẠN"],
        [None],
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện", "Kế hoạch năm"],
        [1, "Số lao động được đào tạo nghề", "người", 230, 500],
        [None, "- Trong đó: lao động nữ", "người", 120],
        [2, "Sửa chữa đường giao thông", "km", 4],
    ]
    path = save_xlsx(tmp_path / "bc.xlsx", "BC", rows)
    result = runner.invoke(app, ["inspect", str(path)])
    assert result.exit_code == 0, result.output
    assert "numbers: 4 (2 fact, 1 part, 1 not_read)" in result.output
    assert (
        "row 4 'Số lao động được đào tạo nghề': D4 fact trained_workers; E4 fact trained_workers"
        in result.output
    )
    assert "row 5 '- Trong đó: lao động nữ': D5 part of the row above, row 4" in result.output
    assert "row 6 'Sửa chữa đường giao thông': D6 not_read row-not-read" in result.output
    explained = json.loads(runner.invoke(app, ["inspect", str(path), "--format", "json"]).output)
    assert explained["sheets"][0]["cells"][-1] == {
        "cell": "D6",
        "label": "Sửa chữa đường giao thông",
        "column": "Thực hiện",
        "value": "4",
        "outcome": "not_read",
        "why": "row-not-read",
    }


def test_inspect_says_plainly_why_a_file_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4")
    result = runner.invoke(app, ["inspect", str(path)])
    assert result.exit_code == 0
    assert "not-a-spreadsheet" in result.output


def test_sample_writes_workbooks_and_their_ground_truth(tmp_path: Path) -> None:
    """Two provinces' share of the corpus (the whole is the session's ``sample_corpus``)."""
    arguments = ["sample", "--out", str(tmp_path / "inbox"), "--province", "19", "--province", "06"]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 0, result.output
    workbooks = [p for p in (tmp_path / "inbox").iterdir() if p.is_file()]
    assert len(workbooks) == 17
    assert {p.suffix for p in workbooks} == {".xlsx", ".xls", ".csv"}
    assert (tmp_path / "inbox" / ".truth" / "facts.csv").exists()
    assert "Wrote 17 sample submissions" in " ".join(result.output.split())


def test_inspect_shows_each_reports_facts_apart(tmp_path: Path) -> None:
    rows = [
        ["UBND TỈNH HÀ TĨNH"],
        ["BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2022"],
        ["STT", "Chỉ tiêu", "ĐVT", "Cả năm 2022", "6 tháng đầu năm", "6 tháng cuối năm"],
        [1, "Số lao động được đào tạo nghề", "người", 700, 300, 400],
    ]
    path = save_xlsx(tmp_path / "bc.xlsx", "BC", rows)
    result = runner.invoke(app, ["inspect", str(path), "--format", "json"])
    assert json.loads(result.output)["facts_by_report"] == [
        ["42", "2022", "trained_workers", 1, "700"],
        ["42", "2022-H1", "trained_workers", 1, "300"],
        ["42", "2022-H2", "trained_workers", 1, "400"],
    ]
    table = runner.invoke(app, ["inspect", str(path)], terminal_width=200).output
    assert "│ 42       │ 2022-H1 │ trained_workers │ 1     │ 300   │" in table
