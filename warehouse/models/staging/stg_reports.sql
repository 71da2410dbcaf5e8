-- description: One province's report for one period inside one submission, ranked so that the
--   latest received version of a report is the live one (a corrected resubmission replaces
--   the earlier one; both are kept).
-- grain: one row per submission x province x period
-- key: sha256, province_code, period
with reports as (
    select
        sha256,
        any_value(file_name) as file_name,
        province_code,
        province_valid_from,
        period,
        any_value(period_kind) as period_kind,
        any_value(received_at) as received_at
    from staging.stg_facts
    group by sha256, province_code, province_valid_from, period
),

ranked as (
    select
        *,
        row_number() over (
            partition by province_code, province_valid_from, period
            order by received_at desc, file_name desc, sha256 desc
        ) as version_rank
    from reports
)

select *, version_rank = 1 as is_live from ranked
