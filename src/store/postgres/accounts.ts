import type { AccountStore, Credential, CredentialKind, Role, TokenInfo, User } from '../accounts.ts';
import { TOKEN_ID_LENGTH } from '../accounts.ts';
import { StoreError } from '../errors.ts';

type Query = (sql: string, args?: unknown[]) => Promise<Array<Record<string, any>>>;

/** Accounts in the store's PostgreSQL schema (tables from migration 003_web_accounts). */
export class PostgresAccounts implements AccountStore {
  constructor(private readonly q: Query) {}

  async countUsers(): Promise<number> {
    return Number((await this.q('SELECT count(*) AS n FROM web_users'))[0].n);
  }

  async addUser(u: { username: string; passwordHash: string; role: Role; created: string }): Promise<User> {
    try {
      const [r] = await this.q('INSERT INTO web_users (username, password_hash, role, created) VALUES ($1, $2, $3, $4) RETURNING id', [u.username, u.passwordHash, u.role, u.created]);
      return { id: Number(r.id), username: u.username, role: u.role, created: u.created };
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new StoreError('conflict', `user name taken: ${u.username}`);
      throw e;
    }
  }

  async findUser(username: string): Promise<(User & { passwordHash: string }) | null> {
    const [r] = await this.q('SELECT id, username, role, created, password_hash FROM web_users WHERE username = $1', [username]);
    return r ? { id: Number(r.id), username: r.username, role: r.role, created: r.created, passwordHash: r.password_hash } : null;
  }

  async setPasswordHash(username: string, passwordHash: string): Promise<boolean> {
    // One statement, so the new hash and the end of the old sessions commit together.
    const r = await this.q(
      `WITH u AS (UPDATE web_users SET password_hash = $2 WHERE username = $1 RETURNING id),
            d AS (DELETE FROM web_sessions WHERE user_id IN (SELECT id FROM u))
       SELECT count(*) AS n FROM u`,
      [username, passwordHash],
    );
    return Number(r[0].n) > 0;
  }

  async addCredential(c: Credential, now: string): Promise<void> {
    await this.q(
      `WITH gone AS (DELETE FROM web_sessions WHERE expires IS NOT NULL AND expires < $7)
       INSERT INTO web_sessions (id_hash, user_id, kind, label, created, expires) VALUES ($1, $2, $3, $4, $5, $6)`,
      [c.idHash, c.userId, c.kind, c.label, c.created, c.expires, now],
    );
  }

  async findCredential(idHash: string, kind: CredentialKind) {
    const [r] = await this.q(
      'SELECT u.id, u.username, u.role, u.created, s.created AS s_created, s.expires FROM web_sessions s JOIN web_users u ON u.id = s.user_id WHERE s.id_hash = $1 AND s.kind = $2',
      [idHash, kind],
    );
    return r ? { user: { id: Number(r.id), username: r.username, role: r.role as Role, created: r.created }, created: r.s_created as string, expires: r.expires as string | null } : null;
  }

  async removeCredential(idHash: string): Promise<void> {
    await this.q('DELETE FROM web_sessions WHERE id_hash = $1', [idHash]);
  }

  async listTokens(userId: number): Promise<TokenInfo[]> {
    const rows = await this.q(`SELECT substr(id_hash, 1, ${TOKEN_ID_LENGTH}) AS id, label, created, expires FROM web_sessions WHERE user_id = $1 AND kind = 'token' ORDER BY created, id_hash`, [userId]);
    return rows.map((r) => ({ id: r.id, label: r.label, created: r.created, expires: r.expires }));
  }

  async removeToken(userId: number, id: string): Promise<boolean> {
    if (id.length !== TOKEN_ID_LENGTH) return false;
    const r = await this.q(`DELETE FROM web_sessions WHERE user_id = $1 AND kind = 'token' AND substr(id_hash, 1, ${TOKEN_ID_LENGTH}) = $2 RETURNING 1`, [userId, id]);
    return r.length > 0;
  }
}
