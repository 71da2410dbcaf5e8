-- description: The days a province's territory grew by a merger: a unit that starts the day
--   after another code's unit ended with it as successor (Hà Nội on 1 August 2008, Thái
--   Nguyên on 1 July 2025). A rename keeping the territory (Thừa Thiên Huế to Huế) is not one.
--   Values of a code before and after such a day cover different territories.
-- grain: one row per province unit that absorbed another (code x valid_from)
-- key: province_code, changed_on
with units as (
    select province_code, valid_from, valid_to, successor_code_2025
    from staging.stg_provinces
),

final as (
    select distinct
        grown.province_code,
        grown.valid_from as changed_on
    from units as grown
    inner join units as absorbed
        on absorbed.successor_code_2025 = grown.province_code
        and absorbed.province_code <> grown.province_code
        and absorbed.valid_to + 1 = grown.valid_from
)

select * from final
