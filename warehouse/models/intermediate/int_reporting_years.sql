-- description: The years the coordinator follows: from the first to the last year of the
--   actual facts, or of a file received for a single-year period (a province whose only file
--   of a new year was quarantined has that year followed, though it holds no fact yet).
-- grain: one row per year
-- key: year
with facts as (
    select year from intermediate.int_actual_facts
),

files as (
    select year from intermediate.int_files_by_province_year
),

year_span as (
    select min(year) as first_year, max(year) as last_year
    from (select year from facts union all select year from files)
),

final as (
    select unnest(range(first_year, last_year + 1)) as year
    from year_span
    where first_year is not null
)

select * from final
