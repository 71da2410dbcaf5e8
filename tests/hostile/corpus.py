"""The hostile corpus of issue 13, written by the tests: nothing here is a committed binary.

Each ``Hostile`` is one file a province office might send (by mistake or not) and the rule a
nightly must quarantine it with. The files are small on disk (a zip bomb is a few hundred KB)
and none is ever inflated or built whole by the generator: what they claim (a grid of 17
billion cells, a sheet of 128 MB) is what the reader must refuse to build.
"""

from __future__ import annotations

import io
import random
import struct
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import xlwt

from tests.nightly import ACTIVITY_MERGES
from tests.ods import save_ods
from tests.sheets import save_xlsx
from tests.transforms.reports import activity_rows

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
SPREADSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
NOT_A_REPORT = ("Danh sách cán bộ", "Nguyễn Văn A", "Trần Thị B")  # text, no indicator table
# A DTD nests entities ten deep, each ten of the one below: 10^9 "lol"s if expanded
LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">'
        % (level, (b"&lol%s;" % (b"" if level == 1 else b"%d" % (level - 1))) * 10)
        for level in range(1, 10)
    )
    + b"]>"
)


@dataclass(frozen=True)
class Hostile:
    """A file of the corpus: its name in the inbox, the rule its quarantine must give, what it
    is (for the printed table), and how to write it."""

    name: str
    rule: str
    what: str
    write: Callable[[Path], None]


# ---------------------------------------------------------------------------------------------
# Office Open XML written by hand: every part is the generator's, so every part can lie


def _content_types(sheets: int) -> bytes:
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" '
        f'ContentType="{SPREADSHEET_TYPE}.worksheet+xml"/>'
        for n in range(1, sheets + 1)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{PACKAGE}/content-types">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        f'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{SPREADSHEET_TYPE}.sheet.main+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" '
        f'ContentType="{SPREADSHEET_TYPE}.sharedStrings+xml"/>{overrides}</Types>'
    ).encode()


def _workbook_parts(sheets: int) -> dict[str, bytes]:
    entries = "".join(
        f'<sheet name="Sheet{n}" sheetId="{n}" r:id="rId{n}"/>' for n in range(1, sheets + 1)
    )
    links = "".join(
        f'<Relationship Id="rId{n}" Type="{RELATIONSHIPS}/worksheet" '
        f'Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, sheets + 1)
    )
    return {
        "[Content_Types].xml": _content_types(sheets),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE}/relationships">'
            f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" '
            f'Target="xl/workbook.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" '
            f'xmlns:r="{RELATIONSHIPS}"><sheets>{entries}</sheets></workbook>'
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE}/relationships">'
            f'{links}<Relationship Id="rIdS" Type="{RELATIONSHIPS}/sharedStrings" '
            f'Target="sharedStrings.xml"/></Relationships>'
        ).encode(),
    }


def _strings(texts: Iterable[str], prolog: bytes = b"") -> bytes:
    items = "".join(f"<si><t>{text}</t></si>" for text in texts)
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        + prolog
        + f'<sst xmlns="{MAIN}">{items}</sst>'.encode()
    )


def _text_rows() -> Iterator[bytes]:
    """Rows of shared strings 0, 1, 2 (``NOT_A_REPORT``): a sheet that is no report."""
    for number in range(len(NOT_A_REPORT)):
        yield f'<row r="{number + 1}"><c r="A{number + 1}" t="s"><v>{number}</v></c></row>'.encode()


