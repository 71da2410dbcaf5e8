"""Which files the corpus holds: for each report, its layout family, format and file name.

Pure. Some region-years are sent as one regional compilation (the region's provinces as rows,
plus a small ``..._chi_tieu_chung_...`` file per province for output and craft villages); every
other province-year is its own file, an activity table or a transposed indicator table.

File-name conventions (a reader can be checked against them): every single-province file name
holds the province (ASCII CamelCase, snake_case or with diacritics) and the four-digit year;
a regional file name holds the region tag and the year. Where a title leaves out the province
or the period (``identity``), the file name states it; the two never disagree.
"""

from __future__ import annotations

import random
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace

from devtools.sample.truth import GENERAL, Province, Report
from devtools.sample.vocabulary import FILE_NAME_SPELLINGS, REGIONS

ACTIVITY_TABLE = "activity_table"
INDICATOR_BY_YEAR = "indicator_by_year"
REGIONAL_COMPILATION = "regional_compilation"
FAMILIES = (ACTIVITY_TABLE, INDICATOR_BY_YEAR, REGIONAL_COMPILATION)

TITLE_NAMES_BOTH = "title"
PROVINCE_ONLY_IN_FILE_NAME = "province-in-file-name"
PERIOD_ONLY_IN_FILE_NAME = "period-in-file-name"

REGIONAL_SHARE = 0.3  # of region-years
XLSX_SHARE = 2 / 3

TEXT_PATHOLOGIES = (("tcvn3", 0.07), ("vni", 0.05), ("nfd", 0.07), ("no_diacritics", 0.06))
"""How a file's text is written (at most one each): legacy encodings, NFD, no diacritics."""
PATHOLOGY_SHARES = {
    "dash_cells": 0.2,
    "qualifiers": 0.1,
    "english_numbers": 0.1,
    "spacer_rows": 0.12,
    "plan_sheet": 0.12,  # single-province workbooks only
    "two_tables": 0.3,  # activity tables with general indicators only
}
"""Share of the files eligible for each other pathology; drawn independently per file."""
XLSM_SHARE = 0.08  # of single-province .xlsx files
CSV_SHARE = 0.12  # of single-province indicator tables
PATHOLOGIES = (
    *(name for name, _ in TEXT_PATHOLOGIES),
    *PATHOLOGY_SHARES,
    "extra_formats",
)

_SINGLE_NAMES = (
    "BC_KhuyenCong_{camel}_{year}",
    "bao_cao_kc_{year}_{snake}",
    "{camel}_BaoCaoKC_Nam{year}",
    "Báo cáo KC năm {year} - {name}",
    "KC{year}_{camel}",
    "TTKC_{snake}_bao_cao_nam_{year}",
)
_GENERAL_NAMES = ("{camel}_chi_tieu_chung_{year}", "chi_tieu_chung_{year}_{snake}")
_REGIONAL_NAMES = ("TongHop_KC_{tag}_{year}", "tong_hop_khuyen_cong_vung_{tag_lower}_{year}")


@dataclass(frozen=True)
class Document:
    """One file to write: its family, name, year, the reports it holds and what it shows."""

    family: str
    file_name: str
    year: int
    reports: tuple[Report, ...]
    indicators: tuple[str, ...] | None = None  # None: everything the report states
    region: str | None = None
    identity: str = TITLE_NAMES_BOTH
    pathologies: tuple[str, ...] = ()  # planned mess; layouts note which ones took effect

    @property
    def extension(self) -> str:
        return self.file_name.rsplit(".", 1)[1]


def _name_forms(province: Province) -> dict[str, str]:
    words = re.findall(r"[A-Za-z]+", province.name_ascii)
    camel = "".join(word.capitalize() for word in words)
    return {
        "camel": camel,
        "snake": "_".join(word.lower() for word in words),
        "name": province.name,
    }


def _file_name(rng: random.Random, templates: tuple[str, ...], year: int, **fields: str) -> str:
    name = rng.choice(templates).format(year=year, **fields)
    return f"{name}.{'xlsx' if rng.random() < XLSX_SHARE else 'xls'}"


def _province_fields(rng: random.Random, province: Province) -> dict[str, str]:
    fields = _name_forms(province)
    if province.code in FILE_NAME_SPELLINGS and rng.random() < 0.5:
        fields["camel"] = rng.choice(FILE_NAME_SPELLINGS[province.code])
    return fields


