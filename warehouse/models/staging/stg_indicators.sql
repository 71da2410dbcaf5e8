-- description: The indicator catalogue of schemas/indicators.yaml: name, unit and kind (flow or
--   stock) of each indicator code.
-- grain: one row per indicator
-- key: indicator
select
    indicator,
    name_vi,
    name_en,
    unit,
    kind
from raw.indicators
