"""The cells a clerk sees, in Unicode: hidden rows and columns emptied, legacy text repaired.

The first stage of reading: every later stage reads the sheets this one gives.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from transforms.legacy_text import Repair, repair_text
from transforms.model import Finding, Sheet, cell_address, column_letter, finding
from transforms.rules import RuleCode

DOMINANT_SHARE = 0.8


DOMINANT_MINIMUM = 3


def _dominant_encoding(repairs: dict[tuple[int, int], Repair]) -> str | None:
    """The legacy encoding of a sheet typed in one font: most of its repaired cells agree.

    Returns None unless one encoding dominates (a sheet may mix text pasted from documents in
    both encodings).
    """
    encodings = [r.encoding for r in repairs.values() if r.encoding]
    if not encodings:
        return None  # most sheets: nothing decoded, no count to make
    counts = Counter(encodings)
    encoding, hits = counts.most_common(1)[0]
    share = hits / sum(counts.values())
    return encoding if hits >= DOMINANT_MINIMUM and share >= DOMINANT_SHARE else None


def repair_sheet(sheet: Sheet) -> tuple[Sheet, list[Finding]]:
    """The sheet with legacy TCVN3/VNI text turned into Unicode, and one finding saying so.

    Each cell is repaired by its own font and content first. A cell without a legacy font that
    did not come out in the encoding most of the sheet is typed in is then repaired again with
    that encoding as a hint: short cells ("tr.ñ", "Ghi chó", "Sè") that read either way, or as
    Vietnamese either way, are settled by their sheet as the font would have settled them.
    """
    fonts = {(r, c): name for r, c, name in sheet.fonts}
    # an ASCII cell without a font (most cells) has nothing to decode, whatever its sheet's
    # encoding: ``repair_text`` would keep it as it is
    texts = {
        (r, c): value
        for r, row in enumerate(sheet.rows)
        for c, value in enumerate(row)
        if isinstance(value, str) and value and (not value.isascii() or (r, c) in fonts)
    }
    repairs = {pos: repair_text(text, fonts.get(pos)) for pos, text in texts.items()}
    dominant = _dominant_encoding(repairs)
    if dominant is not None:
        for pos, repair in repairs.items():
            if repair.encoding != dominant and pos not in fonts:  # a legacy font has spoken
                repairs[pos] = repair_text(texts[pos], None, dominant)
    # the repaired cells in sheet order (sorted after the few are picked out, not before)
    changed = dict(sorted((pos, rep) for pos, rep in repairs.items() if rep.encoding is not None))
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
    if not rows_hidden and not cols_hidden:
        return sheet, []  # most sheets: no cell needs a look
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
