"""Rule codes: one list in code and in ``schemas/rules.yaml``, and every message filled.

A message template's placeholder that the code raising the rule does not supply renders as
"?" in a province's rejection report; these tests read every place a rule is raised (the
``finding(...)`` calls of the source, the expectation suite's meta) and fail instead.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import schemas
from transforms.findings import messages, rules
from transforms.model import finding
from transforms.rules import RuleCode

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("transforms", "khuyencong", "flows")


def test_the_enum_and_the_schema_name_the_same_rules() -> None:
    assert {code.value for code in RuleCode} == set(schemas.read_yaml("rules.yaml"))


def test_a_code_no_schema_lists_fails_where_it_is_raised() -> None:
    with pytest.raises(ValueError, match="total-mismatches"):
        finding("total-mismatches")


def test_a_code_given_as_text_is_stored_as_plain_text() -> None:
    raised = finding(RuleCode.TOTAL_MISMATCH, cell="D9")
    assert raised.rule == "total-mismatch"
    assert type(raised.rule) is str  # the lake's parquet column holds plain strings


def _codes(node: ast.expr, names: dict[str, list[RuleCode]]) -> list[RuleCode] | None:
    """The rule codes a ``finding`` call's first argument can be; None when not literal.

    ``names``: the module's constants holding a code (a check's ``RULE = RuleCode.X``).
    """
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [RuleCode(node.value)]
    if isinstance(node, ast.Attribute) and ast.unparse(node.value) == "RuleCode":
        return [RuleCode[node.attr]]
    if isinstance(node, ast.Name):
        return names.get(node.id)
    if isinstance(node, ast.IfExp):
        body, orelse = _codes(node.body, names), _codes(node.orelse, names)
        return body + orelse if body is not None and orelse is not None else None
    return None


def _raised() -> Iterator[tuple[str, RuleCode, frozenset[str]]]:
    """(where, rule, the names it is given) for every ``finding(<literal code>, ...)`` call."""
    for package in SOURCES:
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            names = {
                target.id: [RuleCode[node.value.attr]]
                for node in tree.body
                if isinstance(node, ast.Assign) and isinstance(node.value, ast.Attribute)
                if ast.unparse(node.value.value) == "RuleCode"
                for target in node.targets
                if isinstance(target, ast.Name)
            }
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                name = node.func.id if isinstance(node.func, ast.Name) else None
                codes = _codes(node.args[0], names) if name == "finding" else None
                if codes is None or any(k.arg is None for k in node.keywords):
                    continue
                given = frozenset(k.arg for k in node.keywords if k.arg is not None)
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                yield from ((where, code, given) for code in codes)


def _suite_raised() -> Iterator[tuple[str, RuleCode, frozenset[str]]]:
    """The expectation suite's rules: each gives its cell, value and the meta's params."""
    for expectation in schemas.read_json("expectations/facts.json")["expectations"]:
        meta = expectation.get("meta", {})
        if "rule" in meta:
            given = frozenset({"sheet", "cell", "value", *meta.get("params", ["indicator"])})
            yield "schemas/expectations/facts.json", RuleCode(meta["rule"]), given


RAISED = [*_raised(), *_suite_raised()]


def test_rules_are_raised_in_the_source() -> None:
    assert len({code for _, code, _ in RAISED}) >= 35, RAISED


@pytest.mark.parametrize(("where", "code", "given"), RAISED, ids=[f"{w}-{c}" for w, c, _ in RAISED])
def test_every_placeholder_of_a_message_is_supplied_where_the_rule_is_raised(
    where: str, code: RuleCode, given: frozenset[str]
) -> None:
    missing = rules()[code].placeholders - given
    assert not missing, f"{where} raises {code} without {sorted(missing)}"


def test_strict_messages_name_the_missing_placeholder() -> None:
    with pytest.raises(KeyError, match="expected"):
        messages(finding(RuleCode.TOTAL_MISMATCH, cell="D9", value="10"), strict=True)
    lenient = messages(finding(RuleCode.TOTAL_MISMATCH, cell="D9", value="10"))
    assert "?" in lenient[1]
