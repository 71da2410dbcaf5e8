-- description: Every sheet of every file the pipeline has read, and what the reader did with
--   it, as the lake records it.
-- grain: one row per file x sheet
-- key: sha256, file_name, sheet
select
    sha256,
    file_name,
    cast(position as integer) as position,
    sheet,
    status,
    reason,
    table_found,
    layout,
    period,
    province,
    cast(rows_read as integer) as rows_read,
    cast(rows_set_aside as integer) as rows_set_aside
from raw.sheets
