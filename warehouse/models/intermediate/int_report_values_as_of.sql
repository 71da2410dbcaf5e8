-- description: The value of each indicator in each report (province and period) as it stood
--   on as_of_date (null: today): the sum of the cells of the report's live version among the
--   submissions received by then (detail rows such as two training courses of one report add
--   up), whatever the period's length.
-- grain: one row per province unit (code x valid_from) x period x indicator
-- key: province_code, province_valid_from, period, indicator
-- arguments: as_of_date
with reports as (
    select * from intermediate.int_report_versions_as_of(as_of_date)
),

facts as (
    select * from intermediate.int_actual_facts
),

live_facts as (
    select facts.*
    from facts
    inner join reports
        on facts.sha256 = reports.sha256
        and facts.province_code = reports.province_code
        and facts.province_valid_from is not distinct from reports.province_valid_from
        and facts.period = reports.period
        and facts.indicator = reports.indicator
    where reports.is_live
),

final as (
    select
        province_code,
        province_valid_from,
        indicator,
        year,
        period,
        period_kind,
        period_start,
        period_end,
        any_value(province_name) as province_name,
        sum(value) as value,
        any_value(unit) as unit,
        max(received_at) as received_at
    from live_facts
    group by all
)

select * from final
