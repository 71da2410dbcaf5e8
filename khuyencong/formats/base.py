"""What a file format is to the reader: names, magic bytes, a reader, a diagnosis, editability.

Each module of ``khuyencong.formats`` defines one ``FORMAT``; ``khuyencong.workbook_files``
chooses among them and reads. A file that cannot be read raises ``UnreadableFile`` with a rule
of ``schemas/rules.yaml`` and a reason a clerk can act on; the caller turns it into a
quarantine, never into a crash of the run.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from khuyencong.formats.budgets import Budgets
from khuyencong.formats.unreadable import UnreadableFile
from transforms.model import Workbook

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .xls and encrypted packages
ZIP_MAGIC = b"PK\x03\x04"  # the container of .xlsx, .xlsm, .xlsb and .ods
# Files that are plainly something else, whatever their name says
_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"Rar!": "a RAR archive",
    b"{\\rtf": "an RTF document",
}


def something_else(data: bytes) -> UnreadableFile | None:
    """A PDF, an image, an archive...: what the file is, when its bytes say it is no workbook;
    an empty file; None otherwise."""
    for signature, what in _SIGNATURES.items():
        if data.startswith(signature):
            return UnreadableFile("not-a-spreadsheet", f"it is {what}")
    if not data:
        return UnreadableFile("unreadable-file", "the file is empty (0 bytes)")
    return None


_XML_PARTS = (".xml", ".rels")
_ROOT = re.compile(rb"<[A-Za-z_]")  # the first start tag (declarations are <!..., <?...)
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)")


def zip_member(data: bytes, name: str, size: int = 512) -> bytes | None:
    """The first ``size`` bytes of the member ``name`` of ``data`` read as a zip; None when it
    is no zip or lacks it (never more: a bomb's member is not inflated to recognise it)."""
    if not data.startswith(ZIP_MAGIC):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(name) as member:
            return member.read(size)
    except Exception:  # bytes that are no readable zip are simply not the format asking
        return None


def check_zip(data: bytes, budgets: Budgets) -> None:
    """The zip budgets (``check_members``) of ``data``. A zip that does not open is left to
    the reader, which says it is damaged."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception:
        return
    with archive:
        check_members(archive, budgets)


def check_members(archive: zipfile.ZipFile, budgets: Budgets) -> None:
    """The zip budgets, from the central directory alone: the unzipped size of each member and
    of all, and each member's inflate ratio (a zip bomb's); then the DTD declarations of each
    XML part. A format's preflight passes the archive it goes on reading (opened once)."""
    members = archive.infolist()
    for member in members:
        budgets.check("member_bytes", member.file_size)
        if member.file_size >= budgets.inflate_ratio_from_bytes:
            budgets.check("inflate_ratio", member.file_size / max(member.compress_size, 1))
    budgets.check("unzipped_bytes", sum(member.file_size for member in members))
    for member in members:
        if member.filename.endswith(_XML_PARTS):
            budgets.check("xml_declarations", _declarations(archive, member.filename))


def _declarations(archive: zipfile.ZipFile, name: str) -> int:
    """The DOCTYPE and ENTITY declarations before the root element of the XML part ``name``
    (where a DTD must be): a part that is no XML, or damaged, has none (the reader says)."""
    found = 0
    try:
        for piece in streamed(archive, name, chunk=1 << 14):
            root = _ROOT.search(piece)
            found += len(_DECLARATION.findall(piece, 0, root.start() if root else len(piece)))
            if root:
                break
    except Exception:  # a member that does not inflate: the reader says the file is damaged
        return found
    return found


def streamed(archive: zipfile.ZipFile, name: str, chunk: int = 1 << 20) -> Iterator[bytes]:
    """The XML member ``name`` in pieces of about ``chunk`` bytes, each ending after a ``>``:
    a scan for tags sees each tag whole, once, in constant memory."""
    rest = b""
    with archive.open(name) as member:
        while block := member.read(chunk):
            block = rest + block
            end = block.rfind(b">") + 1
            rest = block[end:]
            if end:
                yield block[:end]
    if rest:
        yield rest


def damaged(data: bytes, error: Exception) -> UnreadableFile:
    """Why a file of a binary format did not read: what it is instead, or damage."""
    return something_else(data) or UnreadableFile(
        "unreadable-file", f"the file is damaged ({type(error).__name__})"
    )


def _claims_nothing(data: bytes) -> bool:
    return False


def no_budget_check(data: bytes, budgets: Budgets) -> None:
    return None


@dataclass(frozen=True)
class Format:
    """One file format a submission may come in.

    ``recognises`` (the magic bytes) decides before the name: a web page saved as ``.xls``,
    an ``.xls`` renamed ``.xlsx``, are read as what they are. ``suffixes`` name the format when
    no format recognises the bytes (csv has no magic). ``read`` gets the path and its bytes;
    an exception it raises other than ``UnreadableFile`` becomes ``diagnose(data, error)``.
    ``editable``: openpyxl can edit the clerk's own file, so the rejection report keeps their
    formatting; other formats are rebuilt from their values. ``preflight`` checks the cheap
    budgets (``khuyencong.formats.budgets``) from the bytes before any parser opens them, raising
    ``UnreadableFile`` for a file over one.
    """

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[Path, bytes], Workbook]
    recognises: Callable[[bytes], bool] = _claims_nothing
    diagnose: Callable[[bytes, Exception], UnreadableFile] = damaged
    editable: bool = False
    preflight: Callable[[bytes, Budgets], None] = no_budget_check
