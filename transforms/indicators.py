"""Map a clerk's label (a row label or a column header) to an indicator of the catalogue.

A label matches an indicator when every word of one of its synonyms occurs in the label
(accent- and case-insensitive, any order). Among the matching indicators the one whose matching
synonyms cover the most words of the label wins; two indicators covering equally many words is
an ambiguity, reported and never guessed. A unit of measure (the ĐVT cell) rules out the
count indicators it is not a unit of: "Đào tạo nghề" counted in "lớp" is training_classes, in
"người" trained_workers, and in "máy" none. Words an indicator lists under ``not_when`` rule it
out too: "Số học viên có việc làm sau đào tạo" counts the employed, not the trained.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache

import schemas
from transforms.legacy_text import legacy_readings
from transforms.text import LABELS_REMEMBERED, accented_words, fold, tokens
from transforms.units import COUNT, parse_unit
from transforms.words import contains_phrase, has_phrase, phrase_list, words_of

Accents = dict[str, frozenset[tuple[str, str]]]


@dataclass(frozen=True)
class Indicator:
    code: str
    name_vi: str
    name_en: str
    kind: str  # "flow" | "stock"
    measure: str  # "count" | "money" | "percent"
    unit: str
    max_per_report: Decimal
    synonyms: tuple[frozenset[str], ...]
    unit_words: frozenset[str]
    excluded: tuple[frozenset[str], ...] = ()  # words of labels that count something else
    # how the synonyms write their words with diacritics, by folded word: a label written
    # with diacritics must agree ("Bệnh viện Y học" holds no "học viên", "Xã Văn Tự" no "tư
    # vấn"); a label typed without them is matched on its folded words alone
    accents: Accents = field(default_factory=dict)
    # the indicators this one is the sum of (total funding = KCQG + KCĐP), checked as such
    parts: tuple[str, ...] = ()
    # the number of a project list's rows (one row per project) is this indicator
    project_list_count: bool = False
    # a report states it in one row: two rows of it are two statements, never parts to add
    one_row: bool = False


@dataclass(frozen=True)
class IndicatorMatch:
    """The outcome of matching one label: one indicator, an ambiguity, or nothing."""

    indicator: Indicator | None
    candidates: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return self.indicator is None and len(self.candidates) > 1


NO_MATCH = IndicatorMatch(None)


@cache
def catalogue() -> dict[str, Indicator]:
    """The indicator catalogue of ``schemas/indicators.yaml`` by code."""
    return {
        entry["code"]: Indicator(
            code=entry["code"],
            name_vi=entry["name_vi"],
            name_en=entry["name_en"],
            kind=entry["kind"],
            measure=entry["measure"],
            unit=entry["unit"],
            max_per_report=Decimal(str(entry["max_per_report"])),
            synonyms=tuple(frozenset(tokens(s)) for s in entry["synonyms"]),
            unit_words=frozenset(fold(word) for word in entry.get("unit_words", ())),
            excluded=tuple(frozenset(tokens(s)) for s in entry.get("not_when", ())),
            accents=_synonym_accents(entry["synonyms"]),
            parts=tuple(entry.get("parts", ())),
            project_list_count=entry.get("project_list_count", False),
            one_row=entry["kind"] == "stock" or entry.get("one_row", False),
        )
        for entry in schemas.read_yaml("indicators.yaml")
    }


def _synonym_accents(synonyms: list[str]) -> Accents:
    """Every accented spelling of each folded word of ``synonyms``; a word that some synonym
    writes without diacritics ("CNNT", "KCQG") accepts any spelling and is left out."""
    spellings: dict[str, set[tuple[str, str]]] = {}
    bare: set[str] = set()
    for synonym in synonyms:
        accented = accented_words(synonym)
        bare |= set(tokens(synonym)) - set(accented)
        for folded, keys in accented.items():
            spellings.setdefault(folded, set()).update(keys)
    return {w: frozenset(keys) for w, keys in spellings.items() if w not in bare}


def _coverage(indicator: Indicator, words: frozenset[str], accents: Accents) -> int:
    """How many words of a label the indicator's matching synonyms cover (0: no match).

    ``accents`` are the label's words written with diacritics (``accented_words``): a synonym
    whose word the label spells otherwise does not match.
    """
    covered: set[str] = set()
    for synonym in indicator.synonyms:
        if synonym <= words and all(
            word not in accents
            or word not in indicator.accents
            or accents[word] & indicator.accents[word]
            for word in synonym
        ):
            covered |= synonym
    return len(covered)


@cache
def vocabulary() -> frozenset[str]:
    """Every word of every synonym: what a typo is corrected towards."""
    return frozenset(word for i in catalogue().values() for s in i.synonyms for word in s)


def _one_edit_apart(a: str, b: str) -> bool:
    """One letter typed wrong, missing or extra ("khyen" for "khuyen")."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def correct_typos(words: frozenset[str]) -> frozenset[str]:
    """Words outside the vocabulary replaced by the one vocabulary word a single edit away.

    Only words of four letters or more, and only when exactly one candidate exists: "khyen"
    becomes "khuyen", but a short or doubtful word is left as written.
    """
    return frozenset(_corrected(word) for word in words)


