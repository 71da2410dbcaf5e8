"""The reader's layers: the stages of ``transforms.reading`` know nothing of the checks.

Checks read what the stages give (``transforms.reading.readings``); only the runner,
``transforms.reading.workbook``, runs the checks. A stage importing a check would make the
two one tangle again.
"""

from __future__ import annotations

import ast
from pathlib import Path

READING = Path(__file__).resolve().parents[2] / "transforms" / "reading"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module is not None
    }


def test_no_stage_imports_a_check() -> None:
    for path in sorted(READING.rglob("*.py")):
        if path.name == "workbook.py" and path.parent == READING:
            continue
        checks = {name for name in _imports(path) if name.startswith("transforms.checks")}
        assert not checks, f"{path.relative_to(READING.parent.parent)} imports {checks}"


def test_the_stages_never_import_the_runner() -> None:
    for path in sorted(READING.rglob("*.py")):
        assert "transforms.reading.workbook" not in _imports(path), path
