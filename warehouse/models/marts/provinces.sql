-- description: Vietnam's provincial units over time, by GSO code and validity dates, with the
--   2025 unit each one belongs to.
-- description_vi: Các đơn vị hành chính cấp tỉnh của Việt Nam qua các thời kỳ, theo mã GSO
--   và thời gian hiệu lực, kèm đơn vị năm 2025 mà mỗi đơn vị thuộc về.
-- grain: one row per province unit (code x valid_from)
-- key: province_code, valid_from
select
    province_code,
    province_name,
    name_ascii,
    type,
    valid_from,
    valid_to,
    successor_code_2025
from staging.stg_provinces
order by province_code, valid_from
