"""What clerks write: labels, units, province spellings, regions, titles and number formats.

Data only, plus the one function that writes a number the Vietnamese way. Every label here maps
to its indicator under the catalogue's rule (``schemas/indicators.yaml``: the longest synonym
found in the label wins, a count's ĐVT breaks ties), so a correct reader recovers the truth.
"""

from __future__ import annotations

from decimal import Decimal

ACTIVITY_LABELS = {
    "trained_workers": (
        ("Đào tạo nghề cho lao động nông thôn", "người"),
        ("Đào tạo nghề, truyền nghề", "người"),
        ("Đào tạo nghề cho LĐ nông thôn", "lao động"),
        ("Số lao động được đào tạo nghề", "người"),
        ("Dao tao nghe cho lao dong nong thon", "nguoi"),
    ),
    "training_classes": (
        ("Số lớp đào tạo nghề", "lớp"),
        ("Mở lớp đào tạo nghề", "lớp"),
        ("Số lớp học nghề", "lớp"),
    ),
    "demo_models": (
        ("Xây dựng mô hình trình diễn kỹ thuật", "mô hình"),
        ("Hỗ trợ xây dựng mô hình trình diễn", "mô hình"),
        ("Mô hình trình diễn kỹ thuật", "MH"),
    ),
    "tech_support_facilities": (
        ("Hỗ trợ ứng dụng máy móc thiết bị tiên tiến", "cơ sở"),
        ("Hỗ trợ ứng dụng MMTB", "cơ sở"),
        ("Hỗ trợ ứng dụng công nghệ mới, máy móc thiết bị", "CS"),
    ),
    "trade_fairs": (
        ("Tổ chức, tham gia hội chợ triển lãm", "hội chợ"),
        ("Hỗ trợ tham gia hội chợ, triển lãm", "lượt"),
        ("Tổ chức hội chợ hàng CNNT", "hội chợ"),
    ),
    "brand_support_enterprises": (
        ("Hỗ trợ xây dựng, đăng ký thương hiệu", "DN"),
        ("Hỗ trợ DN xây dựng thương hiệu", "doanh nghiệp"),
        ("Xây dựng thương hiệu sản phẩm CNNT", "cơ sở"),
    ),
    "investment_projects_consulted": (
        ("Tư vấn lập dự án đầu tư", "dự án"),
        ("Hỗ trợ tư vấn dự án đầu tư", "dự án"),
        ("Tư vấn đầu tư", "DA"),
    ),
    "industrial_clusters_supported": (
        ("Hỗ trợ quy hoạch, hạ tầng cụm công nghiệp", "cụm"),
        ("Quy hoạch chi tiết cụm công nghiệp", "cụm"),
        ("Hỗ trợ xây dựng hạ tầng CCN", "CCN"),
    ),
    "extension_projects": (
        ("Số đề án khuyến công thực hiện", "đề án"),
        ("Đề án khuyến công hoàn thành", "đề án"),
        ("Số đề án thực hiện", "ĐA"),
    ),
}
"""Row labels of the activity table, with the ĐVT written beside them."""

INDICATOR_LABELS = {
    "trained_workers": (
        ("Số lao động được đào tạo nghề", "người"),
        ("Lao động nông thôn được học nghề", "người"),
        ("LĐ được đào tạo nghề", "LĐ"),
        ("So lao dong duoc dao tao", "nguoi"),
    ),
    "training_classes": (("Số lớp đào tạo nghề", "lớp"), ("Số lớp học nghề", "lớp")),
    "demo_models": (
        ("Số mô hình trình diễn kỹ thuật", "mô hình"),
        ("MH trình diễn", "MH"),
        ("Xây dựng mô hình trình diễn", "mô hình"),
    ),
    "tech_support_facilities": (
        ("Cơ sở được hỗ trợ ứng dụng máy móc thiết bị", "cơ sở"),
        ("Hỗ trợ ứng dụng MMTB", "CS"),
        ("Ứng dụng thiết bị tiên tiến", "cơ sở"),
    ),
    "trade_fairs": (("Hội chợ, triển lãm", "cuộc"), ("Tham gia hội chợ", "lượt")),
    "brand_support_enterprises": (
        ("DN được hỗ trợ xây dựng thương hiệu", "DN"),
        ("Doanh nghiệp được hỗ trợ xây dựng thương hiệu", "doanh nghiệp"),
    ),
    "investment_projects_consulted": (
        ("Dự án đầu tư được tư vấn", "dự án"),
        ("Hỗ trợ tư vấn dự án đầu tư", "DA"),
    ),
    "industrial_clusters_supported": (
        ("Cụm công nghiệp được hỗ trợ", "cụm"),
        ("Hỗ trợ quy hoạch chi tiết cụm công nghiệp", "cụm"),
        ("CCN được hỗ trợ quy hoạch, hạ tầng", "CCN"),
    ),
    "extension_projects": (
        ("Số đề án khuyến công", "đề án"),
        ("Đề án khuyến công hoàn thành", "đề án"),
        ("So de an khuyen cong", "de an"),
    ),
    "extension_funding": (
        ("Kinh phí khuyến công", None),
        ("Tổng kinh phí khuyến công", None),
        ("Kinh phi khuyen cong", None),
    ),
    "extension_funding_national": (
        ("Trong đó: - Kinh phí KCQG", None),
        ("- Khuyến công quốc gia", None),
        ("Kinh phí khuyến công quốc gia", None),
        ("- NSTW (KCQG)", None),
    ),
    "extension_funding_local": (
        ("- Kinh phí KCĐP", None),
        ("- Khuyến công địa phương", None),
        ("Kinh phí khuyến công địa phương", None),
        ("- Ngân sách địa phương", None),
    ),
    "rural_industry_output": (
        ("Giá trị sản xuất CNNT", None),
        ("GTSX công nghiệp nông thôn", None),
        ("Giá trị SX CNNT", None),
        ("Gia tri san xuat cong nghiep nong thon", None),
        ("Giá trị sản xuất công nghiệp nông thôn", None),
    ),
    "craft_villages": (
        ("Số làng có nghề", "làng"),
        ("Làng nghề và làng có nghề", "làng"),
        ("So lang co nghe", "lang"),
    ),
    "recognised_craft_villages": (
        ("Số làng nghề được công nhận", "làng"),
        ("Trong đó: làng nghề được công nhận", "làng"),
        ("Làng nghề được UBND tỉnh công nhận", "làng"),
    ),
}
"""Row labels of the transposed tables; money rows (ĐVT None) get a money unit."""

