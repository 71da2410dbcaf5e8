"""Text normalisation shared by every matcher.

Two forms of a cell's text are used throughout the pipeline:

* ``clean``: what a person should read (Unicode NFC, single spaces, no line breaks). Kept in
  lineage and messages.
* ``fold``: what a matcher compares (lower case, no diacritics, ``đ`` -> ``d``, punctuation
  turned into spaces). Folding makes ``Đắk Lắk``, ``Dak Lak`` and the NFD form of either
  compare equal, and makes header matching indifferent to old/new tone placement (``Hoà`` /
  ``Hòa``), since the tone mark is dropped entirely.

Neither function repairs legacy TCVN3/VNI text: that is ``transforms.legacy_text``'s job and
must run first, on the raw cell, because U+00AD (soft hyphen) is TCVN3's ``ư`` and would be
lost here.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# how many texts a cache of a function of a row's label keeps: a project list of 20,000
# distinct names asks for each label at several stages in turn (its kind, its indicator, its
# unit, its period...), and a cache smaller than the list would forget every label before
# the next stage asks again
LABELS_REMEMBERED = 1 << 16

_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=1 << 16)  # every stage asks for the text of the cells it looks at
def clean(text: str) -> str:
    """NFC text on one line with single spaces, stripped."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese tone and vowel marks; ``đ``/``Đ`` become ``d``/``D``.

    Asked of every label a stage folds: ASCII text has nothing to remove, and text within
    the Basic Multilingual Plane (all Vietnamese) loses its marks in one regular expression
    rather than a test of every character."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    if _BEYOND_BMP.search(decomposed) is None:
        return _combining_marks().sub("", decomposed)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")


@lru_cache(maxsize=1)
def _combining_marks() -> re.Pattern[str]:
    """Every combining character of the Basic Multilingual Plane, as one character class."""
    ranges: list[list[int]] = []
    for code in range(0x10000):
        if unicodedata.combining(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    spans = "".join(f"{re.escape(chr(first))}-{re.escape(chr(last))}" for first, last in ranges)
    return re.compile(f"[{spans}]")


@lru_cache(maxsize=1 << 16)  # headers and labels repeat across every workbook of a run
def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces, for comparison only."""
    return _NOT_WORD.sub(" ", strip_diacritics(text).lower()).strip()


def tokens(text: str) -> tuple[str, ...]:
    """The folded words of ``text``."""
    folded = fold(text)
    return tuple(folded.split()) if folded else ()


_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
_LETTERS = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=LABELS_REMEMBERED)  # a language's syllables: few, in every label of a list
def syllable_key(word: str) -> tuple[str, str]:
    """A written syllable as (its letters with their vowel marks, its tone mark).

    Two spellings of one syllable share a key whatever the tone placement ("hoà" / "hòa"),
    while "viện" and "viên", or "tự" and "tư", do not: folding alone cannot tell them apart.
    """
    decomposed = unicodedata.normalize("NFD", word.lower())
    tone = "".join(ch for ch in decomposed if ch in _TONES)
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    return base, tone


def accented_words(text: str) -> dict[str, frozenset[tuple[str, str]]]:
    """The words of ``text`` written with diacritics, by folded form, as ``syllable_key``s.

    A word typed without any diacritic says nothing of them and is left out.
    """
    keys: dict[str, set[tuple[str, str]]] = {}
    for word in _LETTERS.findall(unicodedata.normalize("NFC", text)):
        folded = fold(word)
        if folded and folded != word.lower():
            keys.setdefault(folded, set()).add(syllable_key(word))
    return {folded: frozenset(found) for folded, found in keys.items()}
