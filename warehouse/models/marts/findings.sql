-- description: Every finding about every file, located to the sheet and cell (A1 form such as
--   D12; null for findings about a whole file), with the rule, its severity and the messages.
-- description_vi: Mọi phát hiện về mọi tệp, định vị đến trang tính và ô (dạng A1 như D12;
--   để trống với phát hiện về cả tệp), kèm quy tắc, mức độ và thông báo.
-- grain: one row per finding
-- key: none (a cell can break several rules)
select
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
from staging.stg_findings
order by file_name, sheet, cell
