-- 006: what `sitrep watch` knows about each source it follows, so that a restarted watcher neither
-- fetches again what it stored nor misses what came meanwhile. One row per source (a feed URL or
-- a folder); the items of a source it has handled (a feed item's guid, a file's path) with a tag
-- saying which version was handled (a file's size and mtime; empty for feed items).
CREATE TABLE IF NOT EXISTS watch_sources (
  source TEXT PRIMARY KEY,
  kind TEXT NOT NULL,              -- 'feed' or 'folder'
  etag TEXT,
  last_modified TEXT,
  body_hash TEXT,                  -- sha256 of the last feed body handled (a server without validators)
  last_poll TEXT,
  last_success TEXT,
  last_error TEXT,
  last_error_at TEXT,
  errors INTEGER NOT NULL DEFAULT 0,   -- consecutive failures (back-off)
  next_poll TEXT,
  items INTEGER NOT NULL DEFAULT 0     -- items stored (or queued) so far
);
CREATE TABLE IF NOT EXISTS watch_items (
  source TEXT NOT NULL,
  item TEXT NOT NULL,
  tag TEXT NOT NULL DEFAULT '',
  seen_at TEXT NOT NULL,
  PRIMARY KEY (source, item)
);
