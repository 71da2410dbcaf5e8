"""What a corrected resubmission changes, said in words.

A province that sends its report for a period again replaces the earlier figures (both are
kept; the marts use the latest). The finding tells the coordinator and the province exactly
which figures changed, so a correction is never silent.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from transforms.model import Fact, Finding, finding
from transforms.numbers import format_plain

ReportKey = tuple[str, str]  # (province_code, period)


def report_values(facts: list[Fact] | tuple[Fact, ...]) -> dict[ReportKey, dict[str, Decimal]]:
    """Each report's value per indicator (flows of several rows added up)."""
    values: dict[ReportKey, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for fact in (f for f in facts if f.basis == "actual"):
        key = (fact.identity.province_code, fact.identity.period.label)
        values[key][fact.indicator] += fact.value
    return values


def revision_findings(
    facts: list[Fact] | tuple[Fact, ...], previous: dict[ReportKey, dict[str, Decimal]]
) -> list[Finding]:
    """One warning per report that replaces an earlier version, listing what changed."""
    findings = []
    for (province, period), values in sorted(report_values(facts).items()):
        before = previous.get((province, period))
        if before is None:
            continue
        changes = [
            f"{indicator}: {format_plain(before.get(indicator))} -> "
            f"{format_plain(values.get(indicator))}"
            for indicator in sorted(set(values) | set(before))
            if indicator in values and before.get(indicator) != values.get(indicator)
        ]
        findings.append(
            finding(
                "resubmission",
                province=province,
                period=period,
                changes="; ".join(changes) or "không thay đổi số liệu nào / no figure changed",
            )
        )
    return findings
