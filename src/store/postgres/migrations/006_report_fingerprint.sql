-- 006 (PostgreSQL): each report keeps a fingerprint of its evidence words (crossdoc/copies.ts
-- MinHash), so the grade counts wire copies once. NULL for older reports.
ALTER TABLE event_reports ADD COLUMN fingerprint text;
