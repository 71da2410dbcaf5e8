-- description: Which submission's value counts for each province, period and indicator. The
--   latest received submission that reports an indicator for a province and period wins: a
--   corrected resubmission replaces the figures it restates (the earlier version is kept), and
--   a second file that adds other indicators of the same report (a regional compilation row
--   plus the province's own sheet of general indicators) complements it.
-- grain: one row per submission x province x period x indicator
-- key: sha256, province_code, period, indicator
with reported as (
    select
        sha256,
        any_value(file_name) as file_name,
        province_code,
        province_valid_from,
        period,
        indicator,
        any_value(period_kind) as period_kind,
        any_value(received_at) as received_at
    from staging.stg_facts
    group by sha256, province_code, province_valid_from, period, indicator
),

ranked as (
    select
        *,
        row_number() over (
            partition by province_code, province_valid_from, period, indicator
            order by received_at desc, file_name desc, sha256 desc
        ) as version_rank
    from reported
)

select *, version_rank = 1 as is_live from ranked
