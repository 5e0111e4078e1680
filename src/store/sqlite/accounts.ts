import type Database from 'better-sqlite3';
import type { AccountStore, Credential, CredentialKind, Role, TokenInfo, User } from '../accounts.ts';
import { TOKEN_ID_LENGTH } from '../accounts.ts';
import { StoreError } from '../errors.ts';

/** Accounts in the store's SQLite file (tables from migration 004_web_accounts). */
export class SqliteAccounts implements AccountStore {
  constructor(private readonly db: Database.Database) {}

  async countUsers(): Promise<number> {
    return (this.db.prepare('SELECT count(*) AS n FROM web_users').get() as { n: number }).n;
  }

  async addUser(u: { username: string; passwordHash: string; role: Role; created: string }): Promise<User> {
    try {
      const info = this.db.prepare('INSERT INTO web_users (username, password_hash, role, created) VALUES (?, ?, ?, ?)').run(u.username, u.passwordHash, u.role, u.created);
      return { id: Number(info.lastInsertRowid), username: u.username, role: u.role, created: u.created };
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new StoreError('conflict', `user name taken: ${u.username}`);
      throw e;
    }
  }

  async findUser(username: string): Promise<(User & { passwordHash: string }) | null> {
    const r = this.db.prepare('SELECT id, username, role, created, password_hash FROM web_users WHERE username = ?').get(username) as
      | { id: number; username: string; role: Role; created: string; password_hash: string }
      | undefined;
    return r ? { id: r.id, username: r.username, role: r.role, created: r.created, passwordHash: r.password_hash } : null;
  }

  async setPasswordHash(username: string, passwordHash: string): Promise<boolean> {
    return this.db.transaction(() => {
      const r = this.db.prepare('UPDATE web_users SET password_hash = ? WHERE username = ?').run(passwordHash, username);
      if (!r.changes) return false;
      this.db.prepare('DELETE FROM web_sessions WHERE user_id = (SELECT id FROM web_users WHERE username = ?)').run(username);
      return true;
    })();
  }

  async addCredential(c: Credential, now: string): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM web_sessions WHERE expires IS NOT NULL AND expires < ?').run(now);
      this.db.prepare('INSERT INTO web_sessions (id_hash, user_id, kind, label, created, expires) VALUES (?, ?, ?, ?, ?, ?)').run(c.idHash, c.userId, c.kind, c.label, c.created, c.expires);
    })();
  }

  async findCredential(idHash: string, kind: CredentialKind) {
    const r = this.db
      .prepare('SELECT u.id, u.username, u.role, u.created, s.created AS s_created, s.expires FROM web_sessions s JOIN web_users u ON u.id = s.user_id WHERE s.id_hash = ? AND s.kind = ?')
      .get(idHash, kind) as { id: number; username: string; role: Role; created: string; s_created: string; expires: string | null } | undefined;
    return r ? { user: { id: r.id, username: r.username, role: r.role, created: r.created }, created: r.s_created, expires: r.expires } : null;
  }

  async removeCredential(idHash: string): Promise<void> {
    this.db.prepare('DELETE FROM web_sessions WHERE id_hash = ?').run(idHash);
  }

  async listTokens(userId: number): Promise<TokenInfo[]> {
    return this.db
      .prepare(`SELECT substr(id_hash, 1, ${TOKEN_ID_LENGTH}) AS id, label, created, expires FROM web_sessions WHERE user_id = ? AND kind = 'token' ORDER BY created, id_hash`)
      .all(userId) as TokenInfo[];
  }

  async removeToken(userId: number, id: string): Promise<boolean> {
    if (id.length !== TOKEN_ID_LENGTH) return false;
    return this.db.prepare(`DELETE FROM web_sessions WHERE user_id = ? AND kind = 'token' AND substr(id_hash, 1, ${TOKEN_ID_LENGTH}) = ?`).run(userId, id).changes > 0;
  }
}
