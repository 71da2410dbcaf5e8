"""The reader, as stages in the order a workbook's data flows through them.

``visible`` (the cells a clerk sees, legacy text repaired) -> ``sheets`` (which sheets and
tables are the report) -> ``tables`` (a table's header and body) -> ``columns`` (what each
column holds) -> ``rows`` (section, subtotal, total, detail, part, note) -> ``cells`` (numbers
and units into facts) -> ``shapes`` (one module per table shape) -> ``identity`` (province,
period) -> ``repeats`` (one figure per report); ``workbook`` runs them and the checks of
``transforms.checks``.
"""
