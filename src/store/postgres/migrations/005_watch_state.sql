-- 005 (PostgreSQL): the poll state of `sitrep watch` (see ../../migrations/006_watch_state.sql).
CREATE TABLE IF NOT EXISTS watch_sources (
  source text PRIMARY KEY,
  kind text NOT NULL,
  etag text,
  last_modified text,
  body_hash text,
  last_poll text,
  last_success text,
  last_error text,
  last_error_at text,
  errors integer NOT NULL DEFAULT 0,
  next_poll text,
  items integer NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS watch_items (
  source text NOT NULL,
  item text NOT NULL,
  tag text NOT NULL DEFAULT '',
  seen_at text NOT NULL,
  PRIMARY KEY (source, item)
);
