-- description: National values by indicator and year: the sum over the provinces that reported
--   (flows and stocks alike add up over provinces).
-- grain: one row per indicator x year
-- key: indicator, year
select
    indicator,
    year,
    sum(value) as value,
    any_value(unit) as unit,
    count(distinct province_code) as provinces_reporting
from marts.province_indicator_year
group by indicator, year
order by indicator, year
