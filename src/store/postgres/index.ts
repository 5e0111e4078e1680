import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pool, PoolClient } from 'pg';
import type { ConflictEvent, DocResult, ErrorRecord, EventActor } from '../../doc.ts';
import type {
  AuditEntry,
  Change,
  ChangeFeed,
  ClaimQuery,
  Contradiction,
  ContradictionQuery,
  DocumentQuery,
  EditableEventFields,
  EntityQuery,
  EventQuery,
  EventReport,
  IngestInput,
  IngestOutcome,
  IngestRun,
  Page,
  ReviewAction,
  ReviewResult,
  Store,
  StoreStats,
  StoredClaim,
  StoredDocument,
  StoredDocumentFull,
  StoredEntity,
  StoredEvent,
  StoredEventDetail,
} from '../types.ts';
import { loadMigrations } from '../migrate.ts';
import { DEFAULT_RULE, decide, reportFeatures, type ClusterRule } from '../../crossdoc/cluster.ts';
import { outletKey } from '../../crossdoc/entities.ts';
import { DEFAULT_TOLERANCE, findContradictions, type Statement, type Tolerance } from '../../crossdoc/contradictions.ts';
import {
  EDITABLE,
  canonicalEvent,
  reportable,
  candidateBox,
  claimRefs,
  claimStatement,
  clampLimit,
  decodeCursor,
  documentRows,
  encodeCursor,
  eventFeatures,
  eventIdOf,
  oneIncident,
  leadStart,
  reportFingerprint,
  eventContradiction,
  subjectContradiction,
  filterContradictions,
  eventValues,
  now,
  reportIdOf,
  reportOfClaim,
  reportStatements,
  sha,
  splitEventIdOf,
  type ReportInput,
  type ClaimOfDocument,
} from '../derive.ts';
import { clustersByContractId, DOCUMENT_COLS, claimForStatement, claimOfRow, eventReport, ingestRun, mentionOfRow, placeOfRow, storedClaim, storedDocument, storedEvent, timeOfRow, type JsonColumn } from '../rows.ts';
import { StoreError } from '../errors.ts';
import type { AccountStore } from '../accounts.ts';
import { PostgresAccounts } from './accounts.ts';
import { PostgresWatchState } from './watch.ts';
import type { WatchState } from '../watch.ts';
import { eventOrder } from '../event-order.ts';
import { planUndo } from '../undo.ts';
import { documentOrder, documentSearch } from '../document-order.ts';

/**
 * The PostgreSQL backend (node-postgres). Same schema and semantics as the SQLite backend, for a
 * shared database that many processes write to (`sitrep worker`) and many readers query.
 *
 * Concurrency: every write that touches the cross-document view (ingest of new bytes, review)
 * runs in one transaction that first takes a transaction-scoped advisory lock for the store's
 * schema. Writers therefore apply one at a time, in commit order, which keeps what SQLite's single
 * writer guarantees: a report always sees every event committed before it (no duplicate clusters
 * from two workers at once), event ids are the ones a serial ingest gives, and the change feed's
 * seq order is commit order. Only the store step is serialised; extraction (the expensive part)
 * runs in parallel in the workers. Reads never wait for the lock.
 *
 * `pg` is loaded on first use, so SQLite users never load it.
 */
export interface PostgresOptions {
  /** Schema holding the tables (created when missing); default from the URL's `?schema=`, else public. */
  schema?: string;
  /** Connections in the pool (default 4). */
  max?: number;
  /**
   * Wait for the commit record to reach disk before a document's ingest returns (default false, or
   * the URL's `?synchronous_commit=on`). Off, as SQLite's synchronous=NORMAL: a crash of the
   * database server or machine may lose the last few documents (each whole or not at all; never a
   * partial or inconsistent store); a crash of sitrep loses nothing committed. Review actions
   * always wait.
   */
  synchronousCommit?: boolean;
  rule?: ClusterRule;
  tolerance?: Tolerance;
}

type Row = Record<string, any>;
/** A json column as node-postgres returns it (already parsed). */
const jsonValue: JsonColumn = (v, dflt) => (v ?? dflt) as typeof dflt;
type Q = (sql: string, args?: unknown[]) => Promise<Row[]>;
/** Queue a parameterless statement to run with the COMMIT (one round trip fewer). */
type Later = (sql: string) => void;

export const PG_MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/**
 * `postgres://user@host:5432/db?schema=NAME&synchronous_commit=on` -> the connection string
 * (without our parameters), the schema (default public) and the commit mode.
 */
export function parsePostgresUrl(spec: string): { connectionString: string; schema: string; synchronousCommit: boolean } {
  const u = new URL(spec);
  const schema = u.searchParams.get('schema') ?? 'public';
  const sync = u.searchParams.get('synchronous_commit');
  u.searchParams.delete('schema');
  u.searchParams.delete('synchronous_commit');
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`bad schema name: ${schema} (lowercase letters, digits, _)`);
  return { connectionString: u.toString(), schema, synchronousCommit: sync === 'on' || sync === 'true' || sync === '1' };
}

/** A 64-bit advisory lock key for a purpose and schema (two stores in one database never share one). */
function lockKey(purpose: string, schema: string): string {
  return BigInt.asIntN(64, BigInt('0x' + createHash('sha256').update(`sitrep:${purpose}:${schema}`).digest('hex').slice(0, 16))).toString();
}

// Column lists for events and reports written from JSON records (json_to_recordset), so one
// statement writes many rows.
const EVENT_DEFS =
  'id text, type text, subtype text, date text, sort_date text, date_precision text, date_lo text, date_hi text, wide boolean, location_json json, lat float8, lon float8, ' +
  'country text, admin1 text, actors_json json, fatalities_json json, fatalities_best int, counts_json json, n_reports int, n_outlets int, grade text, grade_reason text, ' +
  'sources_json json, machine_json json, aggregate boolean, revision int, updated_at text';
const EVENT_COLS = EVENT_DEFS.split(', ').map((d) => d.split(' ')[0]).join(', ');
const EVENT_SET = EVENT_COLS.split(', ').filter((c) => c !== 'id').map((c) => `${c} = t.${c}`).join(', ');
const REPORT_DEFS = 'id text, event_id text, type text, date text, date_lo text, date_hi text, lat float8, lon float8, outlet_key text, event_json json, match_json json, fingerprint text';
const REPORT_COLS = REPORT_DEFS.split(', ').map((d) => d.split(' ')[0]).join(', ');
// Candidate events for a report `p` (see derive.ts candidateBox): columns, and the point in the coarse box.
const CAND_COLS = 'id, type, date, date_lo, date_hi, lat, lon, location_json, actors_json, sources_json, aggregate, counts_json, fatalities_best';
const CAND_NEAR = '(lat IS NULL OR p.lat IS NULL OR (lat BETWEEN p.lat - p.dlat AND p.lat + p.dlat AND lon BETWEEN p.lon - p.dlon AND p.lon + p.dlon))';

function candidateFeatures(row: Row) {
  return eventFeatures({ type: row.type, date: row.date, counts: row.counts_json, fatalitiesBest: row.fatalities_best, date_lo: row.date_lo, date_hi: row.date_hi, lat: row.lat, lon: row.lon, location: row.location_json, actors: row.actors_json ?? [], sources: row.sources_json ?? [], aggregate: row.aggregate });
}

/** An event's stored values as a JSON record for EVENT_DEFS. */
function eventRow(id: string, v: ReturnType<typeof eventValues>, revision: number, at: string): Row {
  const eff = v.effective;
  return {
    id, type: eff.type, subtype: eff.subtype, date: eff.date?.value ?? null, sort_date: v.sortDate, date_precision: eff.date?.precision ?? null,
    date_lo: v.window?.lo ?? null, date_hi: v.window?.hi ?? null, wide: v.wide, location_json: eff.location ?? null, lat: eff.location?.lat ?? null,
    lon: eff.location?.lon ?? null, country: eff.location?.country ?? null, admin1: eff.location?.admin1 ?? null, actors_json: eff.actors,
    fatalities_json: eff.fatalities ?? null, fatalities_best: eff.fatalities?.best ?? null, counts_json: eff.counts, n_reports: v.corroboration.reports,
    n_outlets: v.corroboration.outlets, grade: v.corroboration.grade, grade_reason: v.corroboration.reason, sources_json: v.sources, machine_json: v.machine,
    aggregate: v.machine.aggregate, revision, updated_at: at,
  };
}

