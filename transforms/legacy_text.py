"""Repair legacy Vietnamese text (TCVN3/ABC and VNI-Windows) to Unicode NFC, one cell at a time.

Old provincial workbooks were typed with a TCVN3 or VNI keyboard driver into cells whose font
was a legacy font (``.VnTime``, ``VNI-Times``…). The cell stores the Windows-1252 characters of
those bytes, so a Unicode reader sees mojibake: ``B¸o c¸o kÕt qu¶`` (TCVN3) is ``Báo cáo kết quả``
and ``Caàn söï ñoàng thuaän`` (VNI) is ``Cần sự đồng thuận``. The byte tables live in
``schemas/legacy_encodings.csv`` (reconciled in the shared ``encodings.md``); this module only
applies them. Why it is careful:

* TCVN3 reuses Latin-1 letters for other Vietnamese letters (``á`` is ỏ, ``é`` is ộ…), so
  decoding genuine text as TCVN3 corrupts it. The decision is taken for the whole cell, from the
  font name when known, otherwise by counting words that become valid Vietnamese syllables, and
  text that is already Unicode (a character outside Windows-1252) or ASCII is returned at once.
* U+00AD SOFT HYPHEN is TCVN3's ``ư``: this must run on the raw cell, before any cleaning.
* TCVN3 has no codes for upper-case letters with a tone: they use the lower-case byte and only
  look upper case in the ``…H`` fonts (``.VnTimeH``). With such a font the decoded text is
  upper-cased; without one, words (and cells) typed in capitals are upper-cased by a heuristic.
* VNI is a base letter plus a mark byte (``a`` + ``ø`` = à), decoded greedily two characters at
  a time; it has distinct upper-case marks, so it is lossless.
* Bytes of the wider VN1 table (``° ± ² ³ ´``, curly quotes, dashes) are real symbols in
  reports and are left alone.
* A short cell often reads as Vietnamese both ways (``Ghi chó`` is Ghi chú, ``Líp`` is Lớp):
  syllables cannot judge it, the words the project knows can. A legacy font or the sheet's
  encoding decodes it only when the decoding holds more of the words of ``schemas/`` than the
  text as it stands (``Kinh phí`` typed in Unicode into a ``.VnTime`` cell stays).
* A cell may join Unicode and legacy text (a template's label and TCVN3 data: ``Kỳ tính thuế:
  Th¸ng 8/2013``): the runs between its Unicode words are repaired one by one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import schemas
from transforms.text import syllable_key

__all__ = ["Repair", "encode_tcvn3", "encode_vni", "repair_text"]


@dataclass(frozen=True)
class Repair:
    """The outcome for one cell: ``text`` is NFC; ``encoding`` is None when nothing was decoded."""

    text: str
    encoding: str | None


# --- byte tables (built once, from schemas/legacy_encodings.csv) ---------------------------

_ROWS = schemas.read_csv("legacy_encodings.csv")
_TCVN3_OF = {row["unicode"]: row["tcvn3"] for row in _ROWS}
# Upper-case letters with a tone have no TCVN3 code: they are written with the lower-case byte.
_TCVN3_ENCODE = {ord(u): code or _TCVN3_OF[u.lower()] for u, code in _TCVN3_OF.items()}
_TCVN3_DECODE = {ord(row["tcvn3"]): row["unicode"] for row in _ROWS if row["tcvn3"]}
_TCVN3_CAPITALS = frozenset(
    row["tcvn3"] for row in _ROWS if row["tcvn3"] and row["unicode"].isupper()
)
_VNI_ENCODE = {ord(row["unicode"]): row["vni"] for row in _ROWS}
_VNI_DECODE = {row["vni"]: row["unicode"] for row in _ROWS}
# Longest first: a base letter followed by a mark byte wins over the base letter alone.
_VNI_CODE = re.compile("|".join(re.escape(c) for c in sorted(_VNI_DECODE, key=len, reverse=True)))
# Mark bytes follow a base vowel in VNI; one left over (``THèNG``) means the word is not VNI.
_VNI_MARKS = frozenset(code[1] for code in _VNI_DECODE if len(code) == 2)

_LEGACY_CHARS = "".join(
    sorted({ch for row in _ROWS for ch in row["tcvn3"] + row["vni"] if not ch.isascii()})
)
_LEGACY_CHAR = re.compile(f"[{re.escape(_LEGACY_CHARS)}]")
# Windows-1252's characters outside Latin-1 (0x80-0x9F); with U+0000-U+00FF, everything a legacy
# cell can hold. Anything else means the cell is already Unicode.
_CP1252_HIGH = "".join(
    ch for ch in bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore") if ord(ch) > 0xFF
)
_UNICODE_ONLY = re.compile(f"[^\\x00-\\xff{re.escape(_CP1252_HIGH)}]")
# A word as legacy text sees it: ASCII letters, Latin-1 letters and symbols (TCVN3 letters such
# as ¸ µ « ­ are symbols in Latin-1), and Vietnamese letters once decoded.
_WORD = re.compile("[A-Za-z\u00a1-\u024f\u0300-\u036f\u1ea0-\u1ef9]+")

# --- Vietnamese syllables --------------------------------------------------------------------

_ACUTE, _DOT_BELOW = "\u0301", "\u0323"
SHORT_CELL_WORDS = 2  # longer cells have enough syllables for their own detection to stand
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền sắc ngã hỏi nặng
_STOP_CODAS = frozenset({"c", "ch", "p", "t"})  # take only sắc or nặng


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_ONSETS = sorted(  # longest first: "gia" is gi + a, "gìn" falls back to g + in
    _words("ngh ng nh ch gh gi kh ph qu th tr b c d đ g h k l m n p r s t v x"),
    key=lambda onset: (-len(onset), onset),
)
_OPEN = _words(
    "a e ê i o ô ơ u ư y ia ua ưa oa oe uê uy uơ uya ai ao au ay âu ây eo êu iu oi ôi ơi ui ưi "
    "ưu iêu yêu uôi ươi ươu oai oay oao oeo uây uyu"
)
_VELAR = _words("a ă â e o ô u ư iê uô ươ oa oă uâ oo")  # before c, ng
_PALATAL = _words("a ê i oa uê uy")  # before ch, nh
_OTHER = _words("a ă â e ê i o ô ơ u ư iê yê uô ươ oa oă oe uâ uê uy uyê")  # before m n p t
_CLOSED = {"c": _VELAR, "ng": _VELAR, "ch": _PALATAL, "nh": _PALATAL}
_CLOSED |= dict.fromkeys(("m", "n", "p", "t"), _OTHER)
_SYLLABLE = re.compile(
    f"(?P<onset>{'|'.join(_ONSETS)})?(?P<vowels>[aăâeêioôơuưy]+)(?P<coda>ch|nh|ng|[cmnpt])?"
)
_FRONT = ("i", "e", "ê", "y")


@lru_cache(maxsize=65536)
def _is_syllable(word: str) -> bool:
    """Whether ``word`` (any case) is a well-formed Vietnamese syllable, tone mark included.

    Checks letters, onset, vowel cluster and coda, c/k/gh spelling, one tone at most, the tone
    on the vowel where either the old or the new placement rule puts it, and sắc/nặng only with
    a c/ch/p/t coda. Permissive beyond that: it is a detector, not a dictionary.
    """
    base: list[str] = []
    tone, tone_at = "", -1
    for ch in unicodedata.normalize("NFC", word.lower()):
        parts = unicodedata.normalize("NFD", ch)
        marks = [c for c in parts if c in _TONE_MARKS]
        if marks:
            if tone or len(marks) > 1:
                return False
            tone, tone_at = marks[0], len(base)
            ch = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS))
        base.append(ch)
    match = _SYLLABLE.fullmatch("".join(base))
    if match is None:
        return False
    onset, vowels, coda = match.group("onset") or "", match.group("vowels"), match.group("coda")
    if coda is None:
        if vowels not in _OPEN:
            return False
    elif vowels not in _CLOSED[coda]:
        return False
    if coda in _STOP_CODAS and tone not in (_ACUTE, _DOT_BELOW):
        return False
    front = vowels.startswith(_FRONT)
    if (onset in ("k", "gh", "ngh") and not front) or (onset in ("c", "ng") and front):
        return False
    if onset == "g" and vowels.startswith(("e", "ê")):
        return False
    return not tone or tone_at - len(onset) in _tone_slots(vowels, coda is not None)


def _tone_slots(vowels: str, closed: bool) -> tuple[int, ...]:
    """Positions in the vowel cluster that may carry the tone (old and new placement)."""
    marked = [i for i, v in enumerate(vowels) if v in "ăâêôơư"]
    if marked:
        return (marked[-1],)
    if len(vowels) == 1:
        return (0,)
    if closed:
        return (len(vowels) - 1,)
    if vowels in ("oa", "oe", "uy"):
        return (0, 1)  # hòa/hoà, khỏe/khoẻ, thủy/thuỷ
    return (1,) if len(vowels) == 3 else (0,)


# --- decoding ----------------------------------------------------------------------------------


def _decode_tcvn3(text: str) -> str:
    return text.translate(_TCVN3_DECODE)


def _decode_vni(text: str) -> str:
    return _VNI_CODE.sub(lambda m: _VNI_DECODE[m.group()], text)


_DECODERS = {"tcvn3": _decode_tcvn3, "vni": _decode_vni}


def _score(text: str, encoding: str, lenient: bool = False, prior: bool = False) -> int:
    """Words that decoding turns into Vietnamese syllables, minus words it leaves or makes wrong.

    A word unchanged by decoding, or valid both before and after (``bé`` is also TCVN3 for
    ``bộ``), is no evidence either way; neither is a lone symbol (``×`` is TCVN3 ``ì``) or a
    micro sign used as a unit prefix (``µm``). A VNI mark byte that follows no base letter
    counts against VNI. ``lenient``: a word that is a syllable in neither reading is no
    evidence either. ``prior`` (a legacy font or sheet speaks for the encoding): nor is such a
    word when decoding turns its symbols into letters: the highlands' place names are no
    standard syllables (``§¾k`` is Đắk, ``Kr«ng`` is Krông).
    """
    decode = _DECODERS[encoding]
    score = 0
    for word in _WORD.findall(text):
        if encoding == "vni" and not _VNI_MARKS.isdisjoint(_VNI_CODE.sub("", word)):
            score -= 1
            continue
        decoded = decode(word)
        if decoded == word or (len(word) == 1 and not word.isalpha()):
            continue
        if word[0] == "µ" and word[1:].isascii():
            continue
        valid = _is_syllable(decoded)
        if valid and not _is_syllable(word):
            score += 1
        elif not valid and not _no_evidence(word, decoded, lenient, prior):
            score -= 1
    return score


def _no_evidence(word: str, decoded: str, lenient: bool, prior: bool) -> bool:
    """Whether a word that decoding leaves no syllable says nothing of the encoding (see _score)."""
    if _is_syllable(word):
        return False  # decoding breaks a good word
    return lenient or (prior and decoded.isalpha() and not word.isalpha())


def _detect(text: str) -> str | None:
    """The encoding the content points to, or None when it points nowhere or both ways."""
    tcvn3, vni = _score(text, "tcvn3"), _score(text, "vni")
    if max(tcvn3, vni) <= 0 or tcvn3 == vni:
        return None
    return "tcvn3" if tcvn3 > vni else "vni"


# --- the words the project knows --------------------------------------------------------------

# Where the domain's Vietnamese is written: indicator names and synonyms, header and row words,
# units, periods, budgets, province names and aliases, and the rules' messages to the clerk.
_VOCABULARY = (
    "indicators.yaml",
    "layout.yaml",
    "units.yaml",
    "periods.yaml",
    "budgets.yaml",
    "province_aliases.yaml",
    "rules.yaml",
)


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)


@cache
def _known_words() -> frozenset[tuple[str, str]]:
    """Every accented word of ``schemas/``, as ``syllable_key`` (tone placement aside)."""
    texts = [text for name in _VOCABULARY for text in _strings(schemas.read_yaml(name))]
    texts += [row["name_vi"] for row in schemas.read_csv("provinces.csv")]
    return frozenset(
        syllable_key(word)
        for text in texts
        for word in _WORD.findall(unicodedata.normalize("NFC", text))
        if not word.isascii()
    )


def _known(text: str) -> int:
    """How many accented words of ``text`` the project's own vocabulary writes the same way."""
    known = _known_words()
    return sum(syllable_key(word) in known for word in _WORD.findall(text) if not word.isascii())


