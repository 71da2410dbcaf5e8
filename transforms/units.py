"""Units of measure: what an ĐVT cell or a header says a value is counted in.

Money is stored in million VND; a report may state đồng, nghìn đồng, triệu đồng or tỷ đồng, in
the ĐVT column, in a header ("Kinh phí (triệu đồng)") or once in the title ("Đơn vị tính:
triệu đồng"). Reading a unit wrongly makes a value a thousand times too large or small, the
classic error of these reports, so this module is strict about where a unit may be stated
inside longer text, and says when a text states two different money units.

Spellings live in ``schemas/units.yaml`` and are compared folded with spaces and punctuation
removed, so ``Tr.đ``, ``tr đ`` and ``TRĐ`` are one spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

import schemas
from transforms.text import LABELS_REMEMBERED, clean, fold, strip_diacritics

MONEY = "money"
PERCENT = "percent"
COUNT = "count"


@dataclass(frozen=True)
class Unit:
    """A unit and how to convert a value in it to the pipeline's canonical unit."""

    dimension: str  # "money" | "percent" | "count"
    to_canonical: Decimal  # money: factor to million VND; percent and count: 1
    label: str  # "đồng", "nghìn đồng", "triệu đồng", "tỷ đồng", "%", or the count word


def _key(text: str) -> str:
    """A spelling as compared: folded, without spaces; ``%`` kept since folding drops it."""
    return fold(text).replace(" ", "") + ("%" if "%" in text else "")


@dataclass(frozen=True)
class _Vocabulary:
    units: dict[str, Unit]  # spelling key -> unit
    statement_end_only: frozenset[str]  # spelling keys
    marker: re.Pattern[str]
    measured: re.Pattern[str]  # a line that is "Kinh phí: triệu đồng"


def _spelled(phrases: list[str]) -> str:
    """Phrases as one regex alternation on folded text, longest first."""
    return "|".join(
        sorted((r"[\s.]*".join(map(re.escape, fold(m).split())) for m in phrases), key=len)[::-1]
    )


def _marker_pattern(markers: list[str], measured: list[str]) -> re.Pattern[str]:
    """Markers such as "Đơn vị tính" / "ĐVT", what they measure if said ("kinh phí"), then an
    optional colon, then the statement, which may name what it measures first ("Đơn vị: kinh
    phí triệu đồng")."""
    what = r"(?:" + _spelled(measured) + r")(?![a-z0-9])"
    return re.compile(
        r"(?<![a-z0-9])(?:" + _spelled(markers) + r")(?![a-z0-9])"
        r"(?:\s+" + what + r")?\s*[:.\-–]?\s*(?:" + what + r"\s*[:.\-–]?\s*)?"
        r"(?P<statement>[^;,()\[\]|/]*)"
    )


@cache
def _vocabulary() -> _Vocabulary:
    data = schemas.read_yaml("units.yaml")
    units: dict[str, Unit] = {}

    def add(spelling: str, unit: Unit) -> None:
        key = _key(spelling)
        if units.setdefault(key, unit) != unit:
            raise ValueError(f"units.yaml: {spelling!r} names two units")

    for label, entry in data["money"].items():
        money = Unit(MONEY, Decimal(entry["to_million_vnd"]), label)
        for spelling in (label, *entry["spellings"]):
            add(spelling, money)
    for label, spellings in data["percent"].items():
        for spelling in (label, *spellings):
            add(spelling, Unit(PERCENT, Decimal(1), label))
    for label, spellings in data["count"].items():
        for spelling in (label, *spellings):
            add(spelling, Unit(COUNT, Decimal(1), label))
    return _Vocabulary(
        units=units,
        statement_end_only=frozenset(_key(s) for s in data["statement_end_only"]),
        marker=_marker_pattern(data["stated_after"], data["stated_for"]),
        measured=re.compile(r"^\s*(?:" + _spelled(data["stated_for"]) + r")\s*:\s*(?P<unit>.+)$"),
    )


def parse_unit(text: str) -> Unit | None:
    """The unit a whole ĐVT cell names ("tr.đ", "Tỷ đồng", "%", "người"), or None.

    Unknown words are None, not a guess: a count word missing from units.yaml is added there.
    """
    key = _key(text)
    return _vocabulary().units.get(key) if key else None


def _money(text: str) -> Unit | None:
    unit = parse_unit(text)
    return unit if unit is not None and unit.dimension == MONEY else None


def _stated_after_marker(statement: str) -> Unit | None:
    """The money unit at the start of what follows "ĐVT:", if the statement ends there.

    The longest run of leading words that is a unit wins ("triệu đồng" over "triệu"); a
    spelling that also begins ordinary words must end the statement or be followed by a number.
    """
    vocabulary = _vocabulary()
    words = fold(statement).split()
    for size in range(len(words), 0, -1):
        key = "".join(words[:size])
        unit = vocabulary.units.get(key)
        if unit is None or unit.dimension != MONEY:
            continue
        rest = words[size:]
        if rest and key in vocabulary.statement_end_only and not rest[0].isdigit():
            return None
        return unit
    return None


def money_units_in(text: str) -> set[str]:
    """Labels of every money unit ``text`` states, so a caller can see two that disagree.

    A unit counts when it is the whole text, the content of parentheses (or one of its parts
    separated by ``,;/|:``: "(Kinh phí: triệu đồng)"), what follows ĐVT / Đơn vị tính / Đơn
    vị, or the whole rest of a text that says what it measures first ("Kinh phí: triệu đồng").
    """
    return set(_money_labels(text))


@lru_cache(maxsize=LABELS_REMEMBERED)
def _money_labels(text: str) -> frozenset[str]:
    """``money_units_in``, remembered: a title line is asked for its units by every table below
    it, and once more for the one unit it states (``find_money_unit``)."""
    found: list[Unit | None] = [_money(text)]
    plain = strip_diacritics(clean(text)).lower()
    for content in re.findall(r"[(\[]([^()\[\]]*)[)\]]", plain):
        found.append(_money(content))
        found.extend(_money(part) for part in re.split(r"[,;/|:]", content))
    for statement in _vocabulary().marker.finditer(plain):
        found.append(_stated_after_marker(statement.group("statement")))
    for part in re.split(r"[;|]", plain):  # "Kinh phí: triệu đồng", also after "Lao động: người;"
        if measured := _vocabulary().measured.match(part):
            found.append(_money(measured.group("unit")))
    return frozenset(unit.label for unit in found if unit is not None)


def find_money_unit(text: str) -> Unit | None:
    """The one money unit stated in ``text``; None when none is, or two different ones are.

    Use ``money_units_in`` to tell those two cases apart.
    """
    labels = _money_labels(text)
    if len(labels) != 1:
        return None
    (label,) = labels
    return next(u for u in _vocabulary().units.values() if u.label == label)


# the unit every money fact is stored in: a figure in triệu đồng is stored as it is
CANONICAL_MONEY = Unit("money", Decimal(1), "triệu đồng")
