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
    cast(rows_set_aside as integer) as rows_set_aside,
    cast(numeric_cells as integer) as numeric_cells,
    cast(cells_fact as integer) as cells_fact,
    cast(cells_total as integer) as cells_total,
    cast(cells_part as integer) as cells_part,
    cast(cells_not_indicator as integer) as cells_not_indicator,
    cast(cells_not_period as integer) as cells_not_period,
    cast(cells_finding as integer) as cells_finding,
    cast(cells_not_read as integer) as cells_not_read
from raw.sheets
