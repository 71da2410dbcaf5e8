-- description: Compound annual growth of one indicator by province between two years, in the
--   geography of the reports, cagr_pct = ((to_value / from_value) ^ (1 / (to_year -
--   from_year)) - 1) x 100 (Thái Nguyên rural_industry_output 2006 to 2010, about 29.5).
--   It is null when either value is missing, partial-year, or from_value is not positive, and
--   when the province's territory grew by a merger during the range (is_comparable false).
--   Usage, e.g. select * from marts.compound_growth('rural_industry_output', 2006, 2010).
-- description_vi: Tốc độ tăng trưởng bình quân năm của một chỉ tiêu theo tỉnh giữa hai năm,
--   theo địa giới của báo cáo, cagr_pct = ((to_value / from_value) ^ (1 / (to_year -
--   from_year)) - 1) x 100. Để trống khi thiếu một trong hai giá trị, giá trị lấy từ báo cáo
--   kỳ chưa đủ năm, from_value không dương, hoặc khi địa giới tỉnh mở rộng do sáp nhập trong
--   khoảng năm đó.
-- grain: one row per province_code (of the indicator and years asked for)
-- key: province_code
-- arguments: indicator_code, from_year, to_year
with province_years as (
    select * from marts.province_indicator_year
),

territory_changes as (
    select * from intermediate.int_territory_changes
),

start_values as (
    select * from province_years
    where indicator = indicator_code and year = from_year
),

end_values as (
    select * from province_years
    where indicator = indicator_code and year = to_year
),

both_ends as (
    select
        coalesce(end_values.province_code, start_values.province_code) as province_code,
        coalesce(end_values.province_name, start_values.province_name) as province_name,
        start_values.value as from_value,
        end_values.value as to_value,
        coalesce(start_values.is_partial, false)
        or coalesce(end_values.is_partial, false) as is_partial
    from start_values
    full outer join end_values on start_values.province_code = end_values.province_code
),

compare_years as (
    select
        *,
        from_value is not null
        and to_value is not null
        and not is_partial
        and to_year > from_year
        and not exists (
            select 1
            from territory_changes
            where
                territory_changes.province_code = both_ends.province_code
                and territory_changes.changed_on > make_date(from_year, 1, 1)
                and territory_changes.changed_on <= make_date(to_year, 12, 31)
        ) as is_comparable
    from both_ends
),

final as (
    select
        province_code,
        province_name,
        indicator_code as indicator,
        from_year as from_year,
        to_year as to_year,
        from_value,
        to_value,
        case
            when is_comparable and from_value > 0
                then (
                    power(cast(to_value / from_value as double), 1.0 / (to_year - from_year)) - 1
                ) * 100
        end as cagr_pct,
        is_comparable
    from compare_years
)

select * from final
order by province_code
