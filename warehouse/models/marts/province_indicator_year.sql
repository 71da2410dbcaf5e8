-- description: Actual values by province, indicator and year, from the live version of each
--   province's annual report, in the geography of the report's own period (Hà Tây 2007 is
--   code 28). Money in million VND.
-- grain: one row per province_code x indicator x year
-- key: province_code, indicator, year
with live_facts as (
    select facts.*
    from staging.stg_facts as facts
    inner join staging.stg_reports as reports
        on facts.sha256 = reports.sha256
        and facts.province_code = reports.province_code
        and facts.period = reports.period
        and facts.indicator = reports.indicator
    where reports.is_live and facts.period_kind = 'year'
)

select
    province_code,
    any_value(province_name) as province_name,
    indicator,
    year,
    sum(value) as value,
    any_value(unit) as unit
from live_facts
group by province_code, indicator, year
order by province_code, indicator, year
