-- description: Every fact of every loaded submission, all versions, actuals and plans (basis),
--   with typed columns. Which of them count is decided in intermediate/.
-- grain: one row per submission x sheet x cell (a cell may feed one indicator)
-- key: sha256, sheet, cell
select
    sha256,
    file_name,
    sheet,
    cell,
    province_code,
    province_valid_from,
    province_name,
    period,
    period_kind,
    period_start,
    period_end,
    cast(year as integer) as year,
    indicator,
    value,
    unit,
    qualifier,
    raw_value,
    row_label,
    column_label,
    received_at,
    parser_version,
    coalesce(basis, 'actual') as basis  -- lake files from before plans were read have no basis
from raw.facts
