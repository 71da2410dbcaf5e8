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

_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def clean(text: str) -> str:
    """NFC text on one line with single spaces, stripped."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese tone and vowel marks; ``đ``/``Đ`` become ``d``/``D``."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1 << 16)  # headers and labels repeat across every workbook of a run
def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces, for comparison only."""
    return _NOT_WORD.sub(" ", strip_diacritics(text).lower()).strip()


def tokens(text: str) -> tuple[str, ...]:
    """The folded words of ``text``."""
    folded = fold(text)
    return tuple(folded.split()) if folded else ()
