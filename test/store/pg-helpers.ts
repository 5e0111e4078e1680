import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * PostgreSQL for tests: the server named by $SITREP_TEST_PG (default the local server, trust auth,
 * database `test`). Tests that need it skip with a message when it cannot be reached; every test
 * run works in schemas of its own (`sitrep_test_<random>_<n>`), dropped at the end.
 */
export const PG_URL = process.env.SITREP_TEST_PG || 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(): Promise<string | false> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return false;
  } catch (e) {
    return `PostgreSQL not reachable at ${PG_URL} (${(e as Error).message}); set SITREP_TEST_PG to run these tests`;
  } finally {
    await c.end().catch(() => {});
  }
}

/** `false` when PostgreSQL answers, else the reason to skip (for `describe(..., { skip })`). */
export const skipNoPg: string | false = await reachable();

const RUN = `sitrep_test_${randomBytes(4).toString('hex')}`;
let n = 0;
const made: string[] = [];

/** A fresh schema name for this run (remember to `dropSchemas()` after). */
export function freshSchema(): string {
  const s = `${RUN}_${n++}`;
  made.push(s);
  return s;
}

/** A `postgres://` URL selecting a fresh schema. */
export function freshUrl(): string {
  const u = new URL(PG_URL);
  u.searchParams.set('schema', freshSchema());
  return u.toString();
}

/** Drop every schema this run made (and their queue schemas). */
export async function dropSchemas(): Promise<void> {
  if (skipNoPg || !made.length) return;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    const rows = (await c.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE $1", [`${RUN}%`])).rows;
    for (const r of rows) await c.query(`DROP SCHEMA IF EXISTS ${r.nspname} CASCADE`);
  } finally {
    await c.end();
  }
}

/**
 * A store factory for many short tests: each store gets an empty schema of its own, but a schema
 * whose store was closed is emptied (TRUNCATE) and handed out again instead of being created and
 * migrated anew (DDL is most of a fresh schema's cost).
 */
const EMPTY_ORDER = ['claims', 'event_overrides', 'event_actors', 'event_reports', 'events', 'changes', 'audit_log', 'entity_aliases', 'entities', 'mentions', 'places', 'times', 'documents', 'ingest_skips', 'ingest_runs'];

export function reusingFactory<S extends { close(): Promise<void> }>(open: (url: string) => S): () => Promise<S> {
  const free: string[] = [];
  return async () => {
    let url = free.pop();
    if (url) {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      try {
        const schema = new URL(url).searchParams.get('schema');
        // DELETE, children first: on a few rows far cheaper than TRUNCATE (new files for every table
        // and index). Identity counters go on; nothing in a test depends on their values.
        await c.query(`BEGIN; ${EMPTY_ORDER.map((t) => `DELETE FROM ${schema}.${t}`).join('; ')}; COMMIT`);
      } finally {
        await c.end();
      }
    } else url = freshUrl();
    const store = open(url);
    const close = store.close.bind(store);
    store.close = async () => {
      await close();
      free.push(url!);
    };
    return store;
  };
}
