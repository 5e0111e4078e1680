-- 004: the web server's accounts (users, login sessions, API tokens), formerly created by the
-- server itself; IF NOT EXISTS keeps databases that already have them. Secrets are stored as
-- their sha256 (id_hash) only.
CREATE TABLE IF NOT EXISTS web_users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT 'analyst',
  created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS web_sessions (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES web_users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,            -- 'session' (cookie) or 'token' (Authorization: Bearer)
  label TEXT,
  created TEXT NOT NULL,
  expires TEXT
);
CREATE INDEX IF NOT EXISTS web_sessions_user ON web_sessions(user_id, kind);
