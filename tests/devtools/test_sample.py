"""The sample generator: real figures exactly, every province-year, repeatable bytes, and a
ground truth that points at cells really holding those values.

One full generation is shared by the module (about 4 s); the other tests use small subsets.
That every true value is what its cell says, read as the pipeline reads it, is
``tests/test_corpus_score.py``; here a few cells of each kind are pinned as literals.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import unicodedata
import zipfile
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

import schemas
from devtools.sample import FAMILIES, TruthFact, generate_sample, read_truth
from devtools.sample.plan import PATHOLOGIES
from devtools.sample.vocabulary import FILE_NAME_SPELLINGS, NONE_MARKS
from khuyencong.workbook_files import read_workbook_file
from transforms.legacy_text import repair_text

NATIONAL_2005_2009 = {
    "trained_workers": 329_620,
    "demo_models": 786,
    "tech_support_facilities": 1_013,
    "brand_support_enterprises": 228,
    "investment_projects_consulted": 156,
}
MONEY = {
    "extension_funding",
    "extension_funding_national",
    "extension_funding_local",
    "rural_industry_output",
}
AMBIGUOUS_MONEY_TEXT = re.compile(r"^\d{1,3}\.\d{3}$|^\d+,\d{3}$")
# Cells of the default corpus: what the reading edge opens there, and the true value the truth
# gives the cell (money in million VND; None: the cell holds no fact). One of each way a clerk
# writes a number, a money unit or nothing, in each format.
PINNED: dict[str, dict[tuple[str, str], tuple[object, str | None]]] = {
    "AnGiang_BaoCaoKC_Nam2011.xlsx": {
        ("Chỉ tiêu", "F9"): (967, "967"),
        ("Chỉ tiêu", "F15"): ("-", None),
        ("Chỉ tiêu", "D18"): ("tr.đ", None),
        ("Chỉ tiêu", "F18"): (450, "450"),
        ("Chỉ tiêu", "D22"): ("Tỷ đồng", None),
        ("Chỉ tiêu", "F22"): (398.823, "398823"),
    },
    "AnGiang_chi_tieu_chung_2007.xls": {("TH", "F9"): (34, "34")},
    "BC_KhuyenCong_AnGiang_2006.xls": {
        ("Chỉ tiêu", "E11"): ("413", "413"),
        ("Chỉ tiêu", "E20"): ("1.070,5", "1070.5"),
        ("Chỉ tiêu", "C21"): ("trđ", None),
        ("Chỉ tiêu", "E21"): ("314,3", "314.3"),
    },
    "BC_KhuyenCong_AnGiang_2009.xlsx": {
        ("KQ 2009", "E10"): ("1.135", "1135"),
        ("Chỉ tiêu chung", "D6"): ("tû ®ång", None),  # tỷ đồng in TCVN3
        ("Chỉ tiêu chung", "F6"): ("338,14", "338140"),
    },
    "BC_KhuyenCong_AnGiang_2012.csv": {("BC_KhuyenCong_AnGiang_2012", "D4"): ("764", "764")},
    "BC_KhuyenCong_BacGiang_2012.xlsx": {
        ("Chỉ tiêu", "C16"): ("dong", None),
        ("Chỉ tiêu", "E16"): (2_462_000_000, "2462"),
    },
    "BC_KhuyenCong_BacKan_2012.xls": {("Sheet1", "D12"): (694, "694")},
    "BC_KhuyenCong_CaoBang_2006.xlsx": {
        ("Bieu 01", "C18"): ("TriÖu ®ång", None),  # triệu đồng in TCVN3
        ("Bieu 01", "E18"): (1739, "1739"),
    },
    "BC_KhuyenCong_DakLak_2011.xlsm": {
        ("Sheet1", "D12"): (57, "57"),
        ("Sheet1", "E14"): (1772.6, "1772.6"),
    },
    "BC_KhuyenCong_DienBien_2010.csv": {
        ("BC_KhuyenCong_DienBien_2010", "C14"): ("Trieu dong", None),
        ("BC_KhuyenCong_DienBien_2010", "D14"): ("913,6", "913.6"),
    },
    "BC_KhuyenCong_DienBien_2011.xls": {
        ("Sheet1", "E6"): ("gần 1.553", "1553"),
        ("Sheet1", "E14"): ("ước 30", "30"),
    },
    "BC_KhuyenCong_DongThap_2006.xls": {
        ("TH", "D17"): ("đồng", None),
        ("TH", "F17"): (787_000_000, "787"),
    },
    "BC_KhuyenCong_HaTinh_2007.xlsm": {("TH", "E10"): (818, "818")},
    "BC_KhuyenCong_HungYen_2006.xlsx": {
        ("Sheet1", "C20"): ("nghìn đồng", None),
        ("Sheet1", "E20"): (428_100, "428.1"),
    },
    "BC_KhuyenCong_LangSon_2011.csv": {("BC_KhuyenCong_LangSon_2011", "D4"): ("1,590", "1590")},
    "BC_KhuyenCong_QuangNam_2009.xlsx": {
        ("Bieu 01", "C18"): ("Tyû ñoàng", None),  # tỷ đồng in VNI
        ("Bieu 01", "E18"): (1.992, "1992"),
    },
    "TongHop_KC_DBSCL_2005.xlsx": {("TH vung", "C10"): (10, "10")},
    "TongHop_KC_TDMNPB_2008.xls": {("Tổng hợp", "D10"): ("13", "13")},
}


@pytest.fixture(scope="module")
def corpus(sample_corpus: tuple[Path, list[TruthFact]]) -> tuple[Path, list[TruthFact]]:
    return sample_corpus


def _sha256s(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _position(address: str) -> tuple[int, int]:
    match = re.fullmatch(r"([A-Z]+)(\d+)", address)
    assert match, address
    col = 0
    for letter in match[1]:
        col = col * 26 + ord(letter) - 64
    return int(match[2]) - 1, col - 1


def _grids(path: Path) -> dict[str, dict[tuple[int, int], object]]:
    """Cells of every sheet by absolute (row, col), as the reading edge opens the file."""
    return {
        sheet.name: {
            (r, c): value
            for r, row in enumerate(sheet.rows)
            for c, value in enumerate(row)
            if value is not None
        }
        for sheet in read_workbook_file(path).sheets
    }


def _folded(text: str) -> str:
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return re.sub(
        r"[^a-z0-9]", "", "".join(c for c in plain if not unicodedata.combining(c)).lower()
    )


def test_it_reproduces_the_national_figures_of_2005_2009(
    corpus: tuple[Path, list[TruthFact]],
) -> None:
    _, truth = corpus
    totals: Counter[str] = Counter()
    for fact in truth:
        if 2005 <= fact.year <= 2009:
            totals[fact.indicator] += fact.value
    for indicator, target in NATIONAL_2005_2009.items():
        assert totals[indicator] == target, indicator
    assert totals["industrial_clusters_supported"] > 200


def test_it_reproduces_thai_nguyen(corpus: tuple[Path, list[TruthFact]]) -> None:
    _, truth = corpus
    values = defaultdict(Decimal)
    for fact in truth:
        if fact.province_code == "19":
            values[(fact.indicator, fact.year)] += fact.value
    assert values[("rural_industry_output", 2006)] == 462_000
    assert values[("rural_industry_output", 2008)] == 854_000
    assert values[("rural_industry_output", 2010)] == 1_300_000
    span = range(2005, 2012)
    assert sum(values[("extension_projects", y)] for y in span) == 135
    assert sum(values[("extension_funding", y)] for y in span) == 10_000
    assert values[("craft_villages", 2011)] == 160
    assert values[("recognised_craft_villages", 2011)] == 61
    assert values[("craft_villages", 2005)] < 10


def test_every_unit_reports_once_a_year_and_ha_tay_stops_in_2008(
    corpus: tuple[Path, list[TruthFact]],
) -> None:
    _, truth = corpus
    reporting = defaultdict(set)
    for fact in truth:
        if fact.indicator == "trained_workers":
            reporting[fact.year].add(fact.province_code)
    assert {y: len(codes) for y, codes in reporting.items()} == {
        y: 64 if y < 2008 else 63 for y in range(2005, 2013)
    }
    assert "28" in reporting[2007]
    assert "28" not in reporting[2008]
    per_report = Counter(
        (f.province_code, f.year) for f in truth if f.indicator == "trained_workers"
    )
    assert set(per_report.values()) == {1}


def test_funding_adds_up_and_stocks_hold(corpus: tuple[Path, list[TruthFact]]) -> None:
    _, truth = corpus
    sums: dict[tuple[str, int, str], Decimal] = defaultdict(Decimal)
    for fact in truth:
        sums[(fact.province_code, fact.year, fact.indicator)] += fact.value
    for code, year, indicator in list(sums):
        if indicator == "extension_funding":
            national = sums[(code, year, "extension_funding_national")]
            local = sums[(code, year, "extension_funding_local")]
            assert sums[(code, year, indicator)] == national + local, (code, year)
        if indicator == "recognised_craft_villages":
            assert sums[(code, year, indicator)] <= sums[(code, year, "craft_villages")]


def test_every_family_and_format_has_a_good_share(corpus: tuple[Path, list[TruthFact]]) -> None:
    _, truth = corpus
    reports = defaultdict(set)
    formats = Counter()
    for fact in truth:
        reports[fact.layout].add((fact.province_code, fact.year))
    for name in {f.file_name for f in truth}:
        formats[name.rsplit(".", 1)[1]] += 1
    assert set(reports) == set(FAMILIES)
    assert all(len(keys) >= 60 for keys in reports.values()), {
        k: len(v) for k, v in reports.items()
    }
    assert 0.55 < formats["xlsx"] / sum(formats.values()) < 0.8, formats
    assert formats["xlsm"] >= 10 and formats["csv"] >= 10, formats


def test_every_pathology_is_in_a_fair_share_of_files(
    corpus: tuple[Path, list[TruthFact]],
) -> None:
    folder, truth = corpus
    by_file = {f.file_name: f.pathologies for f in truth}
    counts = Counter(p for carried in by_file.values() for p in carried.split(";") if p)
    assert set(counts) == set(PATHOLOGIES), counts
    assert all(count >= 15 for count in counts.values()), counts
    assert sum(not carried for carried in by_file.values()) >= len(by_file) / 5
    text_kinds = ("tcvn3", "vni", "nfd", "no_diacritics")
    for carried in by_file.values():
        assert sum(kind in carried.split(";") for kind in text_kinds) <= 1
    xlsm = next(name for name in sorted(by_file) if name.endswith(".xlsm"))
    with zipfile.ZipFile(folder / xlsm) as archive:
        assert b"macroEnabled.main+xml" in archive.read("[Content_Types].xml")
    csv_name = next(name for name in sorted(by_file) if name.endswith(".csv"))
    assert (folder / csv_name).read_bytes().startswith(b"\xef\xbb\xbf")


def test_legacy_and_plan_sheets_look_the_part(corpus: tuple[Path, list[TruthFact]]) -> None:
    """A TCVN3 file's labels decode back to Vietnamese; a plan sheet holds no truth."""
    folder, truth = corpus
    files = {f.file_name: f for f in truth}
    tcvn3 = next(n for n, f in sorted(files.items()) if "tcvn3" in f.pathologies.split(";"))
    texts = [v for g in _grids(folder / tcvn3).values() for v in g.values() if isinstance(v, str)]
    assert sum(repair_text(t).encoding == "tcvn3" for t in texts) >= 5
    planned = [n for n, f in sorted(files.items()) if "plan_sheet" in f.pathologies.split(";")]
    assert planned
    for name in planned[:5]:
        plan_sheets = {s for s in _grids(folder / name) if re.match(r"(Kế hoạch|Ke hoach|KH) ", s)}
        assert len(plan_sheets) == 1, name
        assert not any(f.sheet in plan_sheets for f in truth if f.file_name == name)


