import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteStore, type SqliteOptions } from './sqlite/index.ts';
import { PostgresStore, isPostgresUrl } from './postgres/index.ts';
import type { Store } from './types.ts';

export type * from './types.ts';
export { SqliteStore, PostgresStore };

/**
 * Where `sitrep` keeps its database when no --db is given: $SITREP_DB, else `.sitrep/sitrep.db`
 * under the current directory (gitignored).
 */
export function defaultDbPath(): string {
  return process.env.SITREP_DB || join(process.cwd(), '.sitrep', 'sitrep.db');
}

/**
 * Open a store from a spec: a file path (SQLite, created and migrated when new), `:memory:`, or a
 * `postgres://` / `postgresql://` URL (PostgreSQL; `?schema=NAME` picks the schema, created and
 * migrated on first use).
 */
export function openStore(spec: string = defaultDbPath(), opts: SqliteOptions = {}): Store & { backend: string } {
  if (isPostgresUrl(spec)) return new PostgresStore(spec, { rule: opts.rule, tolerance: opts.tolerance });
  return new SqliteStore(spec.replace(/^sqlite:(\/\/)?/, ''), opts);
}

/** Open an existing database for a query command; a missing file is an error, not a new database. */
export function openExisting(spec: string = defaultDbPath()): Store & { backend: string } {
  if (!/^postgres/.test(spec) && spec !== ':memory:' && !existsSync(spec.replace(/^sqlite:(\/\/)?/, ''))) {
    throw new Error(`no database at ${spec} (run \`sitrep ingest PATH...\` or \`sitrep demo\` first, or pass --db FILE)`);
  }
  return openStore(spec);
}
