-- description: Every sheet of every file and what the reader did with it: read (the shape of
--   the table found, how many of its rows gave figures, how many rows of figures were set
--   aside, and what became of each number of its tables: numeric_cells is the sum of the
--   cells_ columns) or skipped, and why. A hidden or unreadable sheet of a loaded workbook
--   shows here.
-- description_vi: Mọi trang tính của mọi tệp và cách bộ đọc xử lý: đã đọc (dạng bảng tìm
--   thấy, số dòng cho số liệu, số dòng có số liệu bị để riêng) hoặc bỏ qua, kèm lý do. Trang
--   tính bị ẩn hoặc không đọc được của một tệp đã nạp cũng được ghi lại ở đây. Mỗi số liệu
--   của bảng đã đọc được tính vào đúng một cột cells_ (numeric_cells là tổng của chúng).
-- grain: one row per file x sheet
-- key: sha256, file_name, sheet
select
    sha256,
    file_name,
    position,
    sheet,
    status,
    reason,
    table_found,
    layout,
    period,
    province,
    rows_read,
    rows_set_aside,
    numeric_cells,
    cells_fact,
    cells_total,
    cells_part,
    cells_not_indicator,
    cells_not_period,
    cells_finding,
    cells_not_read
from staging.stg_sheets
order by file_name, position
