-- description: Which files arrived for a province and year, whatever became of them (loaded,
--   quarantined or duplicate): the files whose province and single-year period could be read
--   (an annual, six-month, quarterly or nine-month report). A file of several provinces (a
--   regional compilation) or of a multi-year period is no province's file of a year.
-- grain: one row per province_code x year
-- key: province_code, year
with submissions as (
    select * from staging.stg_submissions
),

single_year_files as (
    select
        province_code,
        cast(left(period, 4) as integer) as year,
        received_at
    from submissions
    where
        province_code is not null
        and regexp_matches(period, '^[0-9]{4}(-(H[12]|Q[1-4]|9M))?$')
),

final as (
    select
        province_code,
        year,
        count(*) as files,
        min(received_at) as first_received_at
    from single_year_files
    group by province_code, year
)

select * from final
