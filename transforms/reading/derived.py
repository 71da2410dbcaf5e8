"""Wholes that a report gives only through their parts.

Total funding is KCQG + KCĐP by the catalogue's definition (``parts`` in ``indicators.yaml``).
A report that states both parts and no total has stated the total too: it is their sum, not
an estimate, and every analyst who reads "KCQG 600, KCĐP 685" reads 1,285 of funding. Without
it the national funding figures would miss every such province. Only an exact whole is made:
both parts stated for the same province, period and basis, neither qualified ("khoảng 600"),
and no total printed anywhere for them (a printed one is checked against its parts instead,
by ``funding-split-mismatch``). A row of figures left unread right above the parts (no
figure read between them) may be that printed total under words the reader does not know
("Vốn đã giải ngân | 9.610", then "Trong đó: KCQG 2.325, KCĐP 7.085"): no whole is made
then, never one the file contradicts. (A label opening with the words of a whole, "Kinh phí
thực hiện", is read as the whole itself: ``rows._wholes_before_parts``.)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal

from transforms.indicators import Indicator, catalogue
from transforms.model import Fact, ReportIdentity, cell_position


def wholes_from_parts(facts: list[Fact], unread: Iterable[tuple[str, str]] = ()) -> list[Fact]:
    """The whole of each province, period and basis whose parts were all stated and whose
    whole was not, unless a row of ``unread`` (sheet, cell) lies right above one of the parts.
    Its lineage is the first part's sheet and cell, and its raw value the cells it adds
    ("=D14+D15"), so that it is never taken for a figure typed in one cell."""
    rows_read: dict[str, set[int]] = defaultdict(set)
    for fact in facts:
        rows_read[fact.sheet].add(_row(fact.cell))
    unread_rows: dict[str, set[int]] = defaultdict(set)
    for sheet, cell in unread:
        if (position := cell_position(cell)) is not None:
            unread_rows[sheet].add(position[0])

    def under_unread(fact: Fact) -> bool:
        """A row left unread above ``fact`` with no figure read between them."""
        row, read = _row(fact.cell), rows_read[fact.sheet]
        return any(
            above < row and not any(above < between < row for between in read)
            for above in unread_rows.get(fact.sheet, ())
        )

    by_key: dict[tuple[ReportIdentity, str], dict[str, list[Fact]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for fact in facts:
        by_key[(fact.identity, fact.basis)][fact.indicator].append(fact)
    made = []
    for stated in by_key.values():
        for whole in (i for i in catalogue().values() if i.parts):
            made += _whole(whole, stated, under_unread)
    return made


def _row(cell: str) -> int:
    position = cell_position(cell)
    return -1 if position is None else position[0]


def _whole(
    whole: Indicator, stated: dict[str, list[Fact]], under_unread: Callable[[Fact], bool]
) -> list[Fact]:
    if whole.code in stated or not all(stated.get(part) for part in whole.parts):
        return []
    parts = [fact for part in whole.parts for fact in stated[part]]
    if any(fact.qualifier for fact in parts) or len({fact.unit for fact in parts}) != 1:
        return []
    if any(under_unread(fact) for fact in parts):
        return []
    first = parts[0]
    same_sheet = all(fact.sheet == first.sheet for fact in parts)
    cells = "+".join(fact.cell if same_sheet else f"'{fact.sheet}'!{fact.cell}" for fact in parts)
    return [
        Fact(
            identity=first.identity,
            indicator=whole.code,
            value=sum((fact.value for fact in parts), Decimal(0)),
            unit=first.unit,
            sheet=first.sheet,
            cell=first.cell,
            raw_value=f"={cells}",
            row_label=whole.name_vi,
            column_label=first.column_label,
            basis=first.basis,
            table=first.table,
        )
    ]
