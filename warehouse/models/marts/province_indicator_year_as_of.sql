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
with reports as (
    select * from staging.stg_reports_as_of(as_of_date)
),

facts as (
    select * from staging.stg_facts
),

live_facts as (
    select facts.*
    from facts
    inner join reports
        on facts.sha256 = reports.sha256
        and facts.province_code = reports.province_code
        and facts.province_valid_from is not distinct from reports.province_valid_from
        and facts.period = reports.period
        and facts.indicator = reports.indicator
    where
        reports.is_live
        -- a multi-year report ("giai đoạn 2006-2010") never feeds a single year
        and facts.period_kind in ('year', 'half', 'quarter', 'nine_months')
),

report_values as (
    -- one value per live report of an indicator: the sum of its cells (detail rows such as
    -- two training courses of one report)
    select
        province_code,
        province_valid_from,
        indicator,
        year,
        period,
        period_kind,
        period_start,
        period_end,
        any_value(province_name) as province_name,
        sum(value) as value,
        any_value(unit) as unit,
        max(received_at) as received_at
    from live_facts
    group by all
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
    from report_values
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
