"""What a second submission of a report changes, said in words.

A province that sends its report for a period again replaces the earlier figures (both are
kept; the marts use the latest). A compilation (a regional office's table of its provinces)
and a province's own report of the same period never replace each other that way: the own
report counts, whichever arrived first (``int_report_versions_as_of`` holds the same rule), and
where the two differ the file that arrives second says so, naming both files and both values.
So a correction is never silent, and the figures never depend on the order files arrive in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from transforms.decide import SubmissionReading
from transforms.findings import is_error
from transforms.model import Fact, Finding, finding
from transforms.numbers import format_plain
from transforms.rules import RuleCode

ReportKey = tuple[str, str]  # (province_code, period)


@dataclass(frozen=True)
class Reported:
    """An indicator of a report as it counts: its value, the file it came from, and whether
    that file is a compilation of several provinces."""

    value: Decimal
    file_name: str
    compilation: bool


LiveReports = dict[ReportKey, dict[str, Reported]]


def is_compilation(facts: Iterable[Fact]) -> bool:
    """A submission whose facts name several provinces compiles other offices' reports; a
    province's own report names one (the warehouse tells them apart the same way)."""
    return len({fact.identity.province_code for fact in facts}) > 1


def report_values(facts: Iterable[Fact]) -> dict[ReportKey, dict[str, Decimal]]:
    """Each report's value per indicator (flows of several rows added up)."""
    values: dict[ReportKey, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for fact in (f for f in facts if f.basis == "actual"):
        key = (fact.identity.province_code, fact.identity.period.label)
        values[key][fact.indicator] += fact.value
    return values


def comparison_findings(
    readings: list[SubmissionReading],
    suite_findings: Mapping[str, list[Finding]],
    live: LiveReports,
) -> dict[str, list[Finding]]:
    """The findings of each submission of a run (by sha256) against the reports before it.

    A resubmission is told against the live version of the same kind (own report or
    compilation) in the warehouse; a compilation is compared with the province's own report,
    and an own report with the compilation, both in the warehouse and earlier in the run (in
    the order received), so the finding is there whichever file came first. A submission with
    an error counts for nothing and is compared with, never compared against.
    """
    held = {key: dict(values) for key, values in live.items()}
    found: dict[str, list[Finding]] = {}
    for reading in sorted(readings, key=lambda r: (r.lineage.received_at, r.lineage.file_name)):
        sha, file_name = reading.lineage.sha256, reading.lineage.file_name
        compilation = is_compilation(reading.facts)
        errors = any(is_error(f) for f in (*reading.findings, *suite_findings.get(sha, ())))
        for key, values in sorted(report_values(reading.facts).items()):
            earlier = {i: r for i, r in live.get(key, {}).items() if r.compilation == compilation}
            if earlier:
                found.setdefault(sha, []).append(_resubmission(key, values, earlier))
            for indicator, value in sorted(values.items()):
                now = Reported(value, file_name, compilation)
                before = held.get(key, {}).get(indicator)
                crossed = before is not None and before.compilation != compilation
                if crossed and before is not None and before.value != value:
                    found.setdefault(sha, []).append(_mismatch(key, indicator, before, now))
                if not errors and (before is None or before.compilation or not compilation):
                    held.setdefault(key, {})[indicator] = now  # an own report beats a compilation
    return found


def _resubmission(
    key: ReportKey, values: dict[str, Decimal], before: dict[str, Reported]
) -> Finding:
    """A warning listing what a report's new version changes of the live one."""
    changes = [
        f"{indicator}: {format_plain(before[indicator].value)} -> {format_plain(values[indicator])}"
        for indicator in sorted(set(values) & set(before))
        if before[indicator].value != values[indicator]
    ]
    province, period = key
    return finding(
        RuleCode.RESUBMISSION,
        province=province,
        period=period,
        changes="; ".join(changes) or "không thay đổi số liệu nào / no figure changed",
    )


def _mismatch(key: ReportKey, indicator: str, first: Reported, second: Reported) -> Finding:
    """A warning naming the compilation's and the own report's file and value."""
    compilation, own = (first, second) if first.compilation else (second, first)
    province, period = key
    return finding(
        RuleCode.COMPILATION_MISMATCH,
        value=format_plain(second.value),
        province=province,
        period=period,
        indicator=indicator,
        compilation_file=compilation.file_name,
        compilation_value=format_plain(compilation.value),
        own_file=own.file_name,
        own_value=format_plain(own.value),
    )
