-- description: Vietnam's provincial units over time, by GSO code and validity dates, with the
--   2025 unit each one belongs to.
-- description_vi: Các đơn vị hành chính cấp tỉnh của Việt Nam qua các thời kỳ, theo mã GSO
--   và thời gian hiệu lực, kèm đơn vị năm 2025 mà mỗi đơn vị thuộc về.
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
order by province_code, valid_from
