-- description: National values by indicator and year: the sum over the provinces that reported
--   (flows and stocks alike add up over provinces). partial_provinces counts the provinces
--   whose value comes from a partial-year report only. Stocks never add up over years.
-- description_vi: Số liệu toàn quốc theo chỉ tiêu và năm: tổng của các tỉnh có báo cáo (chỉ
--   tiêu dòng và chỉ tiêu tồn đều cộng theo tỉnh). partial_provinces là số tỉnh chỉ có báo
--   cáo kỳ (chưa đủ năm). Chỉ tiêu tồn không cộng qua các năm.
-- grain: one row per indicator x year
-- key: indicator, year
with province_years as (
    select * from marts.province_indicator_year
),

final as (
    select
        indicator,
        year,
        sum(value) as value,
        any_value(unit) as unit,
        count(distinct province_code) as provinces_reporting,
        count(distinct province_code) filter (where is_partial) as partial_provinces
    from province_years
    group by indicator, year
)

select * from final
order by indicator, year
