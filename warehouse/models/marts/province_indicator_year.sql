-- description: Actual values by province, indicator and year, in the geography of the report's
--   own period (Hà Tây 2007 is code 28). A year's value comes from the live (latest received)
--   version of the province's annual report; only where no annual report exists, from its
--   partial report ending latest in the year (6 months, quarter, 9 months), flagged is_partial
--   and never added to another report of that year; multi-year reports never feed a year.
--   Flows add up over provinces and years. Stocks (kind stock in marts.indicators, such as
--   craft_villages) add up over provinces but never over years; over a range of years take
--   each province's latest value, arg_max(value, year), or call
--   marts.province_indicator_range(from_year, to_year). Money in million VND.
-- description_vi: Giá trị thực hiện theo tỉnh, chỉ tiêu và năm, theo địa giới của chính kỳ báo
--   cáo (Hà Tây năm 2007 là mã 28). Giá trị của một năm lấy từ bản mới nhất của báo cáo năm
--   của tỉnh; chỉ khi không có báo cáo năm mới lấy báo cáo kỳ (6 tháng, quý, 9 tháng) kết thúc
--   muộn nhất trong năm, đánh dấu is_partial, không bao giờ cộng thêm với báo cáo khác của
--   năm đó; báo cáo giai đoạn nhiều năm không tính vào một năm. Chỉ tiêu dòng (flow) cộng theo
--   tỉnh và theo năm. Chỉ tiêu tồn (stock, như số làng nghề) cộng theo tỉnh nhưng không cộng
--   qua các năm; với một khoảng năm lấy giá trị năm cuối của mỗi tỉnh, arg_max(value, year),
--   hoặc gọi marts.province_indicator_range(from_year, to_year). Tiền tính bằng triệu đồng.
-- grain: one row per province_code x indicator x year
-- key: province_code, indicator, year
with every_submission as (
    select * from marts.province_indicator_year_as_of(null)
)

select * from every_submission
