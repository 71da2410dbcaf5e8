"""What a file format is to the reader: names, magic bytes, a reader, a diagnosis, editability.

Each module of ``khuyencong.formats`` defines one ``FORMAT``; ``khuyencong.workbook_files``
chooses among them and reads. A file that cannot be read raises ``UnreadableFile`` with a rule
of ``schemas/rules.yaml`` and a reason a clerk can act on; the caller turns it into a
quarantine, never into a crash of the run.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
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
# An XML part of at most this size is inflated whole by the preflight and handed to the reader
# (``Parts``), while the parts so kept stay under the total: for a part this small, inflating
# its head alone costs as much; a larger one is streamed by the preflight, read by the reader.
WHOLE_PART_BYTES = 1 << 20
KEPT_PARTS_BYTES = 16 << 20
# A zip member's local header (30 bytes): its signature, flags, and the lengths of its name and
# extra field, which the member's data follows
_LOCAL_HEADER = struct.Struct("<4s2xH18xHH")
# Flags zipfile refuses or needs a password for: encrypted, compressed patched data, strong
# encryption (its own ``open`` raises for them)
_NOT_PLAIN = 0x01 | 0x20 | 0x40


@dataclass(frozen=True)
class Parts:
    """What a zip format's preflight read of a file, for its reader: the names of the zip's
    members and the small XML parts, inflated. The reader takes a part from here rather than
    inflating it again, and asks the zip only for the others (``read``)."""

    names: frozenset[str] = frozenset()
    whole: Mapping[str, bytes] = field(default_factory=dict)

    def read(self, data: bytes, name: str) -> bytes:
        """The member ``name`` of the zip ``data``, as ``zipfile`` reads it (and raises)."""
        if name in self.whole:
            return self.whole[name]
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read(name)


NO_PARTS = Parts()


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


def check_zip(data: bytes, budgets: Budgets) -> Parts | None:
    """The zip budgets (``check_members``) of ``data``. A zip that does not open is left to
    the reader, which says it is damaged."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception:
        return None
    with archive:
        return check_members(archive, data, budgets)


def check_members(archive: zipfile.ZipFile, data: bytes, budgets: Budgets) -> Parts:
    """The zip budgets, from the central directory alone: the unzipped size of each member and
    of all, and each member's inflate ratio (a zip bomb's); then the DTD declarations of each
    XML part. A format's preflight passes the archive it goes on reading (opened once, from
    ``data``); the small XML parts it inflated are returned for the reader (``Parts``)."""
    members = archive.infolist()
    for member in members:
        budgets.check("member_bytes", member.file_size)
        if member.file_size >= budgets.inflate_ratio_from_bytes:
            budgets.check("inflate_ratio", member.file_size / max(member.compress_size, 1))
    budgets.check("unzipped_bytes", sum(member.file_size for member in members))
    whole: dict[str, bytes] = {}
    kept = 0
    for member in members:
        if not member.filename.endswith(_XML_PARTS):
            continue
        # by name, as zipfile opens it: of two members named alike, the last
        info = archive.getinfo(member.filename)
        xml = None
        if info.file_size <= WHOLE_PART_BYTES and kept + info.file_size <= KEPT_PARTS_BYTES:
            xml = whole[info.filename] if info.filename in whole else inflated(archive, data, info)
        if xml is None:  # large, or damaged: streamed, as far as it inflates
            budgets.check("xml_declarations", _declarations(archive, member.filename))
            continue
        budgets.check("xml_declarations", _declarations_in(xml)[0])
        kept += 0 if info.filename in whole else len(xml)
        whole[info.filename] = xml
    return Parts(frozenset(archive.namelist()), whole)


def inflated(archive: zipfile.ZipFile, data: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """The member ``info`` of ``archive`` (opened from ``data``) as ``archive.read`` gives it,
    or None where that raises (a damaged member).

    A deflated member is inflated here straight from ``data``, with the checks zipfile makes
    (the local header's signature and name, no encryption, the size and the CRC-32): zipfile's
    own read costs about three times as much for the small parts of a workbook (a file object,
    a decompressor and a CRC state per member). Anything else, or any check that fails, is
    left to ``archive.read`` itself.
    """
    start = info.header_offset
    header = data[start : start + _LOCAL_HEADER.size]
    if (
        info.compress_type == zipfile.ZIP_DEFLATED
        and not info.flag_bits & _NOT_PLAIN
        and len(header) == _LOCAL_HEADER.size
    ):
        signature, flags, name_length, extra_length = _LOCAL_HEADER.unpack(header)
        start += _LOCAL_HEADER.size
        name = data[start : start + name_length]
        start += name_length + extra_length
        try:
            same_name = name.decode("utf-8" if flags & 0x800 else "cp437") == info.orig_filename
        except UnicodeDecodeError:
            same_name = False
        if signature == ZIP_MAGIC and same_name:
            inflater = zlib.decompressobj(-15)
            try:
                body = inflater.decompress(
                    data[start : start + info.compress_size], info.file_size + 1
                )
            except zlib.error:
                body = b""
            if inflater.eof and len(body) == info.file_size and zlib.crc32(body) == info.CRC:
                return body
    try:
        return archive.read(info)
    except Exception:  # the reader, reading it again, says the file is damaged
        return None


def _declarations_in(xml: bytes) -> tuple[int, bool]:
    """The DOCTYPE and ENTITY declarations in ``xml`` before its root element, and whether the
    root is in it (a part's declarations are all before)."""
    root = _ROOT.search(xml)
    return len(_DECLARATION.findall(xml, 0, root.start() if root else len(xml))), bool(root)


def _declarations(archive: zipfile.ZipFile, name: str) -> int:
    """The DOCTYPE and ENTITY declarations before the root element of the XML part ``name``
    (where a DTD must be), streamed: a part that is no XML, or damaged, has none (the reader
    says)."""
    found = 0
    try:
        for piece in streamed(archive, name, chunk=1 << 14):
            count, rooted = _declarations_in(piece)
            found += count
            if rooted:
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


def no_budget_check(data: bytes, budgets: Budgets) -> Parts | None:
    return None


@dataclass(frozen=True)
class Format:
    """One file format a submission may come in.

    ``recognises`` (the magic bytes) decides before the name: a web page saved as ``.xls``,
    an ``.xls`` renamed ``.xlsx``, are read as what they are. ``suffixes`` name the format when
    no format recognises the bytes (csv has no magic). ``read`` gets the path and its bytes;
    an exception it raises other than ``UnreadableFile`` becomes ``diagnose(data, error)``.
    It also gets the ``Parts`` of a zip its ``preflight`` read (``NO_PARTS`` for the others),
    so that nothing is inflated twice.
    ``editable``: openpyxl can edit the clerk's own file, so the rejection report keeps their
    formatting; other formats are rebuilt from their values. ``preflight`` checks the cheap
    budgets (``khuyencong.formats.budgets``) from the bytes before any parser opens them, raising
    ``UnreadableFile`` for a file over one; a zip format's returns the ``Parts`` it read.
    """

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[Path, bytes, Parts], Workbook]
    recognises: Callable[[bytes], bool] = _claims_nothing
    diagnose: Callable[[bytes, Exception], UnreadableFile] = damaged
    editable: bool = False
    preflight: Callable[[bytes, Budgets], Parts | None] = no_budget_check