def test_the_written_truth_is_the_returned_truth(corpus: tuple[Path, list[TruthFact]]) -> None:
    folder, truth = corpus
    assert read_truth(folder) == truth
    written = {p.name for p in folder.iterdir() if p.is_file()}
    assert written == {f.file_name for f in truth}


def test_file_names_and_titles_name_the_same_province_and_year(
    corpus: tuple[Path, list[TruthFact]],
) -> None:
    folder, truth = corpus
    by_file = defaultdict(set)
    for fact in truth:
        by_file[fact.file_name].add((fact.province_code, fact.year, fact.layout))
    for name, keys in by_file.items():
        years = {year for _, year, _ in keys}
        assert len(years) == 1, name
        year = years.pop()
        assert str(year) in name
        grid = next(iter(_grids(folder / name).values()))
        stated = {
            int(y)
            for v in grid.values()
            if isinstance(v, str)
            for y in re.findall(r"NĂM (\d{4})", v)
        }
        assert stated <= {year}, name
        if len(keys) == 1:
            ((code, _, _),) = keys
            assert any(spelling in _folded(name) for spelling in _spellings(code, year)), name


def _spellings(code: str, year: int) -> set[str]:
    """A province's names as a file name may spell them, folded."""
    last_day = f"{year}-12-31"
    names = {
        row["name_ascii"]
        for row in schemas.read_csv("provinces.csv")
        if row["code"] == code
        and row["valid_from"] <= last_day
        and (not row["valid_to"] or last_day <= row["valid_to"])
    }
    return {_folded(n) for n in (*names, *FILE_NAME_SPELLINGS.get(code, ()))}


