-- description: The indicator catalogue: what each indicator code means, its unit and whether it
--   is a flow (adds up over time) or a stock (the latest value of a period counts).
-- description_vi: Danh mục chỉ tiêu: ý nghĩa của từng mã chỉ tiêu, đơn vị tính và loại chỉ
--   tiêu dòng (flow, cộng được theo thời gian) hay chỉ tiêu tồn (stock, lấy giá trị mới nhất).
-- grain: one row per indicator
-- key: indicator
select indicator, name_vi, name_en, unit, kind
from staging.stg_indicators
order by indicator
