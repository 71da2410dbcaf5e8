-- description: Values by province and indicator over a range of years, in today's geography,
--   aggregated the documented way: flows are the sum of the years, stocks the value of the
--   latest year with a value (never a sum over years). Usage, e.g.
--   select * from marts.province_indicator_range(2009, 2011).
-- description_vi: Giá trị theo tỉnh và chỉ tiêu trong một khoảng năm, theo địa giới hiện nay,
--   tổng hợp đúng quy tắc: chỉ tiêu dòng là tổng các năm, chỉ tiêu tồn là giá trị của năm gần
--   nhất có số liệu (không bao giờ cộng qua các năm).
-- grain: one row per 2025 province_code x indicator
-- key: province_code, indicator
-- arguments: from_year, to_year
with province_years as (
    select * from marts.province_indicator_year_current
),

indicators as (
    select indicator, kind from marts.indicators
),

in_range as (
    select province_years.*, indicators.kind
    from province_years
    inner join indicators on province_years.indicator = indicators.indicator
    where province_years.year between from_year and to_year
),

final as (
    select
        province_code,
        any_value(province_name) as province_name,
        indicator,
        any_value(kind) as kind,
        from_year as from_year,
        to_year as to_year,
        case
            when any_value(kind) = 'stock' then arg_max(value, year)
            else sum(value)
        end as value,
        any_value(unit) as unit,
        count(*) as years_reported,
        max(year) as latest_year,
        bool_or(is_partial) as is_partial
    from in_range
    group by province_code, indicator
)

select * from final
order by province_code, indicator
