import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ConflictEvent, DocResult, ErrorRecord, EventActor } from '../../doc.ts';
import type {
  AuditEntry,
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
import { DEFAULT_RULE, decide, reportFeatures, type ClusterFeatures, type ClusterRule } from '../../crossdoc/cluster.ts';
import { haversineKm } from '../../crossdoc/dates.ts';
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
  type ClaimOfDocument,
  type ReportSide,
  type ReportInput,
} from '../derive.ts';
import { clustersByContractId, DOCUMENT_COLS, claimForStatement, claimOfRow, eventReport, ingestRun, mentionOfRow, placeOfRow, storedClaim, storedDocument, storedEvent, timeOfRow } from '../rows.ts';
import { StoreError } from '../errors.ts';
import type { AccountStore } from '../accounts.ts';
import { SqliteAccounts } from './accounts.ts';
import { SqliteWatchState } from './watch.ts';
import type { WatchState } from '../watch.ts';
import { eventOrder } from '../event-order.ts';
import { planUndo } from '../undo.ts';
import { documentOrder, documentSearch } from '../document-order.ts';

/**
 * The SQLite backend (better-sqlite3, WAL). One write transaction per document (BEGIN IMMEDIATE),
 * so a crash leaves either the whole document or nothing; readers in other processes see the last
 * committed state while a writer works (WAL). Clustering is incremental: a new report joins the
 * best compatible event (crossdoc/cluster.ts) or founds a new one whose id derives from the report.
 * What is stored is derived by derive.ts, as for PostgreSQL; this file holds the SQL.
 */
export interface SqliteOptions {
  readonly?: boolean;
  rule?: ClusterRule;
  tolerance?: Tolerance;
}

type Row = Record<string, any>;

const json = (x: unknown) => JSON.stringify(x ?? null);
const parse = <T>(s: unknown, dflt: T): T => (s ? (JSON.parse(s as string) as T) : dflt);

/** A report row read back with its document (reportsOfEvent) as eventValues takes it. */
function reportInput(r: Row): ReportInput {
  return { event: JSON.parse(r.event_json) as ConflictEvent, documentId: r.document_id, outletKey: r.outlet_key, published: r.published, source: r.source, outlet: r.outlet, fingerprint: r.fingerprint };
}

export class SqliteStore implements Store {
  readonly backend = 'sqlite';
  readonly db: Database.Database;
  readonly path: string;
  private readonly rule: ClusterRule;
  private readonly tolerance: Tolerance;
  private readonly st: Record<string, Database.Statement>;
  readonly accounts: AccountStore;
  readonly watch: WatchState;

