-- description: Every finding about every file, located to the sheet and cell (A1 form such as
--   D12; null for findings about a whole file), with the rule, its severity and the messages.
-- description_vi: Mọi phát hiện về mọi tệp, định vị đến trang tính và ô (dạng A1 như D12;
--   để trống với phát hiện về cả tệp), kèm quy tắc, mức độ và thông báo.
-- grain: one row per finding
-- key: none (a cell can break several rules)
with findings as (
    select * from staging.stg_findings
),

final as (
    -- the submission id is the file's sha256 and name, both here
    select * exclude (submission_id) from findings
)

select * from final
order by file_name, sheet, cell
