"""Reports built in tests: the rows of typical khuyến công tables and ways to read them.

Shared by the reader's tests (``tests/transforms/reading``, ``tests/transforms/checks``) and by
the pipeline's tests, which save them as files.
"""

from __future__ import annotations

from decimal import Decimal

from tests.sheets import merged, sheet
from transforms.model import CellValue, Sheet


def title(rows: int = 4) -> list[list[object]]:
    """A fresh copy of the title block (tests change cells of it)."""
    return [list(row) for row in TITLE[:rows]]


TITLE = [
    ["UBND TỈNH THÁI NGUYÊN", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["SỞ CÔNG THƯƠNG", None, None, "Độc lập - Tự do - Hạnh phúc"],
    [None],
    ["BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC KHUYẾN CÔNG NĂM 2010"],
]


def activity_rows() -> list[list[object]]:
    return [
        *title(),
        [None],
        ["STT", "Nội dung hoạt động", "ĐVT", "Số lượng", "Kinh phí (triệu đồng)", None, None, None],
        [None, None, None, None, "Tổng số", "KCQG", "KCĐP", "Đối ứng"],
        [1, 2, 3, 4, 5, 6, 7, 8],
        ["I", "Đào tạo nghề", None, None, 300, 200, 100, 50],
        [1, "Đào tạo nghề cho lao động nông thôn", "người", "1.250", 250, 150, 100, 40],
        [2, "Số lớp đào tạo nghề", "lớp", 12, 50, 50, 0, 10],
        ["II", "Hỗ trợ ứng dụng máy móc thiết bị", None, None, 700, 500, 200, 900],
        [1, "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến", "cơ sở", 7, 700, 500, 200, 900],
        [None, "Số đề án khuyến công thực hiện", "đề án", 9],
        [None, "Tổng cộng", None, None, 1000, 700, 300, 950],
        [None],
        [None, "Người lập biểu", None, None, "GIÁM ĐỐC"],
        [None, "Thái Nguyên, ngày 15 tháng 01 năm 2011"],
    ]


ACTIVITY_MERGES = merged("A6:A7", "B6:B7", "C6:C7", "D6:D7", "E6:H6")


def project_list_sheet() -> Sheet:
    """An annex of two projects of 2010: 900 million of funding, KCQG 600 and KCĐP 300."""
    projects: list[list[CellValue]] = [
        ["DANH MỤC ĐỀ ÁN KHUYẾN CÔNG THỰC HIỆN NĂM 2010"],
        ["STT", "Tên đề án", "Đơn vị thực hiện", "Kinh phí (triệu đồng)", None, None],
        [None, None, None, "Tổng số", "KCQG", "KCĐP"],
        [1, "Đào tạo nghề mây tre đan", "HTX Tân Tiến", 600, 400, 200],
        [2, "Hỗ trợ máy chế biến chè", "Công ty Hàn Việt", 300, 200, 100],
        [None, "Tổng cộng", None, 900, 600, 300],
    ]
    return sheet("Danh mục đề án", projects, merged("A2:A3", "B2:B3", "C2:C3", "D2:F2"))


def transposed_rows(unit: str = "tỷ đồng") -> list[list[object]]:
    return [
        *title(2),
        ["BÁO CÁO MỘT SỐ CHỈ TIÊU CÔNG NGHIỆP NÔNG THÔN NĂM 2010"],
        ["STT", "Chỉ tiêu", "ĐVT", "Năm 2009", "Năm 2010", "So sánh (%)"],
        [1, "Giá trị sản xuất CNNT", unit, "1,1", "1,3", "118,2"],
        [2, "Số làng có nghề", "làng", 150, 158, "105,3"],
        [3, "Làng nghề được công nhận", "làng", 55, 59, "107,3"],
    ]


def regional_rows() -> list[list[object]]:
    return [
        ["TRUNG TÂM KHUYẾN CÔNG VÀ TƯ VẤN PHÁT TRIỂN CÔNG NGHIỆP I"],
        ["TỔNG HỢP KẾT QUẢ HOẠT ĐỘNG KHUYẾN CÔNG CÁC TỈNH MIỀN NÚI PHÍA BẮC NĂM 2007"],
        ["Đơn vị tính: triệu đồng"],
        [
            "STT",
            "Tỉnh, thành phố",
            "Đào tạo nghề",
            None,
            "Mô hình trình diễn",
            "Kinh phí khuyến công",
            None,
            None,
        ],
        [None, None, "Số lớp", "Số LĐ (người)", None, "Tổng", "KCQG", "KCĐP"],
        [1, "Thái Nguyên", 10, "1.200", 3, "1.500,5", 1000, "500,5"],
        [2, "Hà Tây", 8, 900, 2, 800, 600, 200],
        [3, "Đắc Lắc", 5, 450, 1, 400, 300, 100],
        [None, "Tổng cộng", 23, 2550, 6, "2.700,5", 1900, "800,5"],
    ]


REGIONAL_MERGES = merged("A4:A5", "B4:B5", "C4:D4", "E4:E5", "F4:H4")


TWO_YEARS = [
    ["STT", "Chỉ tiêu", "ĐVT", "Năm 2008", "Năm 2009"],
    [1, "Số lao động được đào tạo nghề", "người", 1100, 1234],
    [2, "Số mô hình trình diễn kỹ thuật", "mô hình", 3, 4],
]


def report_2010(*body: list[object]) -> list[list[object]]:
    return [
        ["BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG TỈNH LẠNG SƠN NĂM 2010"],
        [None],
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        *body,
    ]


def titled(province: str, line: str) -> list[list[CellValue]]:
    return [[f"UBND TỈNH {province}"], ["SỞ CÔNG THƯƠNG"], [None], [line], [None]]


def numbered_rows(first: CellValue = "1.1", second: CellValue = "1.2") -> list[list[CellValue]]:
    return [
        *titled("BẮC GIANG", "BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG NĂM 2008"),
        ["TT", "Nội dung hoạt động", "ĐVT", "Số lượng", "Kinh phí (triệu đồng)", None, None],
        [None, None, None, None, "Tổng", "KCQG", "KCĐP"],
        [1, "Đào tạo nghề, truyền nghề", "người", 500, 600, 400, 200],
        [first, "Đào tạo nghề mây tre đan", "người", 300, 350, 250, 100],
        [second, "Đào tạo nghề thêu ren", "người", 200, 250, 150, 100],
        [2, "Hỗ trợ ứng dụng máy móc thiết bị", "cơ sở", 6, 900, 600, 300],
        [None, "Cộng", None, None, 1500, 1000, 500],
    ]


NUMBERED_MERGES = "A6:A7 B6:B7 C6:C7 D6:D7 E6:G6"


NUMBERED_FACTS = [
    ("extension_funding", Decimal(600), "2008", "actual"),
    ("extension_funding", Decimal(900), "2008", "actual"),
    ("extension_funding_local", Decimal(200), "2008", "actual"),
    ("extension_funding_local", Decimal(300), "2008", "actual"),
    ("extension_funding_national", Decimal(400), "2008", "actual"),
    ("extension_funding_national", Decimal(600), "2008", "actual"),
    ("tech_support_facilities", Decimal(6), "2008", "actual"),
    ("trained_workers", Decimal(500), "2008", "actual"),
]


def hai_duong_rows(total: CellValue = 500) -> list[list[CellValue]]:
    return [
        ["SỞ CÔNG THƯƠNG HẢI DƯƠNG"],
        ["TRUNG TÂM KHUYẾN CÔNG"],
        [None],
        ["KẾT QUẢ ĐÀO TẠO NGHỀ NĂM 2009"],
        [None],
        ["STT", "Nội dung", "ĐVT", "Thực hiện"],
        [1, "Đào tạo nghề gốm sứ", "người", 150],
        [2, "Đào tạo nghề mây tre đan", "người", 200],
        [3, "Đào tạo nghề thêu ren", "người", 150],
        [None, "Tổng số lao động được đào tạo", "người", total],
        [None, "Số lớp đào tạo nghề", "lớp", 15],
    ]


def funding_rows(total: CellValue, *, on_top: bool = False) -> list[list[CellValue]]:
    details: list[list[CellValue]] = [
        [1, "Đào tạo nghề", "người", 500, 1200, 800, 400],
        [2, "Hỗ trợ ứng dụng máy móc thiết bị", "cơ sở", 6, 900, 600, 300],
    ]
    total_row: list[CellValue] = [None, "Tổng cộng", None, None, total, 1400, 700]
    body = [total_row, *details] if on_top else [*details, total_row]
    return [
        *titled("BẮC GIANG", "BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG NĂM 2008"),
        ["TT", "Nội dung hoạt động", "ĐVT", "Số lượng", "Kinh phí (triệu đồng)", None, None],
        [None, None, None, None, "Tổng", "KCQG", "KCĐP"],
        *body,
    ]


def part_year_rows(period_title: str, headers: list[str], values: list[int]) -> list[list]:
    return [
        *titled("HẢI PHÒNG", period_title),
        ["STT", "Chỉ tiêu", "ĐVT", *headers],
        [1, "Số lao động được đào tạo nghề", "người", *values],
    ]


def provincial_title(province: str, year: int) -> list[list[object]]:
    return [
        [f"UBND TỈNH {province}"],
        ["SỞ CÔNG THƯƠNG"],
        [None],
        [f"BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM {year}"],
        [None],
    ]
