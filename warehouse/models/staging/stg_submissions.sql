-- description: Every file the pipeline has seen, as the lake records it: loaded, quarantined
--   (with the reason) or duplicate. Superseded files are told apart in marts.submissions.
-- grain: one row per file (content x file name)
-- key: sha256, file_name
select
    submission_id,
    file_name,
    sha256,
    status,
    province_code,
    period,
    reason,
    reports,
    facts,
    size_bytes,
    received_at,
    processed_at,
    parser_version,
    archive_path
from raw.submissions
