-- description: Vietnam's provincial units over time (schemas/provinces.csv), by GSO code and
--   validity dates, with the 2025 unit each one belongs to; an empty valid_to (a unit still in
--   existence) becomes null.
-- grain: one row per province unit (code x valid_from)
-- key: province_code, valid_from
select
    code as province_code,
    name_vi as province_name,
    name_ascii,
    type,
    cast(valid_from as date) as valid_from,
    cast(nullif(valid_to, '') as date) as valid_to,
    successor_code_2025
from raw.provinces
