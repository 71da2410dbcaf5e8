-- description: Actual values by province, indicator and year in today's geography, the 34
--   units of 1 July 2025, for every year: each historical unit's value is added into the 2025
--   unit it belongs to (Hà Tây 28 into Hà Nội 01, Bắc Kạn 06 into Thái Nguyên 19), flows and
--   stocks alike, since both add up over provinces. source_province_codes lists the codes
--   summed. Stocks still never add up over years; over a range of years take each unit's
--   latest value, arg_max(value, year), or call marts.province_indicator_range(from_year,
--   to_year). Money in million VND.
-- description_vi: Giá trị thực hiện theo tỉnh, chỉ tiêu và năm theo địa giới hiện nay (34 đơn
--   vị từ 1/7/2025), cho mọi năm: giá trị của mỗi đơn vị cũ được cộng vào đơn vị năm 2025 mà
--   nó thuộc về (Hà Tây 28 vào Hà Nội 01, Bắc Kạn 06 vào Thái Nguyên 19), cả chỉ tiêu dòng và
--   chỉ tiêu tồn, vì cả hai đều cộng theo tỉnh. source_province_codes liệt kê các mã đã cộng.
--   Chỉ tiêu tồn vẫn không cộng qua các năm; với một khoảng năm lấy giá trị năm cuối,
--   arg_max(value, year), hoặc gọi marts.province_indicator_range(from_year, to_year).
-- grain: one row per 2025 province_code x indicator x year
-- key: province_code, indicator, year
with province_years as (
    select * from marts.province_indicator_year
),

units as (
    select * from marts.provinces
),

units_2025 as (
    -- today's units: the only unit of each code still in existence (new in 2025-07-01, renamed
    -- such as Huế, or unchanged)
    select province_code, province_name
    from units
    where valid_to is null
),

mapped_to_2025 as (
    -- a code names different units before and after a merger: match the unit the report was
    -- about by code and valid_from
    select
        province_years.*,
        coalesce(units.successor_code_2025, province_years.province_code) as code_2025
    from province_years
    left join units
        on province_years.province_code = units.province_code
        and province_years.province_valid_from = units.valid_from
),

summed as (
    select
        code_2025,
        indicator,
        year,
        sum(value) as value,
        any_value(unit) as unit,
        string_agg(distinct province_code, ',' order by province_code) as source_province_codes,
        bool_or(is_partial) as is_partial
    from mapped_to_2025
    group by code_2025, indicator, year
),

final as (
    select
        summed.code_2025 as province_code,
        units_2025.province_name,
        summed.indicator,
        summed.year,
        summed.value,
        summed.unit,
        summed.source_province_codes,
        summed.is_partial
    from summed
    left join units_2025 on summed.code_2025 = units_2025.province_code
)

select * from final
order by province_code, indicator, year
