"""Lay one document's numbers out on sheets the way clerks do, noting where each true value sits.

Pure: a ``Document`` (and the other years' reports, for previous-year and cumulative columns)
in, a ``WorkbookModel`` and its ``TruthFact`` list out. Each file gets its own clerk: a
``random.Random`` derived from the seed and the file name, and the habits drawn from it (where
the table starts, the font, how often numbers are typed as text or zeros as "-").

Conventions a reader can be checked against:

* the title block names the period as ``NĂM {year}`` (on the title line or the line below) and
  the province in an agency line (``UBND TỈNH ...``, ``SỞ CÔNG THƯƠNG TỈNH ...``, ``TRUNG TÂM
  KHUYẾN CÔNG ...``; ``SỞ CÔNG NGHIỆP`` before 2008), unless the document's ``identity`` leaves
  one of them to the file name; the signature's place-and-date line then has no place or date;
* only the report year's actual column holds truth; previous-year, plan, cumulative and
  comparison columns, section subtotals, total rows, counterpart funds and project lists do not;
* a zero written as "-" is not a fact; money typed as text is never ``1.234`` (one dot).
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import datetime
from decimal import Decimal

from devtools.sample.plan import (
    ACTIVITY_TABLE,
    INDICATOR_BY_YEAR,
    PATHOLOGIES,
    PERIOD_ONLY_IN_FILE_NAME,
    PROVINCE_ONLY_IN_FILE_NAME,
    REGIONAL_COMPILATION,
    TITLE_NAMES_BOTH,
    Document,
)
from devtools.sample.sheets import SheetDraft, WorkbookModel
from devtools.sample.truth import (
    ACTIVITIES,
    FUNDING,
    GENERAL,
    Province,
    Report,
    TruthFact,
    apportion,
)
from devtools.sample.vocabulary import (
    ACTIVITY_LABELS,
    EXTRA_SECTION,
    FONTS,
    GENERAL_TITLES,
    INDICATOR_LABELS,
    LEGACY_FONTS,
    MILLION_SPELLINGS,
    MONEY_UNITS,
    MOTTO,
    NONE_MARKS,
    NOTES,
    PLAN_SHEET_NAMES,
    PLAN_TITLES,
    PROVINCE_SPELLINGS,
    QUALIFIER_WORDS,
    REGIONAL_CENTRES,
    REGIONAL_NOTES,
    REGIONAL_TITLE,
    REGIONS,
    SECTION_OF,
    SECTIONS,
    SIGNERS,
    TITLES,
    TWO_TABLE_HEADINGS,
    english_number,
    unambiguous_as_money_text,
    vn_number,
)
from transforms.legacy_text import encode_tcvn3, encode_vni
from transforms.model import cell_address

History = Mapping[tuple[str, int], Report]
MONEY = frozenset((*FUNDING, "rural_industry_output"))
STOCKS = frozenset(("craft_villages", "recognised_craft_villages"))
ORDER = (*ACTIVITIES, "extension_projects", *FUNDING, *GENERAL)
_ONE_DECIMAL = Decimal("0.1")
_MAX_TITLE_ROWS = 8


class Clerk:
    """One clerk's habits for one file, and how they write numbers.

    ``planned`` are the document's pathologies; ``used`` the ones that really show in the file
    (a "-" needs a zero, English grouping a number of four digits or more).
    """

    def __init__(self, rng: random.Random, planned: tuple[str, ...] = ()) -> None:
        self.rng = rng
        self.planned = frozenset(planned)
        self.used: set[str] = set()
        self.left = rng.choice((0, 0, 1))
        self.font = rng.choice(FONTS)
        self.text_share = rng.choice((0, 0, 0, 0.1, 0.2, 0.9))
        self.dash_share = rng.choice((0, 0, 0, 0, 0.5, 1.0))
        if "dash_cells" in self.planned:
            self.dash_share = 1.0
        for encoding, font in LEGACY_FONTS.items():
            if encoding in self.planned:
                self.font = font

    def has(self, pathology: str) -> bool:
        """Whether this file carries ``pathology``; noted as used when it does."""
        if pathology in self.planned:
            self.used.add(pathology)
            return True
        return False

    def spacer(self) -> int:
        """Blank rows a spacing clerk leaves (between header and body, between sections)."""
        return self.rng.choice((1, 1, 2)) if self.has("spacer_rows") else 0

    def draft(self, name: str, *, hidden: bool = False) -> SheetDraft:
        return SheetDraft(name=name, font=self.font, hidden=hidden)

    def number(self, shown: Decimal, *, money: bool) -> Decimal | str:
        """A number as typed: mostly a number, sometimes Vietnamese or English text, zero
        sometimes "-" or "x"."""
        if shown == 0 and self.rng.random() < self.dash_share:
            self.used.add("dash_cells")
            return self.rng.choice(NONE_MARKS) if "dash_cells" in self.planned else "-"
        whole = shown == shown.to_integral_value()
        large = shown >= (1_000_000 if money else 1000)
        if whole and large and "english_numbers" in self.planned and self.rng.random() < 0.8:
            self.used.add("english_numbers")
            return english_number(shown)
        typed_as_text = self.rng.random() < self.text_share
        if typed_as_text and (not money or unambiguous_as_money_text(shown)):
            return vn_number(shown)
        return shown

    def fact(
        self,
        draft: SheetDraft,
        cell: tuple[int, int],
        report: Report,
        indicator: str,
        *,
        value: Decimal | None = None,
        shown: Decimal | None = None,
    ) -> None:
        """Write a true value (``shown`` in the cell's unit) and note it unless it became "-"."""
        value = report.values[indicator] if value is None else value
        shown = value if shown is None else shown
        written = self.number(shown, money=indicator in MONEY)
        roughly = indicator not in MONEY and shown >= 10 and written not in NONE_MARKS
        if roughly and "qualifiers" in self.planned and self.rng.random() < 0.3:
            self.used.add("qualifiers")
            written = f"{self.rng.choice(QUALIFIER_WORDS)} {vn_number(shown)}"
        draft.put(*cell, written)
        if written not in NONE_MARKS:
            draft.record(*cell, report.code, report.year, indicator, value)


# --- who and when ---------------------------------------------------------------------------


def _bare_names(province: Province) -> tuple[str, ...]:
    spellings = PROVINCE_SPELLINGS.get(province.code, (province.name,))
    bare = tuple(s for s in spellings if not s.startswith(("TP", "Tp", "Thành phố", "BR", "TT")))
    return bare or (province.name,)


def _place(province: Province, rng: random.Random) -> str:
    """``TỈNH THÁI NGUYÊN``, ``THÀNH PHỐ HÀ NỘI``, ``TP. HỒ CHÍ MINH``."""
    name = rng.choice(_bare_names(province)).upper()
    if province.is_city:
        return f"{rng.choice(('THÀNH PHỐ', 'TP.'))} {name}"
    return f"TỈNH {name}"


def _agency_lines(document: Document, rng: random.Random) -> list[str]:
    province = document.reports[0].province
    department = "SỞ CÔNG THƯƠNG" if document.year >= 2008 else "SỞ CÔNG NGHIỆP"
    if document.identity == PROVINCE_ONLY_IN_FILE_NAME:
        return rng.choice(
            (
                [department, "TRUNG TÂM KHUYẾN CÔNG"],
                ["TRUNG TÂM KHUYẾN CÔNG VÀ TƯ VẤN PHÁT TRIỂN CÔNG NGHIỆP"],
                [department],
            )
        )
    place = _place(province, rng)
    name = rng.choice(_bare_names(province))
    kind = "thành phố" if province.is_city else "tỉnh"
    return rng.choice(
        (
            [f"UBND {place}", department],
            [f"{department} {place}"],
            [f"{department} {name.upper()}", "TRUNG TÂM KHUYẾN CÔNG"],
            [f"TRUNG TÂM KHUYẾN CÔNG {name.upper()}"],
            [f"UBND {kind} {name}", department.title()],
        )
    )


def _titles(document: Document, rng: random.Random, choices: tuple[str, ...]) -> list[str]:
    title = rng.choice(choices)
    if document.identity == PERIOD_ONLY_IN_FILE_NAME:
        return [title]
    period = f"NĂM {document.year}"
    return [title, period] if rng.random() < 0.25 else [f"{title} {period}"]


def _title_block(
    draft: SheetDraft,
    clerk: Clerk,
    width: int,
    agency: list[str],
    titles: list[str],
    unit_line: str | None = None,
) -> int:
    """Motto, agency, report title (and unit line) in 3 to 8 rows; returns the row below."""
    rng, left = clerk.rng, clerk.left
    draft.zone = "title"
    right = left + width - 1
    beside = rng.random() < 0.6  # agency on the left, motto on the right; else motto above
    heading = max(len(agency), len(MOTTO)) if beside else len(agency) + len(MOTTO)
    needed = heading + len(titles) + bool(unit_line)
    optional = {  # extra rows, dropped in this order while the block would pass 8 rows
        "trail": rng.random() < 0.5,
        "gap": rng.random() < 0.5,
        "number": rng.random() < 0.3,
        "lead": rng.random() < 0.25,
    }
    for name in tuple(optional):
        if needed + sum(optional.values()) <= _MAX_TITLE_ROWS:
            break
        optional[name] = False
    lead, number, gap, trail = (int(optional[k]) for k in ("lead", "number", "gap", "trail"))
    row = lead
    if beside:
        split = left + max(2, width * 3 // 8)
        for i, line in enumerate(agency):
            draft.span(row + i, left, row + i, split - 1, line, bold=True)
        for i, line in enumerate(MOTTO):
            draft.span(row + i, split, row + i, right, line, bold=True)
    else:
        for i, line in enumerate((*MOTTO, *agency)):
            if i < len(MOTTO):
                draft.span(row + i, left, row + i, right, line, bold=True)
            else:
                draft.put(row + i, left, line, bold=True)
    row += heading
    if number:
        draft.put(row, left, f"Số: {rng.randint(3, 250)}/BC-{rng.choice(('SCT', 'TTKC', 'KC'))}")
        row += 1
    row += gap
    for line in titles:
        draft.span(row, left, row, right, line, bold=True)
        row += 1
    if unit_line:
        draft.span(row, right - 2, row, right, unit_line)
        row += 1
    draft.zone = "header"
    return row + trail


def _signature_block(
    draft: SheetDraft,
    clerk: Clerk,
    row: int,
    width: int,
    place: str | None,
    year: int,
    notes: tuple[str, ...] = NOTES,
) -> None:
    rng, left = clerk.rng, clerk.left
    draft.zone = "footer"
    right, half = left + width - 1, left + width // 2
    row += 1
    if rng.random() < 0.6:
        draft.put(row, left, rng.choice(notes))
        row += 2
    date_line = (
        f"{place}, ngày {rng.randint(5, 25):02d} tháng 01 năm {year + 1}"
        if place
        else "............, ngày ..... tháng ..... năm ......"
    )
    draft.span(row, half, row, right, date_line)
    row += 1
    draft.span(row, left, row, half - 1, "Người lập biểu", bold=True)
    chief = rng.choice((["GIÁM ĐỐC"], ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]))
    for i, line in enumerate(chief):
        draft.span(row + i, half, row + i, right, line, bold=True)
    row += len(chief) + 3
    preparer, chief_name = rng.sample(SIGNERS, 2)
    draft.span(row, left, row, half - 1, preparer)
    draft.span(row, half, row, right, chief_name)


def _signature_place(document: Document, rng: random.Random) -> str | None:
    if document.identity != TITLE_NAMES_BOTH:
        return None
    province = document.reports[0].province
    return rng.choice(PROVINCE_SPELLINGS.get(province.code, (province.name,)))


# --- family 1: activity table ---------------------------------------------------------------


def _activity_header(draft: SheetDraft, clerk: Clerk, row: int, width: int, money: str) -> int:
    rng, left = clerk.rng, clerk.left
    draft.zone = "header"
    singles = (
        "STT",
        rng.choice(("Nội dung hoạt động", "Nội dung", "Hoạt động")),
        "ĐVT",
        rng.choice(("Số lượng", "Kết quả", "Thực hiện")),
    )
    for offset, text in enumerate(singles):
        draft.span(row, left + offset, row + 1, left + offset, text, bold=True)
    draft.span(row, left + 4, row, left + width - 1, money, bold=True)
    subs = (
        rng.choice(("Tổng số", "Tổng")),
        rng.choice(("KCQG", "Khuyến công quốc gia")),
        rng.choice(("KCĐP", "Khuyến công địa phương")),
        rng.choice(("Đối ứng", "Vốn đối ứng")),
    )
    for offset, text in enumerate(subs[: width - 4]):
        draft.put(row + 1, left + 4 + offset, text, bold=True)
    row += 2
    if rng.random() < 0.6:
        numbered = rng.random() < 0.7
        for offset in range(width):
            draft.put(row, left + offset, offset + 1 if numbered else f"({offset + 1})")
        row += 1
    draft.zone = "body"
    return row + clerk.spacer()


def _money_cells(
    draft: SheetDraft, clerk: Clerk, row: int, col: int, amounts: tuple[Decimal, ...]
) -> None:
    """Funding written as a check (subtotal, total, counterpart): not facts."""
    for offset, amount in enumerate(amounts):
        draft.put(row, col + offset, clerk.number(amount, money=True), bold=True)


def _activity_body(draft: SheetDraft, clerk: Clerk, row: int, report: Report, width: int) -> int:
    rng, left = clerk.rng, clerk.left
    label_col, unit_col, qty_col, money_col = left + 1, left + 2, left + 3, left + 4
    lines = {line.activity: line for line in report.funding_lines}
    with_counterpart = width == 8
    sections = [*rng.choice(SECTIONS), *([EXTRA_SECTION] if rng.random() < 0.5 else [])]

    def amounts(activities: list[str]) -> tuple[Decimal, ...]:
        chosen = [lines[a] for a in activities if a in lines]
        sums = (
            sum((x.total for x in chosen), Decimal(0)),
            sum((x.national for x in chosen), Decimal(0)),
            sum((x.local for x in chosen), Decimal(0)),
            sum((x.counterpart for x in chosen), Decimal(0)),
        )
        return sums[: width - 4]

    def projects_row(row: int) -> int:
        label, unit = rng.choice(ACTIVITY_LABELS["extension_projects"])
        draft.put(row, label_col, label)
        draft.put(row, unit_col, unit)
        clerk.fact(draft, (row, qty_col), report, "extension_projects")
        return row + 1

    projects_first = rng.random() < 0.5
    if projects_first:
        row = projects_row(row)
    number, restart = 0, rng.random() < 0.5
    for index, (roman, section_label) in enumerate(sections):
        group = [a for a in ACTIVITIES if min(SECTION_OF[a], len(sections) - 1) == index]
        row += clerk.spacer() if index else 0
        draft.put(row, left, roman, bold=True)
        draft.put(row, label_col, section_label, bold=True)
        _money_cells(draft, clerk, row, money_col, amounts(group))
        row += 1
        number = 0 if restart else number
        for activity in group:
            if not report.values[activity] and rng.random() < 0.3:
                continue  # nothing done: some clerks leave the row out
            number += 1
            label, unit = rng.choice(ACTIVITY_LABELS[activity])
            draft.put(row, left, number)
            draft.put(row, label_col, label)
            draft.put(row, unit_col, unit)
            clerk.fact(draft, (row, qty_col), report, activity)
            if activity in lines:
                line = lines[activity]
                for offset, (indicator, value) in enumerate(
                    zip(FUNDING, (line.total, line.national, line.local), strict=True)
                ):
                    clerk.fact(draft, (row, money_col + offset), report, indicator, value=value)
                if with_counterpart:
                    draft.put(row, money_col + 3, clerk.number(line.counterpart, money=True))
            row += 1
    total_label = rng.choice(("Tổng cộng", "TỔNG CỘNG", "Cộng"))
    if rng.random() < 0.5:
        draft.span(row, left, row, label_col, total_label, bold=True)
    else:
        draft.put(row, label_col, total_label, bold=True)
    _money_cells(draft, clerk, row, money_col, amounts(list(ACTIVITIES)))
    row += 1
    return row if projects_first else projects_row(row)


def _activity_sheet(
    document: Document,
    clerk: Clerk,
    below: Callable[[SheetDraft, int], int] | None = None,
) -> SheetDraft:
    """The activity table; ``below`` lays a second table under it (returns the next row)."""
    rng, left = clerk.rng, clerk.left
    report = document.reports[0]
    width = 8 if rng.random() < 0.7 else 7
    draft = clerk.draft(
        rng.choice(("BC", "Bao cao", "Báo cáo KC", "Sheet1", f"KQ {document.year}", "TH"))
    )
    million = rng.choice(MILLION_SPELLINGS)
    unit_in_title = rng.random() < 0.35
    row = _title_block(
        draft,
        clerk,
        width,
        _agency_lines(document, rng),
        _titles(document, rng, TITLES),
        f"Đơn vị tính: {million}" if unit_in_title else None,
    )
    money = "Kinh phí" if unit_in_title and rng.random() < 0.5 else f"Kinh phí ({million})"
    row = _activity_header(draft, clerk, row, width, money)
    row = _activity_body(draft, clerk, row, report, width)
    if below is not None:
        row = below(draft, row)
    _signature_block(draft, clerk, row, width, _signature_place(document, rng), document.year)
    for offset, chars in enumerate((5, 44, 9, 10, 11, 11, 11, 11)[:width]):
        draft.width(left + offset, chars)
    return draft


_PROJECT_KINDS = (
    (
        "Đào tạo nghề",
        ("mây tre đan", "thêu ren", "mộc dân dụng", "quấn động cơ điện và máy bơm", "đúc gang"),
    ),
    ("Hỗ trợ ứng dụng máy", ("ép gạch không nung", "chế biến chè", "cưa, xẻ gỗ", "sấy nông sản")),
    ("Xây dựng mô hình trình diễn", ("sản xuất gạch không nung", "chế biến chè búp khô")),
    ("Tham gia hội chợ", ("hàng thủ công mỹ nghệ", "hàng công nghiệp nông thôn tiêu biểu")),
)
_DOERS = (
    "Công ty TNHH Hàn Việt",
    "Công ty CP Thép gang",
    "HTX Mây tre đan Tân Tiến",
    "Cơ sở mộc Đồng Tâm",
    "Trung tâm Khuyến công",
    "HTX Chè Tân Cương",
)


def _project_list_sheet(document: Document, clerk: Clerk) -> SheetDraft:
    """The project list behind the summary: detail, never a fact."""
    rng, left = clerk.rng, clerk.left
    report = document.reports[0]
    draft = clerk.draft("Danh mục đề án")
    period = "" if document.identity == PERIOD_ONLY_IN_FILE_NAME else f" NĂM {document.year}"
    draft.span(0, left, 0, left + 5, f"DANH MỤC ĐỀ ÁN KHUYẾN CÔNG THỰC HIỆN{period}", bold=True)
    for offset, text in enumerate(("STT", "Tên đề án", "Đơn vị thực hiện")):
        draft.span(2, left + offset, 3, left + offset, text, bold=True)
    draft.span(2, left + 3, 2, left + 5, "Kinh phí (triệu đồng)", bold=True)
    for offset, text in enumerate(("Tổng số", "KCQG", "KCĐP")):
        draft.put(3, left + 3 + offset, text, bold=True)
    count = int(report.values["extension_projects"])
    weights = [rng.uniform(0.3, 1.0) for _ in range(count)]
    tenths = [apportion(int(report.values[indicator] * 10), weights) for indicator in FUNDING[1:]]
    for index, (national, local) in enumerate(zip(*tenths, strict=True)):
        row = 4 + index
        kind, objects = rng.choice(_PROJECT_KINDS)
        draft.put(row, left, index + 1)
        draft.put(row, left + 1, f"{kind} {rng.choice(objects)}")
        draft.put(row, left + 2, rng.choice(_DOERS))
        for offset, amount in enumerate((national + local, national, local)):
            draft.put(row, left + 3 + offset, Decimal(amount) / 10)
    draft.put(4 + count, left + 1, "Tổng cộng", bold=True)
    for offset, indicator in enumerate(FUNDING):
        draft.put(4 + count, left + 3 + offset, report.values[indicator], bold=True)
    draft.width(left + 1, 48)
    draft.width(left + 2, 28)
    return draft


def _hidden_list_sheet(clerk: Clerk) -> SheetDraft:
    draft = clerk.draft(clerk.rng.choice(("DM", "Sheet3", "dvt")), hidden=True)
    for row, word in enumerate(
        ("người", "lớp", "mô hình", "cơ sở", "hội chợ", "DN", "dự án", "cụm")
    ):
        draft.put(row, 0, word)
    return draft


def _second_table(
    clerk: Clerk, report: Report, history: History, indicators: tuple[str, ...]
) -> Callable[[SheetDraft, int], int]:
    """Output and craft villages as a second table below the activities, under a heading."""

    def lay(draft: SheetDraft, row: int) -> int:
        row += 1 + clerk.rng.choice((0, 1))
        draft.zone = "title"
        draft.put(row, clerk.left, clerk.rng.choice(TWO_TABLE_HEADINGS), bold=True)
        row += 1 + clerk.rng.choice((0, 1))
        simple = clerk.rng.random() < 0.5
        return _indicator_table(draft, clerk, row, report, history, indicators, simple=simple)

    return lay


def _plan_sheet(document: Document, clerk: Clerk) -> SheetDraft:
    """Next year's plan: round numbers that are never actuals, sometimes on a hidden sheet."""
    rng, left, report = clerk.rng, clerk.left, document.reports[0]
    year = document.year + 1
    draft = clerk.draft(rng.choice(PLAN_SHEET_NAMES).format(year=year), hidden=rng.random() < 0.3)
    draft.zone = "title"
    draft.span(0, left, 0, left + 3, rng.choice(PLAN_TITLES).format(year=year), bold=True)
    draft.zone = "header"
    for offset, text in enumerate(("STT", "Nội dung", "ĐVT", f"Kế hoạch {year}")):
        draft.put(2, left + offset, text, bold=True)
    draft.zone = "body"
    row = 3
    for number, activity in enumerate(ACTIVITIES, start=1):
        label, unit = rng.choice(ACTIVITY_LABELS[activity])
        planned = _round_figure(report.values[activity] * Decimal(rng.uniform(1.0, 1.3)))
        for offset, value in enumerate((number, label, unit, planned)):
            draft.put(row, left + offset, value)
        row += 1
    draft.put(row, left + 1, "Kinh phí khuyến công")
    draft.put(row, left + 2, "triệu đồng")
    draft.put(row, left + 3, _round_figure(report.values["extension_funding"] * Decimal("1.2")))
    draft.width(left + 1, 42)
    return draft


def _activity_workbook(document: Document, history: History, clerk: Clerk) -> list[SheetDraft]:
    rng, report = clerk.rng, document.reports[0]
    general = tuple(i for i in GENERAL if i in report.reported)
    if general and clerk.has("two_tables"):
        sheets = [_activity_sheet(document, clerk, _second_table(clerk, report, history, general))]
    else:
        sheets = [_activity_sheet(document, clerk)]
        if general:
            sheets.append(_general_sheet(document, history, clerk, general))
    if 0 < report.values["extension_projects"] <= 40 and rng.random() < 0.2:
        sheets.append(_project_list_sheet(document, clerk))
    if rng.random() < 0.1:
        sheets.append(_hidden_list_sheet(clerk))
    if clerk.has("plan_sheet"):
        sheets.insert(1, _plan_sheet(document, clerk))
    return sheets


# --- family 2: indicators by year (transposed) ---------------------------------------------


def _money_units(
    rng: random.Random, indicator: str, flat: bool = False
) -> list[tuple[str, Decimal]]:
    """The spellings of one money unit chosen for a group of rows.

    Not tỷ đồng in a csv (``flat``): there every number is text, and ``448,337`` tỷ đồng would
    read two ways.
    """
    if indicator == "rural_industry_output":
        factor = rng.choice((Decimal(1), Decimal(1), Decimal("0.001")))
    else:
        factor = rng.choice((Decimal(1),) * 6 + (Decimal("0.001"), Decimal(1000), Decimal(10**6)))
    if flat and factor < 1:
        factor = Decimal(1)
    return [(text, f) for text, f in MONEY_UNITS if f == factor]


def _value_columns(
    rng: random.Random, year: int, simple: bool, flat: bool = False
) -> tuple[list[tuple[str, str]], str | None]:
    """(role, header) of each value column, and the header over the first two (or None; always
    None when ``flat``: a csv has no merged cells)."""
    if simple:
        return [("actual", rng.choice((f"Năm {year}", f"Thực hiện năm {year}", "Số liệu")))], None
    if rng.random() < 0.5:
        two_level = rng.random() < 0.3 and not flat
        columns = [
            ("previous", f"Năm {year - 1}"),
            ("actual", f"Năm {year}"),
            ("comparison", rng.choice(("So sánh (%)", f"{year}/{year - 1} (%)"))),
        ]
        top = "Thực hiện" if two_level else None
    else:
        two_level = rng.random() < 0.3 and not flat
        columns = [
            (
                "plan",
                "Kế hoạch" if two_level else rng.choice((f"Kế hoạch {year}", f"KH năm {year}")),
            ),
            (
                "actual",
                "Thực hiện" if two_level else rng.choice((f"Thực hiện {year}", f"TH năm {year}")),
            ),
            ("comparison", "TH/KH (%)"),
        ]
        top = f"Năm {year}" if two_level else None
    if year >= 2007 and rng.random() < 0.25:
        columns.insert(2, ("cumulative", f"Lũy kế 2006-{year}"))
    return columns, top


def _other_value(
    role: str, indicator: str, report: Report, history: History, rng: random.Random
) -> Decimal | None:
    """The canonical value of a column that is not the actual: previous year, plan, cumulative."""
    value = report.values[indicator]
    precision = (
        Decimal(1) if indicator not in MONEY or value == value.to_integral() else _ONE_DECIMAL
    )
    if role == "previous":
        earlier = history.get((report.code, report.year - 1))
        if earlier is not None:
            return earlier.values[indicator]
        return (value * Decimal(rng.uniform(0.7, 0.95))).quantize(precision)
    if indicator in STOCKS:
        return None  # stocks have neither a plan nor a cumulative
    if role == "plan":
        return _round_figure(value * Decimal(rng.uniform(0.85, 1.2)))
    years = range(2006, report.year + 1)
    return sum(
        (history[(report.code, y)].values[indicator] for y in years if (report.code, y) in history),
        Decimal(0),
    )


def _round_figure(value: Decimal) -> Decimal:
    """A planner's round number: three significant digits (1.525.093 -> 1.530.000)."""
    if value < 100:
        return value.quantize(Decimal(1))
    step = Decimal(10) ** (len(str(int(value))) - 3)
    return (value / step).quantize(Decimal(1)) * step


def _percent(actual: Decimal, other: Decimal | None, clerk: Clerk) -> str | Decimal | None:
    if other is None or other == 0:
        return "-" if other == 0 else None
    ratio = (actual / other * 100).quantize(_ONE_DECIMAL)
    style = clerk.rng.random()
    if style < 0.6:
        return ratio
    return f"{vn_number(ratio)}%" if style < 0.8 else vn_number(ratio)


def _indicator_header(
    draft: SheetDraft, clerk: Clerk, row: int, columns: list[tuple[str, str]], top: str | None
) -> int:
    left = clerk.left
    draft.zone = "header"
    if top is None:
        for offset, (_, text) in enumerate(columns):
            draft.put(row, left + offset, text, bold=True)
        draft.zone = "body"
        return row + 1
    first_value = next(i for i, (role, _) in enumerate(columns) if role in ("previous", "plan"))
    for offset, (_, text) in enumerate(columns):
        if offset in (first_value, first_value + 1):
            draft.put(row + 1, left + offset, text, bold=True)
        else:
            draft.span(row, left + offset, row + 1, left + offset, text, bold=True)
    draft.span(row, left + first_value, row, left + first_value + 1, top, bold=True)
    draft.zone = "body"
    return row + 2


def _indicator_table(
    draft: SheetDraft,
    clerk: Clerk,
    row: int,
    report: Report,
    history: History,
    indicators: tuple[str, ...],
    *,
    simple: bool = False,
    flat: bool = False,
) -> int:
    """``STT | Chỉ tiêu | ĐVT | value columns``, one row per indicator; returns the next row."""
    rng, left = clerk.rng, clerk.left
    value_columns, top = _value_columns(rng, report.year, simple, flat)
    label = rng.choice(("Chỉ tiêu", "Nội dung", "Tên chỉ tiêu"))
    columns = [("stt", "STT"), ("label", label), ("unit", "ĐVT"), *value_columns]
    row = _indicator_header(draft, clerk, row, columns, top)
    row += clerk.spacer()
    units = {
        "funding": _money_units(rng, "extension_funding", flat),
        "output": _money_units(rng, "rural_industry_output", flat),
    }
    with_sections = len(indicators) > 4 and rng.random() < 0.5
    sections = {
        ACTIVITIES[0]: ("I", "Kết quả hoạt động khuyến công"),
        GENERAL[0]: ("II", "Một số chỉ tiêu phát triển CNNT"),
    }
    number = 0
    for indicator in indicators:
        if with_sections and indicator in sections:
            row += clerk.spacer() if indicator != ACTIVITIES[0] else 0
            roman, text = sections[indicator]
            draft.put(row, left, roman, bold=True)
            draft.put(row, left + 1, text, bold=True)
            row += 1
        text, unit = rng.choice(INDICATOR_LABELS[indicator])
        factor = Decimal(1)
        if unit is None:
            unit, factor = rng.choice(units["output" if indicator in GENERAL else "funding"])
        if indicator in FUNDING[1:]:
            draft.put(row, left, rng.choice(("-", "", "+")))
        else:
            number += 1
            draft.put(row, left, number)
        draft.put(row, left + 1, text)
        draft.put(row, left + 2, unit)
        value = report.values[indicator]
        other = None
        for offset, (role, _) in enumerate(value_columns, start=3):
            cell = (row, left + offset)
            if role == "actual":
                clerk.fact(draft, cell, report, indicator, shown=value * factor)
            elif role == "comparison":
                draft.put(*cell, _percent(value, other, clerk))
            else:
                found = _other_value(role, indicator, report, history, rng)
                other = found if role != "cumulative" else other
                if found is not None:
                    draft.put(*cell, clerk.number(found * factor, money=indicator in MONEY))
        row += 1
    draft.width(left, 5)
    draft.width(left + 1, 42)
    draft.width(left + 2, 10)
    return row


def _general_sheet(
    document: Document, history: History, clerk: Clerk, indicators: tuple[str, ...]
) -> SheetDraft:
    """Output and craft villages on the second sheet of an activity-table workbook."""
    rng, left = clerk.rng, clerk.left
    draft = clerk.draft("Chỉ tiêu chung")
    period = "" if document.identity == PERIOD_ONLY_IN_FILE_NAME else f" NĂM {document.year}"
    row = rng.choice((0, 1))
    draft.zone = "title"
    draft.put(row, left, f"{rng.choice(GENERAL_TITLES)}{period}", bold=True)
    _indicator_table(
        draft, clerk, row + 2, document.reports[0], history, indicators, simple=rng.random() < 0.4
    )
    return draft


def _indicator_workbook(document: Document, history: History, clerk: Clerk) -> list[SheetDraft]:
    rng, report = clerk.rng, document.reports[0]
    wanted = document.indicators or tuple(i for i in ORDER if i in report.reported)
    draft = clerk.draft(rng.choice(("Sheet1", "Bieu 01", "Biểu 1", "Chỉ tiêu", "TH")))
    titles = GENERAL_TITLES if document.indicators else TITLES
    width = 6 if document.indicators else 7
    row = _title_block(
        draft, clerk, width, _agency_lines(document, rng), _titles(document, rng, titles)
    )
    row = _indicator_table(draft, clerk, row, report, history, wanted)
    place = _signature_place(document, rng)
    _signature_block(draft, clerk, row, width, place, document.year, NOTES[1:])
    return [draft, _plan_sheet(document, clerk)] if clerk.has("plan_sheet") else [draft]


def _csv_workbook(document: Document, history: History, clerk: Clerk) -> list[SheetDraft]:
    """A plain export: one sheet named after the file, a title line, a flat table, no merges.

    Province and period are left to the file name.
    """
    rng, report = clerk.rng, document.reports[0]
    clerk.left = 0
    wanted = document.indicators or tuple(i for i in ORDER if i in report.reported)
    draft = clerk.draft(document.file_name.rsplit(".", 1)[0])
    draft.zone = "title"
    draft.put(0, 0, rng.choice(GENERAL_TITLES if document.indicators else TITLES))
    simple = rng.random() < 0.5
    _indicator_table(draft, clerk, 2, report, history, wanted, simple=simple, flat=True)
    return [draft]


# --- family 3: regional compilation ---------------------------------------------------------

_REGIONAL_COUNTS = (
    ("demo_models", ("Mô hình trình diễn", "MH trình diễn")),
    ("tech_support_facilities", ("Ứng dụng MMTB", "Hỗ trợ ứng dụng MMTB")),
    ("trade_fairs", ("Hội chợ", "Hội chợ triển lãm")),
    ("brand_support_enterprises", ("Thương hiệu", "Xây dựng thương hiệu")),
    ("investment_projects_consulted", ("Tư vấn đầu tư", "Tư vấn dự án")),
    ("industrial_clusters_supported", ("CCN", "Quy hoạch, hạ tầng CCN")),
    ("extension_projects", ("Số đề án", "Số đề án khuyến công")),
)
_REGIONAL_COLUMNS = (
    "training_classes",
    "trained_workers",
    *(i for i, _ in _REGIONAL_COUNTS),
    *FUNDING,
)


def _regional_header(draft: SheetDraft, clerk: Clerk, row: int, money: str) -> int:
    rng, left = clerk.rng, clerk.left
    draft.zone = "header"
    draft.span(row, left, row + 1, left, "STT", bold=True)
    draft.span(
        row,
        left + 1,
        row + 1,
        left + 1,
        rng.choice(("Tỉnh, thành phố", "Tỉnh/Thành phố", "Địa phương")),
        bold=True,
    )
    draft.span(row, left + 2, row, left + 3, "Đào tạo nghề", bold=True)
    draft.put(row + 1, left + 2, "Số lớp", bold=True)
    draft.put(row + 1, left + 3, rng.choice(("Số LĐ (người)", "Số học viên")), bold=True)
    for offset, (_, texts) in enumerate(_REGIONAL_COUNTS, start=4):
        draft.span(row, left + offset, row + 1, left + offset, rng.choice(texts), bold=True)
    money_col = left + 4 + len(_REGIONAL_COUNTS)
    draft.span(row, money_col, row, money_col + 2, money, bold=True)
    for offset, text in enumerate((rng.choice(("Tổng", "Tổng số")), "KCQG", "KCĐP")):
        draft.put(row + 1, money_col + offset, text, bold=True)
    row += 2
    if rng.random() < 0.5:
        for offset in range(len(_REGIONAL_COLUMNS) + 2):
            draft.put(row, left + offset, offset + 1)
        row += 1
    draft.zone = "body"
    return row


def _regional_workbook(document: Document, history: History, clerk: Clerk) -> list[SheetDraft]:
    rng, left, year = clerk.rng, clerk.left, document.year
    width = len(_REGIONAL_COLUMNS) + 2
    draft = clerk.draft(rng.choice(("TH vung", "Tong hop", "Tổng hợp", f"TH {year}")))
    tag = next(tag for name, tag, _ in REGIONS if name == document.region)
    agency = rng.choice(
        (
            ["BỘ CÔNG THƯƠNG" if year >= 2007 else "BỘ CÔNG NGHIỆP", "CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG"],
            [f"TRUNG TÂM KHUYẾN CÔNG VÀ TƯ VẤN PHÁT TRIỂN CÔNG NGHIỆP {REGIONAL_CENTRES[tag]}"],
        )
    )
    region = f"{rng.choice(('', 'VÙNG '))}{(document.region or '').upper()}"
    unit_in_title = rng.random() < 0.7
    row = _title_block(
        draft,
        clerk,
        width,
        agency,
        [f"{REGIONAL_TITLE} {region} NĂM {year}"],
        "Đơn vị tính: triệu đồng" if unit_in_title else None,
    )
    money = "Kinh phí khuyến công" + ("" if unit_in_title else " (triệu đồng)")
    row = _regional_header(draft, clerk, row, money)
    totals = dict.fromkeys(_REGIONAL_COLUMNS, Decimal(0))
    for number, report in enumerate(document.reports, start=1):
        province = report.province
        draft.put(row, left, number)
        draft.put(
            row, left + 1, rng.choice(PROVINCE_SPELLINGS.get(province.code, (province.name,)))
        )
        for offset, indicator in enumerate(_REGIONAL_COLUMNS, start=2):
            clerk.fact(draft, (row, left + offset), report, indicator)
            totals[indicator] += report.values[indicator]
        row += 1
    draft.span(
        row,
        left,
        row,
        left + 1,
        rng.choice(("Tổng cộng", "Toàn vùng", "Cộng toàn vùng")),
        bold=True,
    )
    for offset, indicator in enumerate(_REGIONAL_COLUMNS, start=2):
        draft.put(
            row, left + offset, clerk.number(totals[indicator], money=indicator in MONEY), bold=True
        )
    _signature_block(draft, clerk, row + 1, width, None, year, REGIONAL_NOTES)
    draft.width(left, 5)
    draft.width(left + 1, 22)
    return [draft]


# --- a document -----------------------------------------------------------------------------

_WORKBOOKS: dict[str, Callable[[Document, History, Clerk], list[SheetDraft]]] = {
    ACTIVITY_TABLE: _activity_workbook,
    INDICATOR_BY_YEAR: _indicator_workbook,
    REGIONAL_COMPILATION: _regional_workbook,
}


def _no_diacritics(text: str) -> str:
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in plain if not unicodedata.combining(c))


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


