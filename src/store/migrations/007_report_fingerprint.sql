-- 007: each report keeps a fingerprint of its evidence words (crossdoc/copies.ts: the hashes of its word 5-grams), so the
-- grade counts wire copies (the same text run by several outlets) once. NULL for older reports.
ALTER TABLE event_reports ADD COLUMN fingerprint TEXT;
