"""What a row label says by its words alone: its numbering, a total, a region, a breakdown.

Shared by the columns stage (is the "Địa phương" column provinces?) and the rows stage (what
kind of row is this?); the words themselves are data in ``schemas/layout.yaml``.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from transforms.indicators import match_indicator
from transforms.provinces import find_province
from transforms.text import LABELS_REMEMBERED
from transforms.words import has_phrase, phrase_list, words_of

_LABEL_NUMBERING = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)/-]\s+", re.IGNORECASE)


@lru_cache(maxsize=1 << 16)  # asked of every row's label by several stages
def strip_numbering(label: str) -> str:
    return _LABEL_NUMBERING.sub("", label).strip()


# what a total says of itself: in parentheses, or a count after a colon ": 11 đề án"
_ASIDE = re.compile(r"\([^)]*\)|:\s*\d+\s+\D*$")


@lru_cache(maxsize=LABELS_REMEMBERED)  # asked of every row, and of every name of a column
def is_total_label(label: str) -> bool:
    """ "Tổng cộng", "Cộng", "Toàn vùng"...; but "Tổng kinh phí" names an indicator. What a
    total says of itself in parentheses ("Tổng cộng (17 đề án)", "Cộng (I+II)") or after a
    colon ("TỔNG CỘNG (A+B): 11 đề án") is no indicator's name."""
    bare = _ASIDE.sub(" ", label)
    words = words_of(strip_numbering(bare))
    starts_total = any(
        words[: len(p)] == p and (len(words) <= len(p) + 3 or _names_a_place(words[len(p) :]))
        for p in phrase_list("total_rows")
    )
    return starts_total and match_indicator(bare).indicator is None


_SOME_DAY = date(2020, 1, 1)  # a province's name, whichever: the words are all that matter


def _names_a_place(words: tuple[str, ...]) -> bool:
    """ "tỉnh Quảng Ninh năm 2023" after "Tổng cộng": the place (and year) a total is of, no
    indicator's words."""
    rest = [w for w in words if not (w.isdecimal() and len(w) == 4) and w != "nam"]
    return bool(find_province(" ".join(rest), _SOME_DAY)) and len(rest) <= _PLACE_WORDS


_PLACE_WORDS = 6  # "toàn tỉnh Bà Rịa Vũng Tàu"


@lru_cache(maxsize=LABELS_REMEMBERED)
def starts_with_any(label: str, section: str) -> bool:
    words = words_of(strip_numbering(label)) if label else ()
    return any(words[: len(phrase)] == phrase for phrase in phrase_list(section))


@lru_cache(maxsize=LABELS_REMEMBERED)
def names_region(label: str) -> bool:
    words = words_of(strip_numbering(label))
    return has_phrase(words, "region_rows")
