"""The reader, as stages in the order a workbook's data flows through them.

``visible`` (the cells a clerk sees, legacy text repaired) -> ``sheets`` (which sheets and
tables are the report) -> ``tables`` (a table's header and body) -> ``columns`` (what each
column holds) -> ``rows`` (section, subtotal, total, detail, part, note) -> ``cells`` (numbers
and units into facts) -> ``shapes`` (one module per table shape) -> ``repeats`` (one figure
per report and indicator). ``identity`` (province, period), ``labels`` and ``values`` serve
them; ``readings`` is what they hand the checks of ``transforms.checks``; ``workbook`` runs it
all, and is the only module here that knows the checks.
"""
