import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Versioned schema migrations: `migrations/NNN_name.sql`, applied in number order, each once,
 * each in its own transaction, recorded in `schema_migrations`. A backend runs the same files
 * (PostgreSQL may add a `migrations/postgres/` folder for dialect differences).
 */
export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d+_.*\.sql$/.test(f))
    .map((f) => ({ version: parseInt(f, 10), name: f.replace(/\.sql$/, ''), sql: readFileSync(join(dir, f), 'utf8') }))
    .sort((a, b) => a.version - b.version);
}
