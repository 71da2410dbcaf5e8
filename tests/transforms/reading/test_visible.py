"""Visible cells: legacy TCVN3 / VNI text and decomposed Unicode read as the clerk sees it."""

from __future__ import annotations

import unicodedata

from tests.sheets import sheet, workbook
from tests.transforms.readings import facts_by
from transforms.legacy_text import encode_tcvn3, encode_vni, repair_text
from transforms.reading.workbook import understand_workbook


def test_legacy_encoded_and_decomposed_text_is_understood() -> None:

    rows = [
        [encode_vni("SỞ CÔNG THƯƠNG TỈNH THÁI NGUYÊN")],
        [encode_tcvn3("báo cáo kết quả công tác khuyến công năm 2010")],
        ["STT", encode_tcvn3("Chỉ tiêu"), "DVT", unicodedata.normalize("NFD", "Thực hiện")],
        [1, encode_tcvn3("Số lao động được đào tạo nghề"), encode_tcvn3("người"), 1250],
        [2, unicodedata.normalize("NFD", "Số làng có nghề"), "lang", 158],
        [3, "Gia tri san xuat CNNT", "Trieu dong", "1.300.000"],
    ]
    reading = understand_workbook(workbook("bc.xlsx", sheet("BC", rows)))
    assert [f.rule for f in reading.findings] == ["legacy-encoding-repaired"]
    assert facts_by(reading) == {
        ("19", "trained_workers"): 1250,
        ("19", "craft_villages"): 158,
        ("19", "rural_industry_output"): 1_300_000,
    }


def test_short_cells_follow_the_legacy_encoding_of_their_sheet() -> None:

    rows = [
        [encode_vni("SỞ CÔNG THƯƠNG TỈNH THÁI NGUYÊN")],
        [encode_vni("BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG NĂM 2010")],
        ["STT", encode_vni("Chỉ tiêu"), encode_vni("ĐVT"), encode_vni("Thực hiện")],
        [1, encode_vni("Số lớp đào tạo nghề"), encode_vni("lớp"), 12],
        [2, encode_vni("Kinh phí khuyến công"), "tr.ñ", 1381],  # VNI "tr.đ", TCVN3 "tr.ủ"
    ]
    reading = understand_workbook(workbook("bc.xlsx", sheet("BC", rows)))
    assert [f.rule for f in reading.findings] == ["legacy-encoding-repaired"]
    assert facts_by(reading) == {("19", "training_classes"): 12, ("19", "extension_funding"): 1381}


def test_short_cells_in_a_legacy_font_are_decoded_by_their_font() -> None:
    assert repair_text("ÑVT", "VNI-Times").text == "ĐVT"
    assert repair_text("§VT", ".VnTime").text == "ĐVT"
    assert repair_text("ĐVT", ".VnTime").text == "ĐVT"  # typed in Unicode: left alone
