-- description: When each kind of report is due (schemas/deadlines.yaml): the day of the month
--   that comes months_after_end months after the period's last month, in the time zone
--   receipt dates are judged in.
-- grain: one row per period kind
-- key: period_kind
select
    period_kind,
    cast(months_after_end as integer) as months_after_end,
    cast(day as integer) as due_day,
    timezone
from raw.deadlines
