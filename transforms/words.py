"""Phrase lookups over folded text, driven by ``schemas/layout.yaml``.

A section's phrases are matched by one regular expression compiled once, over the words
joined by spaces: one scan in C instead of a Python loop over every phrase and every position
(the header, table-end and row-label tests ask it of every row of every sheet).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import schemas
from transforms.text import tokens

Phrase = tuple[str, ...]


def contains_phrase(words: tuple[str, ...], phrase: Phrase) -> bool:
    """True when ``phrase`` occurs in ``words`` as a contiguous run."""
    size = len(phrase)
    return any(words[i : i + size] == phrase for i in range(len(words) - size + 1))


def _phrases(values: list[str]) -> tuple[Phrase, ...]:
    # "%" folds to nothing: keep it as a literal token so "So sánh (%)" still says comparison.
    return tuple(tokens(v) or (v,) for v in values)


@cache
def vocabulary(section: str) -> dict[str, tuple[Phrase, ...]]:
    """A mapping section of layout.yaml (e.g. ``columns``) as folded phrases by name."""
    return {
        name: _phrases(values) for name, values in schemas.read_yaml("layout.yaml")[section].items()
    }


@cache
def phrase_list(section: str) -> tuple[Phrase, ...]:
    """A list section of layout.yaml (e.g. ``total_rows``) as folded phrases."""
    return _phrases(schemas.read_yaml("layout.yaml")[section])


@lru_cache(maxsize=1 << 16)
def words_of(text: str) -> tuple[str, ...]:
    """Folded words of a cell text, keeping ``%`` as a word of its own."""
    found = tokens(text)
    return (*found, "%") if "%" in text else found


def _pattern(phrases: tuple[Phrase, ...], *, at_start: bool) -> re.Pattern[str]:
    """Any of ``phrases`` as whole words of ``_spaced`` words (at their start only, if asked).

    A word is folded letters and digits or a lone "%", never a space, so a phrase occurs as a
    contiguous run of words exactly when " its words " occurs in " the words "."""
    either = "|".join(re.escape(" ".join(phrase)) for phrase in phrases)
    return re.compile(f"{'^' if at_start else ''} (?:{either}) ")


def _spaced(words: tuple[str, ...]) -> str:
    return f" {' '.join(words)} "


@cache
def _list_pattern(section: str, *, at_start: bool) -> re.Pattern[str]:
    return _pattern(phrase_list(section), at_start=at_start)


@cache
def _group_patterns(section: str, *, at_start: bool) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (name, _pattern(phrases, at_start=at_start))
        for name, phrases in vocabulary(section).items()
    )


def has_phrase(words: tuple[str, ...], section: str) -> bool:
    """True when a phrase of the list section ``section`` occurs in ``words``."""
    return bool(words) and _list_pattern(section, at_start=False).search(_spaced(words)) is not None


def starts_with_phrase(words: tuple[str, ...], section: str) -> bool:
    """True when ``words`` start with a phrase of the list section ``section``."""
    return bool(words) and _list_pattern(section, at_start=True).search(_spaced(words)) is not None


def first_phrase_group(words: tuple[str, ...], section: str) -> str | None:
    """The first group of a mapping section with a phrase found in ``words``."""
    return _first_group(words, section, at_start=False)


def starts_with_phrase_group(words: tuple[str, ...], section: str) -> str | None:
    """The first group of a mapping section with a phrase that ``words`` start with."""
    return _first_group(words, section, at_start=True)


def _first_group(words: tuple[str, ...], section: str, *, at_start: bool) -> str | None:
    if not words:
        return None
    spaced = _spaced(words)
    groups = _group_patterns(section, at_start=at_start)
    return next((name for name, found in groups if found.search(spaced)), None)


@lru_cache(maxsize=1 << 14)
def column_role(words: tuple[str, ...]) -> str | None:
    """What a header or a row label says its figures are (``column_roles``: a comparison, a
    plan...), None for none. Price bases ("giá so sánh 2010") are no comparison: their words
    are taken out first. Remembered: every header cell and row label asks it."""
    text = f" {' '.join(words)} "
    for phrase in phrase_list("price_bases"):
        text = text.replace(f" {' '.join(phrase)} ", " ")
    return first_phrase_group(tuple(text.split()), "column_roles")
