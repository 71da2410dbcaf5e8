"""Legacy TCVN3/VNI repair: verified examples, the traps of encodings.md, and round trips."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import schemas
from transforms.legacy_text import Repair, encode_tcvn3, encode_vni, repair_text

# --- random Vietnamese text, built independently of the module's syllable checker -------------

_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
_STOP_TONES = ("\u0301", "\u0323")  # a c/ch/p/t coda takes sắc or nặng
_ONSETS = ("", "b", "ch", "d", "đ", "h", "kh", "l", "m", "n", "nh", "ph", "s", "t", "th", "tr", "v")
# (rhyme, index of the vowel that takes the tone)
_RHYMES = (
    ("a", 0), ("ai", 0), ("ao", 0), ("anh", 0), ("ach", 0), ("at", 0), ("ăn", 0), ("ăc", 0),
    ("âm", 0), ("ây", 0), ("âu", 0), ("e", 0), ("em", 0), ("ê", 0), ("ên", 0), ("êt", 0),
    ("i", 0), ("inh", 0), ("iêng", 1), ("iêu", 1), ("o", 0), ("oi", 0), ("ong", 0), ("oa", 1),
    ("oan", 1), ("oai", 1), ("ô", 0), ("ôi", 0), ("ông", 0), ("ôc", 0), ("ơ", 0), ("ơi", 0),
    ("ơn", 0), ("u", 0), ("ua", 0), ("ung", 0), ("uôn", 1), ("uy", 0), ("uyên", 2), ("ư", 0),
    ("ưa", 0), ("ưng", 0), ("ươi", 1), ("ương", 1), ("ươc", 1), ("y", 0), ("uân", 1), ("uât", 1),
    ("oăn", 1),
)  # fmt: skip


def _syllable(onset: str, rhyme: str, at: int, tone: str) -> str:
    return unicodedata.normalize("NFC", onset + rhyme[: at + 1] + tone + rhyme[at + 1 :])


SYLLABLES = tuple(
    _syllable(onset, rhyme, at, tone)
    for onset in _ONSETS
    for rhyme, at in _RHYMES
    for tone in (_STOP_TONES if rhyme.endswith(("c", "ch", "t")) else _TONES)
)
LATIN1_SYLLABLES = tuple(s for s in SYLLABLES if max(s) <= "\xff")
_SEPARATORS = st.sampled_from((" ", " ", " ", ", ", " - ", ": ", " (", ") "))

_VIETNAMESE_LETTERS = frozenset("".join(SYLLABLES) + "".join(SYLLABLES).upper())
_VNI_CHARS = frozenset(encode_vni("".join(_VIETNAMESE_LETTERS)))


def _text(words: list[str], separators: list[str]) -> str:
    return "".join(w + s for w, s in zip(words, separators, strict=False)).strip(" ,:-(")


@st.composite
def vietnamese(draw: st.DrawFn, cased: bool = False) -> list[str]:
    words = draw(st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=8))
    if cased:
        styles = draw(st.lists(st.sampled_from((str.lower, str.title, str.upper)),
                               min_size=len(words), max_size=len(words)))  # fmt: skip
        words = [style(w) for style, w in zip(styles, words, strict=True)]
    return words


def _cannot_be_genuine_tcvn3(word: str) -> bool:
    """A TCVN3-encoded word that starts like a word and holds a character no other reading has.

    Cells whose only legacy words are like ``bé`` (also genuine Vietnamese, TCVN3 for ``bộ``)
    or ``ñi`` (TCVN3 ``ủi``, VNI ``đi``) are ambiguous without a font and are left alone.
    """
    code = encode_tcvn3(word)
    return code[0].isascii() and any(
        not ch.isascii() and ch not in _VIETNAMESE_LETTERS and ch not in _VNI_CHARS for ch in code
    )


def _cannot_be_genuine_vni(word: str) -> bool:
    """A VNI-encoded word with a base + mark pair and ``ñ``/``ö`` (đ/ư), which no other reading has.

    Without a font, a cell whose only legacy words read two ways is left alone: ``hoà`` is also
    VNI for ``hồ``, ``huû`` is VNI ``hủ`` and TCVN3 ``huỷ``.
    """
    code = encode_vni(word)
    return len(code) > len(word) and any(ch in "ñÑöÖ" for ch in code)


# --- verified examples and the traps ------------------------------------------------------------


def test_verified_tcvn3_example() -> None:
    assert repair_text("B¸o c¸o kÕt qu¶") == Repair("Báo cáo kết quả", "tcvn3")


def test_verified_vni_example() -> None:
    assert repair_text("Caàn söï ñoàng thuaän cuûa chính quyeàn ñòa phöông") == Repair(
        "Cần sự đồng thuận của chính quyền địa phương", "vni"
    )


def test_encoders_reproduce_verified_examples() -> None:
    assert encode_tcvn3("Báo cáo kết quả") == "B¸o c¸o kÕt qu¶"
    assert encode_vni("Cần sự đồng thuận") == "Caàn söï ñoàng thuaän"


def test_table_round_trips_the_soft_hyphen() -> None:
    rows = {row["unicode"]: row for row in schemas.read_csv("legacy_encodings.csv")}
    assert rows["ư"]["tcvn3"] == "\u00ad"
    assert rows["Ư"]["tcvn3"] == "¦"
    assert rows["Á"]["tcvn3"] == ""  # toned capitals have no TCVN3 code
    assert len(rows) == 134


@pytest.mark.parametrize("text", ["Thương mại", "lưu", "Sở Công Thương"])
def test_soft_hyphen_is_tcvn3_u_horn(text: str) -> None:
    encoded = encode_tcvn3(text)
    assert "\u00ad" in encoded
    assert repair_text(encoded) == Repair(text, "tcvn3")


def test_vntime_h_font_upper_cases() -> None:
    encoded = encode_tcvn3("Sở Công Thương tỉnh Hà Nam")
    assert repair_text(encoded, ".VnTimeH").text == "SỞ CÔNG THƯƠNG TỈNH HÀ NAM"
    assert repair_text(encoded, ".VnArial NarrowH").text == "SỞ CÔNG THƯƠNG TỈNH HÀ NAM"
    assert repair_text(encoded, ".VnTime").text == "Sở Công Thương tỉnh Hà Nam"
    assert repair_text("Tong so", ".VnTimeH") == Repair("TONG SO", "tcvn3")  # as it was shown
    assert repair_text("Tong so", ".VnTime") == Repair("Tong so", None)


def test_tcvn3_toned_capitals_use_the_lower_case_byte() -> None:
    assert encode_tcvn3("Á") == encode_tcvn3("á") == "¸"
    assert encode_tcvn3("ĐƯ") == "§¦"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BÁO CÁO KẾT QUẢ", "BÁO CÁO KẾT QUẢ"),  # capitals typed in .VnTime
        ("HỆ THỐNG", "HỆ THỐNG"),  # whole cell in capitals: HỆ too
        ("Hà Nội", "Hà Nội"),  # one capital is not enough
        ("Lê Văn A", "Lê Văn A"),
        ("Ủy ban nhân dân", "ủy ban nhân dân"),  # unrecoverable, as the original showed it
    ],
)
def test_tcvn3_capitals_heuristic_without_font(text: str, expected: str) -> None:
    assert repair_text(encode_tcvn3(text)).text == expected


def test_vni_upper_case_is_lossless() -> None:
    encoded = encode_vni("SỞ CÔNG THƯƠNG")
    assert encoded == "SÔÛ COÂNG THÖÔNG"
    assert repair_text(encoded) == Repair("SỞ CÔNG THƯƠNG", "vni")
    assert repair_text(encoded, "VNI-Times") == Repair("SỞ CÔNG THƯƠNG", "vni")


def test_vni_y_with_hook_and_tilde_are_two_bytes() -> None:
    # duydev/vietnamese-conversion maps ỷ/ỹ to single bytes that mean ặ-mark / ì in VNI.
    assert encode_vni("kỹ thuật") == "kyõ thuaät"
    assert encode_vni("tỷ đồng") == "tyû ñoàng"
    assert repair_text("kyõ thuaät").text == "kỹ thuật"
    assert repair_text("tyû ñoàng").text == "tỷ đồng"
    assert repair_text("Laõi suaát 5 tyû ñoàng, kyõ thuaät").text == "Lãi suất 5 tỷ đồng, kỹ thuật"


def test_font_decides_a_single_ambiguous_word() -> None:
    assert repair_text("ñi") == Repair("ñi", None)  # TCVN3 ủi or VNI đi: left alone
    assert repair_text("ñi", "VNI-Times") == Repair("đi", "vni")
    assert repair_text("ñi", ".VnTime") == Repair("ủi", "tcvn3")


def test_a_word_vietnamese_both_ways_is_decoded_only_into_a_word_the_project_knows() -> None:
    assert repair_text("Bé", ".VnTime") == Repair("Bộ", "tcvn3")  # Bộ Công Thương
    assert repair_text("hoà") == Repair("hoà", None)
    assert repair_text("hoà", "VNI-Times") == Repair("hoà", None)  # Hoà Bình, not VNI hồ
    assert repair_text("hên", ".VnTime") == Repair("hên", None)  # nor TCVN3 hờn: neither known
    assert repair_text("hên", None, "tcvn3") == Repair("hên", None)


def test_legacy_font_does_not_override_clear_content() -> None:
    assert repair_text("Nguyễn Văn A", ".VnTime") == Repair("Nguyễn Văn A", None)
    assert repair_text("Tây Ninh", ".VnTime") == Repair("Tây Ninh", None)  # TCVN3 would be Tõy
    assert repair_text("café", "VNI-Times") == Repair("café", None)


# --- what the sheet says: short cells, place names, runs of text ---------------------------------


@pytest.mark.parametrize(
    "text", ["Ghi chú", "Số", "Lớp", "Bộ", "Có"]
)  # each encodes to Latin-1 letters that read as Vietnamese too ("Ghi chó", "Sè", "Líp")
def test_a_short_cell_follows_its_tcvn3_sheet(text: str) -> None:
    encoded = encode_tcvn3(text)
    assert repair_text(encoded) == Repair(encoded, None)  # alone, it cannot be told
    assert repair_text(encoded, None, "tcvn3") == Repair(text, "tcvn3")
    assert repair_text(encoded, ".VnTime") == Repair(text, "tcvn3")


@pytest.mark.parametrize("text", ["Kinh phí", "Tên", "Tháng", "Ghi chú", "Có", "Tây Ninh", "Hà"])
def test_unicode_words_the_project_knows_stay_in_a_legacy_sheet(text: str) -> None:
    assert repair_text(text, None, "tcvn3") == Repair(text, None)
    assert repair_text(text, None, "vni") == Repair(text, None)
    assert repair_text(text, ".VnTime") == Repair(text, None)  # typed in Unicode in a template


def test_a_short_vni_cell_follows_its_vni_sheet() -> None:
    assert repair_text("tr.ñ").text == "tr.ủ"  # TCVN3 "tr.ủ" or VNI "tr.đ": one syllable
    assert repair_text("tr.ñ", None, "vni") == Repair("tr.đ", "vni")


def test_a_long_cell_keeps_its_own_encoding_in_a_sheet_of_the_other() -> None:
    text = "Cần sự đồng thuận của chính quyền địa phương"
    assert repair_text(encode_vni(text), None, "tcvn3") == Repair(text, "vni")


@pytest.mark.parametrize(
    "text", ["Huyện Krông Năng", "Tỉnh Đắk Nông", "Xã Ea Tam, huyện Krông Năng", "Dân tộc H'Mông"]
)
def test_highland_place_names_follow_a_legacy_font_or_sheet(text: str) -> None:
    # Krông, Đắk and Ea are no standard syllables: the font or the sheet says what they are
    encoded = encode_tcvn3(text)
    assert repair_text(encoded, ".VnTime") == Repair(text, "tcvn3")
    assert repair_text(encoded, None, "tcvn3") == Repair(text, "tcvn3")


def test_a_place_name_alone_is_not_evidence_enough() -> None:
    assert repair_text(encode_tcvn3("Đắk Lắk")) == Repair("§¾k L¾k", None)


@pytest.mark.parametrize(("cell", "text"), [("tr.ñ", "tr.đ"), ("LÑ", "LĐ"), ("ÑVT", "ĐVT")])
def test_a_vni_font_reads_its_abbreviations_though_tcvn3_would_make_syllables(
    cell: str, text: str
) -> None:
    # TCVN3 would make "tr.ủ", "Lẹ": more syllables, but the font is what the clerk saw
    assert repair_text(cell, "VNI-Times") == Repair(text, "vni")


@pytest.mark.parametrize("text", ["Số lượng học viên được đào tạo", "Sông Công", "Không"])
def test_vni_typed_into_a_vntime_cell_is_read_as_vni(text: str) -> None:
    # "Soâng Coâng" would be TCVN3 "Soõng Coõng", spelled like "xoong": VNI reads as well and
    # makes words the project knows
    assert repair_text(encode_vni(text), ".VnTime") == Repair(text, "vni")


@pytest.mark.parametrize(
    ("unicode", "legacy", "encode"),
    [
        ("Kỳ báo cáo: ", "Tháng 6/2011", encode_tcvn3),
        ("Đơn vị báo cáo: ", "Sở Công Thương Bắc Kạn", encode_tcvn3),
        ("Người lập biểu: ", "Trần Văn Bình", encode_vni),
        ("Tổng cộng (", "các đề án)", encode_tcvn3),
    ],
)
def test_a_cell_joining_unicode_and_legacy_text_is_repaired_run_by_run(
    unicode: str, legacy: str, encode: Callable[[str], str]
) -> None:
    cell = unicode + encode(legacy)
    encoding = "tcvn3" if encode is encode_tcvn3 else "vni"
    assert repair_text(cell) == Repair(unicode + legacy, encoding)


@pytest.mark.parametrize(
    "text", ["Kỳ tính thuế: tháng 8", "Tỉnh Tây Ninh", "Hà Nội, ngày 5 tháng 1"]
)
def test_latin1_words_of_a_unicode_cell_stay(text: str) -> None:
    # "tính", "Tây", "Hà" are also legacy bytes: among Unicode words they are Unicode
    assert repair_text(text) == Repair(text, None)
    assert repair_text(text, ".VnTime") == Repair(text, None)
    assert repair_text(text, None, "tcvn3") == Repair(text, None)


GENUINE = [
    "Báo cáo kết quả thực hiện",
    "Nguyễn Văn A",
    "Hàn Việt",
    "Tây Ninh",
    "Cà Mau",
    "Tên các máy",
    "Bé",
    "ô",
    "Total revenue (billion VND)",
    "café",
    "Café de Paris à Hà Nội",
    "Ñandú",
    "Müller GmbH",
    "naïve façade",
    "°C",
    "Nhiệt độ 30°C",
    "m²",
    "100 m³",
    "36,8%",
    "± 5",
    "3×4",
    "10 µm",
    "½",
    "Excel®",
    "© 2023",
    "“Khuyến công” – 2023…",
    "§ 3",
    "Inter\u00adnational",
    "«Tên»",
    "",
    "   ",
]


@pytest.mark.parametrize("text", GENUINE)
def test_genuine_text_is_unchanged(text: str) -> None:
    assert repair_text(text) == Repair(text, None)
    assert repair_text(text, "Times New Roman") == Repair(text, None)


def test_nfd_input_comes_back_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hương")
    assert repair_text(nfd) == Repair("Nguyễn Thị Hương", None)


# --- properties -----------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(vietnamese(), st.lists(_SEPARATORS, min_size=8, max_size=8))
def test_tcvn3_round_trip_lower_case(words: list[str], separators: list[str]) -> None:
    assume(any(_cannot_be_genuine_tcvn3(w) for w in words))
    text = _text(words, separators)
    assert repair_text(encode_tcvn3(text)) == Repair(text, "tcvn3")


@settings(max_examples=200, deadline=None)
@given(vietnamese(cased=True), st.lists(_SEPARATORS, min_size=8, max_size=8))
def test_tcvn3_round_trip_mixed_case(words: list[str], separators: list[str]) -> None:
    assume(any(_cannot_be_genuine_tcvn3(w) for w in words))
    text = _text(words, separators)
    repaired = repair_text(encode_tcvn3(text))
    assert repaired.encoding == "tcvn3"
    assert len(repaired.text) == len(text)
    for got, want in zip(repaired.text, text, strict=True):
        # only the case of Vietnamese letters may differ (toned capitals share the small byte)
        assert got == want or (got.lower() == want.lower() and not want.isascii())


@settings(max_examples=200, deadline=None)
@given(vietnamese(cased=True), st.lists(_SEPARATORS, min_size=8, max_size=8))
def test_vni_round_trip(words: list[str], separators: list[str]) -> None:
    assume(any(_cannot_be_genuine_vni(w) for w in words))
    text = _text(words, separators)
    assert repair_text(encode_vni(text)) == Repair(text, "vni")


@settings(max_examples=200, deadline=None)
@given(vietnamese(cased=True), st.lists(_SEPARATORS, min_size=8, max_size=8), st.booleans())
def test_genuine_vietnamese_is_never_altered(
    words: list[str], separators: list[str], nfd: bool
) -> None:
    text = _text(words, separators)
    given_text = unicodedata.normalize("NFD", text) if nfd else text
    assert repair_text(given_text) == Repair(text, None)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(LATIN1_SYLLABLES), min_size=1, max_size=6))
def test_genuine_latin1_only_vietnamese_is_never_altered(words: list[str]) -> None:
    # "Tây Ninh", "các máy": Unicode, yet every character is a possible legacy byte.
    text = " ".join(words)
    assert repair_text(text) == Repair(text, None)


@settings(max_examples=200, deadline=None)
@given(
    vietnamese(cased=True),
    st.lists(_SEPARATORS, min_size=8, max_size=8),
    st.sampled_from((None, "tcvn3", "vni")),
    st.sampled_from((None, ".VnTime", "VNI-Times")),
)
def test_unicode_words_are_never_altered_whatever_the_hints(
    words: list[str], separators: list[str], sheet_encoding: str | None, font: str | None
) -> None:
    """Only runs of Latin-1 text between them may be decoded: a word with a letter no legacy
    cell can hold ("Việt", "đồng") comes back as it was."""
    assume(any(max(w) > "\xff" for w in words))
    text = _text(words, separators)
    repaired = repair_text(text, font, sheet_encoding).text.split()
    for at, word in enumerate(text.split()):
        if max(word) > "\xff":
            assert repaired[at] == word


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(max_codepoint=127)))
def test_ascii_is_never_altered(text: str) -> None:
    assert repair_text(text) == Repair(text, None)
