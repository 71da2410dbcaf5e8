"""The parts a zip format's preflight inflates and hands to its reader: exactly what zipfile
reads, or nothing where zipfile would raise (the reader then reads the zip and says why)."""

from __future__ import annotations

import io
import zipfile

from khuyencong.formats.base import check_members, inflated
from khuyencong.formats.budgets import default_budgets

SHEET = (
    b'<?xml version="1.0"?><worksheet><sheetData>' + b"<row/>" * 500 + b"</sheetData></worksheet>"
)


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _inflated(data: bytes, name: str) -> bytes | None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return inflated(archive, data, archive.getinfo(name))


def test_a_deflated_or_stored_member_is_what_zipfile_reads() -> None:
    for compression in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED, zipfile.ZIP_BZIP2):
        data = _zip({"xl/worksheets/sheet1.xml": SHEET, "Tên.xml": b"<a/>"}, compression)
        assert _inflated(data, "xl/worksheets/sheet1.xml") == SHEET
        assert _inflated(data, "Tên.xml") == b"<a/>"


def test_a_member_whose_crc_is_wrong_is_not_inflated() -> None:
    data = bytearray(_zip({"xl/worksheets/sheet1.xml": SHEET}))
    crc = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/worksheets/sheet1.xml").CRC
    central = data.rindex(crc.to_bytes(4, "little"))  # the central directory's copy
    data[central : central + 4] = (crc ^ 1).to_bytes(4, "little")
    assert _inflated(bytes(data), "xl/worksheets/sheet1.xml") is None


def test_a_member_whose_local_name_differs_is_not_inflated() -> None:
    data = _zip({"xl/worksheets/sheet1.xml": SHEET})
    local = data.replace(b"sheet1.xml", b"sheet9.xml", 1)  # the local header's name only
    assert _inflated(local, "xl/worksheets/sheet1.xml") is None


def test_the_checks_hand_over_the_small_xml_parts_and_every_name() -> None:
    data = _zip({"xl/worksheets/sheet1.xml": SHEET, "xl/media/a.png": b"\x89PNG"})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = check_members(archive, data, default_budgets())
    assert parts.names == {"xl/worksheets/sheet1.xml", "xl/media/a.png"}
    assert dict(parts.whole) == {"xl/worksheets/sheet1.xml": SHEET}
    assert parts.read(data, "xl/media/a.png") == b"\x89PNG"