# --- deciding a cell ---------------------------------------------------------------------------


def _prior_fits(text: str, encoding: str) -> bool:
    """Whether the encoding that a cell's legacy font or its sheet implies may decode it.

    Decoding must not break more words than it makes. A short cell is mostly abbreviations
    and units ("ÑVT", "tr®"), syllables in neither reading: there only a word that already
    reads as Vietnamese ("Tây Ninh") or a stray VNI mark ("café") speaks against the font.
    When both readings are good Vietnamese ("Ghi chó" is TCVN3 for Ghi chú; "Kinh phí" typed
    in Unicode into a ``.VnTime`` template would be Kinh phớ), the cell is decoded only when
    the decoding holds more of the project's words: genuine Unicode is never changed.
    """
    short = len(text.split()) <= SHORT_CELL_WORDS
    if _score(text, encoding, prior=True) < 0 and not (
        short and _score(text, encoding, lenient=True) >= 0
    ):
        return False
    if not reads_as_unicode(text):
        return True
    return _known(_DECODERS[encoding](text)) > _known(text)


_OTHER_ENCODING = {"tcvn3": "vni", "vni": "tcvn3"}


def _other_fits_better(text: str, font: str) -> bool:
    """Whether text in a legacy font was typed in the other encoding though both read: VNI
    "Coâng" typed into a ``.VnTime`` cell is Công, and TCVN3 "Coõng" is spelled like "xoong".
    Both readings make as many syllables; the other makes more of the project's words. (Where
    the other reading makes more syllables, the font still decides: "tr.ñ" in ``VNI-Times`` is
    "tr.đ", an abbreviation, not TCVN3 "tr.ủ".)"""
    other = _OTHER_ENCODING[font]
    theirs = _score(text, other)
    if theirs <= 0 or theirs != _score(text, font):
        return False
    return _known(_DECODERS[other](text)) > _known(_DECODERS[font](text))