MONEY_UNITS = (
    ("triệu đồng", Decimal(1)),
    ("Triệu đồng", Decimal(1)),
    ("Tr.đồng", Decimal(1)),
    ("tr.đ", Decimal(1)),
    ("trđ", Decimal(1)),
    ("tỷ đồng", Decimal("0.001")),
    ("Tỷ đồng", Decimal("0.001")),
    ("nghìn đồng", Decimal(1000)),
    ("đồng", Decimal(1_000_000)),
)
"""Money units a ĐVT cell may state, with how many of them make one million VND."""

MILLION_SPELLINGS = ("triệu đồng", "tr.đồng", "Tr.đ", "triệu đồng", "Triệu đồng")

SECTIONS = (
    (("I", "Phát triển nguồn nhân lực"), ("II", "Hỗ trợ phát triển sản xuất")),
    (("I", "ĐÀO TẠO, PHÁT TRIỂN NGUỒN NHÂN LỰC"), ("II", "HỖ TRỢ CƠ SỞ SẢN XUẤT")),
)
"""Section rows (Roman numeral, label) of an activity table: training, then the rest."""

EXTRA_SECTION = ("III", "Hỗ trợ thị trường, xúc tiến thương mại")
SECTION_OF = {
    "trained_workers": 0,
    "training_classes": 0,
    "demo_models": 1,
    "tech_support_facilities": 1,
    "industrial_clusters_supported": 1,
    "trade_fairs": 2,
    "brand_support_enterprises": 2,
    "investment_projects_consulted": 2,
}

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")

TITLES = (
    "BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC KHUYẾN CÔNG",
    "BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG",
    "BÁO CÁO TÌNH HÌNH THỰC HIỆN CHƯƠNG TRÌNH KHUYẾN CÔNG",
    "KẾT QUẢ HOẠT ĐỘNG KHUYẾN CÔNG",
)
GENERAL_TITLES = (
    "MỘT SỐ CHỈ TIÊU PHÁT TRIỂN CÔNG NGHIỆP NÔNG THÔN",
    "CÁC CHỈ TIÊU CHUNG VỀ CÔNG NGHIỆP NÔNG THÔN",
)
REGIONAL_TITLE = "TỔNG HỢP KẾT QUẢ HOẠT ĐỘNG KHUYẾN CÔNG CÁC TỈNH"

SIGNERS = ("Nguyễn Văn Hùng", "Trần Thị Thu", "Lê Văn Tuấn", "Phạm Thị Hoa", "Đỗ Minh Đức")
NOTES = (
    "Ghi chú: Kinh phí đối ứng do cơ sở thụ hưởng đóng góp, không tính vào kinh phí khuyến công.",
    "Ghi chú: Số liệu tổng hợp từ báo cáo của các đơn vị thực hiện đề án.",
)
REGIONAL_NOTES = (
    "Ghi chú: Tổng hợp từ báo cáo năm của Sở Công Thương các tỉnh, thành phố trong vùng.",
)
FONTS = ("Times New Roman", "Times New Roman", "Times New Roman", "Arial", "Calibri")

