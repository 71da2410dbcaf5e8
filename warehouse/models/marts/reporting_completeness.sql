-- description: Which provinces reported for which year, and when, for the national
--   coordinator: one row per province code and year, for every year followed (from the first
--   to the last year of the facts or of a file received), for the unit of that code existing
--   in the year (the one existing on 31 December when there is one). A unit is expected when
--   it exists on 31 December of the year (Hà Tây is not expected in 2008, being merged into Hà
--   Nội on 1 August). received is true when a live annual report exists; received_at is when
--   its last file arrived, deadline when it was due (schemas/deadlines.yaml), late that it
--   arrived after the end of that day (Vietnam's time); rejected that files arrived for the
--   province and year but none was loaded. status is received (on time), late, partial_only
--   (only 6-month, quarterly or 9-month reports), rejected or missing. Completeness rates count
--   the rows where expected.
-- description_vi: Tỉnh nào đã báo cáo cho năm nào, và khi nào, phục vụ điều phối viên quốc
--   gia: mỗi mã tỉnh và năm một dòng, cho mọi năm được theo dõi (từ năm đầu đến năm cuối có số
--   liệu hoặc có tệp gửi đến), cho đơn vị mang mã đó tồn tại trong năm (đơn vị tồn tại ngày
--   31/12 nếu có). Một đơn vị phải báo cáo khi nó tồn tại ngày 31/12 của năm (Hà Tây không phải
--   báo cáo năm 2008 vì đã sáp nhập vào Hà Nội từ 1/8). received là true khi có báo cáo năm còn
--   hiệu lực; received_at là lúc tệp cuối cùng của báo cáo đó đến, deadline là hạn nộp
--   (schemas/deadlines.yaml), late cho biết báo cáo đến sau hết ngày hạn (giờ Việt Nam);
--   rejected cho biết đã có tệp gửi đến cho tỉnh và năm đó nhưng không tệp nào được nạp. status
--   là received (đúng hạn), late (muộn), partial_only (chỉ có báo cáo 6 tháng, quý hoặc 9
--   tháng), rejected (bị từ chối) hoặc missing (chưa nhận). Tỷ lệ đầy đủ tính trên các dòng có
--   expected.
-- grain: one row per province_code x year
-- key: province_code, year
with units as (
    select * from marts.provinces
),

province_years as (
    select * from marts.province_indicator_year
),

reported_years as (
    select * from intermediate.int_reporting_years
),

deadlines as (
    select * from intermediate.int_annual_deadlines
),

files as (
    select * from intermediate.int_files_by_province_year
),

report_versions as (
    select * from intermediate.int_report_versions
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

annual_receipts as (
    -- when the live annual report was complete: the arrival of its last live file
    select
        province_code,
        cast(period as integer) as year,
        max(received_at) as received_at
    from report_versions
    where is_live and period_kind = 'year'
    group by province_code, period
),

timeliness as (
    select
        unit_of_code_and_year.province_code,
        unit_of_code_and_year.province_name,
        unit_of_code_and_year.year,
        unit_of_code_and_year.exists_at_year_end as expected,
        coalesce(reports_of_year.has_annual, false) as received,
        annual_receipts.received_at,
        deadlines.deadline,
        coalesce(
            cast(timezone(deadlines.timezone, annual_receipts.received_at) as date)
            > deadlines.deadline,
            false
        ) as late,
        files.files is not null and reports_of_year.province_code is null as rejected,
        reports_of_year.has_annual,
        reports_of_year.has_partial
    from unit_of_code_and_year
    left join reports_of_year
        on unit_of_code_and_year.province_code = reports_of_year.province_code
        and unit_of_code_and_year.year = reports_of_year.year
    left join annual_receipts
        on unit_of_code_and_year.province_code = annual_receipts.province_code
        and unit_of_code_and_year.year = annual_receipts.year
    left join files
        on unit_of_code_and_year.province_code = files.province_code
        and unit_of_code_and_year.year = files.year
    left join deadlines on unit_of_code_and_year.year = deadlines.year
),

final as (
    select
        province_code,
        province_name,
        year,
        expected,
        received,
        received_at,
        deadline,
        late,
        rejected,
        case
            when has_annual and late then 'late'
            when has_annual then 'received'
            when has_partial then 'partial_only'
            when rejected then 'rejected'
            else 'missing'
        end as status
    from timeliness
)

select * from final
order by year, province_code