def _encoding_of(text: str, font: str | None, sheet: str | None) -> str | None:
    """The encoding to decode a cell without Unicode from, or None to keep it as it is.

    Its legacy font decides, unless the content contradicts it or reads as well and better
    known in the other encoding (VNI typed into a ``.VnTime`` cell); without one, the
    content; when the content says nothing, or the cell is a short one that is no good
    Vietnamese as it stands ("tr.ñ", "lôùp" read either way), the encoding its sheet is typed
    in, as the font would have. A longer cell keeps its own detection: a sheet may hold text
    pasted in both encodings.
    """
    if font is not None:
        if _other_fits_better(text, font):
            return _OTHER_ENCODING[font]
        return font if _prior_fits(text, font) else _detect(text)
    own = _detect(text) if _LEGACY_CHAR.search(text) else None
    if sheet is None or own == sheet:
        return own
    weak = own is None or (len(text.split()) <= SHORT_CELL_WORDS and not reads_as_unicode(text))
    return sheet if weak and _prior_fits(text, sheet) else own


def _caps(word: str) -> tuple[int, int]:
    """(certain capitals, certain small letters) of a TCVN3 word; toned letters count as neither."""
    upper = sum((ch.isascii() and ch.isupper()) or ch in _TCVN3_CAPITALS for ch in word)
    lower = sum(ch.isascii() and ch.islower() for ch in word)
    return upper, lower


