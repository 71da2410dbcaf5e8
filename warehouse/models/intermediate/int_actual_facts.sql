-- description: The actual facts of every loaded submission, all versions: the plans reported
--   beside them (basis plan) are set apart, never added to an actual (see int_latest_plans).
-- grain: one row per submission x sheet x cell (a cell may feed one indicator)
-- key: sha256, sheet, cell
with facts as (
    select * from staging.stg_facts
),

final as (
    select * exclude (basis)
    from facts
    where basis = 'actual'
)

select * from final