_TEXT_CHANGES: dict[str, tuple[Callable[[str], str], frozenset[str]]] = {
    "tcvn3": (encode_tcvn3, frozenset(("title", "body", "footer"))),
    "vni": (encode_vni, frozenset(("title", "body", "footer"))),
    "nfd": (_nfd, frozenset(("title", "header", "body", "footer"))),
    "no_diacritics": (_no_diacritics, frozenset(("header", "body"))),
}
"""How each text pathology rewrites a cell, and in which zones of a sheet."""
_NUMBER_TEXT = re.compile(rf"(?:(?:{'|'.join(QUALIFIER_WORDS)}) )?[\d.,]+%?|[-+x]")


def _rewrite_text(drafts: list[SheetDraft], clerk: Clerk) -> None:
    """Apply the file's text pathology (at most one) to its text cells, numbers left alone."""
    for name, (change, zones) in _TEXT_CHANGES.items():
        if not clerk.has(name):
            continue

        def rewrite(
            text: str,
            zone: str,
            change: Callable[[str], str] = change,
            zones: frozenset[str] = zones,
        ) -> str:
            if zone not in zones or _NUMBER_TEXT.fullmatch(text):
                return text
            return change(text)

        for draft in drafts:
            draft.retext(rewrite)


def pathologies_text(used: set[str]) -> str:
    """The pathologies a file carries, in the catalogue's order, joined by ``;``."""
    return ";".join(name for name in PATHOLOGIES if name in used)


def lay_out(
    document: Document, history: History, seed: int
) -> tuple[WorkbookModel, list[TruthFact]]:
    """The workbook of one document and the true facts it holds, cell by cell."""
    clerk = Clerk(random.Random(f"{seed}:layout:{document.file_name}"), document.pathologies)
    if document.extension == "csv":
        drafts = _csv_workbook(document, history, clerk)
    else:
        drafts = _WORKBOOKS[document.family](document, history, clerk)
    _rewrite_text(drafts, clerk)
    clerk.has("extra_formats")
    carried = pathologies_text(clerk.used)
    workbook = WorkbookModel(
        file_name=document.file_name,
        sheets=tuple(draft.model() for draft in drafts),
        timestamp=datetime(document.year + 1, 1, 20, 8, 30),
    )
    facts = [
        TruthFact(
            file_name=document.file_name,
            sheet=draft.name,
            cell=cell_address(fact.row, fact.col),
            province_code=fact.province_code,
            year=fact.year,
            indicator=fact.indicator,
            value=fact.value,
            layout=document.family,
            pathologies=carried,
        )
        for draft in drafts
        for fact in draft.facts
    ]
    return workbook, facts
