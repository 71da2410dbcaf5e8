-- description: Every actual (not planned) fact of every loaded submission, all versions, with
--   typed columns. Plan columns read beside the actuals are in staging.stg_plans.
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
    parser_version
from raw.facts
where coalesce(basis, 'actual') = 'actual'  -- lake files from before plans were read have no basis
