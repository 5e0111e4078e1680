import Database from 'better-sqlite3';
import bcrypt from 'bcryptjs';
import { randomBytes, createHash } from 'node:crypto';

/**
 * Local accounts, login sessions and API tokens for the server. They live in the same SQLite
 * file as the store, in tables of their own (`web_*`), so that one file holds everything a
 * deployment needs and the store stays free of web concerns.
 *
 * Passwords are bcrypt hashes (cost 10). Session ids and API tokens are random 32-byte values;
 * only their sha256 is stored, so a copy of the database does not hand out live sessions.
 */
export interface User {
  id: number;
  username: string;
  role: 'analyst' | 'admin' | 'viewer';
  created: string;
}

const SCHEMA = `
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
  expires TEXT                   -- NULL: until revoked (API tokens)
);
`;

const SESSION_DAYS = 14;
const BCRYPT_COST = 10;

export class Accounts {
  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM web_users').get() as { n: number }).n;
  }

  create(username: string, password: string, role: User['role'] = 'analyst'): User {
    if (!/^[A-Za-z0-9_.@-]{1,64}$/.test(username)) throw new Error('username: 1-64 letters, digits or _ . @ -');
    if (password.length < 8) throw new Error('password: at least 8 characters');
    const hash = bcrypt.hashSync(password, BCRYPT_COST);
    const created = new Date().toISOString();
    const info = this.db
      .prepare('INSERT INTO web_users (username, password_hash, role, created) VALUES (?, ?, ?, ?)')
      .run(username, hash, role, created);
    return { id: Number(info.lastInsertRowid), username, role, created };
  }

  /** A new password; the user's sessions and tokens end with the old one. */
  setPassword(username: string, password: string): void {
    if (password.length < 8) throw new Error('password: at least 8 characters');
    const r = this.db.prepare('UPDATE web_users SET password_hash = ? WHERE username = ?').run(bcrypt.hashSync(password, BCRYPT_COST), username);
    if (!r.changes) throw new Error(`no such user: ${username}`);
    this.db.prepare('DELETE FROM web_sessions WHERE user_id = (SELECT id FROM web_users WHERE username = ?)').run(username);
  }

  /** The user when the password matches, else null (same answer for unknown user and bad password). */
  async verify(username: string, password: string): Promise<User | null> {
    const row = this.db.prepare('SELECT id, username, role, created, password_hash FROM web_users WHERE username = ?').get(username) as
      | (User & { password_hash: string })
      | undefined;
    // Compare against a dummy hash for unknown users so timing does not reveal which names exist.
    const ok = await bcrypt.compare(password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !ok) return null;
    return { id: row.id, username: row.username, role: row.role, created: row.created };
  }

  /** A new login session; returns the secret to put in the cookie. */
  openSession(user: User, kind: 'session' | 'token' = 'session', label: string | null = null): string {
    const secret = randomBytes(32).toString('base64url');
    const now = new Date();
    // Expired sessions are dead weight: drop them as new ones are made.
    this.db.prepare('DELETE FROM web_sessions WHERE expires IS NOT NULL AND expires < ?').run(now.toISOString());
    const expires = kind === 'session' ? new Date(now.getTime() + SESSION_DAYS * 86400_000).toISOString() : null;
    this.db
      .prepare('INSERT INTO web_sessions (id_hash, user_id, kind, label, created, expires) VALUES (?, ?, ?, ?, ?, ?)')
      .run(sha(secret), user.id, kind, label, now.toISOString(), expires);
    return (kind === 'token' ? 'srt_' : '') + secret;
  }

  /** The user a session cookie or API token belongs to, or null when unknown or expired. */
  lookup(secret: string | undefined | null): User | null {
    if (!secret) return null;
    const raw = secret.startsWith('srt_') ? secret.slice(4) : secret;
    const row = this.db
      .prepare(
        `SELECT u.id, u.username, u.role, u.created, s.expires FROM web_sessions s JOIN web_users u ON u.id = s.user_id WHERE s.id_hash = ?`,
      )
      .get(sha(raw)) as (User & { expires: string | null }) | undefined;
    if (!row) return null;
    if (row.expires && row.expires < new Date().toISOString()) return null;
    return { id: row.id, username: row.username, role: row.role, created: row.created };
  }

  closeSession(secret: string | undefined | null): void {
    if (!secret) return;
    const raw = secret.startsWith('srt_') ? secret.slice(4) : secret;
    this.db.prepare('DELETE FROM web_sessions WHERE id_hash = ?').run(sha(raw));
  }
}

const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', 4);

function sha(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
