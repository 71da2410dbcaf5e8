"""funding-split-mismatch: a total that is not the sum of its parts, by the catalogue's
``parts`` (``extension_funding`` is KCQG + KCĐP).

A "Tổng" that also counts counterpart money (đối ứng), or simply does not add up, cannot be
loaded as that figure.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from functools import cache

from transforms.indicators import Indicator, catalogue
from transforms.model import Fact, Finding, ReportIdentity, finding
from transforms.numbers import differs, format_plain
from transforms.reading.readings import WorkbookFacts
from transforms.rules import RuleCode

RULE = RuleCode.FUNDING_SPLIT_MISMATCH


@cache
def _wholes() -> tuple[Indicator, ...]:
    """The catalogue's indicators made of parts, found once: every table is checked."""
    return tuple(i for i in catalogue().values() if i.parts)


def check(workbook: WorkbookFacts) -> list[Finding]:
    findings = []
    for whole in _wholes():
        national, local = whole.parts  # the message names the two: KCQG and KCĐP
        codes = (whole.code, national, local)
        split = [f for f in workbook.facts if f.basis == "actual" and f.indicator in codes]
        if not {f.indicator for f in split}.issuperset(codes):
            continue  # no report gives the whole and both parts: nothing to add up per report
        sums: dict[ReportIdentity, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        first_total: dict[ReportIdentity, Fact] = {}
        for fact in split:
            sums[fact.identity][fact.indicator] += fact.value
            if fact.indicator == whole.code:
                first_total.setdefault(fact.identity, fact)
        for identity, amounts in sums.items():
            if not all(code in amounts for code in codes):
                continue
            if differs(amounts[whole.code], amounts[national] + amounts[local]):
                total = first_total[identity]
                findings.append(
                    finding(
                        RULE,
                        sheet=total.sheet,
                        cell=total.cell,
                        value=total.raw_value,
                        total=format_plain(amounts[whole.code]),
                        national=format_plain(amounts[national]),
                        local=format_plain(amounts[local]),
                    )
                )
    return findings
