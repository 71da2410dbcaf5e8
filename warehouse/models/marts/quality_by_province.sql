-- description: Data quality at a glance for the national coordinator: per province, how many
--   files arrived and what became of them, how many findings they raised, and the rules they
--   broke most often. Files whose province could not be read are under province_code null.
-- description_vi: Tổng quan chất lượng số liệu theo tỉnh cho điều phối viên quốc gia: số tệp đã
--   nhận và kết quả xử lý, số lỗi và cảnh báo, các quy tắc bị vi phạm nhiều nhất. Tệp không xác
--   định được tỉnh nằm ở dòng province_code rỗng.
-- grain: one row per province code (null for files of no known province)
-- key: none (province_code is null for files of no known province)
with submissions as (
    select * from marts.submissions
),

findings as (
    select * from marts.findings
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
    left join (
        select province_code, arg_max(province_name, valid_from) as province_name
        from marts.provinces
        group by province_code
    ) as names
        on files.province_code = names.province_code
)

select * from final order by province_code nulls last