@cache
def _corrected(word: str) -> str:
    """One word corrected, once: every unknown word would otherwise scan the vocabulary again
    for each label it appears in (the reader's largest cost in ``make bench``'s profile)."""
    known = vocabulary()
    if word in known or len(word) < 4:
        return word
    by_length, letters = _near_words()
    if sum(letter not in letters for letter in word) > 1:
        # one edit leaves every letter of the word but one in the word it was made from: a
        # word with two letters no vocabulary word uses ("00123", a project's number in a list
        # of distinct names) is no typo of any, told without the scan
        return word
    size = len(word)
    near = (k for n in (size - 1, size, size + 1) for k in by_length.get(n, ()))
    candidates = [k for k in near if _one_edit_apart(word, k)]
    return candidates[0] if len(candidates) == 1 else word


@cache
def _near_words() -> tuple[dict[int, tuple[str, ...]], frozenset[str]]:
    """The vocabulary by word length (a word one edit away is one letter longer or shorter at
    most, so only three lengths are scanned), and every letter its words use."""
    by_length: dict[int, list[str]] = {}
    for word in vocabulary():
        by_length.setdefault(len(word), []).append(word)
    letters = frozenset(letter for word in vocabulary() for letter in word)
    return {n: tuple(words) for n, words in by_length.items()}, letters


@lru_cache(maxsize=1 << 16)
def match_indicator(label: str, unit_text: str | None = None) -> IndicatorMatch:
    """The indicator a label names, narrowed by its unit of measure when one is given.

    A label that names nothing as written is tried once more with its abbreviations spelled
    out (``spell_out``), then with its typos corrected (``correct_typos``); an ambiguity stays
    an ambiguity either way. A label or unit listing
    things of several indicators ("Số lớp / mô hình / cơ sở", ĐVT "mô hình/cơ sở") counts
    several at once: an ambiguity, whatever its first item names.
    """
    words = frozenset(tokens(label))
    if not words or _names_nothing(label, unit_text, words):
        return NO_MATCH
    lumped = _lumped(label) | _lumped(unit_text or "")
    if len(lumped) > 1:
        return whole_if_all_parts(IndicatorMatch(None, tuple(sorted(lumped))))
    # judged on the words as written: typo correction must not undo them ("làm" -> "lao")
    ruled_out = {code for code, phrase in _exclusions() if phrase <= words}
    accents = accented_words(label)
    aside = _other_rows_words(label)
    match = _match_words(words, unit_text, ruled_out, accents, aside)
    if match.indicator is None and not match.ambiguous:
        # the clerk's abbreviations before any typo: "CSCN được HT MMTB" is "cơ sở công
        # nghiệp được hỗ trợ máy móc thiết bị", not "CCN" (a cluster) mistyped
        spelled = spell_out(label)
        if spelled != label:
            match = match_indicator(spelled, unit_text)
    if match.indicator is None and not match.ambiguous:
        corrected = correct_typos(words)
        if corrected != words:
            match = _match_words(corrected, unit_text, ruled_out, accents, aside)
    return whole_if_all_parts(match)


def whole_if_all_parts(match: IndicatorMatch) -> IndicatorMatch:
    """ "Kinh phí KC (KCQG+KCĐP)", "Tổng kinh phí (KCQG + KCĐP)": a label naming every part
    of one indicator (and perhaps the indicator itself) is that indicator (total funding), not
    a choice between its parts."""
    if not match.ambiguous:
        return match
    named = set(match.candidates)
    wholes = [
        i for i in catalogue().values() if i.parts and set(i.parts) <= named <= {*i.parts, i.code}
    ]
    return IndicatorMatch(wholes[0]) if len(wholes) == 1 else match