def _decode_tcvn3_cased(text: str) -> str:
    """TCVN3 decode that restores capitals lost to the lower-case toned bytes.

    A word with at least two certain capitals and no certain small letter (``B¸O`` -> BÁO) is
    upper-cased; so is the whole cell when it has such a word and no small letter at all
    (``HÖ THèNG`` -> HỆ THỐNG). One capital is not enough: ``Lª``, ``Hµ`` are Lê, Hà.
    """
    counts = [_caps(word) for word in _WORD.findall(text)]
    if not any(upper >= 2 and lower == 0 for upper, lower in counts):
        return _decode_tcvn3(text)
    if all(lower == 0 for _, lower in counts):
        return _decode_tcvn3(text).upper()

    def word(match: re.Match[str]) -> str:
        upper, lower = _caps(match.group())
        decoded = _decode_tcvn3(match.group())
        return decoded.upper() if upper >= 2 and lower == 0 else decoded

    return _WORD.sub(word, text)


def _font_hint(font_name: str | None) -> tuple[str | None, bool]:
    """(encoding, all capitals) that a cell font implies: ``.Vn*`` TCVN3, ``.Vn*H`` capitals."""
    name = (font_name or "").strip()
    if name.lower().startswith(".vn"):
        return "tcvn3", name.endswith("H")
    if name.lower().startswith("vni-"):
        return "vni", False
    return None, False


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _decoded(text: str, encoding: str | None, capitals: bool) -> Repair:
    if encoding == "vni":
        repaired = _decode_vni(text)
    elif encoding == "tcvn3":
        repaired = _decode_tcvn3(text).upper() if capitals else _decode_tcvn3_cased(text)
    else:
        return Repair(text, None)  # at most Windows-1252 characters: already NFC
    repaired = unicodedata.normalize("NFC", repaired)
    return Repair(repaired, encoding if repaired != text else None)


