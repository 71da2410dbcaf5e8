-- description: Every finding about every file, as the lake records it.
-- grain: one row per finding
-- key: none (a cell can break several rules)
select
    submission_id,
    sha256,
    file_name,
    province_code,
    period,
    sheet,
    cell,
    value,
    rule,
    severity,
    message_vi,
    message_en
from raw.findings