def _names_nothing(label: str, unit_text: str | None, words: frozenset[str]) -> bool:
    """Whether no step of ``match_indicator`` could find anything in the label: no list of
    alternatives (``_lumped``), no abbreviation to spell out, and no synonym all of whose
    words the label holds, as written or with its typos corrected, of an indicator its ĐVT
    leaves possible (``_allowed_by_unit``). Told from a set of words (most labels of a long
    list name no indicator: a project's name, a place; "Tham gia hội chợ ..." beside its
    doer in the ĐVT column counts no fairs), where the steps would each fold, score and try
    again, for the label and for each of its legacy readings (``match_label``)."""
    if _ALTERNATIVES.search(label) or (unit_text and _ALTERNATIVES.search(unit_text)):
        return False
    holding = _holding_a_synonym((words | correct_typos(words)) & vocabulary())
    allowed = _allowed_by_unit(unit_text) if unit_text else None
    possible = holding if allowed is None else holding & allowed
    if possible:
        return False
    return spell_out(label) == label


@lru_cache(maxsize=LABELS_REMEMBERED)
def _allowed_by_unit(unit_text: str) -> frozenset[str] | None:
    """The indicators a row in this ĐVT can be (``_match_words``: a count unit keeps those it
    is a unit of, else those with no unit of their own), None when it leaves every one."""
    readings, counted = _unit_readings(unit_text)
    if not readings or not counted:
        return None
    return frozenset(
        code
        for code, indicator in catalogue().items()
        if readings & indicator.unit_words or not indicator.unit_words
    )


@cache
def _exclusions() -> tuple[tuple[str, frozenset[str]], ...]:
    """Each indicator's ``not_when`` phrases, as (code, words): the few indicators that have
    any, without a walk over the whole catalogue for every label."""
    return tuple((code, phrase) for code, i in catalogue().items() for phrase in i.excluded)


def _holding_a_synonym(words: frozenset[str]) -> frozenset[str]:
    """The indicators one of whose synonyms ``words`` hold whole: the only ones a label of
    these words can match, looked up by word rather than by a walk over the catalogue."""
    by_word = _synonyms_by_word()
    return frozenset(
        code for word in words for code, synonym in by_word.get(word, ()) if synonym <= words
    )


@cache
def _synonyms_by_word() -> dict[str, tuple[tuple[str, frozenset[str]], ...]]:
    """Every synonym (as the words it needs) with its indicator, under the one of its words
    fewest synonyms hold: a label holding the synonym holds that word, and a label's common
    words ("công", "số") bring few synonyms to compare with it."""
    synonyms = {(code, s) for code, i in catalogue().items() for s in i.synonyms if s}
    holding: dict[str, int] = {}
    for _, synonym in synonyms:
        for word in synonym:
            holding[word] = holding.get(word, 0) + 1
    by_word: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for code, synonym in sorted(synonyms, key=lambda pair: (pair[0], sorted(pair[1]))):
        rarest = min(synonym, key=lambda word: (holding[word], word))
        by_word.setdefault(rarest, []).append((code, synonym))
    return {word: tuple(pairs) for word, pairs in by_word.items()}


@cache
def _abbreviations() -> tuple[re.Pattern[str], dict[str, str]]:
    """The abbreviations as one pattern of whole words, and what each stands for by its
    upper case (built once: every unmatched label and every section label asks)."""
    table = {key.upper(): value for key, value in schemas.read_yaml("abbreviations.yaml").items()}
    words = sorted(table, key=len, reverse=True)
    pattern = r"(?<!\w)(" + "|".join(map(re.escape, words)) + r")(?!\w)"
    return re.compile(pattern, re.IGNORECASE), table


def spell_out(label: str) -> str:
    """``label`` with the clerks' abbreviations (``schemas/abbreviations.yaml``) written out:
    "Số mô hình TDKT" -> "Số mô hình trình diễn kỹ thuật". A word is replaced only when it is
    the abbreviation with its own diacritics ("ĐA", never "đã")."""
    pattern, table = _abbreviations()
    return pattern.sub(lambda m: table.get(m.group(0).upper(), m.group(0)), label)


def indicators_named(label: str) -> frozenset[str]:
    """Every indicator some synonym of which the label holds, whichever would win a match:
    "Đào tạo nghề, truyền nghề" names workers and classes both. For narrowing a column that
    counts several things to the one a section names."""
    words = frozenset(tokens(spell_out(label)))
    accents = accented_words(label)
    return frozenset(
        code for code, indicator in catalogue().items() if _coverage(indicator, words, accents)
    )


