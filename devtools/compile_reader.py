"""Compile the reader's modules with mypyc: the same source, faster.

    .venv/bin/python -m devtools.compile_reader      # `make setup` runs it after the install

Understanding a workbook is pure Python (finding the table, its header, each label's indicator,
each cell's number) and most of a reader worker's CPU. mypyc compiles these modules, type-
checked under mypy --strict already, to C extensions next to their sources: understanding a
generated workbook 1.7 -> 1.2-1.3 ms of CPU, opening, understanding and pickling it 2.6-2.7 ->
2.1-2.3 ms (1,000 benchmark workbooks, one process; 2.45 -> 1.24 ms when first measured, not
reproduced since, the cause not found). Opening a file (``khuyencong/formats``) is not
compiled: compiled, it cost the same 0.7 ms, spent in python-calamine, zlib, zipfile and
regular expressions. Where no C compiler is found, or mypyc refuses a module, the build says
so in one line and the reader stays pure Python: slower, never wrong.

What is compiled is recorded, with each source's sha256, in ``transforms/compiled.json``;
``transforms.compiled`` uses the extensions only while every source is unchanged since, so an
edited module is never shadowed by a stale build (`make setup` builds again when a source
changes). ``KHUYENCONG_PURE=1`` runs the sources anyway, for a profiler to see inside.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from transforms.compiled import GROUP, MANIFEST, PACKAGE, built_extensions, source_digest

ROOT = PACKAGE.parent
RECORD = PACKAGE / MANIFEST

# The modules a reader worker runs, apart from transforms.compiled (which chooses between the
# build and the sources), the packages' __init__ (mypyc gives a compiled package a wrong
# __path__ in an editable install) and transforms.model: its readings cross from the workers
# to the run pickled, and stay the Python classes every process agrees on.
COMPILED = (
    "transforms/reading/**/*.py",
    "transforms/checks/*.py",
    "transforms/findings.py",
    "transforms/indicators.py",
    "transforms/legacy_text.py",
    "transforms/numbers.py",
    "transforms/periods.py",
    "transforms/provinces.py",
    "transforms/rules.py",
    "transforms/text.py",
    "transforms/units.py",
    "transforms/words.py",
)


def sources() -> list[Path]:
    found = {path for pattern in COMPILED for path in ROOT.glob(pattern)}
    return sorted(path for path in found if path.name != "__init__.py")


def clean() -> None:
    """Remove an earlier build: without its manifest, nothing of it would be used anyway."""
    RECORD.unlink(missing_ok=True)
    for extension in built_extensions():
        extension.unlink()


LOG = ROOT / "build" / "compile_reader.log"


@contextlib.contextmanager
def output_to(log: Path) -> Iterator[None]:
    """Everything written to stdout and stderr, the compiler's too, into ``log``: mypyc's and
    gcc's notes are a page of no use to someone running `make run`."""
    log.parent.mkdir(parents=True, exist_ok=True)
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    with log.open("wb") as sink:
        os.dup2(sink.fileno(), 1)
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            for fd, copy in zip((1, 2), saved, strict=True):
                os.dup2(copy, fd)
                os.close(copy)


def build(files: list[Path]) -> None:
    """The extensions of ``files``, in place beside them (raises on any failure)."""
    from mypyc.build import mypycify
    from setuptools import setup

    relative = [str(path.relative_to(ROOT)) for path in files]
    with tempfile.TemporaryDirectory(prefix="khuyencong-mypyc-") as temp, contextlib.chdir(ROOT):
        setup(
            name="khuyencong-reader",
            ext_modules=mypycify(relative, opt_level="3", group_name=GROUP, target_dir=temp),
            script_args=["build_ext", "--inplace", "--build-temp", temp, "--build-lib", temp],
        )


def main() -> int:
    clean()
    files = sources()
    try:
        with output_to(LOG):
            build(files)
    except (Exception, SystemExit) as error:  # setuptools exits on a compiler error
        clean()
        RECORD.write_text("{}\n", encoding="utf-8")  # built: nothing (make asks no more)
        why = type(error).__name__
        print(f"the reader stays pure Python, slower: mypyc could not build it ({why}; {LOG})")
        return 0
    record = {str(path.relative_to(ROOT)): source_digest(path) for path in files}
    RECORD.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"the reader is compiled: {len(files)} modules (transforms/compiled.json)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
