-- description: The indicator catalogue: what each indicator code means, its unit and whether it
--   is a flow (adds up over time) or a stock (the latest value of a period counts).
-- grain: one row per indicator
-- key: indicator
select indicator, name_vi, name_en, unit, kind
from raw.indicators
order by indicator
