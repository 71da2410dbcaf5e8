"""Findings as the rows a person reads: severity and messages from ``schemas/rules.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from string import Formatter

import schemas
from transforms.model import Finding


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str  # "error" | "warning"
    vi: str
    en: str


@cache
def rules() -> dict[str, Rule]:
    return {
        code: Rule(code, spec["severity"], spec["vi"], spec["en"])
        for code, spec in schemas.read_yaml("rules.yaml").items()
    }


class _Lenient(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


def _fill(template: str, values: dict[str, str]) -> str:
    return Formatter().vformat(template, (), _Lenient(values))


def severity(item: Finding) -> str:
    return rules()[item.rule].severity


def is_error(item: Finding) -> bool:
    return severity(item) == "error"


def messages(item: Finding) -> tuple[str, str]:
    """The Vietnamese and English message of a finding, placeholders filled."""
    rule = rules()[item.rule]
    values = {"cell": item.cell or "", "sheet": item.sheet or "", "value": item.value or ""} | dict(
        item.params
    )
    return _fill(rule.vi, values), _fill(rule.en, values)
