import bcrypt from 'bcryptjs';
import { randomBytes, createHash } from 'node:crypto';
import type { AccountStore, CredentialKind, Role, TokenInfo, User } from '../store/accounts.ts';
import { StoreError } from '../store/errors.ts';
import { LoginBackoff, type BackoffOptions } from './login-backoff.ts';

export type { User, Role, TokenInfo } from '../store/accounts.ts';

/**
 * The server's account policy over the store's account tables (`store.accounts`, any backend):
 * password rules, bcrypt hashing, session and token secrets, their lifetimes, and the login
 * back-off. The tables themselves hold no policy.
 *
 * Session ids and API tokens are random 32-byte values; only their sha256 is stored, so a copy of
 * the database does not hand out live sessions. A cookie secret is only ever a session and a
 * bearer secret only ever a token.
 */
export const BCRYPT_COST = 10;
export const SESSION_DAYS = 14;
/** API tokens live this long unless their owner asks for less (and never more than TOKEN_MAX_DAYS). */
export const TOKEN_DAYS = 90;
export const TOKEN_MAX_DAYS = 365;
const DAY = 86_400_000;

export interface AccountsOptions {
  backoff?: BackoffOptions;
  /** Milliseconds since the epoch; tests move it to expire sessions and tokens. */
  clock?: () => number;
}

export class Accounts {
  readonly backoff: LoginBackoff;
  private readonly table: AccountStore;
  private readonly clock: () => number;

  /** `store`: any Store (its `accounts` part), or an AccountStore itself. */
  constructor(store: { accounts: AccountStore } | AccountStore, opts: AccountsOptions = {}) {
    this.table = 'accounts' in store ? store.accounts : store;
    this.clock = opts.clock ?? Date.now;
    this.backoff = new LoginBackoff({ now: this.clock, ...opts.backoff });
  }

  private nowIso(): string {
    return new Date(this.clock()).toISOString();
  }

  count(): Promise<number> {
    return this.table.countUsers();
  }

  async create(username: string, password: string, role: Role = 'analyst'): Promise<User> {
    if (!/^[A-Za-z0-9_.@-]{1,64}$/.test(username)) throw new StoreError('bad_request', 'username: 1-64 letters, digits or _ . @ -');
    if (!['analyst', 'admin', 'viewer'].includes(role)) throw new StoreError('bad_request', 'role: analyst, admin or viewer');
    const problem = passwordProblem(password, username);
    if (problem) throw new StoreError('bad_request', `password: ${problem}`);
    return this.table.addUser({ username, passwordHash: await bcrypt.hash(password, BCRYPT_COST), role, created: this.nowIso() });
  }

  /** A new password; the user's sessions and tokens end with the old one. */
  async setPassword(username: string, password: string): Promise<void> {
    const problem = passwordProblem(password, username);
    if (problem) throw new StoreError('bad_request', `password: ${problem}`);
    if (!(await this.table.setPasswordHash(username, await bcrypt.hash(password, BCRYPT_COST)))) throw new StoreError('not_found', `no such user: ${username}`);
  }

  /**
   * The user when the password matches, else null. An unknown user costs the same bcrypt work as
   * a known one (a dummy hash of the same cost), so the answer's timing does not tell which names
   * exist.
   */
  async verify(username: string, password: string): Promise<User | null> {
    const row = await this.table.findUser(username);
    const ok = await bcrypt.compare(password, row?.passwordHash ?? (await dummyHash()));
    if (!row || !ok) return null;
    return { id: row.id, username: row.username, role: row.role, created: row.created };
  }

  /**
   * A login attempt under the per-account back-off: `{ user }`, `{ user: null }` for a wrong name
   * or password, or `{ retryAfterMs }` when the account is backing off. The attempt's slot is
   * taken before the first await, so concurrent guesses each see the ones already under way.
   */
  async login(username: string, password: string): Promise<{ user: User | null } | { retryAfterMs: number }> {
    const key = username.slice(0, 64);
    const wait = this.backoff.reserve(key);
    if (wait > 0) return { retryAfterMs: wait };
    const user = await this.verify(username, password);
    if (user) this.backoff.succeeded(key);
    return { user };
  }

  /** A new login session (cookie) or API token; returns the secret, shown once. */
  async openSession(user: User, kind: CredentialKind = 'session', label: string | null = null, days?: number): Promise<string> {
    const secret = randomBytes(32).toString('base64url');
    const now = this.clock();
    const life = kind === 'session' ? SESSION_DAYS : Math.min(TOKEN_MAX_DAYS, Math.max(1, Math.floor(days ?? TOKEN_DAYS)));
    await this.table.addCredential(
      { idHash: sha(secret), userId: user.id, kind, label, created: new Date(now).toISOString(), expires: new Date(now + life * DAY).toISOString() },
      new Date(now).toISOString(),
    );
    return (kind === 'token' ? 'srt_' : '') + secret;
  }

  /** The user a session cookie or API token belongs to, or null when unknown, of the other kind, or expired. */
  async lookup(secret: string | undefined | null, kind: CredentialKind = 'session'): Promise<User | null> {
    if (!secret) return null;
    if (kind === 'token' !== secret.startsWith('srt_')) return null;
    const found = await this.table.findCredential(sha(kind === 'token' ? secret.slice(4) : secret), kind);
    if (!found) return null;
    // Tokens made before expiry existed (expires NULL) end TOKEN_DAYS after they were made.
    const expires = found.expires ?? new Date(Date.parse(found.created) + TOKEN_DAYS * DAY).toISOString();
    return expires > this.nowIso() ? found.user : null;
  }

  async closeSession(secret: string | undefined | null): Promise<void> {
    if (!secret) return;
    await this.table.removeCredential(sha(secret.startsWith('srt_') ? secret.slice(4) : secret));
  }

  listTokens(user: User): Promise<TokenInfo[]> {
    return this.table.listTokens(user.id);
  }

  /** Revoke one of the user's own tokens; false when they have none with that id. */
  revokeToken(user: User, id: string): Promise<boolean> {
    return this.table.removeToken(user.id, id);
  }
}

/**
 * Why a password is refused, or null. The rules (NIST SP 800-63B, with a higher floor because a
 * password is this server's only factor and it may face a network):
 * - at least 10 characters: with the login back-off an online attacker gets a few hundred guesses
 *   a day per account, far too few for 10 characters that are not a common pattern;
 * - at most 72 bytes of UTF-8: bcrypt ignores everything after byte 72, so a longer password would
 *   silently be a shorter one;
 * - not only digits, at least 5 different characters, and not containing the user name: the
 *   patterns guessers try first (dates, phone numbers, "aaaaaaaaaa", "ana12345678").
 */
export function passwordProblem(password: string, username = ''): string | null {
  if (typeof password !== 'string') return 'required';
  if (Buffer.byteLength(password, 'utf8') > 72) return 'at most 72 bytes (bcrypt ignores the rest)';
  if ([...password].length < 10) return 'at least 10 characters';
  if (/^\d+$/.test(password)) return 'not only digits';
  if (new Set([...password.toLowerCase()]).size < 5) return 'at least 5 different characters';
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) return 'must not contain the user name';
  return null;
}

let dummy: Promise<string> | null = null;
/** A hash of a password nobody has, at the real cost (made once, on first need). */
export function dummyHash(): Promise<string> {
  return (dummy ??= bcrypt.hash(randomBytes(16).toString('hex'), BCRYPT_COST));
}

function sha(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
