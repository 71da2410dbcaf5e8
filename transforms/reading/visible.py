"""The cells a clerk sees, in Unicode: hidden rows and columns emptied, legacy text repaired.

The first stage of reading: every later stage reads the sheets this one gives.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import lru_cache

from transforms.legacy_text import (
    SHORT_CELL_WORDS,
    Repair,
    legacy_readings,
    reads_as_unicode,
    repair_text,
)
from transforms.model import Finding, Sheet, cell_address, column_letter, finding
from transforms.rules import RuleCode

DOMINANT_SHARE = 0.8


DOMINANT_MINIMUM = 3


def _dominant_encoding(repairs: dict[tuple[int, int], Repair]) -> str | None:
    """The legacy encoding of a sheet typed in one font: most of its repaired cells agree.

    Short cells ("tr.ñ", "lôùp") can read as either encoding; the sheet's other cells settle
    them, as the font would have. Longer cells keep their own detection (a sheet may mix text
    pasted from documents in both encodings). Returns None unless one encoding dominates.
    """
    counts = Counter(r.encoding for r in repairs.values() if r.encoding)
    if not counts:
        return None
    encoding, hits = counts.most_common(1)[0]
    share = hits / sum(counts.values())
    return encoding if hits >= DOMINANT_MINIMUM and share >= DOMINANT_SHARE else None


# remembered: the same labels, units and names recur on every row of a long list and in every
# report of a run, and scoring a text's syllables is the cost of repairing it
_repair = lru_cache(maxsize=1 << 14)(repair_text)


def repair_sheet(sheet: Sheet) -> tuple[Sheet, list[Finding]]:
    """The sheet with legacy TCVN3/VNI text turned into Unicode, and one finding saying so."""
    # A legacy font decides a cell, unless its text already reads as good Vietnamese ("Kinh
    # phí" typed in Unicode into a .VnTime template cell would be corrupted by decoding).
    fonts = {
        (r, c): name
        for r, c, name in sheet.fonts
        if not reads_as_unicode(str(sheet.value(r, c) or ""))
    }
    repairs = {
        (r, c): _repair(value, fonts.get((r, c)))
        for r, row in enumerate(sheet.rows)
        for c, value in enumerate(row)
        if isinstance(value, str) and value
    }
    dominant = _dominant_encoding(repairs)
    if dominant is not None:
        for (r, c), repair in repairs.items():
            if (r, c) in fonts:
                continue  # the cell's own font has spoken
            value = sheet.rows[r][c]
            if not isinstance(value, str):
                continue  # never: only text cells are in ``repairs``
            short = len(value.split()) <= SHORT_CELL_WORDS
            legacy_looking = short and not value.isascii() and not reads_as_unicode(value)
            if repair.encoding != dominant and legacy_looking:
                # what the sheet's font would show: short cells are abbreviations and units
                # ("ÑVT", "tr.ñ") that syllable scoring cannot judge
                decoded = dict(zip(("tcvn3", "vni"), legacy_readings(value), strict=True))[dominant]
                repairs[(r, c)] = Repair(decoded, dominant if decoded != value else None)
    changed = {pos: rep for pos, rep in sorted(repairs.items()) if rep.encoding is not None}
    if not changed:
        return sheet, []
    rows = [list(row) for row in sheet.rows]
    for (r, c), repair in changed.items():
        rows[r][c] = repair.text
    (r, c), first = next(iter(changed.items()))
    note = finding(
        RuleCode.LEGACY_ENCODING_REPAIRED,
        sheet=sheet.name,
        cell=cell_address(r, c),
        encoding=(dominant or first.encoding or "").upper(),
        count=len(changed),
        repaired=first.text,
    )
    return replace(sheet, rows=tuple(tuple(row) for row in rows)), [note]


def without_hidden(sheet: Sheet) -> tuple[Sheet, list[Finding]]:
    """The sheet as the clerk sees it: hidden rows and columns emptied, and a warning naming
    them when they held anything (last year's row kept out of sight is not this report)."""
    rows_hidden, cols_hidden = set(sheet.hidden_rows), set(sheet.hidden_cols)
    held = [
        (r, c)
        for r, row in enumerate(sheet.rows)
        for c, value in enumerate(row)
        if value not in (None, "") and (r in rows_hidden or c in cols_hidden)
    ]
    if not held:
        return sheet, []
    rows = tuple(
        tuple(
            None if r in rows_hidden or c in cols_hidden else value for c, value in enumerate(row)
        )
        for r, row in enumerate(sheet.rows)
    )
    note = finding(
        RuleCode.HIDDEN_CELLS_IGNORED,
        sheet=sheet.name,
        cell=cell_address(*held[0]),
        rows=", ".join(str(r + 1) for r in sorted(rows_hidden)) or "-",
        columns=", ".join(column_letter(c) for c in sorted(cols_hidden)) or "-",
    )
    return replace(sheet, rows=rows), [note]
