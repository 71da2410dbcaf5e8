-- description: Which provinces reported for which year, for the national coordinator: one row
--   per province code and year, from the first to the last year in the facts, for the unit of
--   that code existing in the year (the one existing on 31 December when there is one). A
--   unit is expected when it exists on 31 December of the year (Hà Tây is not expected in
--   2008, being merged into Hà Nội on 1 August). received is true when a live annual report
--   exists; status is received, partial_only (only 6-month, quarterly or 9-month reports) or
--   missing. Completeness rates count the rows where expected.
-- description_vi: Tỉnh nào đã báo cáo cho năm nào, phục vụ điều phối viên quốc gia: mỗi mã tỉnh
--   và năm một dòng, từ năm đầu đến năm cuối có số liệu, cho đơn vị mang mã đó tồn tại trong
--   năm (đơn vị tồn tại ngày 31/12 nếu có). Một đơn vị phải báo cáo khi nó tồn tại ngày 31/12
--   của năm (Hà Tây không phải báo cáo năm 2008 vì đã sáp nhập vào Hà Nội từ 1/8). received
--   là true khi có báo cáo năm còn hiệu lực; status là received (đã nhận), partial_only (chỉ
--   có báo cáo 6 tháng, quý hoặc 9 tháng) hoặc missing (chưa nhận). Tỷ lệ đầy đủ tính trên các
--   dòng có expected.
-- grain: one row per province_code x year
-- key: province_code, year
with units as (
    select * from marts.provinces
),

province_years as (
    select * from marts.province_indicator_year
),

facts as (
    select * from intermediate.int_actual_facts
),

year_span as (
    select min(year) as first_year, max(year) as last_year from facts
),

reported_years as (
    select unnest(range(first_year, last_year + 1)) as year
    from year_span
    where first_year is not null
),

units_in_year as (
    select
        units.province_code,
        units.province_name,
        units.valid_from,
        reported_years.year,
        units.valid_to is null
        or units.valid_to >= make_date(reported_years.year, 12, 31) as exists_at_year_end
    from reported_years
    inner join units
        on units.valid_from <= make_date(reported_years.year, 12, 31)
        and (units.valid_to is null or units.valid_to >= make_date(reported_years.year, 1, 1))
),

unit_of_code_and_year as (
    -- a code can name two units in one year (Hà Nội before and after 1 August 2008, Thái
    -- Nguyên before and after 1 July 2025): the later one, which exists at the year's end
    select *
    from units_in_year
    qualify row_number() over (partition by province_code, year order by valid_from desc) = 1
),

reports_of_year as (
    select
        province_code,
        year,
        bool_or(not is_partial) as has_annual,
        bool_or(is_partial) as has_partial
    from province_years
    group by province_code, year
),

final as (
    select
        unit_of_code_and_year.province_code,
        unit_of_code_and_year.province_name,
        unit_of_code_and_year.year,
        unit_of_code_and_year.exists_at_year_end as expected,
        coalesce(reports_of_year.has_annual, false) as received,
        case
            when reports_of_year.has_annual then 'received'
            when reports_of_year.has_partial then 'partial_only'
            else 'missing'
        end as status
    from unit_of_code_and_year
    left join reports_of_year
        on unit_of_code_and_year.province_code = reports_of_year.province_code
        and unit_of_code_and_year.year = reports_of_year.year
)

select * from final
order by year, province_code