export class PostgresStore implements Store {
  readonly backend = 'postgres';
  readonly schema: string;
  readonly connectionString: string;
  private readonly rule: ClusterRule;
  private readonly tolerance: Tolerance;
  private readonly max: number;
  private readonly synchronousCommit: boolean;
  private readonly writeLock: string;
  private pool: Pool | null = null;
  private ready: Promise<Pool> | null = null;
  private closed = false;
  readonly accounts: AccountStore = new PostgresAccounts((sql, args) => this.q(sql, args));
  readonly watch: WatchState = new PostgresWatchState((sql, args) => this.q(sql, args));

  constructor(url: string, opts: PostgresOptions = {}) {
    const parsed = parsePostgresUrl(url);
    this.connectionString = parsed.connectionString;
    this.schema = opts.schema ?? parsed.schema;
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(this.schema)) throw new Error(`bad schema name: ${this.schema}`);
    this.rule = opts.rule ?? DEFAULT_RULE;
    this.tolerance = opts.tolerance ?? DEFAULT_TOLERANCE;
    this.max = opts.max ?? 4;
    this.synchronousCommit = opts.synchronousCommit ?? parsed.synchronousCommit;
    this.writeLock = lockKey('write', this.schema);
  }

  /** Connect and migrate once (every public method awaits this). */
  private init(): Promise<Pool> {
    if (this.closed) return Promise.reject(new Error('store is closed'));
    this.ready ??= (async () => {
      const { default: pg } = await import('pg');
      // int8 (bigserial ids, COUNT) as numbers: ids stay far below 2^53.
      const types = { getTypeParser: (oid: number, format?: any) => (oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) };
      const pool = new pg.Pool({ connectionString: this.connectionString, max: this.max, types, options: `-c search_path=${this.schema}` } as any);
      // An idle connection closed by the server must not crash the process; the next query reconnects.
      pool.on('error', () => {});
      this.pool = pool;
      await this.migrate(pool);
      return pool;
    })();
    return this.ready;
  }

  private async migrate(pool: Pool): Promise<void> {
    const key = lockKey('migrate', this.schema);
    for (const m of loadMigrations(PG_MIGRATIONS_DIR)) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        // Two processes opening a new database race here: the lock makes the second wait and re-check.
        await c.query('SELECT pg_advisory_xact_lock($1)', [key]);
        await c.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
        await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)');
        const done = await c.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
        if (!done.rowCount) {
          await c.query(m.sql);
          await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, now()]);
        }
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        c.release();
      }
    }
  }

  async schemaVersion(): Promise<number> {
    return (await this.q('SELECT MAX(version) AS v FROM schema_migrations'))[0].v ?? 0;
  }

  /** One statement outside a transaction. */
  private async q(sql: string, args: unknown[] = []): Promise<Row[]> {
    const pool = await this.init();
    return (await pool.query(sql, args)).rows;
  }

  /**
   * A transaction; `lock` takes the store's write lock first (cross-document writes); `lazy`
   * commits without waiting for the disk (see `synchronousCommit`).
   */
  private async tx<T>(fn: (q: Q, later: Later) => Promise<T>, lock = false, lazy = false): Promise<T> {
    const pool = await this.init();
    const c: PoolClient = await pool.connect();
    const q: Q = async (sql, args = []) => (await c.query(sql, args)).rows;
    const tail: string[] = [];
    try {
      // Round trips are most of a document's cost: BEGIN and the lock go as one simple query
      // (the key is a number of ours), and queued statements go with the COMMIT.
      await c.query(['BEGIN', lazy ? 'SET LOCAL synchronous_commit = off' : '', lock ? `SELECT pg_advisory_xact_lock(${BigInt(this.writeLock)})` : ''].filter(Boolean).join('; '));
      const out = await fn(q, (sql) => tail.push(sql));
      await c.query([...tail, 'COMMIT'].join('; '));
      return out;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      c.release();
    }
  }

  // -------------------------------------------------------------------------------------------
  // Ingest runs

  async beginRun(command?: string): Promise<number> {
    return (await this.q('INSERT INTO ingest_runs (started_at, command) VALUES ($1, $2) RETURNING id', [now(), command ?? null]))[0].id;
  }

  async recordSkip(runId: number, e: ErrorRecord): Promise<void> {
    await this.tx(async (q) => {
      await q('INSERT INTO ingest_skips (run_id, source, document_id, code, message) VALUES ($1,$2,$3,$4,$5)', [runId, e.source, e.id ?? null, e.error.code, e.error.message]);
      await q(this.countSql(runId, 'skipped'));
    });
  }

  async finishRun(runId: number): Promise<IngestRun> {
    await this.q('UPDATE ingest_runs SET finished_at = $1 WHERE id = $2', [now(), runId]);
    return (await this.runs([runId]))[0];
  }

  /** A queued run: how many inputs it has (then finished at once if they were all counted already). */
  async expectRun(runId: number, total: number): Promise<void> {
    await this.q('UPDATE ingest_runs SET expected = $1 WHERE id = $2', [total, runId]);
    await this.finishRunIfComplete(runId);
  }

  /**
   * Finish a queued run once as many inputs as expected were counted in it (workers call this
   * after each job: whichever counts the last one closes the run). True when this call finished it.
   * A job retried after a worker died after its commit counts twice (once `unchanged`), so such a
   * run may close while one of its jobs is still being retried; its counts stay right.
   */
  async finishRunIfComplete(runId: number): Promise<boolean> {
    const rows = await this.q('UPDATE ingest_runs SET finished_at = $1 WHERE id = $2 AND finished_at IS NULL AND expected IS NOT NULL AND seen >= expected RETURNING id', [now(), runId]);
    return rows.length > 0;
  }

  async getRun(runId: number): Promise<IngestRun | null> {
    return (await this.runs([runId]))[0] ?? null;
  }

  private async runs(ids: number[]): Promise<IngestRun[]> {
    const rows = await this.q('SELECT * FROM ingest_runs WHERE id = ANY($1::bigint[]) ORDER BY id DESC', [ids]);
    const skips = await this.q('SELECT run_id, source, document_id, code, message FROM ingest_skips WHERE run_id = ANY($1::bigint[]) ORDER BY pk', [ids]);
    return rows.map((r) => ingestRun(r, skips.filter((s) => s.run_id === r.id)));
  }

  async listRuns(limit = 20): Promise<IngestRun[]> {
    const ids = (await this.q('SELECT id FROM ingest_runs ORDER BY id DESC LIMIT $1', [limit])).map((r) => r.id as number);
    return this.runs(ids);
  }

  // -------------------------------------------------------------------------------------------
  // Ingest

  private countSql(runId: number, k: 'added' | 'unchanged' | 'versions' | 'skipped'): string {
    // A queued run (expected set) is finished by the statement that counts its last input.
    return `UPDATE ingest_runs SET seen = seen + 1, ${k} = ${k} + 1, finished_at = CASE WHEN finished_at IS NULL AND expected IS NOT NULL AND seen + 1 >= expected THEN '${now()}' ELSE finished_at END WHERE id = ${Math.trunc(Number(runId))}`;
  }

  async ingestKnown(text: string, runId?: number): Promise<IngestOutcome | null> {
    const [known] = await this.q('SELECT id, version FROM documents WHERE content_hash = $1', [sha(text)]);
    if (!known) return null;
    if (runId != null) await this.q(this.countSql(runId, 'unchanged'));
    return { status: 'unchanged', documentId: known.id, version: known.version, events: [] };
  }

  /**
   * `also`: statements of the caller's to commit with the document, all or nothing (the queue
   * marks the document's job done in the same transaction), given a query function.
   */
  async ingest(input: IngestInput, runId?: number, also?: (exec: (sql: string, args?: unknown[]) => Promise<{ rows: Row[] }>) => Promise<unknown>): Promise<IngestOutcome> {
    // Everything that needs no database is derived before the lock is taken.
    const hash = sha(input.text);
    const rows = documentRows(input.result);
    return this.tx(
      async (q, later) => {
        const out = await this.ingestTx(q, later, input, hash, rows, runId);
        if (also) await also(async (sql, args) => ({ rows: await q(sql, args ?? []) }));
        return out;
      },
      true,
      !this.synchronousCommit,
    );
  }

  private async ingestTx(q: Q, later: Later, input: IngestInput, hash: string, rows: ReturnType<typeof documentRows>, runId?: number): Promise<IngestOutcome> {
    const r: DocResult = input.result;
    const text = input.text;
    const source = input.source ?? r.source;
    const pub = r.meta.published;
    const published = pub?.value ?? null;
    // Round trips are most of a document's cost, so the reads a document needs go in one query:
    // the same bytes (stored by anyone before us), the source's latest version, which store keys
    // starting with the contract id are taken, and every event's clustering candidates. Candidates
    // can be read for all events at once: a document's events never join each other's events, nor
    // one event twice (crossdoc/cluster.ts rule 5), so an event another event of this document
    // joined or founded is never a candidate for the next one.
    const evs = r.events.filter(reportable).map((e) => {
      const event = canonicalEvent(e);
      return { e, event, f: reportFeatures(event, r.id, published, this.rule) };
    });
    const asked = evs.flatMap((x, i) => (x.f.window ? [{ i, ...candidateBox(x.f, this.rule) }] : []));
    const [look] = await q(
      `SELECT (SELECT json_build_object('id', id, 'version', version) FROM documents WHERE content_hash = $1) AS known,
        (SELECT json_build_object('pk', pk, 'version', version) FROM documents WHERE source = $2 ORDER BY version DESC LIMIT 1) AS prev,
        ARRAY(SELECT id FROM documents WHERE id = $3 OR (id > $3 || '~' AND id < $3 || '~~')) AS taken,
        ARRAY(SELECT id FROM events WHERE id = ANY($5::text[])) AS taken_events,
        (SELECT json_agg(c) FROM json_to_recordset($4::json) AS p(i int, types json, lo0 text, lo text, hi text, lat float8, lon float8, dlat float8, dlon float8),
          LATERAL (
            SELECT p.i, ${CAND_COLS} FROM events WHERE type IN (SELECT json_array_elements_text(p.types)) AND NOT wide AND NOT deleted
              AND date_lo BETWEEN p.lo0 AND p.hi AND date_hi >= p.lo AND ${CAND_NEAR}) c) AS candidates`,
      [hash, source, r.id, JSON.stringify(asked), evs.map((x) => eventIdOf(reportIdOf(r.id, x.e)))],
    );
    const known = look.known as { id: string; version: number } | null;
    if (known) {
      if (runId != null) later(this.countSql(runId, 'unchanged'));
      return { status: 'unchanged', documentId: known.id, version: known.version, events: [] };
    }
    const at = now();
    const touched = new Set<string>();
    const prev = look.prev as { pk: number; version: number } | null;
    const version = prev ? prev.version + 1 : 1;
    if (prev) {
      // The old version stays (with its spans) but leaves the cross-document view.
      const old = await q(
        `WITH t AS (SELECT event_id, min(pk) AS first FROM event_reports WHERE document_pk = $1 AND event_id IS NOT NULL GROUP BY event_id),
          r AS (UPDATE event_reports SET event_id = NULL WHERE document_pk = $1),
          c AS (UPDATE claims SET current = false WHERE document_pk = $1),
          d AS (UPDATE documents SET current = false WHERE source = $2)
         SELECT event_id FROM t ORDER BY first`,
        [prev.pk, source],
      );
      for (const e of old) touched.add(e.event_id);
    }
    const taken = new Set<string>(look.taken);
    let id = r.id;
    if (taken.has(id)) id = `${r.id}~v${version}`;
    if (taken.has(id)) id = `${r.id}~${hash.slice(0, 12)}`;
    // The document and its span layers in one statement: each layer one JSON array, entities and
    // aliases folded per document (see derive.ts).
    const [{ pk: docPk }] = await q(
      `WITH d AS (INSERT INTO documents (id, contract_id, source, version, current, content_hash, kind, outlet, title, published, published_precision, fetched_at,
          ingested_at, run_id, text, meta_json, n_mentions, n_places, n_times, n_events, n_claims)
         VALUES ($1,$2,$3,$4,true,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20) RETURNING pk),
       m AS (INSERT INTO mentions (document_pk, start, "end", text, type, entity, name, role, src)
         SELECT d.pk, (j->>0)::int, (j->>1)::int, j->>2, j->>3, j->>4, j->>5, j->>6, j->>7 FROM d, json_array_elements($21::json) j),
       p AS (INSERT INTO places (document_pk, start, "end", text, entity, name, lat, lon, country, admin1, geonameid, kind)
         SELECT d.pk, (j->>0)::int, (j->>1)::int, j->>2, j->>3, j->>4, (j->>5)::float8, (j->>6)::float8, j->>7, j->>8, (j->>9)::bigint, j->>10 FROM d, json_array_elements($22::json) j),
       t AS (INSERT INTO times (document_pk, start, "end", text, type, value, precision)
         SELECT d.pk, (j->>0)::int, (j->>1)::int, j->>2, j->>3, j->>4, j->>5 FROM d, json_array_elements($23::json) j),
       e AS (INSERT INTO entities (id, kind, type, name, lat, lon, country)
         SELECT j->>0, j->>1, j->>2, j->>3, (j->>4)::float8, (j->>5)::float8, j->>6 FROM json_array_elements($24::json) j ON CONFLICT (id) DO NOTHING),
       a AS (INSERT INTO entity_aliases (entity, alias, n)
         SELECT j->>0, j->>1, (j->>2)::int FROM json_array_elements($25::json) j ON CONFLICT (entity, alias) DO UPDATE SET n = entity_aliases.n + excluded.n)
       SELECT pk FROM d`,
      [id, r.id, source, version, hash, input.kind ?? null, r.meta.outlet, r.meta.title, published, pub?.precision ?? null, input.fetchedAt ?? null, at, runId ?? null, text,
        JSON.stringify(r.meta), r.mentions.length, r.places.length, r.times.length, r.events.length, r.claims.length,
        JSON.stringify(rows.mentions), JSON.stringify(rows.places), JSON.stringify(rows.times), JSON.stringify(rows.entities), JSON.stringify(rows.aliases)],
    );

    // Clustering, in document order, in memory.
    const oKey = outletKey(r.meta.outlet, source, id);
    const takenEvents = new Set<string>(look.taken_events);
    if (id !== r.id && evs.length)
      for (const x of await q('SELECT id FROM events WHERE id = ANY($1::text[])', [evs.map((x) => eventIdOf(reportIdOf(id, x.e)))])) takenEvents.add(x.id);
    const cands = new Map<number, Row[]>();
    for (const c of (look.candidates ?? []) as Row[]) (cands.get(c.i) ?? cands.set(c.i, []).get(c.i)!).push(c);
    const joined = new Set<string>();
    type Planned = { eventId: string; fresh: boolean; report: Row; input: ReportInput };
    const planned: Planned[] = [];
    for (const [i, x] of evs.entries()) {
      x.f.documents = [id];
      const reportId = reportIdOf(id, x.e);
      const candidates = (cands.get(i) ?? []).filter((c) => !joined.has(c.id)).map((c) => ({ id: c.id as string, features: candidateFeatures(c) }));
      const { match, decision } = x.f.window ? decide(x.f, candidates, this.rule) : { match: null, decision: null };
      const fp = reportFingerprint(x.event, text);
      let eventId: string;
      if (match) joined.add((eventId = match.id));
      else {
        eventId = eventIdOf(reportId);
        if (takenEvents.has(eventId)) eventId = eventIdOf(reportId, at);
        takenEvents.add(eventId);
      }
      const report = {
        id: reportId, event_id: eventId, type: x.event.type, date: x.event.date?.value ?? null, date_lo: x.f.window?.lo ?? null, date_hi: x.f.window?.hi ?? null,
        lat: x.event.location?.lat ?? null, lon: x.event.location?.lon ?? null, outlet_key: oKey, event_json: x.event, match_json: decision, fingerprint: fp,
      };
      planned.push({ eventId, fresh: !match, report, input: { event: x.event, documentId: id, outletKey: oKey, published, source, outlet: r.meta.outlet, fingerprint: fp } });
      touched.add(eventId);
    }
    const fresh = planned.filter((x) => x.fresh);
    const matched = planned.filter((x) => !x.fresh);
    const eventRows: Row[] = [];
    const actorRows: Row[] = [];
    const changeRows: Row[] = [];
    const addEvent = (eventId: string, reports: ReportInput[], overrides: Array<{ field: string; value: unknown }>, revision: number, op: string) => {
      const v = eventValues(reports, overrides, this.rule);
      eventRows.push(eventRow(eventId, v, revision, at));
      for (const a of v.actorRows) actorRows.push({ event_id: eventId, entity: a.entity, role: a.role, sort_date: v.sortDate, type: v.effective.type, country: v.effective.location?.country ?? null });
      changeRows.push({ n: planned.findIndex((p) => p.eventId === eventId), event_id: eventId, op, revision });
    };
    // New events (each founded by one report of this document) with their actor rows in one
    // statement; the reports go in below, all in document order (their pks order a document's events).
    for (const x of fresh) addEvent(x.eventId, [x.input], [], 1, 'add');
    if (fresh.length) {
      await q(
        `WITH e AS (INSERT INTO events (${EVENT_COLS}, deleted, created_at) SELECT ${EVENT_COLS}, false, updated_at FROM json_to_recordset($1::json) AS t(${EVENT_DEFS}))
         INSERT INTO event_actors (event_id, entity, role, sort_date, type, country)
         SELECT * FROM json_to_recordset($2::json) AS t(event_id text, entity text, role text, sort_date text, type text, country text) ON CONFLICT DO NOTHING`,
        [JSON.stringify(eventRows), JSON.stringify(actorRows)],
      );
      eventRows.length = actorRows.length = 0;
    }
    // Joined events: their reports and overrides in one read, the new values in the write below.
    if (matched.length) {
      const got = await q(
        `SELECT e.id, e.revision, e.deleted,
           (SELECT json_agg(json_build_object('event', r.event_json, 'outletKey', r.outlet_key, 'documentId', d.id, 'source', d.source, 'outlet', d.outlet, 'published', d.published, 'fingerprint', r.fingerprint) ORDER BY r.pk)
              FROM event_reports r JOIN documents d ON d.pk = r.document_pk WHERE r.event_id = e.id) AS reports,
           (SELECT json_agg(json_build_object('field', o.field, 'value', o.value_json)) FROM event_overrides o WHERE o.event_id = e.id) AS overrides
         FROM events e WHERE e.id = ANY($1::text[])`,
        [matched.map((x) => x.eventId)],
      );
      for (const x of matched) {
        const row = got.find((g) => g.id === x.eventId)!;
        addEvent(x.eventId, [...(row.reports ?? []), x.input], row.overrides ?? [], row.revision + 1, row.deleted ? 'add' : 'update');
      }
    }
    // One write for the rest: every report of this document (in document order), joined events'
    // values and actor rows, the change feed rows in document order, and the claims (linked to the
    // report whose evidence holds them).
    const reportIds = planned.map((x) => x.report.id);
    const claimRows = r.claims.map((c, k) => {
      const { subject, claimant } = claimRefs(c);
      const rep = reportOfClaim(c, r.events);
      return { k, start: c.start, end: c.end, text: c.text, value: c.value, low: c.low, high: c.high, unit: c.unit, subject, claimant, approximate: !!c.approximate,
        ev_start: c.evidence.start, ev_end: c.evidence.end, report_id: rep >= 0 ? reportIds[rep] : null };
    });
    changeRows.sort((a, b) => a.n - b.n);
    if (planned.length || claimRows.length)
      await q(
        `WITH rp AS (INSERT INTO event_reports (${REPORT_COLS}, document_pk)
            SELECT ${REPORT_COLS}, $1 FROM json_to_recordset($2::json) AS t(${REPORT_DEFS}, n int) ORDER BY n RETURNING id, pk),
          u AS (UPDATE events e SET ${EVENT_SET}, deleted = false FROM json_to_recordset($3::json) AS t(${EVENT_DEFS}) WHERE e.id = t.id),
          del AS (DELETE FROM event_actors ea WHERE ea.event_id = ANY($4::text[])
            AND (ea.event_id, ea.entity, ea.role) NOT IN (SELECT event_id, entity, role FROM json_to_recordset($5::json) AS t(event_id text, entity text, role text))),
          ac AS (INSERT INTO event_actors (event_id, entity, role, sort_date, type, country)
            SELECT * FROM json_to_recordset($5::json) AS t(event_id text, entity text, role text, sort_date text, type text, country text)
            WHERE event_id = ANY($4::text[])
            ON CONFLICT (entity, event_id, role) DO UPDATE SET sort_date = excluded.sort_date, type = excluded.type, country = excluded.country),
          ch AS (INSERT INTO changes (event_id, op, revision, at) SELECT event_id, op, revision, $6 FROM json_to_recordset($7::json) AS t(n int, event_id text, op text, revision int) ORDER BY n)
         INSERT INTO claims (document_pk, start, "end", text, value, low, high, unit, subject, claimant, approximate, ev_start, ev_end, report_pk)
         SELECT $1, t.start, t."end", t.text, t.value, t.low, t.high, t.unit, t.subject, t.claimant, t.approximate, t.ev_start, t.ev_end, rp.pk
         FROM json_to_recordset($8::json) AS t(start int, "end" int, text text, value float8, low float8, high float8, unit text, subject text, claimant text,
           approximate boolean, ev_start int, ev_end int, report_id text, k bigint)
         LEFT JOIN rp ON rp.id = t.report_id ORDER BY t.k`,
        [docPk, JSON.stringify(planned.map((x, n) => ({ ...x.report, n }))), JSON.stringify(eventRows), matched.map((x) => x.eventId), JSON.stringify(actorRows), at, JSON.stringify(changeRows), JSON.stringify(claimRows)],
      );
    if (prev) for (const ev of touched) await this.recompute(q, ev, at);
    if (runId != null) later(this.countSql(runId, prev ? 'versions' : 'added'));
    return { status: prev ? 'new_version' : 'added', documentId: id, version, events: [...touched] };
  }

  /**
   * Recompute an event's machine values, grade and effective values from its reports; log the
   * change. One query reads the event with its reports and overrides, one writes it with its actor
   * rows and change. `fresh`: a new event's first report, given directly, stored with the event
   * (`report`: its event_reports values); returns that report's pk.
   */
  private async recompute(q: Q, eventId: string, at = now(), fresh?: ReportInput[], report?: unknown[]): Promise<number | undefined> {
    let row: { revision: number; deleted: boolean };
    let reports: ReportInput[];
    let overrides: Array<{ field: string; value: unknown }> = [];
    if (fresh) (row = { revision: 0, deleted: false }), (reports = fresh);
    else {
      const [r] = await q(
        `SELECT e.revision, e.deleted,
           (SELECT json_agg(json_build_object('event', r.event_json, 'outletKey', r.outlet_key, 'documentId', d.id, 'source', d.source, 'outlet', d.outlet, 'published', d.published, 'fingerprint', r.fingerprint) ORDER BY r.pk)
              FROM event_reports r JOIN documents d ON d.pk = r.document_pk WHERE r.event_id = e.id) AS reports,
           (SELECT json_agg(json_build_object('field', o.field, 'value', o.value_json)) FROM event_overrides o WHERE o.event_id = e.id) AS overrides
         FROM events e WHERE e.id = $1`,
        [eventId],
      );
      if (!r) return;
      row = r as { revision: number; deleted: boolean };
      reports = r.reports ?? [];
      overrides = r.overrides ?? [];
    }
    if (!reports.length) {
      if (!row.deleted)
        await q(
          `WITH u AS (UPDATE events SET deleted = true, revision = revision + 1, updated_at = $2 WHERE id = $1),
            a AS (DELETE FROM event_actors WHERE event_id = $1)
           INSERT INTO changes (event_id, op, revision, at) VALUES ($1, 'delete', $3, $2)`,
          [eventId, at, row.revision + 1],
        );
      return;
    }
    const v = eventValues(reports, overrides, this.rule);
    const eff = v.effective;
    const op = row.revision === 0 || row.deleted ? 'add' : 'update';
    const revision = row.revision + 1;
    const j = (x: unknown) => JSON.stringify(x ?? null);
    const values = [
      eventId, eff.type, eff.subtype, eff.date?.value ?? null, v.sortDate, eff.date?.precision ?? null, v.window?.lo ?? null, v.window?.hi ?? null, v.wide,
      eff.location ? j(eff.location) : null, eff.location?.lat ?? null, eff.location?.lon ?? null, eff.location?.country ?? null, eff.location?.admin1 ?? null,
      j(eff.actors), eff.fatalities ? j(eff.fatalities) : null, eff.fatalities?.best ?? null, j(eff.counts), v.corroboration.reports, v.corroboration.outlets,
      v.corroboration.grade, v.corroboration.reason, j(v.sources), j(v.machine), v.machine.aggregate, revision, at,
      JSON.stringify(v.actorRows.map((a) => [a.entity, a.role])), op,
    ];
    // $28: the actor rows; they carry the event's sort date ($5), type ($2) and country ($13).
    const actorRows = `SELECT $1::text, j->>0, j->>1, $5::text, $2::text, $13::text FROM json_array_elements($28::json) j`;
    if (fresh) {
      const [res] = await q(
        `WITH ev AS (INSERT INTO events (id, type, subtype, date, sort_date, date_precision, date_lo, date_hi, wide, location_json, lat, lon, country, admin1, actors_json,
            fatalities_json, fatalities_best, counts_json, n_reports, n_outlets, grade, grade_reason, sources_json, machine_json, aggregate, deleted, revision, created_at, updated_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,false,$26,$27,$27)),
          ac AS (INSERT INTO event_actors (event_id, entity, role, sort_date, type, country) ${actorRows} ON CONFLICT DO NOTHING),
          ch AS (INSERT INTO changes (event_id, op, revision, at) VALUES ($1, $29, $26, $27))
         ${report ? `INSERT INTO event_reports (id, document_pk, event_id, type, date, date_lo, date_hi, lat, lon, outlet_key, event_json)
           VALUES ($30,$31,$1,$32,$33,$34,$35,$36,$37,$38,$39) RETURNING pk` : 'SELECT NULL AS pk'}`,
        report ? [...values, ...report] : values,
      );
      return res.pk ?? undefined;
    }
    // Actor rows no longer there go; the others are written over (one statement, no delete-then-insert).
    await q(
      `WITH u AS (UPDATE events SET type=$2, subtype=$3, date=$4, sort_date=$5, date_precision=$6, date_lo=$7, date_hi=$8, wide=$9, location_json=$10, lat=$11, lon=$12,
          country=$13, admin1=$14, actors_json=$15, fatalities_json=$16, fatalities_best=$17, counts_json=$18, n_reports=$19, n_outlets=$20, grade=$21,
          grade_reason=$22, sources_json=$23, machine_json=$24, aggregate=$25, deleted=false, revision=$26, updated_at=$27 WHERE id=$1),
        del AS (DELETE FROM event_actors WHERE event_id = $1 AND (entity, role) NOT IN (SELECT j->>0, j->>1 FROM json_array_elements($28::json) j)),
        ac AS (INSERT INTO event_actors (event_id, entity, role, sort_date, type, country) ${actorRows}
          ON CONFLICT (entity, event_id, role) DO UPDATE SET sort_date = excluded.sort_date, type = excluded.type, country = excluded.country)
       INSERT INTO changes (event_id, op, revision, at) VALUES ($1, $29, $26, $27)`,
      values,
    );
    return undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Documents

  async listDocuments(q: DocumentQuery = {}): Promise<Page<StoredDocument>> {
    const where: string[] = [];
    const args: unknown[] = [];
    const arg = (x: unknown) => (args.push(x), `$${args.length}`);
    if (!q.allVersions) where.push('current');
    if (q.source) where.push(`source = ${arg(q.source)}`);
    if (q.outlet) where.push(`outlet = ${arg(q.outlet)}`);
    const placeholders = (c: { sql: string; args: unknown[] }) => {
      let i = 0;
      return c.sql.replace(/\?/g, () => arg(c.args[i++]));
    };
    const search = documentSearch(q.q);
    if (search) where.push(placeholders(search));
    const order = documentOrder(q.sort, 'pg');
    const after = order.after(q.cursor);
    if (after) where.push(placeholders(after));
    const limit = clampLimit(q.limit);
    const rows = await this.q(`SELECT ${DOCUMENT_COLS} FROM documents ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY ${order.orderBy} LIMIT ${arg(limit + 1)}`, args);
    const more = rows.length > limit;
    const items = rows.slice(0, limit);
    return { items: items.map(storedDocument), next: more ? order.cursorOf(items.at(-1)!) : null };
  }

  async getDocument(id: string): Promise<StoredDocumentFull | null> {
    const r =
      (await this.q('SELECT * FROM documents WHERE id = $1', [id]))[0] ??
      (await this.q('SELECT * FROM documents WHERE contract_id = $1 ORDER BY current DESC, version DESC LIMIT 1', [id]))[0];
    if (!r) return null;
    const pk = r.pk;
    const [m, p, t, e, c] = await Promise.all([
      this.q('SELECT * FROM mentions WHERE document_pk = $1 ORDER BY start', [pk]),
      this.q('SELECT * FROM places WHERE document_pk = $1 ORDER BY start', [pk]),
      this.q('SELECT * FROM times WHERE document_pk = $1 ORDER BY start', [pk]),
      this.q('SELECT event_json FROM event_reports WHERE document_pk = $1 ORDER BY pk', [pk]),
      this.q('SELECT * FROM claims WHERE document_pk = $1 ORDER BY start', [pk]),
    ]);
    const result: DocResult = { id: r.contract_id, source: r.source, meta: r.meta_json, mentions: m.map(mentionOfRow), places: p.map(placeOfRow), times: t.map(timeOfRow), events: e.map((x) => x.event_json), claims: c.map(claimOfRow) };
    return { ...storedDocument(r), text: r.text, result };
  }

  // -------------------------------------------------------------------------------------------
  // Events

  /** Texts of documents by pk, each once. */
  private async texts(pks: number[]): Promise<Map<number, string>> {
    const want = [...new Set(pks)];
    if (!want.length) return new Map();
    return new Map((await this.q('SELECT pk, text FROM documents WHERE pk = ANY($1::bigint[])', [want])).map((r) => [r.pk, r.text]));
  }

  /** Canonical names of entity ids, in one query. */
  private async names(ids: Array<string | null | undefined>, q: Q = (s, a) => this.q(s, a)): Promise<Map<string, string>> {
    const want = [...new Set(ids.filter((x): x is string => !!x))];
    if (!want.length) return new Map();
    return new Map((await q('SELECT id, name FROM entities WHERE id = ANY($1::text[])', [want])).map((r) => [r.id, r.name]));
  }

  /** Event rows -> StoredEvents: overrides and actor names read in one query each. */
  private async toEvents(rows: Row[], q: Q = (s, a) => this.q(s, a)): Promise<StoredEvent[]> {
    if (!rows.length) return [];
    const ov = await q('SELECT event_id, field, value_json FROM event_overrides WHERE event_id = ANY($1::text[]) ORDER BY event_id, field', [rows.map((r) => r.id)]);
    const byEvent = new Map<string, Row[]>();
    for (const o of ov) (byEvent.get(o.event_id) ?? byEvent.set(o.event_id, []).get(o.event_id)!).push(o);
    const names = await this.names(rows.flatMap((r) => ((r.actors_json ?? []) as EventActor[]).filter((a) => !a.name).map((a) => a.entity)), q);
    return rows.map((r) => storedEvent(r, byEvent.get(r.id) ?? [], jsonValue, (id) => names.get(id)));
  }

  async listEvents(q: EventQuery = {}): Promise<Page<StoredEvent>> {
    const where: string[] = ['NOT e.deleted'];
    const args: unknown[] = [];
    const arg = (x: unknown) => (args.push(x), `$${args.length}`);
    // With an actor id, the actor's index drives: its rows carry date, type and country.
    const byActor = !!q.actor && /^[a-z]+:\S+$/.test(q.actor);
    const from = byActor ? 'event_actors ea JOIN events e ON e.id = ea.event_id' : 'events e';
    const t = byActor ? 'ea' : 'e';
    const [dateCol, idCol] = byActor ? ['ea.sort_date', 'ea.event_id'] : ['e.sort_date', 'e.id'];
    if (byActor) where.push(`ea.entity = ${arg(q.actor)}`);
    if (!q.includeRejected) where.push("e.review_status <> 'rejected'");
    if (q.since) where.push(`${dateCol} >= ${arg(q.since)}`);
    if (q.until) where.push(`${dateCol} <> '' AND ${dateCol} <= ${arg(q.until.length === 10 ? q.until : q.until + '\uffff')}`);
    const types = q.type == null ? [] : Array.isArray(q.type) ? q.type : [q.type];
    if (types.length) where.push(`${t}.type = ANY(${arg(types)}::text[])`);
    if (q.subtype) where.push(`e.subtype = ${arg(q.subtype)}`);
    if (q.country) where.push(`${t}.country = ${arg(q.country.toUpperCase())}`);
    const grades = q.grade == null ? [] : Array.isArray(q.grade) ? q.grade : [q.grade];
    if (grades.length) where.push(`e.grade = ANY(${arg(grades)}::text[])`);
    for (const fragment of [q.actor && !byActor ? q.actor : null, q.actorName].filter(Boolean) as string[]) {
      const like = arg(`%${fragment.toLowerCase()}%`);
      where.push(`e.id IN (SELECT ea.event_id FROM event_actors ea WHERE ea.entity IN (
        SELECT id FROM entities WHERE lower(name) LIKE ${like} UNION SELECT entity FROM entity_aliases WHERE lower(alias) LIKE ${like}))`);
    }
    if (q.admin1) where.push(`lower(e.admin1) = ${arg(q.admin1.toLowerCase())}`);
    if (q.near) {
      const { lat, lon, km } = q.near;
      const dLat = km / 111.2;
      const dLon = km / (111.2 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
      // The box reads the GiST index on the event point; the exact distance is checked on the few rows inside.
      where.push(
        `e.lat IS NOT NULL AND e.lon IS NOT NULL AND point(e.lon, e.lat) <@ box(point(${arg(lon - dLon)}, ${arg(lat - dLat)}), point(${arg(lon + dLon)}, ${arg(lat + dLat)}))` +
          ` AND sitrep_km(e.lat, e.lon, ${arg(lat)}, ${arg(lon)}) <= ${arg(km)}`,
      );
    }
    const order = eventOrder(q.sort, dateCol, idCol, 'pg');
    const cur = order.after(q.cursor);
    if (cur) {
      let i = 0;
      where.push(cur.sql.replace(/\?/g, () => arg(cur.args[i++])));
    }
    const limit = clampLimit(q.limit);
    const rows = await this.q(`SELECT e.* FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${order.orderBy} LIMIT ${arg(limit + 1)}`, args);
    const more = rows.length > limit;
    const items = rows.slice(0, limit);
    return { items: await this.toEvents(items), next: more ? order.cursorOf(items.at(-1)!) : null };
  }

  async getEvent(id: string): Promise<StoredEventDetail | null> {
    const [r] = await this.q('SELECT * FROM events WHERE id = $1', [id]);
    if (!r || r.deleted) return null;
    const [ev] = await this.toEvents([r]);
    return { ...ev, reports: await this.reports(id) };
  }

  private async reports(eventId: string): Promise<EventReport[]> {
    const rows = await this.q(
      `SELECT r.id, r.event_json, r.match_json, d.id AS document_id, d.source, d.outlet, d.published, d.text
       FROM event_reports r JOIN documents d ON d.pk = r.document_pk WHERE r.event_id = $1 ORDER BY r.pk`,
      [eventId],
    );
    return rows.map((x) => eventReport(x, eventId, x.event_json as ConflictEvent));
  }

  // -------------------------------------------------------------------------------------------
  // Claims and contradictions

  async listClaims(q: ClaimQuery = {}): Promise<Page<StoredClaim>> {
    const where = ['c.current'];
    const args: unknown[] = [];
    const arg = (x: unknown) => (args.push(x), `$${args.length}`);
    if (q.unit) where.push(`c.unit = ${arg(q.unit)}`);
    if (q.subject) where.push(`c.subject = ${arg(q.subject)}`);
    if (q.claimant) where.push(`c.claimant = ${arg(q.claimant)}`);
    if (q.documentId) where.push(`d.id = ${arg(q.documentId)}`);
    if (q.eventId) where.push(`r.event_id = ${arg(q.eventId)}`);
    const after = decodeCursor<number>(q.cursor);
    if (after != null) where.push(`c.pk > ${arg(after)}`);
    const limit = clampLimit(q.limit);
    const rows = await this.q(
      `SELECT c.*, d.id AS document_id, d.source, d.outlet, d.published, r.event_id FROM claims c JOIN documents d ON d.pk = c.document_pk
       LEFT JOIN event_reports r ON r.pk = c.report_pk WHERE ${where.join(' AND ')} ORDER BY c.pk LIMIT ${arg(limit + 1)}`,
      args,
    );
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const names = await this.names(page.flatMap((c) => [c.subject, c.claimant]));
    const items = page.map((c) => storedClaim(c, (id) => (id ? (names.get(id) ?? null) : null)));
    return { items, next: more ? encodeCursor(page.at(-1)!.pk) : null };
  }

  async listContradictions(q: ContradictionQuery = {}): Promise<Contradiction[]> {
    type V = Contradiction['values'][number];
    const out: Contradiction[] = [];
    // Subject claims: the same unit about the same subject, from different sources.
    if (!q.eventId) {
      const args: unknown[] = [];
      let where = 'c.current AND c.subject IS NOT NULL';
      if (q.subject) (args.push(q.subject), (where += ` AND c.subject = $${args.length}`));
      if (q.unit) (args.push(q.unit), (where += ` AND c.unit = $${args.length}`));
      const rows = await this.q(
        `SELECT c.*, d.id AS document_id, d.source, d.outlet, d.published FROM claims c JOIN documents d ON d.pk = c.document_pk WHERE ${where}`,
        args,
      );
      const names = await this.names(rows.flatMap((c) => [c.subject, c.claimant]));
      // Offsets are UTF-16 code units (JavaScript's), so the evidence is cut here, not by SQL substr:
      // each document's text is read once.
      const texts = await this.texts(rows.map((c) => c.document_pk));
      const st = rows.map((c) => claimStatement(claimForStatement(c, c.claimant ? (names.get(c.claimant) ?? null) : null, (texts.get(c.document_pk) ?? '').slice(c.ev_start, c.ev_end))));
      for (const g of findContradictions(st, { tolerance: this.tolerance, kind: 'subject', units: this.tolerance.subjectUnits }))
        out.push(subjectContradiction(g, names.get(g.key) ?? null));
    }
    // Event reports: the same count for one event, from different documents.
    if (!q.subject) {
      const args: unknown[] = [];
      let where = 'NOT e.deleted AND e.n_reports >= 2';
      if (q.eventId) (args.push(q.eventId), (where += ` AND e.id = $${args.length}`));
      const reps = await this.q(
        `SELECT r.event_id, r.event_json, e.date AS event_date, e.location_json AS event_location, d.id AS document_id, d.pk AS document_pk, d.source, d.outlet, d.published, d.text FROM event_reports r
         JOIN events e ON e.id = r.event_id JOIN documents d ON d.pk = r.document_pk WHERE ${where} ORDER BY r.pk`,
        args,
      );
      const claims = reps.length
        ? await this.q('SELECT document_pk, start, "end", value, unit, claimant, approximate, low, high FROM claims WHERE document_pk = ANY($1::bigint[])', [[...new Set(reps.map((r) => r.document_pk))]])
        : [];
      const byDoc = new Map<number, Row[]>();
      for (const c of claims) (byDoc.get(c.document_pk) ?? byDoc.set(c.document_pk, []).get(c.document_pk)!).push(c);
      const names = await this.names(claims.map((c) => c.claimant));
      const docEvents = reps.length
        ? await this.q('SELECT document_pk, event_json FROM event_reports WHERE document_pk = ANY($1::bigint[]) AND event_id IS NOT NULL', [[...new Set(reps.map((r) => r.document_pk))]])
        : [];
      const eventsByDoc = new Map<number, ConflictEvent[]>();
      for (const x of docEvents) (eventsByDoc.get(x.document_pk) ?? eventsByDoc.set(x.document_pk, []).get(x.document_pk)!).push(x.event_json as ConflictEvent);
      const st: Statement<V>[] = [];
      for (const r of reps)
        st.push(
          ...reportStatements(
            { eventId: r.event_id, event: r.event_json, documentId: r.document_id, source: r.source, outlet: r.outlet, published: r.published, text: r.text },
            (byDoc.get(r.document_pk) ?? []).map((c) => ({ ...c, approximate: !!c.approximate }) as ClaimOfDocument),
            (id) => (id ? (names.get(id) ?? null) : null),
            q.unit,
            leadStart(eventsByDoc.get(r.document_pk) ?? []),
            this.tolerance.partBefore,
            this.tolerance.subgroupAfter,
          ),
        );
      const placeOf = new Map<string, { date: string | null; location: Row | null }>();
      for (const r of reps) placeOf.set(r.event_id, { date: r.event_date, location: r.event_location ?? null });
      for (const g of findContradictions(st, { tolerance: this.tolerance, useWindow: false, kind: 'event', units: this.tolerance.eventUnits, attributedOnly: true, oneIncident: (a, b) => oneIncident(a, b, this.rule, this.tolerance.actKinds) }))
        out.push(eventContradiction(g, placeOf.get(g.key)!));
    }
    return filterContradictions(out, q);
  }

  // -------------------------------------------------------------------------------------------
  // Entities

  private async toEntities(rows: Row[]): Promise<StoredEntity[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const [aliases, counts] = await Promise.all([
      this.q(
        `SELECT entity, alias FROM (SELECT entity, alias, n, row_number() OVER (PARTITION BY entity ORDER BY n DESC, alias) AS k FROM entity_aliases WHERE entity = ANY($1::text[])) a
         WHERE k <= 20 ORDER BY entity, k`,
        [ids],
      ),
      this.q(
        `SELECT entity, COUNT(*) AS n, COUNT(DISTINCT document_pk) AS d FROM mentions WHERE entity = ANY($1::text[]) GROUP BY entity
         UNION ALL SELECT entity, COUNT(*) AS n, COUNT(DISTINCT document_pk) AS d FROM places WHERE entity = ANY($2::text[]) GROUP BY entity`,
        [rows.filter((r) => r.kind !== 'place').map((r) => r.id), rows.filter((r) => r.kind === 'place').map((r) => r.id)],
      ),
    ]);
    return rows.map((r) => {
      const c = counts.find((x) => x.entity === r.id);
      const e: StoredEntity = { id: r.id, kind: r.kind, type: r.type, name: r.name, aliases: aliases.filter((a) => a.entity === r.id).map((a) => a.alias), mentions: c?.n ?? 0, documents: c?.d ?? 0 };
      if (r.kind === 'place') Object.assign(e, { lat: r.lat, lon: r.lon, country: r.country });
      return e;
    });
  }

  async listEntities(q: EntityQuery = {}): Promise<Page<StoredEntity>> {
    const where: string[] = [];
    const args: unknown[] = [];
    const arg = (x: unknown) => (args.push(x), `$${args.length}`);
    if (q.kind) where.push(`kind = ${arg(q.kind)}`);
    if (q.type) where.push(`type = ${arg(q.type)}`);
    if (q.q) {
      const like = arg(`%${q.q.toLowerCase()}%`);
      where.push(`(lower(name) LIKE ${like} OR id IN (SELECT entity FROM entity_aliases WHERE lower(alias) LIKE ${like}))`);
    }
    const limit = clampLimit(q.limit);
    if (q.sort === 'mentions') {
      // How often each is named (as toEntities counts), then id: keyset paging on (count, id).
      const after = decodeCursor<[number, string]>(q.cursor);
      const inner = `SELECT entities.*, CASE WHEN kind = 'place' THEN (SELECT COUNT(*) FROM places p WHERE p.entity = entities.id)
        ELSE (SELECT COUNT(*) FROM mentions m WHERE m.entity = entities.id) END::int AS n_named FROM entities ${where.length ? 'WHERE ' + where.join(' AND ') : ''}`;
      const cond = after ? `WHERE (n_named < ${arg(after[0])} OR (n_named = ${arg(after[0])} AND id > ${arg(after[1])}))` : '';
      const rows = await this.q(`SELECT * FROM (${inner}) x ${cond} ORDER BY n_named DESC, id LIMIT ${arg(limit + 1)}`, args);
      const items = rows.slice(0, limit);
      return { items: await this.toEntities(items), next: rows.length > limit ? encodeCursor([items.at(-1)!.n_named, items.at(-1)!.id]) : null };
    }
    const after = decodeCursor<string>(q.cursor);
    if (after != null) where.push(`id > ${arg(after)}`);
    const rows = await this.q(`SELECT * FROM entities ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id LIMIT ${arg(limit + 1)}`, args);
    const more = rows.length > limit;
    const items = rows.slice(0, limit);
    return { items: await this.toEntities(items), next: more ? encodeCursor(items.at(-1)!.id) : null };
  }

  async getEntity(id: string): Promise<StoredEntity | null> {
    const rows = await this.q('SELECT * FROM entities WHERE id = $1', [id]);
    return rows.length ? (await this.toEntities(rows))[0] : null;
  }

  // -------------------------------------------------------------------------------------------
  // Review

  async review(a: ReviewAction): Promise<ReviewResult> {
    return this.tx((q) => this.reviewTx(q, a), true);
  }

  private async reviewTx(q: Q, a: ReviewAction): Promise<ReviewResult> {
    const at = now();
    const audit: AuditEntry[] = [];
    const j = (x: unknown) => JSON.stringify(x ?? null);
    const log = async (eventId: string, field: string | null, before: unknown, after: unknown) => {
      const [{ id }] = await q('INSERT INTO audit_log (at, reviewer, action, event_id, field, before_json, after_json, note) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id', [
        at, a.reviewer, a.action, eventId, field, j(before), j(after), a.note ?? null,
      ]);
      audit.push({ id, at, reviewer: a.reviewer, action: a.action, eventId, field, before: before ?? null, after: after ?? null, note: a.note ?? null });
    };
    const need = async (id: string) => {
      const [r] = await q('SELECT * FROM events WHERE id = $1', [id]);
      if (!r || r.deleted) throw new StoreError('not_found', `no such event: ${id}`);
      return r;
    };
    let ids: string[];
    switch (a.action) {
      case 'accept':
      case 'reject': {
        const r = await need(a.eventId);
        const status = a.action === 'accept' ? 'accepted' : 'rejected';
        await q('UPDATE events SET review_status = $1 WHERE id = $2', [status, a.eventId]);
        await log(a.eventId, 'review_status', r.review_status, status);
        await this.recompute(q, a.eventId, at);
        ids = [a.eventId];
        break;
      }
      case 'edit': {
        const [before] = await this.toEvents([await need(a.eventId)], q);
        for (const [field, value] of Object.entries(a.fields)) {
          if (!EDITABLE.includes(field as keyof EditableEventFields)) throw new StoreError('bad_request', `field not editable: ${field}`);
          await q(
            `INSERT INTO event_overrides (event_id, field, value_json, reviewer, at) VALUES ($1,$2,$3,$4,$5)
             ON CONFLICT (event_id, field) DO UPDATE SET value_json = excluded.value_json, reviewer = excluded.reviewer, at = excluded.at`,
            [a.eventId, field, j(value), a.reviewer, at],
          );
          await log(a.eventId, field, (before as any)[field], value);
        }
        await q('UPDATE events SET review_status = $1 WHERE id = $2', ['edited', a.eventId]);
        await this.recompute(q, a.eventId, at);
        ids = [a.eventId];
        break;
      }
      case 'undo': {
        const [current] = await this.toEvents([await need(a.eventId)], q);
        const entries = (await q('SELECT * FROM audit_log WHERE event_id = $1 ORDER BY id DESC', [a.eventId])).map(auditEntry);
        const plan = planUndo(entries, current as any, current.review.overridden);
        for (const [field, value] of plan.setOverrides) {
          await q(
            `INSERT INTO event_overrides (event_id, field, value_json, reviewer, at) VALUES ($1,$2,$3,$4,$5)
             ON CONFLICT (event_id, field) DO UPDATE SET value_json = excluded.value_json, reviewer = excluded.reviewer, at = excluded.at`,
            [a.eventId, field, j(value), a.reviewer, at],
          );
        }
        for (const field of plan.dropOverrides) await q('DELETE FROM event_overrides WHERE event_id = $1 AND field = $2', [a.eventId, field]);
        await q('UPDATE events SET review_status = $1 WHERE id = $2', [plan.status, a.eventId]);
        for (const l of plan.log) await log(a.eventId, l.field, l.before, l.after);
        await log(a.eventId, 'undone', null, plan.group.map((g) => Number(g.id)));
        await this.recompute(q, a.eventId, at);
        ids = [a.eventId];
        break;
      }
      case 'merge': {
        if (a.eventIds.length < 2) throw new StoreError('bad_request', 'merge needs at least two events');
        const into = a.into ?? a.eventIds[0];
        for (const id of new Set([...a.eventIds, into])) await need(id);
        for (const id of a.eventIds) {
          if (id === into) continue;
          const moved = await q('UPDATE event_reports SET event_id = $1 WHERE event_id = $2 RETURNING id, pk', [into, id]);
          moved.sort((x, y) => x.pk - y.pk);
          await log(into, 'reports', null, moved.map((m) => m.id));
          await log(id, 'merged_into', id, into);
          await this.recompute(q, id, at);
        }
        await this.recompute(q, into, at);
        ids = [into];
        break;
      }
      case 'split': {
        await need(a.eventId);
        if (!a.reportIds.length) throw new StoreError('bad_request', 'split needs report ids');
        const rows = await q('SELECT id FROM event_reports WHERE event_id = $1 AND id = ANY($2::text[])', [a.eventId, a.reportIds]);
        if (rows.length !== a.reportIds.length) throw new StoreError('bad_request', `reports not in event ${a.eventId}`);
        const [{ n: total }] = await q('SELECT COUNT(*) AS n FROM event_reports WHERE event_id = $1', [a.eventId]);
        if (total === rows.length) throw new StoreError('bad_request', 'split would leave the event empty');
        let newId = splitEventIdOf(a.reportIds[0]);
        if ((await q('SELECT 1 FROM events WHERE id = $1', [newId])).length) newId = splitEventIdOf(a.reportIds[0], at);
        await q(`INSERT INTO events (id, type, subtype, created_at, updated_at, revision) VALUES ($1, 'Battles', '', $2, $2, 0)`, [newId, at]);
        await q('UPDATE event_reports SET event_id = $1 WHERE id = ANY($2::text[])', [newId, a.reportIds]);
        await log(a.eventId, 'reports', a.reportIds, null);
        await log(newId, 'split_from', a.eventId, a.reportIds);
        await this.recompute(q, a.eventId, at);
        await this.recompute(q, newId, at);
        ids = [a.eventId, newId];
        break;
      }
      default:
        throw new StoreError('bad_request', `unknown review action: ${(a as { action: string }).action}`);
    }
    const rows = await q('SELECT * FROM events WHERE id = ANY($1::text[])', [ids]);
    const events = await this.toEvents(ids.map((id) => rows.find((r) => r.id === id)!), q);
    return { events, audit };
  }

  async auditLog(q: { eventId?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    const rows = q.eventId
      ? await this.q('SELECT * FROM audit_log WHERE event_id = $1 ORDER BY id DESC LIMIT $2', [q.eventId, clampLimit(q.limit)])
      : await this.q('SELECT * FROM audit_log ORDER BY id DESC LIMIT $1', [clampLimit(q.limit)]);
    return rows.map(auditEntry);
  }

  // -------------------------------------------------------------------------------------------
  // Change feed, stats

  async changes(since: string | null, limit = 1000): Promise<ChangeFeed> {
    const from = since ? Number(since) : 0;
    if (!Number.isFinite(from)) throw new StoreError('bad_request', `bad cursor: ${since}`);
    const rows = await this.q('SELECT * FROM changes WHERE seq > $1 ORDER BY seq LIMIT $2', [from, clampLimit(limit, 1000, 100_000)]);
    const ids = [...new Set(rows.filter((c) => c.op !== 'delete').map((c) => c.event_id as string))];
    const evRows = ids.length ? await this.q('SELECT * FROM events WHERE id = ANY($1::text[]) AND NOT deleted', [ids]) : [];
    const events = new Map((await this.toEvents(evRows)).map((e) => [e.id, e]));
    const changes: Change[] = rows.map((c) => ({ cursor: String(c.seq), op: c.op, eventId: c.event_id, revision: c.revision, at: c.at, event: c.op === 'delete' ? null : (events.get(c.event_id) ?? null) }));
    return { changes, cursor: rows.length ? String(rows.at(-1)!.seq) : String(from) };
  }

  async changeHead(): Promise<number> {
    return Number((await this.q('SELECT coalesce(max(seq), 0) AS n FROM changes'))[0].n);
  }

  async reportClusters(documentId: string): Promise<Record<string, string>> {
    const rows = await this.q('SELECT r.id, r.event_id FROM event_reports r JOIN documents d ON d.pk = r.document_pk WHERE d.id = $1 AND r.event_id IS NOT NULL', [documentId]);
    return clustersByContractId(documentId, rows as Array<{ id: string; event_id: string }>);
  }

  async stats(): Promise<StoreStats> {
    const one = async (sql: string) => (await this.q(sql))[0].n as number;
    const eventsByType: Record<string, number> = {};
    for (const r of await this.q("SELECT type, COUNT(*) AS n FROM events WHERE NOT deleted AND review_status <> 'rejected' GROUP BY type ORDER BY n DESC, type")) eventsByType[r.type] = r.n;
    const topActors = (
      await this.q(
        `SELECT ea.entity, COALESCE(en.name, ea.entity) AS name, COUNT(DISTINCT ea.event_id) AS events FROM event_actors ea JOIN events e ON e.id = ea.event_id
         LEFT JOIN entities en ON en.id = ea.entity WHERE NOT e.deleted AND e.review_status <> 'rejected' GROUP BY ea.entity, en.name ORDER BY events DESC, ea.entity LIMIT 10`,
      )
    ).map((r) => ({ entity: r.entity, name: r.name, events: r.events }));
    return {
      documents: await one('SELECT COUNT(*) AS n FROM documents WHERE current'),
      versions: await one('SELECT COUNT(*) AS n FROM documents'),
      reports: await one('SELECT COUNT(*) AS n FROM event_reports WHERE event_id IS NOT NULL'),
      events: await one("SELECT COUNT(*) AS n FROM events WHERE NOT deleted AND review_status <> 'rejected'"),
      claims: await one('SELECT COUNT(*) AS n FROM claims WHERE current'),
      entities: await one('SELECT COUNT(*) AS n FROM entities'),
      contradictions: (await this.listContradictions()).length,
      eventsByType,
      topActors,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const ready = this.ready;
    this.ready = null;
    if (ready) await ready.catch(() => {});
    if (this.pool) {
      const p = this.pool;
      this.pool = null;
      await p.end();
    }
  }
}

function auditEntry(r: Record<string, any>): AuditEntry {
  return { id: r.id, at: r.at, reviewer: r.reviewer, action: r.action, eventId: r.event_id, field: r.field, before: r.before_json ?? null, after: r.after_json ?? null, note: r.note };
}
