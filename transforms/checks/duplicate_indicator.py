"""duplicate-indicator: the same indicator of one report given twice with different figures.

Adding both would count the figure twice and keeping either would be a guess (see
``transforms.reading.repeats``, which keeps the first).
"""

from __future__ import annotations

from transforms.model import Fact, Finding, finding
from transforms.reading.readings import WorkbookFacts
from transforms.rules import RuleCode

RULE = RuleCode.DUPLICATE_INDICATOR


def check(workbook: WorkbookFacts) -> list[Finding]:
    findings: list[Finding] = []
    for repeat in workbook.repeats:
        first = repeat.tables[0]
        if repeat.is_one_row and len(first) > 1 and len({f.value for f in first}) > 1:
            findings.append(_duplicate(repeat.indicator, first[0], first[1]))
        totals = {sum((f.value for f in group), start=0) for group in repeat.tables}
        if len(totals) > 1:
            findings.append(_duplicate(repeat.indicator, first[0], repeat.tables[1][0]))
    return findings


def _duplicate(indicator: str, first: Fact, other: Fact) -> Finding:
    return finding(
        RULE,
        sheet=other.sheet,
        cell=other.cell,
        value=other.raw_value,
        indicator=indicator,
        province=first.identity.province_name,
        period=first.identity.period.label,
        other_cell=f"{first.sheet}!{first.cell}",
    )