def _unicode_word(word: str) -> bool:
    """A word of a cell holding Unicode that is Unicode itself: it holds a character no legacy
    cell can hold ("Kỳ"), or it is Vietnamese as it stands and in no legacy reading ("tính",
    "báo": TCVN3 would make them tớnh, bỏo)."""
    if _UNICODE_ONLY.search(word):
        return True
    return (
        not word.isascii()
        and _is_syllable(word)
        and not any(
            decoded != word and _is_syllable(decoded)
            for decoded in (decode(word) for decode in _DECODERS.values())
        )
    )


def _repair_runs(text: str, prior: str | None) -> Repair:
    """A cell holding Unicode, each run of text between its Unicode words repaired on its own.

    A template's Unicode label joined to legacy data ("Kỳ tính thuế: Th¸ng 8/2013"): a run is
    decoded when its own content says so, or when the legacy font or sheet (``prior``) may
    decode it; a run that reads as Vietnamese either way ("chó") is kept unless the project's
    words prefer its decoding. The font counts only as a sheet would: the cell is not all in
    it, so a run's own content speaks first.
    """
    if prior is None and reads_as_unicode(text):
        return Repair(text, None)  # no run can hold a word that only decoding makes Vietnamese
    parts, start = [], 0
    for match in _WORD.finditer(text):
        if _unicode_word(match.group()):
            parts += [text[start : match.start()], match.group()]
            start = match.end()
    parts.append(text[start:])
    encodings = []
    for at in range(0, len(parts), 2):  # even parts are the runs between Unicode words
        run = parts[at]
        if not _LEGACY_CHAR.search(run) or (prior is None and reads_as_unicode(run)):
            continue
        repair = _decoded(run, _encoding_of(run, None, prior), capitals=False)
        if repair.encoding is not None:
            parts[at] = repair.text
            encodings.append(repair.encoding)
    if not encodings:
        return Repair(text, None)
    return Repair(_nfc("".join(parts)), encodings[0])


@lru_cache(maxsize=1 << 16)  # headers and labels repeat across every workbook of a run
def repair_text(
    text: str, font_name: str | None = None, sheet_encoding: str | None = None
) -> Repair:
    """Decode ``text`` from TCVN3 or VNI when its font, its content or its sheet says so.

    ``font_name`` is the cell's font (openpyxl ``cell.font.name``) when known. A legacy font
    decides, unless the content clearly contradicts it (decoding would break more words than it
    makes); without one, content decides and ties leave the text alone. ``sheet_encoding`` is
    the encoding most of the cell's sheet is typed in, when known: it settles the cells whose
    content cannot (see ``_encoding_of``). Genuine Unicode is never decoded: text with a
    character no legacy cell can hold keeps its Unicode words, and only the runs between them
    may be repaired.
    """
    font, capitals = _font_hint(font_name)
    if text.isascii():  # nothing to decode; a `.Vn…H` font still showed it in capitals
        shown = text.upper() if capitals else text
        return Repair(shown, "tcvn3" if shown != text else None)
    if _UNICODE_ONLY.search(text):
        return _repair_runs(_nfc(text), font or sheet_encoding)
    return _decoded(text, _encoding_of(text, font, sheet_encoding), capitals)


def encode_tcvn3(text: str) -> str:
    """Unicode -> TCVN3 as Windows-1252 characters; toned capitals take the lower-case byte."""
    return unicodedata.normalize("NFC", text).translate(_TCVN3_ENCODE)


def encode_vni(text: str) -> str:
    """Unicode -> VNI-Windows as Windows-1252 characters (lossless)."""
    return unicodedata.normalize("NFC", text).translate(_VNI_ENCODE)


def legacy_readings(text: str) -> tuple[str, ...]:
    """The text decoded as TCVN3 and as VNI, without judging which is right.

    For cells whose words come from a small vocabulary (a unit such as ``tr®`` = ``trđ``), the
    caller checks each reading against that vocabulary; scoring syllables cannot, since an
    abbreviation is not a syllable.
    """
    return tuple(
        unicodedata.normalize("NFC", decode(text)) for decode in (_decode_tcvn3, _decode_vni)
    )


def reads_as_unicode(text: str) -> bool:
    """True when every word with a letter beyond ASCII is a well-formed Vietnamese syllable.

    "Kinh phí" reads as Unicode (its "í" is also a TCVN3 code, for "ớ"); "lôùp", "ÑVT" and
    "tr.ñ" do not. Used to decide whether a short cell may follow its sheet's legacy font.
    """
    return all(_is_syllable(word) for word in _WORD.findall(text) if not word.isascii())
