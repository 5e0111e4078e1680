/**
 * Where the web server's accounts live: users (bcrypt hashes), login sessions and API tokens, in
 * tables of their own (`web_users`, `web_sessions`) beside the store's data, so one database holds
 * everything a deployment needs. Each backend implements this; the policy (password rules, hashing,
 * secrets, expiry, login back-off) is the server's (src/server/accounts.ts), which never sees SQL.
 *
 * Secrets are never stored: a session or token is kept as the sha256 of its secret (`idHash`).
 */
export type Role = 'analyst' | 'admin' | 'viewer';

export interface User {
  id: number;
  username: string;
  role: Role;
  created: string;
}

export type CredentialKind = 'session' | 'token';

export interface Credential {
  idHash: string;
  userId: number;
  kind: CredentialKind;
  label: string | null;
  created: string;
  /** ISO time after which the credential is dead (null only in databases from before expiry). */
  expires: string | null;
}

/** An API token as its owner may see it: never the secret. `id` is a prefix of the secret's hash. */
export interface TokenInfo {
  id: string;
  label: string | null;
  created: string;
  expires: string | null;
}

/** Length of a token's public id (hex digits of its hash: 64 bits, unique in practice). */
export const TOKEN_ID_LENGTH = 16;

export interface AccountStore {
  countUsers(): Promise<number>;
  /** Throws StoreError 'conflict' when the name is taken. */
  addUser(u: { username: string; passwordHash: string; role: Role; created: string }): Promise<User>;
  findUser(username: string): Promise<(User & { passwordHash: string }) | null>;
  /** A new hash; every session and token of the user ends. False when there is no such user. */
  setPasswordHash(username: string, passwordHash: string): Promise<boolean>;
  /** Store a credential, dropping credentials that expired before `now`. */
  addCredential(c: Credential, now: string): Promise<void>;
  /** The credential of that hash and kind with its user, whatever its expiry (the caller decides). */
  findCredential(idHash: string, kind: CredentialKind): Promise<{ user: User; created: string; expires: string | null } | null>;
  removeCredential(idHash: string): Promise<void>;
  listTokens(userId: number): Promise<TokenInfo[]>;
  /** False when the user has no token with that id. */
  removeToken(userId: number, id: string): Promise<boolean>;
}
