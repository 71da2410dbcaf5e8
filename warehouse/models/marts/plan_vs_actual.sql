-- description: Annual plans against actuals, by province, indicator and year: the plan a province
--   reported beside its actuals (Kế hoạch | Thực hiện), and the actual of
--   marts.province_indicator_year. A plan is never added to an actual; this mart only puts them
--   side by side, with the achievement recomputed from the two values.
-- description_vi: Kế hoạch so với thực hiện theo tỉnh, chỉ tiêu và năm: số kế hoạch tỉnh báo
--   cáo bên cạnh số thực hiện, và số thực hiện của marts.province_indicator_year. Kế hoạch không
--   bao giờ được cộng vào thực hiện; tỷ lệ hoàn thành được tính lại từ hai số.
-- grain: one row per province x indicator x year with an annual plan
-- key: province_code, indicator, year
with plans as (
    select * from intermediate.int_latest_plans where period_kind = 'year'
),

actuals as (
    select * from marts.province_indicator_year
),

final as (
    select
        plans.province_code,
        plans.indicator,
        plans.year,
        plans.value as plan_value,
        actuals.value as actual_value,
        plans.unit,
        case
            when plans.value > 0 and actuals.value is not null
                then round(100 * actuals.value / plans.value, 1)
        end as achievement_pct
    from plans
    left join actuals
        on plans.province_code = actuals.province_code
        and plans.indicator = actuals.indicator
        and plans.year = actuals.year
)

select * from final order by province_code, indicator, year
