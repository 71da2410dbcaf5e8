-- description: Which submission's value counts for each province, period and indicator, over
--   every submission received: int_report_versions_as_of with no date (the rule is written
--   there once).
-- grain: one row per submission x province x period x indicator
-- key: sha256, province_code, period, indicator
with every_submission as (
    select * from intermediate.int_report_versions_as_of(null)
)

select * from every_submission
