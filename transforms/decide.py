"""Decide what becomes of each file of a run: loaded, quarantined or duplicate.

A submission is loaded whole or not at all: one error finding, from the reader or from the
expectation suite, quarantines all of it. The same content sent twice (under another name, or
in the same run) is read once; the other copies are duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from transforms.contracts import Lineage, SheetTally
from transforms.findings import is_error, messages
from transforms.model import Fact, Finding, finding


@dataclass(frozen=True)
class SubmissionReading:
    """What the reader made of one file."""

    lineage: Lineage
    size_bytes: int
    facts: tuple[Fact, ...] = ()
    findings: tuple[Finding, ...] = ()
    sheets: tuple[SheetTally, ...] = ()


@dataclass(frozen=True)
class Decision:
    reading: SubmissionReading
    status: str  # "loaded" | "quarantined" | "duplicate"
    reason: str | None
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def province_code(self) -> str | None:
        """The one province the submission reports on, or None (several, or none read)."""
        codes = {code for code, _ in self.reports}
        return codes.pop() if len(codes) == 1 else None

    @property
    def period(self) -> str | None:
        """The one period the submission reports on, or None (several, or none read)."""
        periods = {period for _, period in self.reports}
        return periods.pop() if len(periods) == 1 else None

    @cached_property
    def reports(self) -> tuple[tuple[str, str], ...]:
        """The (province_code, period) reports this submission holds (asked three times a
        file as the registry is written: a walk of its facts, once)."""
        return tuple(
            sorted(
                {(f.identity.province_code, f.identity.period.label) for f in self.reading.facts}
            )
        )


@dataclass(frozen=True)
class FileOutcome:
    """A file's decision as the run's report tells it, once the file is published: without its
    reading, which a backfill would otherwise hold for every year it re-reads, and a nightly
    through the warehouse's build."""

    lineage: Lineage
    status: str
    reason: str | None
    facts: int
    findings: int
    years: frozenset[int]  # of its facts

    @classmethod
    def of(cls, decision: Decision) -> FileOutcome:
        facts = decision.reading.facts
        return cls(
            decision.reading.lineage,
            decision.status,
            decision.reason,
            len(facts),
            len(decision.findings),
            frozenset(fact.identity.period.year for fact in facts),
        )


def _reason(errors: list[Finding]) -> str:
    """The first error in words, where it is, and how many more there are."""
    first = errors[0]
    where = "!".join(part for part in (first.sheet, first.cell) if part)
    located = f" [{where}]" if where else ""
    more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{first.rule}: {messages(first)[1]}{located}{more}"


def decide(
    readings: list[SubmissionReading],
    suite_findings: dict[str, list[Finding]],
    originals: dict[str, str],
) -> list[Decision]:
    """Status of every reading.

    ``originals`` maps the sha256 of every content already held to the file name it came as.
    """
    decisions = []
    seen = dict(originals)
    for reading in sorted(readings, key=lambda r: (r.lineage.received_at, r.lineage.file_name)):
        sha = reading.lineage.sha256
        if sha in seen and seen[sha] != reading.lineage.file_name:
            note = finding("duplicate-file", original=seen[sha])
            decisions.append(
                Decision(reading, "duplicate", f"same content as {seen[sha]}", (note,))
            )
            continue
        seen[sha] = reading.lineage.file_name
        findings = (*reading.findings, *suite_findings.get(sha, ()))
        errors = [f for f in findings if is_error(f)]
        if errors:
            decisions.append(Decision(reading, "quarantined", _reason(errors), findings))
        else:
            decisions.append(Decision(reading, "loaded", None, findings))
    return decisions
