"""Text normalisation: what a person reads (``clean``) and what a matcher compares (``fold``)."""

from __future__ import annotations

import pytest

from transforms.text import fold, strip_diacritics


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đắk Lắk", "Dak Lak"),
        ("Kinh phí KCĐP", "Kinh phi KCDP"),
        ("x\u0303 e\u20d0", "x e"),  # combining marks that are no Vietnamese tone go too
        ("Hòa 𝔘 ộ", "Hoa 𝔘 o"),  # a character beyond the Basic Multilingual Plane stays
        ("Tong so", "Tong so"),
    ],
)
def test_strip_diacritics_drops_every_mark_and_keeps_the_letters(text: str, expected: str) -> None:
    assert strip_diacritics(text) == expected


def test_fold_compares_spellings_of_one_name_equal() -> None:
    assert fold("Đắk Lắk") == fold("Dak Lak") == fold("ĐẮK LẮK") == "dak lak"
