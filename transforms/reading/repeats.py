"""One figure per report and indicator, whichever sheet or table it comes from.

Within a table, rows of the same flow add up (several activity rows of one kind). The same
indicator of the same report in two tables (on two sheets, or a summary and its detail on one
sheet) is a repeat: it is kept once, since adding both would count the figure twice; whether
the repeats agree is ``transforms.checks.duplicate_indicator``'s to say.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from transforms.indicators import catalogue, match_label
from transforms.model import Fact, ReportIdentity


@dataclass(frozen=True)
class Repeat:
    """Every fact of one report and indicator (and basis), by table, in reading order."""

    indicator: str
    tables: tuple[tuple[Fact, ...], ...]

    @property
    def is_one_row(self) -> bool:
        """A stock, or production value, is one number per report: two rows naming it in a
        table never add up (``one_row`` in the catalogue). Rows that name no indicator
        themselves (a column "Làng có nghề" over one row per district) are places or items
        of the report: theirs add up, as stocks do over places."""
        return catalogue()[self.indicator].one_row and any(
            _names_an_indicator(fact.row_label) for fact in self.tables[0]
        )

    @property
    def kept(self) -> tuple[Fact, ...]:
        first = self.tables[0]
        return first[:1] if self.is_one_row else first


def _names_an_indicator(label: str | None) -> bool:
    return label is not None and bool(match_label(label).candidates)


def group_repeats(facts: list[Fact]) -> tuple[Repeat, ...]:
    """The facts by report, indicator and basis, then by the sheet and table they come from."""
    by_key: dict[tuple[ReportIdentity, str, str], dict[tuple[str, int], list[Fact]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for fact in facts:
        by_key[(fact.identity, fact.indicator, fact.basis)][(fact.sheet, fact.table)].append(fact)
    return tuple(
        Repeat(indicator, tuple(tuple(group) for group in by_table.values()))
        for (_, indicator, _), by_table in by_key.items()
    )


def kept_facts(repeats: tuple[Repeat, ...]) -> list[Fact]:
    return [fact for repeat in repeats for fact in repeat.kept]