  constructor(path: string, opts: SqliteOptions = {}) {
    this.path = path;
    this.rule = opts.rule ?? DEFAULT_RULE;
    this.tolerance = opts.tolerance ?? DEFAULT_TOLERANCE;
    if (path !== ':memory:' && !opts.readonly) mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path, { readonly: !!opts.readonly });
    this.db.pragma('busy_timeout = 10000');
    if (!opts.readonly) {
      this.db.pragma('journal_mode = WAL');
      // NORMAL in WAL mode: a crash of the process never corrupts or half-writes; a power loss may
      // lose the last transactions but keeps the database consistent.
      this.db.pragma('synchronous = NORMAL');
      // Index pages of a large store stay in memory (64 MB page cache; the OS shares the mmap).
      this.db.pragma('cache_size = -65536');
      this.db.pragma('mmap_size = 268435456');
      this.db.pragma('temp_store = MEMORY');
      this.migrate();
    }
    this.db.function('km', { deterministic: true }, (a: unknown, b: unknown, c: unknown, d: unknown) =>
      a == null || b == null ? null : haversineKm(a as number, b as number, c as number, d as number),
    );
    this.accounts = new SqliteAccounts(this.db);
    this.watch = new SqliteWatchState(this.db);
    const p = (sql: string) => this.db.prepare(sql);
    this.st = {
      docByHash: p('SELECT pk, id, version FROM documents WHERE content_hash = ?'),
      docById: p('SELECT * FROM documents WHERE id = ?'),
      docLatestByContract: p('SELECT * FROM documents WHERE contract_id = ? ORDER BY current DESC, version DESC LIMIT 1'),
      docCurrentBySource: p('SELECT pk, id, version FROM documents WHERE source = ? ORDER BY version DESC LIMIT 1'),
      idTaken: p('SELECT 1 FROM documents WHERE id = ?'),
      insertDoc: p(`INSERT INTO documents (id, contract_id, source, version, current, content_hash, kind, outlet, title, published,
        published_precision, fetched_at, ingested_at, run_id, text, meta_json, n_mentions, n_places, n_times, n_events, n_claims)
        VALUES (@id, @contract_id, @source, @version, 1, @content_hash, @kind, @outlet, @title, @published, @published_precision,
        @fetched_at, @ingested_at, @run_id, @text, @meta_json, @n_mentions, @n_places, @n_times, @n_events, @n_claims)`),
      insertMentions: p(`INSERT INTO mentions (document_pk, start, "end", text, type, entity, name, role, src)
        SELECT ?, j.value->>0, j.value->>1, j.value->>2, j.value->>3, j.value->>4, j.value->>5, j.value->>6, j.value->>7 FROM json_each(?) j`),
      insertPlaces: p(`INSERT INTO places (document_pk, start, "end", text, entity, name, lat, lon, country, admin1, geonameid, kind)
        SELECT ?, j.value->>0, j.value->>1, j.value->>2, j.value->>3, j.value->>4, j.value->>5, j.value->>6, j.value->>7, j.value->>8, j.value->>9, j.value->>10 FROM json_each(?) j`),
      insertTimes: p(`INSERT INTO times (document_pk, start, "end", text, type, value, precision)
        SELECT ?, j.value->>0, j.value->>1, j.value->>2, j.value->>3, j.value->>4, j.value->>5 FROM json_each(?) j`),
      upsertEntities: p(`INSERT INTO entities (id, kind, type, name, lat, lon, country)
        SELECT j.value->>0, j.value->>1, j.value->>2, j.value->>3, j.value->>4, j.value->>5, j.value->>6 FROM json_each(?) j WHERE true ON CONFLICT(id) DO NOTHING`),
      upsertAliases: p(`INSERT INTO entity_aliases (entity, alias, n)
        SELECT j.value->>0, j.value->>1, j.value->>2 FROM json_each(?) j WHERE true ON CONFLICT(entity, alias) DO UPDATE SET n = n + excluded.n`),
      insertReport: p(`INSERT INTO event_reports (id, document_pk, event_id, type, date, date_lo, date_hi, lat, lon, outlet_key, event_json, match_json, fingerprint)
        VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`),
      insertClaim: p(`INSERT INTO claims (document_pk, start, "end", text, value, low, high, unit, subject, claimant, approximate, ev_start, ev_end, report_pk)
        VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`),
      // Events of the report's type family whose window overlaps the report's widened one (narrow
      // windows only: wide ones are war-long or yearly totals, never one incident), and whose point,
      // when they have one, lies in the report's bounding box at the coarse distance.
      candidates: p(`SELECT id, type, date, date_lo, date_hi, lat, lon, location_json, actors_json, sources_json, aggregate, counts_json, fatalities_best FROM events
        WHERE type IN (SELECT value FROM json_each(@types)) AND wide = 0 AND deleted = 0 AND date_lo BETWEEN @lo0 AND @hi AND date_hi >= @lo
          AND (lat IS NULL OR @lat IS NULL OR (lat BETWEEN @lat - @dlat AND @lat + @dlat AND lon BETWEEN @lon - @dlon AND @lon + @dlon))`),
      eventRow: p('SELECT * FROM events WHERE id = ?'),
      insertEvent: p(
        `INSERT INTO events (id, type, subtype, date, sort_date, date_precision, date_lo, date_hi, wide, location_json, lat, lon, country, admin1, actors_json,
         fatalities_json, fatalities_best, counts_json, n_reports, n_outlets, grade, grade_reason, sources_json, machine_json, aggregate, deleted, revision, created_at, updated_at)
         VALUES (@id, @type, @subtype, @date, @sort_date, @date_precision, @date_lo, @date_hi, @wide, @location_json, @lat, @lon, @country, @admin1, @actors_json,
         @fatalities_json, @fatalities_best, @counts_json, @n_reports, @n_outlets, @grade, @grade_reason, @sources_json, @machine_json, @aggregate, 0, @revision, @at, @at)`,
      ),
      updateEvent: p(
        `UPDATE events SET type=@type, subtype=@subtype, date=@date, sort_date=@sort_date, date_precision=@date_precision, date_lo=@date_lo, date_hi=@date_hi, wide=@wide,
         location_json=@location_json, lat=@lat, lon=@lon, country=@country, admin1=@admin1, actors_json=@actors_json, fatalities_json=@fatalities_json,
         fatalities_best=@fatalities_best, counts_json=@counts_json, n_reports=@n_reports, n_outlets=@n_outlets, grade=@grade, grade_reason=@grade_reason,
         sources_json=@sources_json, machine_json=@machine_json, aggregate=@aggregate, deleted=0, revision=@revision, updated_at=@at WHERE id=@id`,
      ),
      eventExists: p('SELECT deleted FROM events WHERE id = ?'),
      insertEventStub: p(`INSERT INTO events (id, type, subtype, created_at, updated_at, revision) VALUES (?, ?, '', ?, ?, 0)`),
      reportsOfEvent: p(`SELECT r.pk, r.id, r.event_json, r.match_json, r.fingerprint, r.outlet_key, d.id AS document_id, d.source, d.outlet, d.published, d.text
        FROM event_reports r JOIN documents d ON d.pk = r.document_pk WHERE r.event_id = ? ORDER BY r.pk`),
      overrides: p('SELECT field, value_json FROM event_overrides WHERE event_id = ?'),
      addChange: p('INSERT INTO changes (event_id, op, revision, at) VALUES (?,?,?,?)'),
      deleteActors: p('DELETE FROM event_actors WHERE event_id = ?'),
      insertActor: p('INSERT OR IGNORE INTO event_actors (event_id, entity, role, sort_date, type, country) VALUES (?,?,?,?,?,?)'),
      eventRowid: p('SELECT rowid AS r FROM events WHERE id = ?'),
      geoPut: p('INSERT OR REPLACE INTO events_geo (id, min_lat, max_lat, min_lon, max_lon) VALUES (?,?,?,?,?)'),
      geoDel: p('DELETE FROM events_geo WHERE id = ?'),
      reportEventsOfDocument: p('SELECT event_json FROM event_reports WHERE document_pk = ? AND event_id IS NOT NULL'),
      claimsOfDocument: p('SELECT start, "end", value, unit, claimant, approximate, low, high FROM claims WHERE document_pk = ? ORDER BY pk'),
      entityName: p('SELECT name FROM entities WHERE id = ?'),
      audit: p('INSERT INTO audit_log (at, reviewer, action, event_id, field, before_json, after_json, note) VALUES (?,?,?,?,?,?,?,?)'),
      runCount: p(`UPDATE ingest_runs SET seen = seen + 1, added = added + @added, unchanged = unchanged + @unchanged, versions = versions + @versions WHERE id = @id`),
    };
  }

  private readonly cache = new Map<string, Database.Statement>();
  /** A prepared statement for dynamic SQL (query shapes repeat: prepare each shape once). */
  private prepared(sql: string): Database.Statement {
    let st = this.cache.get(sql);
    if (!st) {
      if (this.cache.size > 500) this.cache.clear();
      st = this.db.prepare(sql);
      this.cache.set(sql, st);
    }
    return st;
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of loadMigrations()) {
      this.db
        .transaction(() => {
          // Re-checked inside the write lock: two processes opening a new file race here.
          if (this.db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version)) return;
          this.db.exec(m.sql);
          this.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?,?,?)').run(m.version, m.name, now());
        })
        .immediate();
    }
  }

  schemaVersion(): number {
    return (this.db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as Row).v ?? 0;
  }

  // -------------------------------------------------------------------------------------------
  // Ingest

  async beginRun(command?: string): Promise<number> {
    return Number(this.db.prepare('INSERT INTO ingest_runs (started_at, command) VALUES (?, ?)').run(now(), command ?? null).lastInsertRowid);
  }

  async recordSkip(runId: number, e: ErrorRecord): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO ingest_skips (run_id, source, document_id, code, message) VALUES (?,?,?,?,?)').run(runId, e.source, e.id ?? null, e.error.code, e.error.message);
      this.db.prepare('UPDATE ingest_runs SET seen = seen + 1, skipped = skipped + 1 WHERE id = ?').run(runId);
    })();
  }

  async finishRun(runId: number): Promise<IngestRun> {
    this.db.prepare('UPDATE ingest_runs SET finished_at = ? WHERE id = ?').run(now(), runId);
    return this.run(runId)!;
  }

  private run(id: number): IngestRun | null {
    const r = this.db.prepare('SELECT * FROM ingest_runs WHERE id = ?').get(id) as Row | undefined;
    if (!r) return null;
    return ingestRun(r, this.db.prepare('SELECT source, document_id, code, message FROM ingest_skips WHERE run_id = ?').all(id) as Row[]);
  }

  async listRuns(limit = 20): Promise<IngestRun[]> {
    return (this.db.prepare('SELECT id FROM ingest_runs ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map((r) => this.run(r.id)!);
  }

  async ingestKnown(text: string, runId?: number): Promise<IngestOutcome | null> {
    const known = this.st.docByHash.get(sha(text)) as Row | undefined;
    if (!known) return null;
    if (runId != null) this.st.runCount.run({ id: runId, added: 0, unchanged: 1, versions: 0 });
    return { status: 'unchanged', documentId: known.id, version: known.version, events: [] };
  }

  async ingest(input: IngestInput, runId?: number): Promise<IngestOutcome> {
    return this.db.transaction(() => this.ingestTx(input, runId)).immediate();
  }

  /**
   * Bulk load: many documents in ONE transaction (all or nothing), each stored exactly as `ingest`
   * would. For imports and benchmarks where per-document commits are not needed.
   */
  ingestBatch(inputs: IngestInput[], runId?: number): IngestOutcome[] {
    return this.db.transaction(() => inputs.map((i) => this.ingestTx(i, runId))).immediate();
  }

  private ingestTx(input: IngestInput, runId?: number): IngestOutcome {
    const r = input.result;
    const text = input.text;
    const source = input.source ?? r.source;
    const hash = sha(text);
    const count = (k: 'added' | 'unchanged' | 'versions') =>
      runId != null && this.st.runCount.run({ id: runId, added: +(k === 'added'), unchanged: +(k === 'unchanged'), versions: +(k === 'versions') });
    const known = this.st.docByHash.get(hash) as Row | undefined;
    if (known) {
      count('unchanged');
      return { status: 'unchanged', documentId: known.id, version: known.version, events: [] };
    }
    const at = now();
    const touched = new Set<string>();
    const prev = this.st.docCurrentBySource.get(source) as Row | undefined;
    const version = prev ? prev.version + 1 : 1;
    if (prev) {
      // The old version stays (with its spans) but leaves the cross-document view.
      for (const e of this.db.prepare('SELECT DISTINCT event_id FROM event_reports WHERE document_pk = ? AND event_id IS NOT NULL').all(prev.pk) as Row[]) touched.add(e.event_id);
      this.db.prepare('UPDATE event_reports SET event_id = NULL WHERE document_pk = ?').run(prev.pk);
      this.db.prepare('UPDATE claims SET current = 0 WHERE document_pk = ?').run(prev.pk);
      this.db.prepare('UPDATE documents SET current = 0 WHERE source = ?').run(source);
    }
    let id = r.id;
    if (this.st.idTaken.get(id)) id = `${r.id}~v${version}`;
    if (this.st.idTaken.get(id)) id = `${r.id}~${hash.slice(0, 12)}`;
    const pub = r.meta.published;
    const published = pub?.value ?? null;
    const docPk = Number(
      this.st.insertDoc.run({
        id,
        contract_id: r.id,
        source,
        version,
        content_hash: hash,
        kind: input.kind ?? null,
        outlet: r.meta.outlet,
        title: r.meta.title,
        published,
        published_precision: pub?.precision ?? null,
        fetched_at: input.fetchedAt ?? null,
        ingested_at: at,
        run_id: runId ?? null,
        text,
        meta_json: json(r.meta),
        n_mentions: r.mentions.length,
        n_places: r.places.length,
        n_times: r.times.length,
        n_events: r.events.length,
        n_claims: r.claims.length,
      }).lastInsertRowid,
    );
    // Span layers go in as one JSON array per table (json_each): one statement per layer instead
    // of one per span. Entities and aliases are folded per document first (see derive.ts).
    const rows = documentRows(r);
    if (rows.mentions.length) this.st.insertMentions.run(docPk, JSON.stringify(rows.mentions));
    if (rows.places.length) this.st.insertPlaces.run(docPk, JSON.stringify(rows.places));
    if (rows.times.length) this.st.insertTimes.run(docPk, JSON.stringify(rows.times));
    if (rows.entities.length) this.st.upsertEntities.run(JSON.stringify(rows.entities));
    if (rows.aliases.length) this.st.upsertAliases.run(JSON.stringify(rows.aliases));

    const oKey = outletKey(r.meta.outlet, source, id);
    const reportPks: number[] = [];
    for (const e of r.events.filter(reportable)) {
      const event = canonicalEvent(e);
      const reportId = reportIdOf(id, e);
      const f = reportFeatures(event, id, published, this.rule);
      const fp = reportFingerprint(event, text);
      let eventId: string;
      const { match, decision } = f.window ? decide(f, this.candidates(f), this.rule) : { match: null, decision: null };
      if (match) eventId = match.id;
      else {
        eventId = eventIdOf(reportId);
        if (this.st.eventExists.get(eventId)) eventId = eventIdOf(reportId, at);
        this.recompute(eventId, at, [{ event, documentId: id, outletKey: oKey, published, source, outlet: r.meta.outlet, fingerprint: fp }]);
      }
      const pk = Number(
        this.st.insertReport.run(reportId, docPk, eventId, event.type, event.date?.value ?? null, f.window?.lo ?? null, f.window?.hi ?? null, event.location?.lat ?? null, event.location?.lon ?? null, oKey, json(event), decision ? json(decision) : null, fp).lastInsertRowid,
      );
      reportPks.push(pk);
      touched.add(eventId);
      // Recompute at once so the next report of this document sees the event's new features.
      if (match) this.recompute(eventId, at);
    }
    for (const c of r.claims) {
      const { subject, claimant } = claimRefs(c);
      const rep = reportOfClaim(c, r.events);
      this.st.insertClaim.run(docPk, c.start, c.end, c.text, c.value, c.low, c.high, c.unit, subject, claimant, c.approximate ? 1 : 0, c.evidence.start, c.evidence.end, rep >= 0 ? reportPks[rep] : null);
    }
    if (prev) for (const ev of touched) this.recompute(ev, at);
    count(prev ? 'versions' : 'added');
    return { status: prev ? 'new_version' : 'added', documentId: id, version, events: [...touched] };
  }

  private candidates(f: ClusterFeatures): Array<{ id: string; features: ClusterFeatures }> {
    const { types, ...box } = candidateBox(f, this.rule);
    const rows = this.st.candidates.all({ types: JSON.stringify(types), ...box }) as Row[];
    return rows.map((row) => ({
      id: row.id as string,
      features: eventFeatures({
        type: row.type,
        date: row.date,
        counts: parse<Record<string, number | null>>(row.counts_json, {}),
        fatalitiesBest: row.fatalities_best,
        date_lo: row.date_lo,
        date_hi: row.date_hi,
        lat: row.lat,
        lon: row.lon,
        location: parse<any>(row.location_json, null),
        actors: parse<EventActor[]>(row.actors_json, []),
        sources: parse<Array<{ documentId: string; f?: ReportSide }>>(row.sources_json, []),
        aggregate: !!row.aggregate,
      }),
    }));
  }

  /** Recompute an event's machine values, grade and effective values from its reports; log the change. */
  private recompute(eventId: string, at = now(), fresh?: ReportInput[]): void {
    // `fresh`: a new event's reports, given directly (one INSERT instead of a stub and an UPDATE).
    const row = (fresh ? { revision: 0, deleted: 0 } : this.st.eventRow.get(eventId)) as Row | undefined;
    if (!row) return;
    const reports = fresh ?? (this.st.reportsOfEvent.all(eventId) as Row[]).map(reportInput);
    if (!reports.length) {
      if (!row.deleted) {
        this.db.prepare('UPDATE events SET deleted = 1, revision = revision + 1, updated_at = ? WHERE id = ?').run(at, eventId);
        this.st.deleteActors.run(eventId);
        this.st.geoDel.run((this.st.eventRowid.get(eventId) as Row).r);
        this.st.addChange.run(eventId, 'delete', row.revision + 1, at);
      }
      return;
    }
    const overrides = fresh ? [] : (this.st.overrides.all(eventId) as Row[]).map((o) => ({ field: o.field as string, value: JSON.parse(o.value_json) as unknown }));
    const v = eventValues(reports, overrides, this.rule);
    const eff = v.effective;
    const op = row.revision === 0 || row.deleted ? 'add' : 'update';
    const revision = row.revision + 1;
    const info = (fresh ? this.st.insertEvent : this.st.updateEvent).run({
      id: eventId,
      type: eff.type,
      subtype: eff.subtype,
      date: eff.date?.value ?? null,
      sort_date: v.sortDate,
      date_precision: eff.date?.precision ?? null,
      date_lo: v.window?.lo ?? null,
      date_hi: v.window?.hi ?? null,
      wide: v.wide ? 1 : 0,
      location_json: eff.location ? json(eff.location) : null,
      lat: eff.location?.lat ?? null,
      lon: eff.location?.lon ?? null,
      country: eff.location?.country ?? null,
      admin1: eff.location?.admin1 ?? null,
      actors_json: json(eff.actors),
      fatalities_json: eff.fatalities ? json(eff.fatalities) : null,
      fatalities_best: eff.fatalities?.best ?? null,
      counts_json: json(eff.counts),
      n_reports: v.corroboration.reports,
      n_outlets: v.corroboration.outlets,
      grade: v.corroboration.grade,
      grade_reason: v.corroboration.reason,
      sources_json: json(v.sources),
      machine_json: json(v.machine),
      aggregate: v.machine.aggregate ? 1 : 0,
      revision,
      at,
    });
    const rowid = fresh ? Number(info.lastInsertRowid) : (this.st.eventRowid.get(eventId) as Row).r;
    const lat = eff.location?.lat;
    const lon = eff.location?.lon;
    if (lat != null && lon != null) this.st.geoPut.run(rowid, lat, lat, lon, lon);
    else if (!fresh) this.st.geoDel.run(rowid);
    if (!fresh) this.st.deleteActors.run(eventId);
    for (const a of v.actorRows) this.st.insertActor.run(eventId, a.entity, a.role, v.sortDate, eff.type, eff.location?.country ?? null);
    this.st.addChange.run(eventId, op, revision, at);
  }

  // -------------------------------------------------------------------------------------------
  // Documents

  async listDocuments(q: DocumentQuery = {}): Promise<Page<StoredDocument>> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (!q.allVersions) where.push('current = 1');
    if (q.source) (where.push('source = ?'), args.push(q.source));
    if (q.outlet) (where.push('outlet = ?'), args.push(q.outlet));
    const search = documentSearch(q.q);
    if (search) (where.push(search.sql), args.push(...search.args));
    const order = documentOrder(q.sort, 'sqlite');
    const after = order.after(q.cursor);
    if (after) (where.push(after.sql), args.push(...after.args));
    const limit = clampLimit(q.limit);
    const rows = this.db.prepare(`SELECT ${DOCUMENT_COLS} FROM documents ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY ${order.orderBy} LIMIT ?`).all(...args, limit + 1) as Row[];
    const more = rows.length > limit;
    const items = rows.slice(0, limit);
    return { items: items.map(storedDocument), next: more ? order.cursorOf(items.at(-1)!) : null };
  }

  async getDocument(id: string): Promise<StoredDocumentFull | null> {
    const r = (this.st.docById.get(id) ?? this.st.docLatestByContract.get(id)) as Row | undefined;
    if (!r) return null;
    const pk = r.pk;
    const mentions = (this.db.prepare('SELECT * FROM mentions WHERE document_pk = ? ORDER BY start').all(pk) as Row[]).map(mentionOfRow);
    const places = (this.db.prepare('SELECT * FROM places WHERE document_pk = ? ORDER BY start').all(pk) as Row[]).map(placeOfRow);
    const times = (this.db.prepare('SELECT * FROM times WHERE document_pk = ? ORDER BY start').all(pk) as Row[]).map(timeOfRow);
    const events = (this.db.prepare('SELECT event_json FROM event_reports WHERE document_pk = ? ORDER BY pk').all(pk) as Row[]).map((e) => JSON.parse(e.event_json));
    const claims = (this.db.prepare('SELECT * FROM claims WHERE document_pk = ? ORDER BY start').all(pk) as Row[]).map(claimOfRow);
    const result: DocResult = { id: r.contract_id, source: r.source, meta: JSON.parse(r.meta_json), mentions, places, times, events, claims };
    return { ...storedDocument(r), text: r.text, result };
  }

  // -------------------------------------------------------------------------------------------
  // Events

  private name(id: string | null): string | null {
    if (!id) return null;
    return ((this.st.entityName.get(id) as Row | undefined)?.name as string) ?? null;
  }

  private toEvent(r: Row): StoredEvent {
    return storedEvent(r, this.st.overrides.all(r.id) as Row[], parse, (id) => this.name(id));
  }

  async listEvents(q: EventQuery = {}): Promise<Page<StoredEvent>> {
    const where: string[] = ['e.deleted = 0'];
    const args: unknown[] = [];
    // With an actor id, the actor's index drives: its rows carry date, type and country, so those
    // filters and the order are read from one index range and only returned events are fetched.
    const byActor = !!q.actor && /^[a-z]+:\S+$/.test(q.actor);
    const from = byActor ? 'event_actors ea JOIN events e ON e.id = ea.event_id' : 'events e';
    const t = byActor ? 'ea' : 'e';
    const [dateCol, idCol] = byActor ? ['ea.sort_date', 'ea.event_id'] : ['e.sort_date', 'e.id'];
    if (byActor) (where.push('ea.entity = ?'), args.push(q.actor));
    if (!q.includeRejected) where.push("e.review_status <> 'rejected'");
    if (q.since) (where.push(`${dateCol} >= ?`), args.push(q.since));
    if (q.until) (where.push(`${dateCol} <> '' AND ${dateCol} <= ?`), args.push(q.until.length === 10 ? q.until : q.until + '\uffff'));
    const types = q.type == null ? [] : Array.isArray(q.type) ? q.type : [q.type];
    if (types.length) (where.push(`${t}.type IN (${types.map(() => '?').join(',')})`), args.push(...types));
    if (q.subtype) (where.push('e.subtype = ?'), args.push(q.subtype));
    if (q.country) (where.push(`${t}.country = ?`), args.push(q.country.toUpperCase()));
    const grades = q.grade == null ? [] : Array.isArray(q.grade) ? q.grade : [q.grade];
    if (grades.length) (where.push(`e.grade IN (${grades.map(() => '?').join(',')})`), args.push(...grades));
    for (const fragment of [q.actor && !byActor ? q.actor : null, q.actorName].filter(Boolean) as string[]) {
      const like = `%${fragment.toLowerCase()}%`;
      where.push(`e.id IN (SELECT ea.event_id FROM event_actors ea WHERE ea.entity IN (
        SELECT id FROM entities WHERE lower(name) LIKE ? UNION SELECT entity FROM entity_aliases WHERE lower(alias) LIKE ?))`);
      args.push(like, like);
    }
    if (q.admin1) (where.push('lower(e.admin1) = ?'), args.push(q.admin1.toLowerCase()));
    if (q.near) {
      const { lat, lon, km } = q.near;
      const dLat = km / 111.2;
      const dLon = km / (111.2 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
      where.push('e.rowid IN (SELECT id FROM events_geo WHERE max_lat >= ? AND min_lat <= ? AND max_lon >= ? AND min_lon <= ?) AND km(e.lat, e.lon, ?, ?) <= ?');
      args.push(lat - dLat, lat + dLat, lon - dLon, lon + dLon, lat, lon, km);
    }
    const order = eventOrder(q.sort, dateCol, idCol, 'sqlite');
    const cur = order.after(q.cursor);
    if (cur) (where.push(cur.sql), args.push(...cur.args));
    const limit = clampLimit(q.limit);
    const rows = this.prepared(`SELECT e.* FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${order.orderBy} LIMIT ?`).all(...args, limit + 1) as Row[];
    const more = rows.length > limit;
    const items = rows.slice(0, limit);
    return { items: items.map((r) => this.toEvent(r)), next: more ? order.cursorOf(items.at(-1)!) : null };
  }

  async getEvent(id: string): Promise<StoredEventDetail | null> {
    const r = this.st.eventRow.get(id) as Row | undefined;
    if (!r || r.deleted) return null;
    return { ...this.toEvent(r), reports: this.reports(id) };
  }

  private reports(eventId: string): EventReport[] {
    return (this.st.reportsOfEvent.all(eventId) as Row[]).map((x) => eventReport(x, eventId, JSON.parse(x.event_json) as ConflictEvent));
  }

  // -------------------------------------------------------------------------------------------
  // Claims and contradictions

  async listClaims(q: ClaimQuery = {}): Promise<Page<StoredClaim>> {
    const where = ['c.current = 1'];
    const args: unknown[] = [];
    if (q.unit) (where.push('c.unit = ?'), args.push(q.unit));
    if (q.subject) (where.push('c.subject = ?'), args.push(q.subject));
    if (q.claimant) (where.push('c.claimant = ?'), args.push(q.claimant));
    if (q.documentId) (where.push('d.id = ?'), args.push(q.documentId));
    if (q.eventId) (where.push('r.event_id = ?'), args.push(q.eventId));
    const after = decodeCursor<number>(q.cursor);
    if (after != null) (where.push('c.pk > ?'), args.push(after));
    const limit = clampLimit(q.limit);
    const rows = this.db
      .prepare(
        `SELECT c.*, d.id AS document_id, d.source, d.outlet, d.published, r.event_id FROM claims c JOIN documents d ON d.pk = c.document_pk
         LEFT JOIN event_reports r ON r.pk = c.report_pk WHERE ${where.join(' AND ')} ORDER BY c.pk LIMIT ?`,
      )
      .all(...args, limit + 1) as Row[];
    const more = rows.length > limit;
    const items = rows.slice(0, limit).map((c) => storedClaim(c, (id) => this.name(id)));
    return { items, next: more ? encodeCursor(rows[limit - 1].pk) : null };
  }

  async listContradictions(q: ContradictionQuery = {}): Promise<Contradiction[]> {
    type V = Contradiction['values'][number];
    const out: Contradiction[] = [];
    // Subject claims: the same unit about the same subject, from different sources.
    const cargs: unknown[] = [];
    let cwhere = 'c.current = 1 AND c.subject IS NOT NULL';
    if (q.subject) (cwhere += ' AND c.subject = ?'), cargs.push(q.subject);
    if (q.unit) (cwhere += ' AND c.unit = ?'), cargs.push(q.unit);
    const claimRows = q.eventId
      ? []
      : (this.db.prepare(`SELECT c.*, d.id AS document_id, d.source, d.outlet, d.published, d.text AS doc_text FROM claims c JOIN documents d ON d.pk = c.document_pk WHERE ${cwhere}`).all(...cargs) as Row[]);
    const claimStatements = claimRows.map((c) => claimStatement(claimForStatement(c, this.name(c.claimant), (c.doc_text as string).slice(c.ev_start, c.ev_end))));
    for (const g of findContradictions(claimStatements, { tolerance: this.tolerance, kind: 'subject', units: this.tolerance.subjectUnits }))
      out.push(subjectContradiction(g, this.name(g.key)));

    // Event reports: the same count for one event, from different documents.
    const eargs: unknown[] = [];
    let ewhere = 'e.deleted = 0 AND e.n_reports >= 2';
    if (q.eventId) (ewhere += ' AND e.id = ?'), eargs.push(q.eventId);
    if (!q.subject) {
      const reps = this.db
        .prepare(`SELECT r.event_id, r.event_json, e.date AS event_date, e.location_json AS event_location, d.id AS document_id, d.pk AS document_pk, d.source, d.outlet, d.published, d.text FROM event_reports r
          JOIN events e ON e.id = r.event_id JOIN documents d ON d.pk = r.document_pk WHERE ${ewhere} ORDER BY r.pk`)
        .all(...eargs) as Row[];
      // The words that say a count: a claim of the report's document with that value (derive.ts pickClaim).
      const claimsOf = new Map<number, ClaimOfDocument[]>();
      const leads = new Map<number, number>();
      const leadOf = (pk: number) => {
        let l = leads.get(pk);
        if (l == null) leads.set(pk, (l = leadStart((this.st.reportEventsOfDocument.all(pk) as Row[]).map((x) => JSON.parse(x.event_json) as ConflictEvent))));
        return l;
      };
      const claimsOfDocument = (pk: number) => {
        let cs = claimsOf.get(pk);
        if (!cs) {
          cs = (this.st.claimsOfDocument.all(pk) as Row[]).map((c) => ({ ...c, approximate: !!c.approximate }) as ClaimOfDocument);
          claimsOf.set(pk, cs);
        }
        return cs;
      };
      const st: Statement<V>[] = [];
      for (const r of reps)
        st.push(
          ...reportStatements(
            { eventId: r.event_id, event: JSON.parse(r.event_json) as ConflictEvent, documentId: r.document_id, source: r.source, outlet: r.outlet, published: r.published, text: r.text },
            claimsOfDocument(r.document_pk),
            (id) => this.name(id),
            q.unit,
            leadOf(r.document_pk),
            this.tolerance.partBefore,
            this.tolerance.subgroupAfter,
          ),
        );
      const where = new Map<string, { date: string | null; location: Row | null }>();
      for (const r of reps) where.set(r.event_id, { date: r.event_date, location: parse<Row | null>(r.event_location, null) });
      for (const g of findContradictions(st, { tolerance: this.tolerance, useWindow: false, kind: 'event', units: this.tolerance.eventUnits, attributedOnly: true, oneIncident: (a, b) => oneIncident(a, b, this.rule, this.tolerance.actKinds) }))
        out.push(eventContradiction(g, where.get(g.key)!));
    }
    return filterContradictions(out, q);
  }

  // -------------------------------------------------------------------------------------------
  // Entities

  private toEntity(r: Row): StoredEntity {
    const aliases = (this.db.prepare('SELECT alias FROM entity_aliases WHERE entity = ? ORDER BY n DESC, alias LIMIT 20').all(r.id) as Row[]).map((a) => a.alias);
    const c = this.db
      .prepare(`SELECT COUNT(*) AS n, COUNT(DISTINCT document_pk) AS d FROM ${r.kind === 'place' ? 'places' : 'mentions'} WHERE entity = ?`)
      .get(r.id) as Row;
    const e: StoredEntity = { id: r.id, kind: r.kind, type: r.type, name: r.name, aliases, mentions: c.n, documents: c.d };
    if (r.kind === 'place') Object.assign(e, { lat: r.lat, lon: r.lon, country: r.country });
    return e;
  }

  async listEntities(q: EntityQuery = {}): Promise<Page<StoredEntity>> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.kind) (where.push('kind = ?'), args.push(q.kind));
    if (q.type) (where.push('type = ?'), args.push(q.type));
    if (q.q) {
      const like = `%${q.q.toLowerCase()}%`;
      where.push('(lower(name) LIKE ? OR id IN (SELECT entity FROM entity_aliases WHERE lower(alias) LIKE ?))');
      args.push(like, like);
    }
    const limit = clampLimit(q.limit);
    if (q.sort === 'mentions') {
      // How often each is named (as toEntity counts), then id: keyset paging on (count, id).
      const after = decodeCursor<[number, string]>(q.cursor);
      const sql = `SELECT * FROM (SELECT entities.*, CASE WHEN kind = 'place' THEN (SELECT COUNT(*) FROM places p WHERE p.entity = entities.id)
        ELSE (SELECT COUNT(*) FROM mentions m WHERE m.entity = entities.id) END AS n_named FROM entities ${where.length ? 'WHERE ' + where.join(' AND ') : ''})
        ${after ? 'WHERE (n_named < ? OR (n_named = ? AND id > ?))' : ''} ORDER BY n_named DESC, id LIMIT ?`;
      const rows = this.db.prepare(sql).all(...args, ...(after ? [after[0], after[0], after[1]] : []), limit + 1) as Row[];
      const items = rows.slice(0, limit);
      return { items: items.map((r) => this.toEntity(r)), next: rows.length > limit ? encodeCursor([items.at(-1)!.n_named, items.at(-1)!.id]) : null };
    }
    const after = decodeCursor<string>(q.cursor);
    if (after != null) (where.push('id > ?'), args.push(after));
    const rows = this.db.prepare(`SELECT * FROM entities ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id LIMIT ?`).all(...args, limit + 1) as Row[];
    const more = rows.length > limit;
    const items = rows.slice(0, limit);
    return { items: items.map((r) => this.toEntity(r)), next: more ? encodeCursor(items.at(-1)!.id) : null };
  }

  async getEntity(id: string): Promise<StoredEntity | null> {
    const r = this.db.prepare('SELECT * FROM entities WHERE id = ?').get(id) as Row | undefined;
    return r ? this.toEntity(r) : null;
  }

  // -------------------------------------------------------------------------------------------
  // Review

  async review(a: ReviewAction): Promise<ReviewResult> {
    return this.db.transaction(() => this.reviewTx(a)).immediate();
  }

  private reviewTx(a: ReviewAction): ReviewResult {
    const at = now();
    const audit: AuditEntry[] = [];
    const log = (eventId: string, field: string | null, before: unknown, after: unknown) => {
      const id = Number(this.st.audit.run(at, a.reviewer, a.action, eventId, field, json(before), json(after), a.note ?? null).lastInsertRowid);
      audit.push({ id, at, reviewer: a.reviewer, action: a.action, eventId, field, before: before ?? null, after: after ?? null, note: a.note ?? null });
    };
    const need = (id: string) => {
      const r = this.st.eventRow.get(id) as Row | undefined;
      if (!r || r.deleted) throw new StoreError('not_found', `no such event: ${id}`);
      return r;
    };
    const setStatus = (id: string, status: string) => {
      const r = need(id);
      this.db.prepare('UPDATE events SET review_status = ? WHERE id = ?').run(status, id);
      log(id, 'review_status', r.review_status, status);
    };
    let ids: string[];
    switch (a.action) {
      case 'accept':
      case 'reject': {
        setStatus(a.eventId, a.action === 'accept' ? 'accepted' : 'rejected');
        this.recompute(a.eventId, at);
        ids = [a.eventId];
        break;
      }
      case 'edit': {
        const before = this.toEvent(need(a.eventId));
        for (const [field, value] of Object.entries(a.fields)) {
          if (!EDITABLE.includes(field as keyof EditableEventFields)) throw new StoreError('bad_request', `field not editable: ${field}`);
          this.db
            .prepare('INSERT INTO event_overrides (event_id, field, value_json, reviewer, at) VALUES (?,?,?,?,?) ON CONFLICT(event_id, field) DO UPDATE SET value_json = excluded.value_json, reviewer = excluded.reviewer, at = excluded.at')
            .run(a.eventId, field, json(value), a.reviewer, at);
          log(a.eventId, field, (before as any)[field], value);
        }
        this.db.prepare('UPDATE events SET review_status = ? WHERE id = ?').run('edited', a.eventId);
        this.recompute(a.eventId, at);
        ids = [a.eventId];
        break;
      }
      case 'undo': {
        const current = this.toEvent(need(a.eventId));
        const entries = (this.db.prepare('SELECT * FROM audit_log WHERE event_id = ? ORDER BY id DESC').all(a.eventId) as Row[]).map(auditEntry);
        const plan = planUndo(entries, current as any, current.review.overridden);
        for (const [field, value] of plan.setOverrides) {
          this.db
            .prepare('INSERT INTO event_overrides (event_id, field, value_json, reviewer, at) VALUES (?,?,?,?,?) ON CONFLICT(event_id, field) DO UPDATE SET value_json = excluded.value_json, reviewer = excluded.reviewer, at = excluded.at')
            .run(a.eventId, field, json(value), a.reviewer, at);
        }
        for (const field of plan.dropOverrides) this.db.prepare('DELETE FROM event_overrides WHERE event_id = ? AND field = ?').run(a.eventId, field);
        this.db.prepare('UPDATE events SET review_status = ? WHERE id = ?').run(plan.status, a.eventId);
        for (const l of plan.log) log(a.eventId, l.field, l.before, l.after);
        log(a.eventId, 'undone', null, plan.group.map((g) => Number(g.id)));
        this.recompute(a.eventId, at);
        ids = [a.eventId];
        break;
      }
      case 'merge': {
        if (a.eventIds.length < 2) throw new StoreError('bad_request', 'merge needs at least two events');
        const into = a.into ?? a.eventIds[0];
        for (const id of new Set([...a.eventIds, into])) need(id);
        for (const id of a.eventIds) {
          if (id === into) continue;
          const moved = this.db.prepare('SELECT id FROM event_reports WHERE event_id = ?').all(id) as Row[];
          this.db.prepare('UPDATE event_reports SET event_id = ? WHERE event_id = ?').run(into, id);
          log(into, 'reports', null, moved.map((m) => m.id));
          log(id, 'merged_into', id, into);
          this.recompute(id, at);
        }
        this.recompute(into, at);
        ids = [into];
        break;
      }
      case 'split': {
        need(a.eventId);
        if (!a.reportIds.length) throw new StoreError('bad_request', 'split needs report ids');
        const rows = this.db.prepare(`SELECT id FROM event_reports WHERE event_id = ? AND id IN (${a.reportIds.map(() => '?').join(',')})`).all(a.eventId, ...a.reportIds) as Row[];
        if (rows.length !== a.reportIds.length) throw new StoreError('bad_request', `reports not in event ${a.eventId}`);
        const total = (this.db.prepare('SELECT COUNT(*) AS n FROM event_reports WHERE event_id = ?').get(a.eventId) as Row).n;
        if (total === rows.length) throw new StoreError('bad_request', 'split would leave the event empty');
        let newId = splitEventIdOf(a.reportIds[0]);
        if (this.st.eventExists.get(newId)) newId = splitEventIdOf(a.reportIds[0], at);
        this.st.insertEventStub.run(newId, 'Battles', at, at);
        this.db.prepare(`UPDATE event_reports SET event_id = ? WHERE id IN (${a.reportIds.map(() => '?').join(',')})`).run(newId, ...a.reportIds);
        log(a.eventId, 'reports', a.reportIds, null);
        log(newId, 'split_from', a.eventId, a.reportIds);
        this.recompute(a.eventId, at);
        this.recompute(newId, at);
        ids = [a.eventId, newId];
        break;
      }
      default:
        throw new StoreError('bad_request', `unknown review action: ${(a as { action: string }).action}`);
    }
    return { events: ids.map((id) => this.toEvent(this.st.eventRow.get(id) as Row)), audit };
  }

  async auditLog(q: { eventId?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    const rows = (q.eventId
      ? this.db.prepare('SELECT * FROM audit_log WHERE event_id = ? ORDER BY id DESC LIMIT ?').all(q.eventId, clampLimit(q.limit))
      : this.db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(clampLimit(q.limit))) as Row[];
    return rows.map(auditEntry);
  }

  // -------------------------------------------------------------------------------------------
  // Change feed, stats

  async changes(since: string | null, limit = 1000): Promise<ChangeFeed> {
    const from = since ? Number(since) : 0;
    if (!Number.isFinite(from)) throw new StoreError('bad_request', `bad cursor: ${since}`);
    const rows = this.db.prepare('SELECT * FROM changes WHERE seq > ? ORDER BY seq LIMIT ?').all(from, clampLimit(limit, 1000, 100_000)) as Row[];
    const changes = rows.map((c) => {
      const r = c.op === 'delete' ? undefined : (this.st.eventRow.get(c.event_id) as Row | undefined);
      return { cursor: String(c.seq), op: c.op, eventId: c.event_id, revision: c.revision, at: c.at, event: r && !r.deleted ? this.toEvent(r) : null };
    });
    return { changes, cursor: rows.length ? String(rows.at(-1)!.seq) : String(from) };
  }

  async changeHead(): Promise<number> {
    return (this.db.prepare('SELECT coalesce(max(seq), 0) AS n FROM changes').get() as Row).n;
  }

  async reportClusters(documentId: string): Promise<Record<string, string>> {
    const rows = this.db
      .prepare('SELECT r.id, r.event_id FROM event_reports r JOIN documents d ON d.pk = r.document_pk WHERE d.id = ? AND r.event_id IS NOT NULL')
      .all(documentId) as Array<{ id: string; event_id: string }>;
    return clustersByContractId(documentId, rows);
  }

  async stats(): Promise<StoreStats> {
    const one = (sql: string) => (this.db.prepare(sql).get() as Row).n as number;
    const eventsByType: Record<string, number> = {};
    for (const r of this.db.prepare("SELECT type, COUNT(*) AS n FROM events WHERE deleted = 0 AND review_status <> 'rejected' GROUP BY type ORDER BY n DESC").all() as Row[]) eventsByType[r.type] = r.n;
    const topActors = (
      this.db
        .prepare(
          `SELECT ea.entity, COALESCE(en.name, ea.entity) AS name, COUNT(DISTINCT ea.event_id) AS events FROM event_actors ea JOIN events e ON e.id = ea.event_id
           LEFT JOIN entities en ON en.id = ea.entity WHERE e.deleted = 0 AND e.review_status <> 'rejected' GROUP BY ea.entity ORDER BY events DESC, ea.entity LIMIT 10`,
        )
        .all() as Row[]
    ).map((r) => ({ entity: r.entity, name: r.name, events: r.events }));
    return {
      documents: one('SELECT COUNT(*) AS n FROM documents WHERE current = 1'),
      versions: one('SELECT COUNT(*) AS n FROM documents'),
      reports: one('SELECT COUNT(*) AS n FROM event_reports WHERE event_id IS NOT NULL'),
      events: one("SELECT COUNT(*) AS n FROM events WHERE deleted = 0 AND review_status <> 'rejected'"),
      claims: one('SELECT COUNT(*) AS n FROM claims WHERE current = 1'),
      entities: one('SELECT COUNT(*) AS n FROM entities'),
      contradictions: (await this.listContradictions()).length,
      eventsByType,
      topActors,
    };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function auditEntry(r: Row): AuditEntry {
  return { id: r.id, at: r.at, reviewer: r.reviewer, action: r.action, eventId: r.event_id, field: r.field, before: parse(r.before_json, null), after: parse(r.after_json, null), note: r.note };
}
