"""row-not-read: a row with a figure of the period that names no indicator.

Every number of a read table ends as a fact, a checked total, a part of a fact, a row the
schemas know is no indicator, a figure of another period, a finding, or this warning (or
``cell-not-read``): ``transforms.reading.accounting`` says which, this check says it to the clerk.
"""

from __future__ import annotations

from transforms.model import Finding, finding
from transforms.reading.accounting import TableAccount
from transforms.rules import RuleCode

RULE = RuleCode.ROW_NOT_READ


def check(account: TableAccount) -> list[Finding]:
    return [
        finding(RULE, sheet=account.sheet, cell=cell.cell, value=cell.value, label=cell.label)
        for cell in account.not_read(RULE)
    ]
