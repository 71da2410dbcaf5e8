"""Phrase lookups over folded words: whole words only, in the order layout.yaml gives."""

from __future__ import annotations

import pytest

from transforms.words import (
    column_role,
    first_phrase_group,
    has_phrase,
    starts_with_phrase,
    starts_with_phrase_group,
    words_of,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Người lập biểu", True),
        ("Ký, ghi rõ họ tên người lập biểu", True),  # anywhere in the text
        ("GHI CHÚ", True),  # folded: case and diacritics aside
        ("Ghi chu:", True),
        ("Người lập kế hoạch năm 2011", True),  # "người lập" is a phrase of its own
        ("Chủ nhiệm", False),
        ("ghi", False),  # a part of a phrase is none
        ("ghichu", False),  # nor are its words run together
        ("", False),
    ],
)
def test_has_phrase_finds_a_phrase_as_whole_words(text: str, expected: bool) -> None:
    assert has_phrase(words_of(text), "table_end") is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KẾ HOẠCH KHUYẾN CÔNG NĂM 2012", True),
        ("Đề xuất danh mục đề án năm 2013", True),
        ("Báo cáo kết quả thực hiện kế hoạch", False),  # the plan is not what it starts with
        ("", False),
    ],
)
def test_starts_with_phrase_looks_at_the_first_words_only(text: str, expected: bool) -> None:
    assert starts_with_phrase(words_of(text), "plan_titles") is expected


def test_first_phrase_group_takes_the_first_group_in_layout_order() -> None:
    # "so sánh" (comparison) and "kế hoạch" (plan) both occur: comparison is listed first
    assert first_phrase_group(words_of("So sánh với kế hoạch"), "column_roles") == "comparison"
    assert first_phrase_group(words_of("Kế hoạch năm 2011"), "column_roles") == "plan"
    assert first_phrase_group(words_of("%"), "column_roles") == "comparison"
    assert first_phrase_group(words_of("Kinh phí"), "column_roles") is None


def test_starts_with_phrase_group_needs_the_phrase_first() -> None:
    assert starts_with_phrase_group(words_of("STT"), "columns") == "sequence"
    assert starts_with_phrase_group(words_of("Ghi chú"), "columns") == "note"
    assert starts_with_phrase_group(words_of("Số lượng (ĐVT)"), "columns") is None


def test_column_role_leaves_price_bases_out() -> None:
    assert column_role(words_of("Giá so sánh 2010")) is None  # a price base, no comparison
    assert column_role(words_of("So sánh 2011/2010 (%)")) == "comparison"
    assert column_role(words_of("Thực hiện năm 2010")) == "actual"