def write_xlsx(
    path: Path,
    rows: Callable[[], Iterable[bytes]] = _text_rows,
    *,
    sheets: int = 1,
    prolog: bytes = b"",
    head: bytes = b"",
    after: bytes = b"",
    strings: bytes | None = None,
) -> None:
    """An .xlsx of ``sheets`` sheets, each ``prolog`` (before the root: a DTD), ``head``
    (before the data: a dimension), the ``rows`` streamed into the zip, then ``after``
    (merged ranges)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in _workbook_parts(sheets).items():
            archive.writestr(name, data)
        archive.writestr("xl/sharedStrings.xml", strings or _strings(NOT_A_REPORT))
        for number in range(1, sheets + 1):
            with archive.open(f"xl/worksheets/sheet{number}.xml", "w") as sheet:
                sheet.write(b'<?xml version="1.0" encoding="UTF-8"?>' + prolog)
                sheet.write(f'<worksheet xmlns="{MAIN}">'.encode() + head + b"<sheetData>")
                for piece in rows():
                    sheet.write(piece)
                sheet.write(b"</sheetData>" + after + b"</worksheet>")


def _numbers(count: int, columns: int = 1) -> Callable[[], Iterator[bytes]]:
    """``count`` rows of ``columns`` numbers each."""

    def rows() -> Iterator[bytes]:
        for number in range(1, count + 1):
            cells = "".join(f"<c><v>{column}</v></c>" for column in range(columns))
            yield f'<row r="{number}">{cells}</row>'.encode()

    return rows


def _same_rows(count: int) -> Callable[[], Iterator[bytes]]:
    """``count`` identical rows with no numbers: the XML repeats, the zip holds it once."""

    def rows() -> Iterator[bytes]:
        block = b"<row><c><v>1</v></c></row>" * 10_000
        for _ in range(count // 10_000):
            yield block

    return rows


def _deep(levels: int) -> Callable[[], Iterator[bytes]]:
    """One inline-string cell whose text sits ``levels`` elements deep."""

    def rows() -> Iterator[bytes]:
        yield b'<row r="1"><c r="A1" t="inlineStr"><is>'
        yield b"<r>" * levels + b"<t>x</t>" + b"</r>" * levels
        yield b"</is></c></row>"

    return rows


def _named(path: Path) -> None:
    """A workbook that is no report, holding its own name (each file is different)."""
    write_xlsx(path, strings=_strings([*NOT_A_REPORT, path.name]))


def _cut_short(path: Path) -> None:
    write_xlsx(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _corrupt(path: Path) -> None:
    """Every member's compressed bytes overwritten: the central directory still reads."""
    write_xlsx(path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        for member in archive.infolist():
            start = member.header_offset + 30 + len(member.filename) + len(member.extra)
            data[start : start + member.compress_size] = b"\xff" * member.compress_size
    path.write_bytes(bytes(data))


def lying_sizes(path: Path) -> None:
    """A zip whose directory and local header say the sheet inflates to 4 KB: it inflates to
    more, and its CRC fails where the reading stops."""
    write_xlsx(path, _numbers(1000, 10))
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    for signature, name_at, size_at in ((b"PK\x03\x04", 30, 22), (b"PK\x01\x02", 46, 24)):
        start = data.find(signature)
        while start >= 0:
            if data[start + name_at : start + name_at + len(name)] == name:
                data[start + size_at : start + size_at + 4] = struct.pack("<I", 4096)
            start = data.find(signature, start + 4)
    path.write_bytes(bytes(data))


def _external(target: Path) -> bytes:
    return f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{target}">]>'.encode()


def _entity_cell() -> Iterator[bytes]:
    yield b'<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>'


def _laugh_cell() -> Iterator[bytes]:
    yield b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'


def _entity_string(path: Path, prolog: bytes, entity: str) -> None:
    write_xlsx(path, strings=_strings([f"&{entity};", *NOT_A_REPORT[1:]], prolog))


def _encrypted_ooxml(path: Path) -> None:
    """What Excel saves with a password to open: an OLE container whose directory names an
    ``EncryptedPackage`` stream (the directory entry, in a 512-byte sector, is all the reader
    needs to see; the package itself is random)."""
    entry = "EncryptedPackage".encode("utf-16-le") + b"\x00\x00"
    directory = entry.ljust(64, b"\x00")
    payload = random.Random(13).randbytes(4096)
    path.write_bytes(OLE_MAGIC + b"\x00" * 504 + directory.ljust(512, b"\x00") + payload)


def _encrypted_xls(path: Path) -> None:
    """xlwt writes no FILEPASS: the record after the globals' BOF becomes one, in place."""
    book = xlwt.Workbook()
    book.add_sheet("BC").write(0, 0, "x")
    saved = io.BytesIO()
    book.save(saved)
    data = bytearray(saved.getvalue())
    record = data.find(b"\x09\x08\x10\x00\x00\x06\x05\x00") + 20
    data[record : record + 2] = struct.pack("<H", 0x002F)
    path.write_bytes(bytes(data))


def _ods_repeat_bomb(path: Path) -> None:
    save_ods(path, "BC", [["x"]])
    bomb = (
        b'<table:table-row table:number-rows-repeated="1000000">'
        b'<table:table-cell table:number-columns-repeated="16384" office:value-type="float" '
        b'office:value="1"/></table:table-row></table:table>'
    )
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["content.xml"] = members["content.xml"].replace(b"</table:table>", bomb)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def _spreadsheetml(path: Path) -> None:
    """Excel 2003 XML with a row and a cell placed at the far end of the grid and beyond."""
    path.write_bytes(
        b'<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>'
        b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        b'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
        b'<Worksheet ss:Name="BC"><Table><Row><Cell><Data ss:Type="String">x</Data></Cell></Row>'
        b'<Row ss:Index="900000000"><Cell ss:Index="900000000"><Data ss:Type="Number">1'
        b"</Data></Cell></Row></Table></Worksheet></Workbook>"
    )


def _huge_value(path: Path) -> None:
    rows = activity_rows()
    rows[3][0] = "BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC KHUYẾN CÔNG NĂM 2012"
    rows[9][3] = 1e308
    save_xlsx(path, "BC", rows, ACTIVITY_MERGES)


def _csv_of(text: str, encoding: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_bytes(text.encode(encoding))

    return write


def _bytes(data: bytes) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_bytes(data)

    return write


def _one_field(path: Path) -> None:
    with path.open("wb") as csv:
        for _ in range(50):
            csv.write(b"x" * (1 << 20))


HTML_PAGE = (
    "<html><head><meta charset='utf-8'><title>Trang web</title></head><body>"
    "<p>Xin lỗi, trang này không tồn tại.</p></body></html>"
).encode()
NFC = unicodedata.normalize("NFC", "Báo cáo khuyến công Thái Nguyên")
NFD = unicodedata.normalize("NFD", NFC)


def hostile_corpus(outside: Path) -> list[Hostile]:
    """The corpus; ``outside`` is a file beyond the inbox that external entities point at
    (reading it would be reading outside the inbox)."""
    noise = random.Random(2009).randbytes(20_000)
    merge_all = b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    return [
        Hostile("cut_short.xlsx", "unreadable-file", "a zip cut in half", _cut_short),
        Hostile("corrupt.xlsx", "unreadable-file", "a zip whose members are garbage", _corrupt),
        Hostile(
            "bomb_ratio.xlsx",
            "unsafe-file",
            "a zip bomb: a sheet of 128 MB of repeated rows (inflate ratio above 100)",
            lambda p: write_xlsx(p, _same_rows(5_000_000)),
        ),
        Hostile("lying_sizes.xlsx", "unreadable-file", "a zip lying about sizes", lying_sizes),
        Hostile(
            "laughs_sheet.xlsx",
            "unsafe-file",
            "entity expansion (billion laughs) in the sheet XML",
            lambda p: write_xlsx(p, _laugh_cell, prolog=LAUGHS),
        ),
        Hostile(
            "laughs_strings.xlsx",
            "unsafe-file",
            "entity expansion (billion laughs) in sharedStrings",
            lambda p: _entity_string(p, LAUGHS, "lol9"),
        ),
        Hostile(
            "xxe_sheet.xlsx",
            "unsafe-file",
            "an external entity (a file outside the inbox) in the sheet XML",
            lambda p: write_xlsx(p, _entity_cell, prolog=_external(outside)),
        ),
        Hostile(
            "xxe_strings.xlsx",
            "unsafe-file",
            "an external entity in sharedStrings",
            lambda p: _entity_string(p, _external(outside), "xxe"),
        ),
        Hostile(
            "dimension.xlsx",
            "not-a-khuyen-cong-report",
            "a <dimension> claiming A1:XFD1048576 over three cells",
            lambda p: write_xlsx(p, head=b'<dimension ref="A1:XFD1048576"/>'),
        ),
        Hostile(
            "wide_row.xlsx",
            "not-a-khuyen-cong-report",
            "a row 16,384 columns wide (Excel's last column, XFD)",
            lambda p: write_xlsx(p, _numbers(1, 16_384)),
        ),
        Hostile("repeat_bomb.ods", "file-too-large", "an .ods repeat bomb", _ods_repeat_bomb),
        Hostile(
            "merged_grid.xlsx",
            "file-too-large",
            "a merged range over the whole grid (A1:XFD1048576)",
            lambda p: write_xlsx(p, after=merge_all),
        ),
        Hostile(
            "deep.xlsx",
            "not-a-khuyen-cong-report",
            "XML nested 100,000 elements deep",
            lambda p: write_xlsx(p, _deep(100_000)),
        ),
        Hostile(
            "sheets_500.xlsx",
            "file-too-large",
            "500 sheets",
            lambda p: write_xlsx(p, sheets=500),
        ),
        Hostile("one_field.csv", "unreadable-file", "a 50 MB csv of one field", _one_field),
        Hostile(
            "utf16.csv",
            "unreadable-file",
            "a UTF-16 csv without byte-order mark",
            _csv_of("Danh sách;Số lượng\nNguyễn Văn A;1\n", "utf-16-le"),
        ),
        Hostile(
            "nul.csv",
            "unreadable-file",
            "NUL bytes in a csv",
            _bytes(b"a;b\x00\x00;c\n1;2;3\n"),
        ),
        Hostile(
            "rows_300000.xlsx",
            "file-too-large",
            "a sheet of 300,000 rows of 7 numbers",
            lambda p: write_xlsx(p, _numbers(300_000, 7)),
        ),
        Hostile(
            "so_lon.xlsx",
            "unparseable-number",
            "a report whose trained workers are 1e308 (no type of the lake holds it)",
            _huge_value,
        ),
        Hostile(
            "=1+1 BC_ThaiNguyen_2011.xlsx",
            "not-a-khuyen-cong-report",
            "a name that is a formula",
            _named,
        ),
        Hostile("encrypted.xlsx", "password-protected", "encrypted OOXML", _encrypted_ooxml),
        Hostile("encrypted.xls", "password-protected", "an encrypted .xls", _encrypted_xls),
        Hostile(
            "scan.xlsx",
            "not-a-spreadsheet",
            "a PDF under an .xlsx name",
            _bytes(b"%PDF-1.4\n%\xe2\xe3\n"),
        ),
        Hostile(
            "image.xls",
            "not-a-spreadsheet",
            "a PNG under an .xls name",
            _bytes(b"\x89PNG\r\n\x1a\n" + noise[:200]),
        ),
        Hostile(
            "notes.xlsx",
            "unreadable-file",
            "text under an .xlsx name",
            _bytes("Ghi chú\n".encode()),
        ),
        Hostile("page.xls", "empty-workbook", "an HTML page under an .xls name", _bytes(HTML_PAGE)),
        Hostile("empty.xlsx", "unreadable-file", "a file of 0 bytes", _bytes(b"")),
        Hostile("random.xlsx", "unreadable-file", "20 KB of random bytes", _bytes(noise)),
        Hostile("random.xls", "unreadable-file", "20 KB of random bytes", _bytes(noise[::-1])),
        Hostile(
            "huge_index.xls",
            "unsafe-file",
            "SpreadsheetML 2003 with ss:Index 900,000,000 on a row and a cell",
            _spreadsheetml,
        ),
        # Odd names: each holds a workbook that is no report, so each must reach the reader
        Hostile("bao cao  tinh  .xlsx", "not-a-khuyen-cong-report", "spaces in the name", _named),
        Hostile(f"{NFC}.xlsx", "not-a-khuyen-cong-report", "a Vietnamese name in NFC", _named),
        Hostile(f"{NFD}.xlsx", "not-a-khuyen-cong-report", "the same name in NFD", _named),
        Hostile(
            ("Báo cáo " * 30).encode()[:245].decode(errors="ignore") + ".xlsx",
            "not-a-khuyen-cong-report",
            "a name of about 250 bytes",
            _named,
        ),
        Hostile("-rf bao cao.xlsx", "not-a-khuyen-cong-report", "a name starting with '-'", _named),
    ]


def write_corpus(inbox: Path, corpus: list[Hostile]) -> None:
    for hostile in corpus:
        hostile.write(inbox / hostile.name)
