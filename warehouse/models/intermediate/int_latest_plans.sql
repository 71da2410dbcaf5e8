-- description: The plans (Kế hoạch) provinces report beside their actuals, one value per
--   province, period and indicator from the latest received submission that states it.
-- grain: one row per province x period x indicator
-- key: province_code, period, indicator
with plan_facts as (
    select * from staging.stg_facts where basis = 'plan'
),

per_submission as (
    select
        sha256,
        province_code,
        period,
        any_value(period_kind) as period_kind,
        cast(any_value(year) as integer) as year,
        indicator,
        sum(value) as value,
        any_value(unit) as unit,
        any_value(received_at) as received_at,
        any_value(file_name) as file_name
    from plan_facts
    group by sha256, province_code, period, indicator
),

ranked as (
    select
        *,
        row_number() over (
            partition by province_code, period, indicator
            order by received_at desc, file_name desc, sha256 desc
        ) as version_rank
    from per_submission
)

select province_code, period, period_kind, year, indicator, value, unit, sha256, file_name
from ranked
where version_rank = 1