def test_each_true_fact_points_at_a_cell_with_a_figure(
    corpus: tuple[Path, list[TruthFact]],
) -> None:
    """Three files of every family and format, and of every pathology, opened as the reader
    opens them: a true fact's cell holds a number or text with a digit, never a none-mark, and
    money is never written so that the thousands grouping could be read as decimals."""
    folder, truth = corpus
    by_file = defaultdict(list)
    for fact in truth:
        by_file[fact.file_name].append(fact)
    chosen: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name in sorted(by_file):
        first = by_file[name][0]
        groups = [(first.layout, name.rsplit(".", 1)[1])]
        groups += [("pathology", p) for p in first.pathologies.split(";") if p]
        for group in groups:
            if len(chosen[group]) < 3:
                chosen[group].append(name)
    assert len([g for g in chosen if g[0] != "pathology"]) == 9  # xlsm, csv: single province
    for names in chosen.values():
        for name in names:
            grids = _grids(folder / name)
            for fact in by_file[name]:
                grid = grids[fact.sheet]
                row, col = _position(fact.cell)
                cell = grid[(row, col)]
                assert cell not in NONE_MARKS
                if isinstance(cell, str):
                    assert re.search(r"\d", cell), (name, fact.sheet, fact.cell, cell)
                    if fact.indicator in MONEY:
                        assert not AMBIGUOUS_MONEY_TEXT.match(cell), (name, fact.cell, cell)
                else:
                    assert isinstance(cell, int | float), (name, fact.sheet, fact.cell, cell)


