-- 006 (PostgreSQL): each report keeps a fingerprint of its evidence words (crossdoc/copies.ts
-- hashes of its word 5-grams), so the grade counts wire copies once. NULL for older reports.
ALTER TABLE event_reports ADD COLUMN fingerprint text;
