-- description: province_indicator_year as it stood on as_of_date, for reproducing a figure
--   published earlier: only submissions received on or before that date (received_at in UTC)
--   count, ranked by the same rules, so a resubmission received later does not show. Same
--   columns as province_indicator_year; null as_of_date gives today's state. Usage, e.g.
--   select * from marts.province_indicator_year_as_of(date '2012-01-31').
-- description_vi: Bảng province_indicator_year như tại ngày as_of_date, để tái lập số liệu đã
--   công bố: chỉ tính các báo cáo nhận được đến hết ngày đó (received_at theo giờ UTC), xếp
--   hạng theo cùng quy tắc, nên báo cáo gửi lại sau ngày đó không được tính. Cùng các cột với
--   province_indicator_year; as_of_date null cho trạng thái hiện nay.
-- grain: one row per province_code x indicator x year
-- key: province_code, indicator, year
-- arguments: as_of_date
with report_values as (
    select * from intermediate.int_report_values_as_of(as_of_date)
),

single_year_reports as (
    -- a multi-year report ("giai đoạn 2006-2010") never feeds a single year
    select *
    from report_values
    where period_kind in ('year', 'half', 'quarter', 'nine_months')
),

ranked_periods as (
    -- the annual report when there is one; otherwise the partial report ending latest (9M over
    -- H1, Q4 over 9M; of two ending the same day, the longer: 9M over Q3). Only one report of
    -- a year ever counts, so a six-month report is never added to the annual one, nor H1 to 9M.
    -- Stocks follow the same order: the annual (year-end) value, else the latest one.
    select
        *,
        row_number() over (
            partition by province_code, indicator, year
            order by
                period_kind = 'year' desc,
                period_end desc,
                period_start asc,
                province_valid_from desc,
                received_at desc
        ) as period_rank
    from single_year_reports
),

final as (
    select
        province_code,
        province_name,
        indicator,
        year,
        value,
        unit,
        period,
        period_kind <> 'year' as is_partial,
        province_valid_from
    from ranked_periods
    where period_rank = 1
)

select * from final
order by province_code, indicator, year