def _single(rng: random.Random, report: Report) -> Document:
    family = ACTIVITY_TABLE if rng.random() < 0.55 else INDICATOR_BY_YEAR
    draw = rng.random()
    identity = (
        TITLE_NAMES_BOTH
        if draw < 0.75
        else PROVINCE_ONLY_IN_FILE_NAME
        if draw < 0.9
        else PERIOD_ONLY_IN_FILE_NAME
    )
    name = _file_name(rng, _SINGLE_NAMES, report.year, **_province_fields(rng, report.province))
    return Document(family, name, report.year, (report,), identity=identity)


def _general(rng: random.Random, report: Report) -> Document | None:
    """Output and craft villages of a province whose activities sit in a regional file."""
    shown = tuple(i for i in GENERAL if i in report.reported)
    if not shown:
        return None
    name = _file_name(rng, _GENERAL_NAMES, report.year, **_province_fields(rng, report.province))
    return Document(INDICATOR_BY_YEAR, name, report.year, (report,), indicators=shown)


def _regional(
    rng: random.Random, region: str, tag: str, year: int, members: list[Report]
) -> Document:
    name = _file_name(rng, _REGIONAL_NAMES, year, tag=tag, tag_lower=tag.lower())
    return Document(REGIONAL_COMPILATION, name, year, tuple(members), region=region)


def plan_documents(reports: Mapping[tuple[str, int], Report], seed: int) -> list[Document]:
    """Every file of the full corpus, sorted by file name."""
    rng = random.Random(f"{seed}:plan")
    documents: list[Document] = []
    for year in sorted({year for _, year in reports}):
        units = [reports[key] for key in sorted(reports) if key[1] == year]
        for region, tag, codes in REGIONS:
            members = [r for r in units if r.code in codes]
            if members and rng.random() < REGIONAL_SHARE:
                documents.append(_regional(rng, region, tag, year, members))
                documents += filter(None, (_general(rng, r) for r in members))
            else:
                documents += (_single(rng, r) for r in members)
        regional_codes = {code for _, _, codes in REGIONS for code in codes}
        documents += (_single(rng, r) for r in units if r.code not in regional_codes)
    documents = [_with_mess(d, seed) for d in documents]
    names = [d.file_name for d in documents]
    if len(set(names)) != len(names):
        raise ValueError("two sample files with the same name")
    return sorted(documents, key=lambda d: d.file_name)


def _with_mess(document: Document, seed: int) -> Document:
    """The pathologies of one file, from its own random stream (the rest of the plan is unchanged).

    ``extra_formats`` turns some single-province .xlsx files into .xlsm, and some indicator
    tables into a .csv (one sheet, no merges).
    """
    rng = random.Random(f"{seed}:mess:{document.file_name}")
    chosen: list[str] = []
    draw, threshold = rng.random(), 0.0
    for name, share in TEXT_PATHOLOGIES:
        threshold += share
        if draw < threshold:
            chosen.append(name)
            break
    single = document.family != REGIONAL_COMPILATION
    for name, share in PATHOLOGY_SHARES.items():
        eligible = {
            "plan_sheet": single,
            "two_tables": document.family == ACTIVITY_TABLE,
        }.get(name, True)
        if rng.random() < share and eligible:
            chosen.append(name)
    stem, extension = document.file_name.rsplit(".", 1)
    format_draw = rng.random()
    if document.family == INDICATOR_BY_YEAR and format_draw < CSV_SHARE:
        extension = "csv"
        chosen = [c for c in chosen if c != "plan_sheet"]
    elif single and extension == "xlsx" and format_draw > 1 - XLSM_SHARE:
        extension = "xlsm"
    if extension != document.file_name.rsplit(".", 1)[1]:
        chosen.append("extra_formats")
    return replace(document, file_name=f"{stem}.{extension}", pathologies=tuple(chosen))


def select_documents(
    documents: list[Document], years: Collection[int], provinces: Collection[str] | None
) -> list[Document]:
    """The documents of ``years``, holding only the reports of ``provinces`` (all when None)."""
    chosen = []
    for document in documents:
        if document.year not in years:
            continue
        kept = tuple(r for r in document.reports if provinces is None or r.code in provinces)
        if kept:
            chosen.append(replace(document, reports=kept))
    return chosen