def names_an_indicator(label: str) -> bool:
    """Whether a label holds every word of some synonym of some indicator (a cheap test, with
    no typo correction: for telling a khuyến công report from other offices' tables)."""
    words = frozenset(tokens(label))
    accents = accented_words(label)
    return any(_coverage(indicator, words, accents) for indicator in catalogue().values())


_ALTERNATIVES = re.compile(r"[/,;]|\s(?:và|hoặc)\s", re.IGNORECASE)


def _lumped(text: str) -> set[str]:
    """The indicators a list of alternatives names when its items count different things.

    Each item ("Số lớp", "mô hình", "cơ sở") names the indicators its words or its count unit
    stand for; items that share an indicator ("DN / cơ sở") are one thing written two ways.
    Money units are no indicator of their own ("Kinh phí, triệu đồng").
    """
    items = _ALTERNATIVES.split(text)
    if len(items) < 2:
        return set()  # one item is no list (most labels): nothing to match it against
    named = [codes for item in items if (codes := _item_indicators(item))]
    if len(named) < 2 or set.intersection(*named):
        return set()
    return set.union(*named)


def _item_indicators(item: str) -> set[str]:
    words = frozenset(tokens(item))
    if not words:
        return set()
    by_unit = {
        code
        for code, indicator in catalogue().items()
        if indicator.measure == "count" and fold(item.strip()) in indicator.unit_words
    }
    accents = accented_words(item)
    by_words = {
        code for code, indicator in catalogue().items() if _coverage(indicator, words, accents)
    }
    return by_unit or by_words


def _match_words(
    words: frozenset[str],
    unit_text: str | None,
    ruled_out: set[str],
    accents: Accents,
    aside: int = 0,
) -> IndicatorMatch:
    named = _holding_a_synonym(words)
    scored = {
        code: score
        for code, indicator in catalogue().items()
        if code in named
        and code not in ruled_out
        and (score := _coverage(indicator, words, accents))
    }
    readings, counted = _unit_readings(unit_text) if unit_text else (frozenset(), True)
    if readings and scored:
        fitting = {code: s for code, s in scored.items() if readings & catalogue()[code].unit_words}
        if fitting or not counted:
            # a money or percent ĐVT on a count row is judged where the value is read (a unit
            # mismatch, a ratio)
            scored = fitting or scored
        else:
            # the ĐVT says what the row counts: "Số gian hàng tham gia hội chợ | gian hàng" is
            # not a number of fairs, "Số máy móc được hỗ trợ | máy" not one of facilities
            scored = {code: s for code, s in scored.items() if not catalogue()[code].unit_words}
    if not scored:
        return NO_MATCH
    best = max(scored.values())
    if aside > best:
        return NO_MATCH  # "Số lao động trong các cơ sở CNNT": the workforce, not the trained
    leaders = tuple(sorted(code for code, score in scored.items() if score == best))
    if len(leaders) > 1:
        return IndicatorMatch(None, leaders)
    return IndicatorMatch(_named_part(catalogue()[leaders[0]], scored), leaders)


@lru_cache(maxsize=LABELS_REMEMBERED)
def _unit_readings(unit_text: str) -> tuple[frozenset[str], bool]:
    """A ĐVT's folded readings ("" of a unit that folds to nothing: none), a legacy ĐVT
    ("líp") too short for the per-cell repair read every way it can be; and whether it may
    be a count (no unit of another dimension). Remembered: a label is matched with its ĐVT,
    and again in its legacy readings with the same ĐVT."""
    unit = fold(unit_text)
    if not unit:
        return frozenset(), True
    readings = frozenset({unit} | {fold(reading) for reading in legacy_readings(unit_text)})
    stated = parse_unit(unit_text)
    return readings, stated is None or stated.dimension == COUNT


def _named_part(whole: Indicator, scored: dict[str, int]) -> Indicator:
    """The one part of a whole a label also names ("Kinh phí khuyến công (KCĐP)" is local
    funding, not all of it); the whole when it names none of its parts, or all of them
    ("Tổng kinh phí (KCQG + KCĐP)")."""
    named = [code for code in whole.parts if code in scored]
    return catalogue()[named[0]] if len(named) == 1 else whole


