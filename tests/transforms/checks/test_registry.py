"""The checks' registry: one module per rule code, each registered once, at its level."""

from __future__ import annotations

import importlib
import pkgutil

import transforms.checks
from transforms.checks.registry import ACCOUNT_CHECKS, TABLE_CHECKS, WORKBOOK_CHECKS
from transforms.rules import RuleCode

NOT_CHECKS = {"context", "registry", "suite"}  # what the checks share, and the suite's rules


def _check_modules() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.iter_modules(transforms.checks.__path__)
        if info.name not in NOT_CHECKS
    )


def test_each_check_module_is_named_for_its_rule() -> None:
    for name in _check_modules():
        module = importlib.import_module(f"transforms.checks.{name}")
        assert RuleCode(name.replace("_", "-")) == module.RULE, name


def test_every_check_module_is_registered_once() -> None:
    registered = [check.__module__ for check in (*TABLE_CHECKS, *ACCOUNT_CHECKS, *WORKBOOK_CHECKS)]
    assert sorted(registered) == [f"transforms.checks.{name}" for name in _check_modules()]
    assert "transforms.checks.total_mismatch" in registered  # the package was found at all
