"""Findings as the rows a person reads: severity and messages from ``schemas/rules.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from string import Formatter

import schemas
from transforms.model import Finding
from transforms.rules import RuleCode

# placeholders every finding fills from its own fields rather than from its params
LOCATION_FIELDS = frozenset({"cell", "sheet", "value"})


@dataclass(frozen=True)
class Rule:
    code: RuleCode
    severity: str  # "error" | "warning"
    vi: str
    en: str

    @property
    def placeholders(self) -> frozenset[str]:
        """The names the two message templates ask for ("{cell}", "{total}" ...)."""
        return frozenset(
            name
            for template in (self.vi, self.en)
            for _, name, _, _ in Formatter().parse(template)
            if name
        )


@cache
def rules() -> dict[str, Rule]:
    return {
        code: Rule(RuleCode(code), spec["severity"], spec["vi"], spec["en"])
        for code, spec in schemas.read_yaml("rules.yaml").items()
    }


class _Lenient(dict[str, str]):
    """A message with a "?" is still worth sending to a province; tests use ``strict``."""

    def __missing__(self, key: str) -> str:
        return "?"


def _fill(template: str, values: dict[str, str], strict: bool) -> str:
    # str.format_map: what Formatter().vformat does, in C (a run's many findings: 1.5 s of 5,000
    # files' publishing went to the Python one)
    return template.format_map(values if strict else _Lenient(values))


def severity(item: Finding) -> str:
    return rules()[item.rule].severity


def is_error(item: Finding) -> bool:
    return severity(item) == "error"


def messages(item: Finding, *, strict: bool = False) -> tuple[str, str]:
    """The Vietnamese and English message of a finding, placeholders filled.

    ``strict`` raises ``KeyError`` for a placeholder the finding does not supply, where a run
    would print "?".
    """
    rule = rules()[item.rule]
    values = {name: getattr(item, name) or "" for name in LOCATION_FIELDS} | dict(item.params)
    return _fill(rule.vi, values, strict), _fill(rule.en, values, strict)
