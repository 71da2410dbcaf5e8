-- description: Every file the pipeline has seen and what became of it: loaded, quarantined
--   (with the reason), duplicate (same content as another file) or superseded (every report
--   in it was replaced by a later version).
-- description_vi: Mọi tệp hệ thống đã nhận và kết quả xử lý: loaded (đã nạp), quarantined
--   (bị cách ly, kèm lý do), duplicate (trùng nội dung với tệp khác) hoặc superseded (mọi
--   báo cáo trong tệp đã được thay bằng bản gửi sau).
-- grain: one row per file (content x file name)
-- key: sha256, file_name
with submissions as (
    select * from staging.stg_submissions
),

report_versions as (
    select * from intermediate.int_report_versions
),

live as (
    select sha256, bool_or(is_live) as any_live
    from report_versions
    group by sha256
),

final as (
    select
        submissions.file_name,
        submissions.sha256,
        case
            when submissions.status = 'loaded' and live.any_live is false then 'superseded'
            else submissions.status
        end as status,
        submissions.province_code,
        submissions.period,
        submissions.reason,
        submissions.facts,
        submissions.received_at,
        submissions.processed_at,
        submissions.parser_version
    from submissions
    left join live on submissions.sha256 = live.sha256
)

select * from final
order by received_at, file_name
