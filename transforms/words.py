"""Phrase lookups over folded text, driven by ``schemas/layout.yaml``."""

from __future__ import annotations

from functools import cache, lru_cache

import schemas
from transforms.text import tokens


def contains_phrase(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """True when ``phrase`` occurs in ``words`` as a contiguous run."""
    size = len(phrase)
    return any(words[i : i + size] == phrase for i in range(len(words) - size + 1))


def _phrases(values: list[str]) -> tuple[tuple[str, ...], ...]:
    # "%" folds to nothing: keep it as a literal token so "So sánh (%)" still says comparison.
    return tuple(tokens(v) or (v,) for v in values)


@cache
def vocabulary(section: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """A mapping section of layout.yaml (e.g. ``columns``) as folded phrases by name."""
    return {
        name: _phrases(values) for name, values in schemas.read_yaml("layout.yaml")[section].items()
    }


@cache
def phrase_list(section: str) -> tuple[tuple[str, ...], ...]:
    """A list section of layout.yaml (e.g. ``total_rows``) as folded phrases."""
    return _phrases(schemas.read_yaml("layout.yaml")[section])


@lru_cache(maxsize=1 << 16)
def words_of(text: str) -> tuple[str, ...]:
    """Folded words of a cell text, keeping ``%`` as a word of its own."""
    found = tokens(text)
    return (*found, "%") if "%" in text else found


def first_phrase_group(words: tuple[str, ...], section: str) -> str | None:
    """The first group of a mapping section with a phrase found in ``words``."""
    for name, phrases in vocabulary(section).items():
        if any(contains_phrase(words, phrase) for phrase in phrases):
            return name
    return None


def column_role(words: tuple[str, ...]) -> str | None:
    """What a header or a row label says its figures are (``column_roles``: a comparison, a
    plan...), None for none. Price bases ("giá so sánh 2010") are no comparison: their words
    are taken out first."""
    text = f" {' '.join(words)} "
    for phrase in phrase_list("price_bases"):
        text = text.replace(f" {' '.join(phrase)} ", " ")
    return first_phrase_group(tuple(text.split()), "column_roles")


def starts_with_phrase_group(words: tuple[str, ...], section: str) -> str | None:
    """The first group of a mapping section with a phrase that ``words`` start with."""
    for name, phrases in vocabulary(section).items():
        if any(words[: len(phrase)] == phrase for phrase in phrases):
            return name
    return None
