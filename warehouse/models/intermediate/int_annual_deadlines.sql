-- description: When each year's annual report is due (staging.stg_deadlines, kind year): the
--   due_day of the month months_after_end months after December, for every year followed
--   (15 January of the next year by default). A report is late when it was received, in the
--   deadline's time zone, after the end of that day.
-- grain: one row per year
-- key: year
with years as (
    select * from intermediate.int_reporting_years
),

deadlines as (
    select * from staging.stg_deadlines
    where period_kind = 'year'
),

due_months as (
    select
        years.year,
        deadlines.due_day,
        deadlines.timezone,
        make_date(years.year, 12, 1) + to_months(deadlines.months_after_end) as due_month
    from years
    cross join deadlines
),

final as (
    select
        year,
        make_date(year(due_month), month(due_month), due_day) as deadline,
        timezone
    from due_months
)

select * from final