def test_pinned_cells_hold_what_a_clerk_wrote_and_the_truth_its_value(
    corpus: tuple[Path, list[TruthFact]],
) -> None:
    folder, truth = corpus
    true_values = {(f.file_name, f.sheet, f.cell): f.value for f in truth}
    for name, cells in PINNED.items():
        grids = _grids(folder / name)
        for (sheet, cell), (held, value) in cells.items():
            where = (name, sheet, cell)
            assert grids[sheet].get(_position(cell)) == held, where
            assert true_values.get(where) == (None if value is None else Decimal(value)), where


def test_same_seed_same_bytes_and_subsets_match_the_full_corpus(
    tmp_path: Path, corpus: tuple[Path, list[TruthFact]]
) -> None:
    provinces = {"19", "28"}
    first = generate_sample(tmp_path / "a", provinces=provinces)
    second = generate_sample(tmp_path / "b", provinces=provinces)
    assert first == second
    hashes = _sha256s(tmp_path / "a")
    assert hashes == _sha256s(tmp_path / "b")
    assert {f.province_code for f in first} == provinces
    assert {f.year for f in first if f.province_code == "28"} == {2005, 2006, 2007}
    full_folder, full_truth = corpus
    single = {f.file_name for f in full_truth if f.layout != "regional_compilation"}
    for name, digest in hashes.items():
        if name in single:
            assert hashlib.sha256((full_folder / name).read_bytes()).hexdigest() == digest


def test_another_seed_gives_other_numbers_and_prints_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = generate_sample(tmp_path / "a", seed=1, years=range(2010, 2012), provinces={"01"})
    two = generate_sample(tmp_path / "b", seed=2, years=range(2010, 2012), provinces={"01"})
    assert {f.year for f in one} == {2010, 2011}
    assert [f.value for f in one] != [f.value for f in two]
    assert capsys.readouterr() == ("", "")


def test_the_sample_command_without_the_dev_tools_says_so_in_one_line(tmp_path: Path) -> None:
    """As on an install without the ``dev`` extra: no xlwt, so no generator."""
    blocked = "import sys; sys.modules['xlwt'] = None; from khuyencong.cli import app; app()"
    result = subprocess.run(
        [sys.executable, "-c", blocked, "sample", "--out", str(tmp_path / "inbox")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "error: the sample generator is a developer tool, not installed here (no module 'xlwt'): "
        "run `make setup` in a checkout of the repository"
    ]
    assert not (tmp_path / "inbox").exists()
