-- description: Data quality at a glance for the national coordinator: per province, how many
--   files arrived and what became of them, how many findings they raised, and the rules they
--   broke most often. Files whose province could not be read are under province_code null. A
--   code is named as its unit was named in the last year the province sent a file for (44 is
--   Quảng Bình, not the Quảng Trị it became part of in 2025).
-- description_vi: Tổng quan chất lượng số liệu theo tỉnh cho điều phối viên quốc gia: số tệp đã
--   nhận và kết quả xử lý, số lỗi và cảnh báo, các quy tắc bị vi phạm nhiều nhất. Tệp không xác
--   định được tỉnh nằm ở dòng province_code rỗng. Mỗi mã mang tên đơn vị của nó trong năm cuối
--   cùng tỉnh gửi tệp (mã 44 là Quảng Bình, không phải Quảng Trị sau năm 2025).
-- grain: one row per province code (null for files of no known province)
-- key: none (province_code is null for files of no known province)
with submissions as (
    select * from marts.submissions
),

findings as (
    select * from marts.findings
),

units as (
    select * from marts.provinces
),

files_by_year as (
    select * from intermediate.int_files_by_province_year
),

last_file_years as (
    select province_code, max(year) as year
    from files_by_year
    group by province_code
),

names as (
    -- the unit of the code in the last year it sent a file for, else its latest unit
    select
        units.province_code,
        units.province_name
    from units
    left join last_file_years
        on units.province_code = last_file_years.province_code
    qualify row_number() over (
        partition by units.province_code
        order by
            coalesce(
                units.valid_from <= make_date(last_file_years.year, 12, 31)
                and (
                    units.valid_to is null
                    or units.valid_to >= make_date(last_file_years.year, 1, 1)
                ),
                false
            ) desc,
            units.valid_from desc
    ) = 1
),

files as (
    select
        province_code,
        count(*) as submissions_received,
        count(*) filter (where status = 'loaded') as loaded,
        count(*) filter (where status = 'quarantined') as quarantined,
        count(*) filter (where status = 'duplicate') as duplicates,
        count(*) filter (where status = 'superseded') as superseded
    from submissions
    group by province_code
),

rule_counts as (
    select
        submissions.province_code,
        findings.rule,
        count(*) filter (where findings.severity = 'error') as errors,
        count(*) filter (where findings.severity = 'warning') as warnings,
        count(*) as hits
    from findings
    inner join submissions
        on findings.sha256 = submissions.sha256 and findings.file_name = submissions.file_name
    group by submissions.province_code, findings.rule
),

rules_by_province as (
    select
        province_code,
        sum(errors) as errors,
        sum(warnings) as warnings,
        string_agg(rule || ' (' || hits || ')', ', ' order by hits desc, rule) as most_common_rules
    from rule_counts
    group by province_code
),

final as (
    select
        files.province_code,
        names.province_name,
        files.submissions_received,
        files.loaded,
        files.quarantined,
        files.duplicates,
        files.superseded,
        coalesce(rules_by_province.errors, 0) as errors,
        coalesce(rules_by_province.warnings, 0) as warnings,
        rules_by_province.most_common_rules
    from files
    left join rules_by_province
        on files.province_code is not distinct from rules_by_province.province_code
    left join names on files.province_code = names.province_code
)

select * from final order by province_code nulls last