def _other_rows_words(label: str) -> int:
    """How many words of a label the longest phrase of a row that is no indicator holds, as
    written in it (``layout.yaml`` ``not_indicator_rows``): a label saying more of such a row
    than of any indicator ("Số lao động trong các cơ sở CNNT" is more workforce than "số lao
    động") names none."""
    words = tokens(label)
    if not has_phrase(words, "not_indicator_rows"):
        return 0  # most labels: one match of the whole list says so
    phrases = phrase_list("not_indicator_rows")
    return max(len(phrase) for phrase in phrases if contains_phrase(words, phrase))


@lru_cache(maxsize=1 << 16)
def match_label(label: str, unit_text: str | None = None) -> IndicatorMatch:
    """``match_indicator``, also trying the label's TCVN3 and VNI readings when it matches
    nothing as written: a label such as "Kinh phí KCÑP" has too few syllables for the per-cell
    repair to be sure, but only one of its readings names an indicator.

    Remembered: the rows stage asks each row's label several times (its kind, its whole, its
    parts, its subtotal), and decoding a label that names nothing twice is most of a long
    project list's cost."""
    match = match_indicator(label, unit_text)
    if match.indicator is not None or match.ambiguous or label.isascii():
        return match
    for reading in legacy_readings(label):
        if (alternative := match_indicator(reading, unit_text)).indicator is not None:
            return alternative
    return match


def match_header(levels: tuple[str, ...]) -> IndicatorMatch:
    """Match a multi-row header, most specific level first.

    ``levels`` runs from the top header row to the bottom one. The bottom level alone is tried
    first ("KCQG" under "Kinh phí"), then with its parents added one by one ("Tổng" under
    "Kinh phí" is the funding total), so a specific sub-header is never overruled by the
    broader words of its group.
    """
    leaf_unit = _unit_of_leaf(levels[-1]) if len(levels) > 1 else None
    for depth in range(1, len(levels) + 1):
        text = " ".join(levels[-depth:])
        # "Đào tạo nghề (người)" over "KH năm | TH 6 tháng": the group's unit is its columns'
        unit = unit_in_parentheses(text) or unit_in_parentheses(levels[-depth]) or leaf_unit
        outcome = match_label(text, unit)
        if outcome.indicator is not None or outcome.ambiguous:
            return outcome
    return NO_MATCH


_LAST_PARENTHESES = re.compile(r"\(([^()]*)\)\s*$")


def unit_in_parentheses(header: str) -> str | None:
    """The unit a header states last in parentheses, as its ĐVT: "Đào tạo nghề (LĐ)" counts
    workers, not classes. Parentheses holding no unit ("(1)", "(*)") state nothing."""
    found = _LAST_PARENTHESES.search(header)
    return found.group(1) if found and parse_unit(found.group(1)) is not None else None


_COUNT_OF = re.compile(r"^\s*(?:số|so)\s+(.+?)\s*$", re.IGNORECASE)


def _unit_of_leaf(leaf: str) -> str | None:
    """The count unit a sub-header names, as its ĐVT: "Số người" (or "Người") under "Đào tạo
    nghề" counts workers, "Số lớp" classes."""
    found = _COUNT_OF.match(leaf)
    named = found.group(1) if found else leaf
    unit = parse_unit(named)
    return named if unit is not None and unit.dimension == COUNT else None


@lru_cache(maxsize=LABELS_REMEMBERED)
def names_a_whole(label: str) -> bool:
    """Whether a label opens with the words of a whole (``layout.yaml`` ``whole_names``:
    "Kinh phí", "Tổng", "Cộng"), which only the parts beside or under it can name (see
    ``whole_named_by_parts``); remembered, as every row of a table is asked."""
    words = words_of(label)
    return any(words[: len(phrase)] == phrase for phrase in phrase_list("whole_names"))


def whole_named_by_parts(label: str, following: Sequence[Indicator | None]) -> str | None:
    """The indicator that a label naming none is, by what follows it: the code of the
    catalogue entry whose ``parts`` are exactly the indicators ``following`` starts with, when
    the label has the words of a whole (``layout.yaml`` ``whole_names``: "Kinh phí", "Tổng",
    "Cộng"); else None.

    "Kinh phí" names no indicator on its own (a project's funding, a counterpart's), but a
    "Kinh phí" row or column right before KCQG and KCĐP is their sum: total funding.
    """
    if not names_a_whole(label):
        return None
    for whole in catalogue().values():
        parts = following[: len(whole.parts)]
        if whole.parts and {i.code for i in parts if i is not None} == set(whole.parts):
            return whole.code
    return None
