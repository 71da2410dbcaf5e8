-- description: Year-on-year growth of the flow indicators by province, in the geography of the
--   reports (as province_indicator_year): previous_value is the same province's value of the
--   year before, yoy_change_pct = (value - previous_value) / previous_value x 100. The change
--   is null when the previous year is missing or 0, and when the two years are not comparable
--   (is_comparable false), namely when either value comes from a partial-year report or the
--   province's territory grew by a merger in between (Hà Nội 2007 to 2008 and 2008 to 2009).
--   Growth rates never add up; recompute them from values. Compound growth over a range of
--   years, by province, is given by marts.compound_growth(indicator, from_year, to_year).
-- description_vi: Tăng trưởng so với năm trước của các chỉ tiêu dòng theo tỉnh, theo địa giới
--   của báo cáo (như province_indicator_year): previous_value là giá trị năm trước của cùng
--   tỉnh, yoy_change_pct = (value - previous_value) / previous_value x 100. Để trống khi không
--   có số năm trước hoặc số năm trước bằng 0, và khi hai năm không so sánh được (is_comparable
--   false), tức là khi một trong hai giá trị lấy từ báo cáo kỳ chưa đủ năm hoặc địa giới tỉnh
--   mở rộng do sáp nhập giữa hai năm. Tốc độ tăng không được cộng dồn; hãy tính lại từ giá
--   trị. Tăng trưởng bình quân một khoảng năm theo tỉnh: marts.compound_growth(indicator,
--   from_year, to_year).
-- grain: one row per province_code x flow indicator x year
-- key: province_code, indicator, year
with province_years as (
    select * from marts.province_indicator_year
),

indicators as (
    select indicator, kind from marts.indicators
),

territory_changes as (
    select * from intermediate.int_territory_changes
),

flows as (
    select province_years.*
    from province_years
    inner join indicators on province_years.indicator = indicators.indicator
    where indicators.kind = 'flow'
),

with_previous as (
    select
        this_year.*,
        previous_year.value as previous_value,
        previous_year.is_partial as previous_is_partial
    from flows as this_year
    left join flows as previous_year
        on this_year.province_code = previous_year.province_code
        and this_year.indicator = previous_year.indicator
        and this_year.year - 1 = previous_year.year
),

compare_years as (
    select
        *,
        previous_value is not null
        and not is_partial
        and not previous_is_partial
        and not exists (
            select 1
            from territory_changes
            where
                territory_changes.province_code = with_previous.province_code
                and territory_changes.changed_on > make_date(with_previous.year - 1, 1, 1)
                and territory_changes.changed_on <= make_date(with_previous.year, 12, 31)
        ) as is_comparable
    from with_previous
),

final as (
    select
        province_code,
        indicator,
        year,
        value,
        previous_value,
        case
            when is_comparable and previous_value <> 0
                then cast((value - previous_value) / previous_value * 100 as double)
        end as yoy_change_pct,
        is_partial,
        is_comparable
    from compare_years
)

select * from final
order by province_code, indicator, year
