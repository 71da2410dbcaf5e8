"""The compiled reader runs only while it is what its sources say (``transforms.compiled``)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from transforms.compiled import PACKAGE, PURE, FromSources, choose, is_current


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A package of two modules, as a build records them."""
    folder = tmp_path / "demo"
    (folder / "inner").mkdir(parents=True)
    (folder / "__init__.py").write_text("")
    (folder / "cells.py").write_text("WHERE = 'source'\n")
    (folder / "inner" / "rows.py").write_text("WHERE = 'source'\n")
    record = {
        name: hashlib.sha256((tmp_path / name).read_bytes()).hexdigest()
        for name in ["demo/cells.py", "demo/inner/rows.py"]
    }
    (folder / "compiled.json").write_text(json.dumps(record))
    return folder


@pytest.fixture(autouse=True)
def finders() -> Iterator[None]:
    before = list(sys.meta_path)
    yield
    sys.meta_path[:] = before


def test_the_build_of_unchanged_sources_is_used(package: Path) -> None:
    before = list(sys.meta_path)
    assert choose(package, {}) is True
    assert sys.meta_path == before


def test_one_edited_source_sends_every_module_to_its_source(package: Path) -> None:
    (package / "inner" / "rows.py").write_text("WHERE = 'edited'\n")
    assert choose(package, {}) is False
    finder = sys.meta_path[0]
    assert isinstance(finder, FromSources)
    assert finder.sources == {
        "demo.cells": package / "cells.py",
        "demo.inner.rows": package / "inner" / "rows.py",
    }
    spec = finder.find_spec("demo.inner.rows", None)
    assert spec is not None and spec.origin == str(package / "inner" / "rows.py")
    assert finder.find_spec("demo.other", None) is None


def test_pure_runs_the_sources_of_a_current_build(package: Path) -> None:
    assert choose(package, {PURE: "1"}) is False
    assert isinstance(sys.meta_path[0], FromSources)


def test_an_extension_without_its_record_is_not_used(package: Path) -> None:
    (package / "compiled.json").unlink()
    (package / "cells.cpython-311-x86_64-linux-gnu.so").write_bytes(b"")
    assert choose(package, {}) is False
    finder = sys.meta_path[0]
    assert isinstance(finder, FromSources)
    assert finder.sources == {"demo.cells": package / "cells.py"}


def test_without_a_build_nothing_changes(package: Path) -> None:
    (package / "compiled.json").write_text("{}")
    before = list(sys.meta_path)
    assert choose(package, {}) is False
    assert sys.meta_path == before


def _origin_of_cells(pure: bool) -> str:
    """``transforms.COMPILED`` and where ``transforms.reading.cells`` came from, in a new
    interpreter."""
    environment = {name: value for name, value in os.environ.items() if name != PURE}
    code = (
        "import transforms, transforms.reading.cells as m;"
        " print(transforms.COMPILED, m.__spec__.origin)"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**environment, PURE: "1"} if pure else environment,
    ).stdout


def test_pure_imports_the_reader_from_its_sources() -> None:
    assert _origin_of_cells(pure=True) == f"False {PACKAGE / 'reading' / 'cells.py'}\n"


@pytest.mark.skipif(
    not is_current(),
    reason="no current build of the reader here (`make test` compiles it where a C compiler is)",
)
def test_the_compiled_reader_is_what_runs() -> None:
    compiled, origin = _origin_of_cells(pure=False).split()
    assert compiled == "True"
    assert origin.startswith(str(PACKAGE / "reading" / "cells.")) and origin.endswith(".so")