REGIONS = (
    (
        "Trung du và miền núi phía Bắc",
        "TDMNPB",
        ("02", "04", "06", "08", "10", "11", "12", "14", "15", "17", "19", "20", "24", "25"),
    ),
    (
        "Đồng bằng sông Hồng",
        "DBSH",
        ("01", "22", "26", "27", "28", "30", "31", "33", "34", "35", "36", "37"),
    ),
    (
        "Bắc Trung Bộ và Duyên hải miền Trung",
        "BTB_DHMT",
        ("38", "40", "42", "44", "45", "46", "48", "49", "51", "52", "54", "56", "58", "60"),
    ),
    ("Tây Nguyên", "TayNguyen", ("62", "64", "66", "67", "68")),
    ("Đông Nam Bộ", "DNB", ("70", "72", "74", "75", "77", "79")),
    (
        "Đồng bằng sông Cửu Long",
        "DBSCL",
        ("80", "82", "83", "84", "86", "87", "89", "91", "92", "93", "94", "95", "96"),
    ),
)
"""The six socio-economic regions: name, file-name tag, member GSO codes."""

REGIONAL_CENTRES = {
    "TDMNPB": "I",
    "DBSH": "I",
    "BTB_DHMT": "II",
    "TayNguyen": "II",
    "DNB": "III",
    "DBSCL": "III",
}
"""Which of the three regional extension centres compiles each region."""

PROVINCE_SPELLINGS = {
    "01": ("Hà Nội", "TP. Hà Nội", "Thành phố Hà Nội"),
    "06": ("Bắc Kạn", "Bắc Cạn"),
    "17": ("Hòa Bình", "Hoà Bình"),
    "31": ("Hải Phòng", "TP. Hải Phòng"),
    "38": ("Thanh Hóa", "Thanh Hoá"),
    "46": ("Thừa Thiên Huế", "Thừa Thiên - Huế", "TT Huế"),
    "48": ("Đà Nẵng", "TP. Đà Nẵng"),
    "56": ("Khánh Hòa", "Khánh Hoà"),
    "62": ("Kon Tum", "Kontum"),
    "66": ("Đắk Lắk", "Đắc Lắc", "Đăk Lăk"),
    "67": ("Đắk Nông", "Đăk Nông"),
    "77": ("Bà Rịa - Vũng Tàu", "BR-VT", "Bà Rịa-Vũng Tàu"),
    "79": ("TP. Hồ Chí Minh", "TP Hồ Chí Minh", "Tp. Hồ Chí Minh", "TP.HCM"),
    "92": ("Cần Thơ", "TP. Cần Thơ"),
}
"""How clerks write a province's name in a table row (the official name when not listed)."""

FILE_NAME_SPELLINGS = {"79": ("TPHCM", "HoChiMinh"), "77": ("BRVT", "BaRiaVungTau")}


def vn_number(value: Decimal) -> str:
    """A number the Vietnamese way: ``.`` groups thousands, ``,`` marks decimals.

    >>> vn_number(Decimal("1300000")), vn_number(Decimal("1234.5"))
    ('1.300.000', '1.234,5')
    """
    sign = "-" if value < 0 else ""
    text = format(abs(value).normalize(), "f")
    whole, _, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    body = ".".join([whole, *groups])
    return f"{sign}{body},{fraction}" if fraction else f"{sign}{body}"


def unambiguous_as_money_text(value: Decimal) -> bool:
    """Money typed as text must read one way only.

    ``1.234`` (VN grouping, or an English decimal point?) and ``249,952`` (VN decimal comma, or
    English grouping?) are both ambiguous; ``1.234,5``, ``1.300.000``, ``36,8`` and ``850`` are not.
    """
    text = vn_number(value)
    whole, _, fraction = text.partition(",")
    one_group = whole.count(".") == 1 and not fraction
    three_decimals = len(fraction) == 3 and "." not in whole
    return not (one_group or three_decimals)


# --- mess: what some clerks do to the text and the numbers ----------------------------------

LEGACY_FONTS = {"tcvn3": ".VnTime", "vni": "VNI-Times"}
"""The font a legacy-encoded sheet is typed in (the text only reads right in it)."""

NONE_MARKS = ("-", "x")
"""What a clerk types for "nothing to report": not a value."""

QUALIFIER_WORDS = ("khoảng", "trên", "gần", "ước")
"""Words a clerk puts before a count that is roughly known; the number itself is the value."""

PLAN_TITLES = ("KẾ HOẠCH KHUYẾN CÔNG NĂM {year}", "DỰ KIẾN KẾ HOẠCH KHUYẾN CÔNG NĂM {year}")
PLAN_SHEET_NAMES = ("Kế hoạch {year}", "KH {year}", "Ke hoach {year}")
"""The plan sheet of next year beside the report: numbers that are never actuals."""

TWO_TABLE_HEADINGS = (
    "MỘT SỐ CHỈ TIÊU PHÁT TRIỂN CÔNG NGHIỆP NÔNG THÔN",
    "II. CÁC CHỈ TIÊU CHUNG",
)
"""The line above a second table (output, craft villages) on an activity sheet."""


def english_number(value: Decimal) -> str:
    """A whole number the English way: ``,`` groups thousands (``1,013``, ``12,345,678``)."""
    return f"{int(value):,}"
