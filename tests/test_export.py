"""Exporting a mart: CSV and Parquet as the warehouse holds it, Excel with Vietnamese headers and
text that can never run as a formula."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from khuyencong.export import ExportError, export_mart
from khuyencong.lake import write_registry
from tests.test_warehouse import EDGE_CASES, build_lake_warehouse, fact
from transforms.contracts import FINDING_SCHEMA, SHEET_SCHEMA, SUBMISSION_SCHEMA

# Cell texts a clerk could type, each of which Excel would run as a formula if written as one.
HOSTILE = ['=HYPERLINK("http://x","bấm")', "+84 912", "-1250", "@SUM(A1:A9)", "=1+2"]
BK = ("2011-01-15", "bk2010")


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("export")
    received = datetime(2012, 1, 10, 8, 30, tzinfo=UTC)
    submission = {
        "submission_id": "bad/=1+1 BC_ThaiNguyen_2011.xlsx",
        "file_name": "=1+1 BC_ThaiNguyen_2011.xlsx",
        "sha256": "bad",
        "status": "quarantined",
        "province_code": "19",
        "period": "2011",
        "reason": "=cmd|' /C calc'!A0",
        "reports": "19:2011",
        "facts": 0,
        "size_bytes": 1000,
        "received_at": received,
        "processed_at": received,
        "parser_version": "test",
        "archive_path": "",
    }
    findings = [
        {
            "submission_id": submission["submission_id"],
            "sha256": "bad",
            "file_name": submission["file_name"],
            "province_code": "19",
            "period": "2011",
            "sheet": "BC",
            "cell": f"D{row}",
            "value": text,
            "rule": "unparseable-number",
            "severity": "error",
            "message_vi": f"Ô D{row}: không đọc được số",
            "message_en": f"Cell D{row}: not a number",
        }
        for row, text in enumerate(HOSTILE, start=10)
    ]
    write_registry(
        home / "lake",
        pa.Table.from_pylist([submission], schema=SUBMISSION_SCHEMA),
        pa.Table.from_pylist(findings, schema=FINDING_SCHEMA),
        SHEET_SCHEMA.empty_table(),
    )
    # a negative figure (a refund booked against a year): a number, never a formula
    build_lake_warehouse(home, [*EDGE_CASES, fact("06", "2010", "extension_funding", -5, *BK)])
    return home


def test_csv_holds_the_mart_with_its_column_codes(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "pivot.csv"
    rows = export_mart(home, "province_indicator_year", out, "csv")
    with out.open(encoding="utf-8", newline="") as stream:
        records = list(csv.DictReader(stream))
    assert len(records) == rows > 0
    assert list(records[0])[:6] == [
        "province_code",
        "province_name",
        "indicator",
        "year",
        "value",
        "unit",
    ]
    thai_nguyen = next(
        r
        for r in records
        if (r["province_code"], r["indicator"], r["year"]) == ("19", "trained_workers", "2011")
    )
    assert Decimal(thai_nguyen["value"]) == 100
    assert thai_nguyen["province_name"] == "Thái Nguyên"


def test_parquet_keeps_the_column_types(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "current.parquet"
    rows = export_mart(home, "province_indicator_year_current", out, "parquet")
    table = pq.read_table(out)
    assert table.num_rows == rows
    assert str(table.schema.field("value").type).startswith("decimal128")
    assert table.schema.field("year").type == "int32"


def test_xlsx_has_vietnamese_headers_and_a_sheet_of_column_docs(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "tinh.xlsx"
    rows = export_mart(home, "province_indicator_year", out, "xlsx")
    workbook = openpyxl.load_workbook(out)
    sheet = workbook["province_indicator_year"]
    header = [cell.value for cell in sheet[1]]
    assert header[:5] == ["Mã tỉnh (GSO)", "Tên tỉnh", "Mã chỉ tiêu", "Năm", "Giá trị"]
    assert sheet.max_row == rows + 1
    values = {(r[0], r[2], r[3]): r[4] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert values[("19", "trained_workers", 2011)] == 100
    notes = [r for r in workbook["Chú thích"].iter_rows(values_only=True)]
    assert ("province_code", "Mã tỉnh (GSO)", "Province GSO code") in notes


def test_xlsx_text_never_becomes_a_formula(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "findings.xlsx"
    export_mart(home, "findings", out, "xlsx")
    sheet = openpyxl.load_workbook(out)["findings"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("Nội dung ô")
    cells = [row[column] for row in sheet.iter_rows(min_row=2)]
    assert sorted(cell.value for cell in cells) == sorted(HOSTILE)
    for cell in cells:
        assert cell.data_type == "s", cell.value
        assert cell.quotePrefix, cell.value


def test_xlsx_writes_a_formula_like_reason_as_text_and_moments_in_utc(
    home: Path, tmp_path: Path
) -> None:
    out = tmp_path / "submissions.xlsx"
    export_mart(home, "submissions", out, "xlsx")
    row = next(openpyxl.load_workbook(out)["submissions"].iter_rows(min_row=2))
    reason = next(cell for cell in row if cell.value == "=cmd|' /C calc'!A0")
    assert reason.data_type == "s"
    moments = [cell.value for cell in row if isinstance(cell.value, datetime)]
    assert datetime(2012, 1, 10, 8, 30) in moments  # UTC wall-clock time: Excel has no zones


def test_csv_text_that_would_run_gets_an_apostrophe_and_numbers_stay_numbers(
    home: Path, tmp_path: Path
) -> None:
    """OWASP's convention for CSV: a file name or a clerk's cell text that starts like a
    formula is written after an apostrophe; text that is a plain number computes to itself and
    is left alone, and so is every numeric column."""
    out = tmp_path / "findings.csv"
    export_mart(home, "findings", out, "csv")
    with out.open(encoding="utf-8", newline="") as stream:
        records = list(csv.DictReader(stream))
    assert {r["file_name"] for r in records} == {"'=1+1 BC_ThaiNguyen_2011.xlsx"}
    assert sorted(r["value"] for r in records) == sorted(
        ['\'=HYPERLINK("http://x","bấm")', "'+84 912", "-1250", "'@SUM(A1:A9)", "'=1+2"]
    )
    out = tmp_path / "pivot.csv"
    export_mart(home, "province_indicator_year", out, "csv")
    with out.open(encoding="utf-8", newline="") as stream:
        refund = [
            r
            for r in csv.DictReader(stream)
            if (r["province_code"], r["indicator"], r["year"])
            == ("06", "extension_funding", "2010")
        ]
    assert [Decimal(r["value"]) for r in refund] == [-5]


def test_an_unknown_mart_or_format_is_refused(home: Path, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="no mart"):
        export_mart(home, "findings; drop table marts.findings", tmp_path / "x.csv", "csv")
    with pytest.raises(ExportError, match="no mart"):
        export_mart(home, "stg_facts", tmp_path / "x.csv", "csv")
    with pytest.raises(ExportError, match="unknown format"):
        export_mart(home, "findings", tmp_path / "x.json", "json")
    with pytest.raises(ExportError, match="no warehouse"):
        export_mart(tmp_path / "nowhere", "findings", tmp_path / "x.csv", "csv")
    assert list(tmp_path.iterdir()) == []
