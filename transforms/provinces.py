"""Province names to GSO units, by date.

A province is identified by its GSO code, but a code names different territories over time and
a name can change code: "Tây Ninh" is code 72 until 30 June 2025 and code 80 (Long An's) after;
Hà Tây (28) merged into Hà Nội on 1 August 2008. So a name resolves to a unit only together
with the date the report is about, and a unit is keyed by (code, valid_from).

Clerks spell names many ways (``TP. HCM``, ``Đắc Lắc``, ``BR-VT``, ``ThaiNguyen`` in a file
name). Names are compared folded (no case, no diacritics, no punctuation) with their words
joined, so most variants need no listing; the rest live in ``schemas/province_aliases.yaml``.

A name of a unit that no longer existed on the date (Hà Tây in 2009, Yên Bái in 2026) still
resolves, to the unit as it was, marked ``former`` so the caller can flag it: clerks keep
writing old names and that must be seen, not silently remapped. A unit that was only renamed,
keeping its code and territory (Thừa Thiên Huế -> Huế on 1 January 2025), is not former: the
old name resolves to the unit of the date.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import NamedTuple

import schemas
from transforms.text import clean, fold, strip_diacritics


@dataclass(frozen=True)
class ProvinceUnit:
    """One provincial unit in one era (a row of provinces.csv)."""

    code: str
    name: str
    valid_from: date
    valid_to: date | None  # None: still in existence
    successor_code_2025: str

    def exists_on(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


@dataclass(frozen=True)
class ProvinceMatch:
    """A province named in a text, resolved for a date."""

    unit: ProvinceUnit
    matched_text: str  # the text as written ("TP. HCM", "ThaiNguyen")
    former: bool  # the named unit no longer existed on the date (merged away)


@cache
def merged_with_others(unit: ProvinceUnit) -> bool:
    """Whether ``unit`` ended by merging with other units into its successor (Kiên Giang and
    An Giang into the new An Giang in 2025), rather than by a change of name alone."""
    return unit.valid_to is not None and any(
        other is not unit
        and other.valid_to == unit.valid_to
        and other.successor_code_2025 == unit.successor_code_2025
        for other in province_units()
    )


@cache
def province_units() -> tuple[ProvinceUnit, ...]:
    """Every unit of provinces.csv, in its order."""
    return tuple(
        ProvinceUnit(
            code=row["code"],
            name=row["name_vi"],
            valid_from=date.fromisoformat(row["valid_from"]),
            valid_to=date.fromisoformat(row["valid_to"]) if row["valid_to"] else None,
            successor_code_2025=row["successor_code_2025"],
        )
        for row in schemas.read_csv("provinces.csv")
    )


def _key(text: str) -> str:
    """A spelling as compared: folded words joined ("Thừa Thiên - Huế" -> "thuathienhue")."""
    return fold(text).replace(" ", "")


@dataclass(frozen=True)
class _Index:
    names: dict[str, frozenset[str]]  # spelling key -> canonical names (name_vi)
    units_by_name: dict[str, tuple[ProvinceUnit, ...]]
    strict: dict[str, tuple[str, ...]]  # spelling key -> spellings whose diacritics must agree
    tone_placement: tuple[tuple[str, str], ...]
    prefixes: tuple[tuple[str, ...], ...]  # folded words, longest first
    ambiguous: frozenset[str]
    window: int  # most words a spelling can take in a text


@cache
def _index() -> _Index:
    data = schemas.read_yaml("province_aliases.yaml")
    units = province_units()
    names: dict[str, set[str]] = {}
    units_by_name: dict[str, list[ProvinceUnit]] = {}
    first_name: dict[str, str] = {}
    for unit, row in zip(units, schemas.read_csv("provinces.csv"), strict=True):
        units_by_name.setdefault(unit.name, []).append(unit)
        first_name.setdefault(unit.code, unit.name)
        for spelling in (row["name_vi"], row["name_ascii"]):
            names.setdefault(_key(spelling), set()).add(unit.name)
    spellings = [unit.name for unit in units]
    for code, aliases in data["aliases"].items():
        for alias in aliases:
            names.setdefault(_key(alias), set()).add(first_name[str(code)])
            spellings.append(alias)
    ambiguous = frozenset(_key(a) for a in data["ambiguous"])
    if clash := ambiguous.intersection(names):
        raise ValueError(f"province_aliases.yaml: ambiguous abbreviations used as names: {clash}")
    strict: dict[str, list[str]] = {}
    for spelling in data["strict_diacritics"]:
        strict.setdefault(_key(spelling), []).append(spelling)
    return _Index(
        names={key: frozenset(found) for key, found in names.items()},
        units_by_name={name: tuple(found) for name, found in units_by_name.items()},
        strict={key: tuple(found) for key, found in strict.items()},
        tone_placement=tuple(data["tone_placement"].items()),
        prefixes=tuple(
            sorted({tuple(fold(p).split()) for p in data["prefixes"]}, key=len, reverse=True)
        ),
        ambiguous=ambiguous,
        window=max(len(fold(s).split()) for s in spellings) + 1,
    )


class _Word(NamedTuple):
    """A folded word and its span (a tuple: every word of every title and file name is one,
    and a frozen dataclass costs several times as much to make)."""

    folded: str
    start: int  # span in the cleaned text
    end: int


_WORD = re.compile(r"[^\W_]+")


def _pieces(word: str) -> Iterator[tuple[int, int]]:
    """Spans of a word split at camel case and digits: "ThaiNguyen2010" -> Thai|Nguyen|2010."""
    if word.isalpha() and (word[1:].islower() or word.isupper() or len(word) == 1):
        # no digit, and no upper-case letter after the first, or no lower-case one: nothing
        # to split (most words of a title), told without a walk over every character
        yield 0, len(word)
        return
    start = 0
    for i in range(1, len(word)):
        before, here = word[i - 1], word[i]
        after = word[i + 1] if i + 1 < len(word) else ""
        if (
            (before.islower() and here.isupper())
            or (before.isdigit() != here.isdigit())
            or (before.isupper() and here.isupper() and after.islower())
        ):
            yield start, i
            start = i
    yield start, len(word)


def _words(text: str) -> list[_Word]:
    """Folded words of a cleaned text with their spans; file names split at case changes."""
    return [_Word(*span) for span in _spans(text)]


def _spans(text: str) -> list[tuple[str, int, int]]:
    """``_words`` as plain tuples (folded, start, end): ``find_province`` asks it of every
    title line, where making a named tuple of each word costs more than finding it."""
    words: list[tuple[str, int, int]] = []
    for match in _WORD.finditer(text):
        at = match.start()
        words += [(part, at + start, at + end) for part, start, end in _parts(match[0])]
    return words


@lru_cache(maxsize=1 << 14)
def _parts(word: str) -> tuple[tuple[str, int, int], ...]:
    """The folded parts of one word of a text, each with the span of its piece in the word
    (``_pieces``). Remembered: titles and file names are made of a few hundred words ("BÁO",
    "CÁO", "TỈNH"...), and every title line of every workbook is searched for a province."""
    return tuple(
        (part, start, end) for start, end in _pieces(word) for part in fold(word[start:end]).split()
    )


def _marks(text: str, index: _Index) -> str:
    """Lower-case letters in NFC with tone marks placed the new way ("hoà" -> "hòa")."""
    text = unicodedata.normalize("NFC", text).lower()
    for old, new in index.tone_placement:
        text = text.replace(old, new)
    return "".join(ch for ch in text if ch.isalnum())


def _agrees(written: str, key: str, index: _Index) -> bool:
    """A strict spelling typed with diacritics must have the listed ones ("Huệ" is not Huế)."""
    if key not in index.strict or strip_diacritics(written) == written:
        return True
    typed = _marks(written, index)
    for spelling in index.strict[key]:
        expected = _marks(spelling, index)
        if len(typed) == len(expected) and all(
            t == e or (t.isascii() and strip_diacritics(e) == t)
            for t, e in zip(typed, expected, strict=True)
        ):
            return True
    return False


def _renamed_to(unit: ProvinceUnit, on: date) -> ProvinceUnit | None:
    """The unit of ``on`` that continues ``unit`` under the same code without a merger.

    A merger shows as another unit that ended the same day with the same successor (Lào Cai
    with Yên Bái into code 15; Hà Tây into Hà Nội); a rename has none (Thừa Thiên Huế -> Huế).
    """
    units = province_units()
    while unit.valid_to is not None and unit.valid_to < on:
        next_day = unit.valid_to + timedelta(days=1)
        following = [u for u in units if u.code == unit.code and u.valid_from == next_day]
        merged = any(
            u.code != unit.code
            and u.valid_to == unit.valid_to
            and u.successor_code_2025 == unit.code
            for u in units
        )
        if len(following) != 1 or merged:
            return None
        unit = following[0]
    return unit


def _resolve(names: frozenset[str], on: date, matched_text: str) -> ProvinceMatch | None:
    """The unit that ``names`` meant on ``on``; None when unknown then or ambiguous."""
    index = _index()
    candidates = [unit for name in sorted(names) for unit in index.units_by_name[name]]
    current = [unit for unit in candidates if unit.exists_on(on)]
    if current:
        if len({unit.code for unit in current}) > 1:
            return None
        return ProvinceMatch(current[0], matched_text, former=False)
    ended = [u for u in candidates if u.valid_to is not None and u.valid_to < on]
    if not ended:
        return None  # named only by units that did not exist yet
    last_day = max(u.valid_to for u in ended if u.valid_to is not None)
    latest = [u for u in ended if u.valid_to == last_day]
    if len({unit.code for unit in latest}) > 1:
        return None
    renamed = _renamed_to(latest[0], on)
    if renamed is not None:
        return ProvinceMatch(renamed, matched_text, former=False)
    return ProvinceMatch(latest[0], matched_text, former=True)


def resolve_province(name: str, on: date) -> ProvinceMatch | None:
    """The province a whole cell names ("TP. HCM", "Tỉnh Đắc Lắc", "Hà Tây"), for date ``on``.

    Prefixes such as "Tỉnh", "TP.", "UBND tỉnh" are ignored. None when the text is not a known
    name, or is an ambiguous abbreviation ("TN", "QN" ...), or names no unit on or before ``on``.
    """
    index = _index()
    text = clean(name)
    # "Tỉnh Cao Bằng (04)", "TP. Cần Thơ - 92": the GSO code written after the name must be
    # the code of the unit the name resolves to, never a second guess
    stated = _STATED_CODE.search(text)
    if stated:
        text = text[: stated.start()].rstrip()
    match = _resolve_name(text, on, index)
    if match is not None and stated is not None and match.unit.code != stated.group(1):
        return None
    return match


_STATED_CODE = re.compile(r"(?<=\w)\s*(?:[-–—:]\s*|\(\s*(?:mã\s*)?)(\d{2})\s*\)?$", re.IGNORECASE)


def _resolve_name(text: str, on: date, index: _Index) -> ProvinceMatch | None:
    if not _may_name_one(text):
        return None
    words = _words(text)
    while words and words[0].folded.isdigit():
        words = words[1:]  # a row number in front of the name
    stripped = True
    while stripped:
        stripped = False
        for prefix in index.prefixes:
            if tuple(w.folded for w in words[: len(prefix)]) == prefix and len(words) > len(prefix):
                words, stripped = words[len(prefix) :], True
                break
    key = "".join(w.folded for w in words)
    if not key or key in index.ambiguous or key not in index.names:
        return None
    if not _agrees(text[words[0].start : words[-1].end], key, index):
        return None
    return _resolve(index.names[key], on, text)


def _may_name_one(text: str) -> bool:
    """Whether the last word of ``text`` ends some name: a whole cell names a province with
    its words from some point to its end (a number and prefixes such as "Tỉnh" go first), so
    a text whose last word ends no name names none. Told from its last word alone, where
    ``_words`` would fold every word (a project list's distinct names, each looked up)."""
    found = _WORD.findall(text)
    if not found:
        return False
    start, end = list(_pieces(found[-1]))[-1]
    last = fold(found[-1][start:end]).split()
    return not last or last[-1] in _name_endings()  # folded to nothing: the words before decide


@cache
def _name_endings() -> frozenset[str]:
    """Every ending of every spelling key ("thainguyen": "n", "en", ..., "thainguyen")."""
    return frozenset(key[at:] for key in _index().names for at in range(len(key)))


@cache
def _name_starts() -> frozenset[str]:
    """Every beginning of every spelling key ("thainguyen": "t", "th", ..., "thainguyen"): a
    title's words are joined into keys only while some name begins with them (most words of
    a title begin none)."""
    return frozenset(key[:at] for key in _index().names for at in range(1, len(key) + 1))


def find_province(text: str, on: date) -> list[ProvinceMatch]:
    """Every distinct province named inside ``text``, in order of appearance, for date ``on``.

    For titles ("SỞ CÔNG THƯƠNG TỈNH THÁI NGUYÊN") and file names ("BC_KC_ThaiNguyen_2010.xlsx",
    "bao-cao-dak-lak-2009.xls"). Names match whole words only; the longest name wins and the
    shorter ones inside it are dropped. More than one province in the result is a conflict for
    the caller to report.
    """
    index = _index()
    text = clean(text)
    words = _spans(text)  # (folded, start, end)
    starts = _name_starts()
    candidates: list[tuple[int, int, str]] = []
    for first in range(len(words)):
        key = ""
        for last in range(first + 1, min(len(words), first + index.window) + 1):
            key += words[last - 1][0]  # the words from ``first`` to ``last``, joined
            if key not in starts:
                break  # no name starts so: none is made by joining more words to it
            if key in index.names and _agrees(
                text[words[first][1] : words[last - 1][2]], key, index
            ):
                candidates.append((first, last, key))
    chosen: list[tuple[int, int, str]] = []
    for first, last, key in sorted(candidates, key=lambda c: (-len(c[2]), c[0])):
        if all(last <= f or first >= la for f, la, _ in chosen):
            chosen.append((first, last, key))
    found: dict[tuple[str, date], ProvinceMatch] = {}
    for first, last, key in sorted(chosen):
        written = text[words[first][1] : words[last - 1][2]]
        match = _resolve(index.names[key], on, written)
        if match is not None:
            found.setdefault((match.unit.code, match.unit.valid_from), match)
    return list(found.values())
