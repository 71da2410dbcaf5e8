"""project-list-mismatch: the projects listed on one sheet do not add up to the summary on
another, in funding or in number (the catalogue's ``project_list_count`` indicator)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from transforms.model import Finding, ReportIdentity, finding
from transforms.numbers import differs, format_plain
from transforms.reading.readings import WorkbookFacts
from transforms.rules import RuleCode

RULE = RuleCode.PROJECT_LIST_MISMATCH


def check(workbook: WorkbookFacts) -> list[Finding]:
    if not workbook.project_list:
        return []  # most workbooks: no list to compare, and no summary to add up for one
    findings = []
    listed: dict[ReportIdentity, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for fact in workbook.project_list:
        listed[fact.identity][fact.indicator] += fact.value
    summary: dict[ReportIdentity, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for fact in workbook.facts:
        if fact.basis == "actual":
            summary[fact.identity][fact.indicator] += fact.value
    for identity, amounts in listed.items():
        stated = summary.get(identity, {})
        checks = [(code, amounts[code], stated[code]) for code in amounts if code in stated]
        for indicator, in_list, in_summary in checks:
            if differs(in_summary, in_list):
                sheet = next(f.sheet for f in workbook.project_list if f.identity == identity)
                findings.append(
                    finding(
                        RULE,
                        sheet=sheet,
                        indicator=indicator,
                        listed=format_plain(in_list),
                        summary=format_plain(in_summary),
                    )
                )
    return findings
