-- description: Which submission's value counts for each province, period and indicator, among
--   the submissions received on or before as_of_date (a date, compared with received_at in
--   UTC; null: every submission). A province's own report beats a compilation (a submission
--   whose facts name several provinces, such as a regional office's table of its provinces)
--   for every indicator both report, whichever arrived first; among submissions of the same
--   kind the latest received wins: a corrected resubmission replaces the figures it restates
--   (the earlier version is kept). A file that adds other indicators of the same report (a
--   regional compilation row plus the province's own sheet of general indicators) complements
--   it. The pipeline's compilation-mismatch finding tells where a compilation and the
--   province's own report differ.
-- grain: one row per submission x province x period x indicator
-- key: sha256, province_code, period, indicator
-- arguments: as_of_date
with facts as (
    select * from intermediate.int_actual_facts
),

received_by_then as (
    select *
    from facts
    where
        as_of_date is null
        or timezone('UTC', received_at) < cast(as_of_date as date) + interval 1 day
),

submission_kinds as (
    select sha256, count(distinct province_code) > 1 as is_compilation
    from received_by_then
    group by sha256
),

reported as (
    select
        sha256,
        any_value(file_name) as file_name,
        province_code,
        province_valid_from,
        period,
        indicator,
        any_value(period_kind) as period_kind,
        any_value(received_at) as received_at
    from received_by_then
    group by sha256, province_code, province_valid_from, period, indicator
),

kinds_reported as (
    select reported.*, submission_kinds.is_compilation
    from reported
    inner join submission_kinds using (sha256)
),

ranked as (
    select
        *,
        row_number() over (
            partition by province_code, province_valid_from, period, indicator
            order by is_compilation, received_at desc, file_name desc, sha256 desc
        ) as version_rank
    from kinds_reported
)

select *, version_rank = 1 as is_live from ranked
