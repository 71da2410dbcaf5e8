"""Whether the reader's modules run compiled (mypyc extensions) or from their sources.

``devtools.compile_reader`` builds C extensions beside the sources and records the sha256 of
each source it compiled in ``compiled.json``. Python imports an extension before a source of
the same name, so a build that a later edit made stale would run old code. ``choose``, called
as the package is imported (before any of its modules), reads the record: unless every source
is as it was built, or with ``KHUYENCONG_PURE=1`` (a profiler sees inside the sources only), it
puts a finder before Python's own that imports those modules from their sources. All or none:
compiled modules call each other directly, so a fresh one beside a stale one would still run
the stale code.

mypyc makes a class of a compiled module a native class, without an instance ``__dict__``.
A class that needs one stays a Python class (``@mypyc_attr(native_class=False)``): one that is
pickled from a reader worker to the run (``Period``; ``transforms.model`` is not compiled at
all), one with a ``cached_property``, one weakly referenced. The test suite runs compiled.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Mapping, Sequence
from importlib.machinery import EXTENSION_SUFFIXES, ModuleSpec
from pathlib import Path
from types import ModuleType

PACKAGE = Path(__file__).resolve().parent
MANIFEST = "compiled.json"
GROUP = "transforms.compiled"  # the build's shared library: transforms/compiled__mypyc.*.so
PURE = "KHUYENCONG_PURE"


def built_extensions(package: Path = PACKAGE) -> list[Path]:
    """The extension modules of a build, its shared library among them."""
    return sorted({path for suffix in EXTENSION_SUFFIXES for path in package.rglob(f"*{suffix}")})


def module_name(source: Path, package: Path = PACKAGE) -> str:
    """transforms/reading/cells.py -> transforms.reading.cells (a package: its __init__)."""
    parts = source.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


class FromSources:
    """Imports the given modules from their ``.py`` files, whatever is built beside them (a
    finder of ``sys.meta_path``; not an ``importlib.abc.MetaPathFinder``, whose import costs
    every process 7 ms at start-up)."""

    def __init__(self, sources: dict[str, Path]) -> None:
        self.sources = sources

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        source = self.sources.get(fullname)
        if source is None:
            return None
        import importlib.util

        package = [str(source.parent)] if source.name == "__init__.py" else None
        return importlib.util.spec_from_file_location(
            fullname, source, submodule_search_locations=package
        )


def source_digest(source: Path) -> str:
    """What the record holds of a source: its sha256 (the build writes it, ``is_current`` checks
    it)."""
    return hashlib.sha256(source.read_bytes()).hexdigest()


def _recorded(package: Path) -> dict[str, str]:
    try:
        recorded: dict[str, str] = json.loads((package / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return recorded


def _unchanged(package: Path, recorded: dict[str, str]) -> bool:
    try:
        return bool(recorded) and all(
            source_digest(package.parent / relative) == digest
            for relative, digest in recorded.items()
        )
    except OSError:
        return False


def is_current(package: Path = PACKAGE) -> bool:
    """Whether a build of ``package`` exists and every source it compiled is unchanged."""
    return _unchanged(package, _recorded(package))


def choose(package: Path = PACKAGE, environ: Mapping[str, str] = os.environ) -> bool:
    """True when the compiled modules of ``package`` run; otherwise a ``FromSources`` finder
    goes first in ``sys.meta_path`` and their sources are imported instead."""
    recorded = _recorded(package)
    if environ.get(PURE) != "1" and _unchanged(package, recorded):
        return True
    root = package.parent
    sources = {module_name(root / relative, package): root / relative for relative in recorded}
    for extension in built_extensions(package):  # also a build whose record is lost
        source = extension.with_name(extension.name.split(".")[0] + ".py")
        if source.exists():
            sources.setdefault(module_name(source, package), source)
    if sources:
        sys.meta_path.insert(0, FromSources(sources))
    return False
