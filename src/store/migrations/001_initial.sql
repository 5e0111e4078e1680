-- 001: the initial schema. Documents are versioned per source; every span layer of the contract
-- is kept with its document; event reports (one per document event) are grouped into events
-- (clusters, the real-world event); claims keep who says what. Review tables (overrides,
-- review_state, audit_log) and the change feed are here from the start so that analyst review
-- does not need a data migration later.

CREATE TABLE ingest_runs (
  id           INTEGER PRIMARY KEY,
  started_at   TEXT NOT NULL,
  finished_at  TEXT,
  command      TEXT,
  seen         INTEGER NOT NULL DEFAULT 0,
  added        INTEGER NOT NULL DEFAULT 0,
  unchanged    INTEGER NOT NULL DEFAULT 0,
  versions     INTEGER NOT NULL DEFAULT 0,
  skipped      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE ingest_skips (
  run_id       INTEGER NOT NULL REFERENCES ingest_runs(id),
  source       TEXT NOT NULL,
  document_id  TEXT,
  code         TEXT NOT NULL,
  message      TEXT NOT NULL
);
CREATE INDEX ingest_skips_run ON ingest_skips(run_id);

CREATE TABLE documents (
  pk            INTEGER PRIMARY KEY,
  id            TEXT NOT NULL UNIQUE,      -- store key (contract id, ~vN for colliding later versions)
  contract_id   TEXT NOT NULL,
  source        TEXT NOT NULL,
  version       INTEGER NOT NULL,
  current       INTEGER NOT NULL DEFAULT 1,
  content_hash  TEXT NOT NULL,             -- sha256 hex of the text as read (UTF-8)
  kind          TEXT,
  outlet        TEXT,
  title         TEXT,
  published     TEXT,
  published_precision TEXT,
  fetched_at    TEXT,
  ingested_at   TEXT NOT NULL,
  run_id        INTEGER REFERENCES ingest_runs(id),
  text          TEXT NOT NULL,
  meta_json     TEXT NOT NULL,             -- the contract meta (body, dateline, published span)
  n_mentions    INTEGER NOT NULL DEFAULT 0,
  n_places      INTEGER NOT NULL DEFAULT 0,
  n_times       INTEGER NOT NULL DEFAULT 0,
  n_events      INTEGER NOT NULL DEFAULT 0,
  n_claims      INTEGER NOT NULL DEFAULT 0,
  UNIQUE (source, version)
);
CREATE UNIQUE INDEX documents_hash ON documents(content_hash);
CREATE INDEX documents_contract ON documents(contract_id);
CREATE INDEX documents_current ON documents(current, pk);

CREATE TABLE mentions (
  document_pk  INTEGER NOT NULL REFERENCES documents(pk),
  start        INTEGER NOT NULL,
  "end"        INTEGER NOT NULL,
  text         TEXT NOT NULL,
  type         TEXT NOT NULL,
  entity       TEXT NOT NULL,
  name         TEXT NOT NULL,
  role         TEXT,
  src          TEXT
);
CREATE INDEX mentions_doc ON mentions(document_pk);
CREATE INDEX mentions_entity ON mentions(entity);

CREATE TABLE places (
  document_pk  INTEGER NOT NULL REFERENCES documents(pk),
  start        INTEGER NOT NULL,
  "end"        INTEGER NOT NULL,
  text         TEXT NOT NULL,
  entity       TEXT NOT NULL,              -- canonical place id (geo:<geonameid> or place:<cc>:<slug>)
  name         TEXT NOT NULL,
  lat          REAL,
  lon          REAL,
  country      TEXT,
  admin1       TEXT,
  geonameid    INTEGER,
  kind         TEXT
);
CREATE INDEX places_doc ON places(document_pk);
CREATE INDEX places_entity ON places(entity);

CREATE TABLE times (
  document_pk  INTEGER NOT NULL REFERENCES documents(pk),
  start        INTEGER NOT NULL,
  "end"        INTEGER NOT NULL,
  text         TEXT NOT NULL,
  type         TEXT NOT NULL,
  value        TEXT NOT NULL,
  precision    TEXT NOT NULL
);
CREATE INDEX times_doc ON times(document_pk);

-- Canonical actors and places across documents: one row per entity id.
CREATE TABLE entities (
  id           TEXT PRIMARY KEY,
  kind         TEXT NOT NULL,              -- actor | place
  type         TEXT NOT NULL,
  name         TEXT NOT NULL,
  lat          REAL,
  lon          REAL,
  country      TEXT
);
CREATE TABLE entity_aliases (
  entity       TEXT NOT NULL REFERENCES entities(id),
  alias        TEXT NOT NULL,
  n            INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (entity, alias)
) WITHOUT ROWID;

-- Events: the real-world event, a cluster of reports. Columns hold the machine values; reviewed
-- values live in event_overrides and win in queries and exports.
CREATE TABLE events (
  id            TEXT PRIMARY KEY,
  type          TEXT NOT NULL,
  subtype       TEXT NOT NULL,
  date          TEXT,                      -- ISO date as reported (the finest any report gives)
  sort_date     TEXT NOT NULL DEFAULT '',  -- first day of the date's period, or '' (undated last): order and cursor key
  date_precision TEXT,
  date_lo       TEXT,                      -- the window the reports allow
  date_hi       TEXT,
  wide          INTEGER NOT NULL DEFAULT 0, -- window longer than 31 days (searched separately)
  location_json TEXT,
  lat           REAL,
  lon           REAL,
  country       TEXT,
  admin1        TEXT,
  actors_json   TEXT NOT NULL DEFAULT '[]',
  fatalities_json TEXT,
  fatalities_best INTEGER,
  counts_json   TEXT NOT NULL DEFAULT '{}',
  n_reports     INTEGER NOT NULL DEFAULT 0,
  n_outlets     INTEGER NOT NULL DEFAULT 0,
  grade         TEXT NOT NULL DEFAULT 'weak',
  grade_reason  TEXT NOT NULL DEFAULT '',
  sources_json  TEXT NOT NULL DEFAULT '[]',
  review_status TEXT NOT NULL DEFAULT 'unreviewed',
  machine_json  TEXT NOT NULL DEFAULT '{}',  -- the machine summary; columns above hold effective values (overrides applied)
  aggregate     INTEGER NOT NULL DEFAULT 0,
  deleted       INTEGER NOT NULL DEFAULT 0,
  revision      INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX events_sort ON events(deleted, sort_date, id);
CREATE INDEX events_type_sort ON events(type, sort_date);
CREATE INDEX events_country_sort ON events(country, sort_date);
CREATE INDEX events_lat ON events(lat);
CREATE INDEX events_cluster_key ON events(type, wide, date_lo);

CREATE TABLE event_actors (
  event_id     TEXT NOT NULL REFERENCES events(id),
  entity       TEXT NOT NULL,
  role         TEXT NOT NULL,
  PRIMARY KEY (entity, event_id, role)
) WITHOUT ROWID;
CREATE INDEX event_actors_event ON event_actors(event_id);

-- One event as one document tells it.
CREATE TABLE event_reports (
  pk           INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,       -- <document id>:<contract event id>
  document_pk  INTEGER NOT NULL REFERENCES documents(pk),
  event_id     TEXT REFERENCES events(id), -- NULL once its document version is superseded
  type         TEXT NOT NULL,
  date         TEXT,
  date_lo      TEXT,
  date_hi      TEXT,
  lat          REAL,
  lon          REAL,
  outlet_key   TEXT NOT NULL,              -- the independence unit for corroboration
  event_json   TEXT NOT NULL               -- the contract ConflictEvent (raw evidence offsets)
);
CREATE INDEX event_reports_event ON event_reports(event_id);
CREATE INDEX event_reports_doc ON event_reports(document_pk);

CREATE TABLE claims (
  pk           INTEGER PRIMARY KEY,
  document_pk  INTEGER NOT NULL REFERENCES documents(pk),
  current      INTEGER NOT NULL DEFAULT 1,
  start        INTEGER NOT NULL,
  "end"        INTEGER NOT NULL,
  text         TEXT NOT NULL,
  value        REAL NOT NULL,
  low          REAL NOT NULL,
  high         REAL NOT NULL,
  unit         TEXT NOT NULL,
  subject      TEXT,
  claimant     TEXT,
  approximate  INTEGER NOT NULL DEFAULT 0,
  ev_start     INTEGER NOT NULL,
  ev_end       INTEGER NOT NULL,
  report_pk    INTEGER REFERENCES event_reports(pk)
);
CREATE INDEX claims_doc ON claims(document_pk);
CREATE INDEX claims_subject ON claims(current, subject, unit);

-- Review: reviewed values (one row per overridden field), the review state, and the audit log.
CREATE TABLE event_overrides (
  event_id     TEXT NOT NULL REFERENCES events(id),
  field        TEXT NOT NULL,
  value_json   TEXT NOT NULL,
  reviewer     TEXT NOT NULL,
  at           TEXT NOT NULL,
  PRIMARY KEY (event_id, field)
) WITHOUT ROWID;

CREATE TABLE audit_log (
  id           INTEGER PRIMARY KEY,
  at           TEXT NOT NULL,
  reviewer     TEXT NOT NULL,
  action       TEXT NOT NULL,
  event_id     TEXT NOT NULL,
  field        TEXT,
  before_json  TEXT,
  after_json   TEXT,
  note         TEXT
);
CREATE INDEX audit_log_event ON audit_log(event_id);

-- The change feed: one row per event change; the cursor is seq.
CREATE TABLE changes (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id     TEXT NOT NULL,
  op           TEXT NOT NULL,              -- add | update | delete
  revision     INTEGER NOT NULL,
  at           TEXT NOT NULL
);
CREATE INDEX changes_event ON changes(event_id);
