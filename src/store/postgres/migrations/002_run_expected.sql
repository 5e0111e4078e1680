-- 002 (PostgreSQL): a queued ingest run knows how many inputs it has only once they are all
-- enqueued, and is finished by whichever worker counts its last one.
ALTER TABLE ingest_runs ADD COLUMN expected integer;
