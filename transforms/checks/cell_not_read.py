"""cell-not-read: a number of a read table that nothing the reader did accounts for, in a row
that is no indicator's own: a column naming no indicator beside the years of a range or the
provinces of a compilation, a part ("- Trong đó", a bullet) with no row above it to be a part of.

``transforms.reading.accounting`` finds them; this check names each cell, its row, its column
and its figure, so that no number leaves the file without a word.
"""

from __future__ import annotations

from transforms.model import Finding, finding
from transforms.reading.accounting import TableAccount
from transforms.rules import RuleCode

RULE = RuleCode.CELL_NOT_READ


def check(account: TableAccount) -> list[Finding]:
    return [
        finding(
            RULE,
            sheet=account.sheet,
            cell=cell.cell,
            value=cell.value,
            label=cell.label,
            column=cell.column,
        )
        for cell in account.not_read(RULE)
    ]
