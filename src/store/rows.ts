import type { Claim, ConflictEvent, EventActor, Mention, Place, Span, TimeExpr } from '../doc.ts';
import type { EventReport, IngestRun, StoredClaim, StoredDocument, StoredEvent } from './types.ts';
import type { ClaimForStatement } from './derive.ts';
import type { PairDecision } from '../crossdoc/similarity.ts';

/**
 * How stored rows read back as the Store's types, with no SQL in it: every backend selects the same
 * columns (the schemas are one design in two dialects) and maps them here, so SQLite and PostgreSQL
 * answer in the same shapes. The one difference a backend passes in is how a JSON column reads:
 * SQLite stores JSON as text (parsed here), PostgreSQL's driver hands back values.
 */

type Row = Record<string, any>;

/** A JSON column's value, or `dflt` when it is empty. */
export type JsonColumn = <T>(value: unknown, dflt: T) => T;

/** A document row's columns for lists (everything but the text and meta). */
export const DOCUMENT_COLS =
  'pk, id, contract_id, source, version, current, content_hash, outlet, title, published, published_precision, fetched_at, ingested_at, run_id, n_mentions, n_places, n_times, n_events, n_claims';

export function storedDocument(r: Row): StoredDocument {
  return {
    id: r.id,
    contractId: r.contract_id,
    source: r.source,
    version: r.version,
    current: !!r.current,
    contentHash: r.content_hash,
    outlet: r.outlet,
    title: r.title,
    published: r.published ? { value: r.published, precision: r.published_precision } : null,
    fetchedAt: r.fetched_at,
    ingestedAt: r.ingested_at,
    runId: r.run_id,
    counts: { mentions: r.n_mentions, places: r.n_places, times: r.n_times, events: r.n_events, claims: r.n_claims },
  };
}

// A document's span layers (rows of mentions, places, times, claims) as the contract has them.

export function mentionOfRow(x: Row): Mention {
  const o: any = { start: x.start, end: x.end, text: x.text, type: x.type, entity: x.entity, name: x.name };
  if (x.role) o.role = x.role;
  if (x.src) o.source = x.src;
  return o;
}

export function placeOfRow(x: Row): Place {
  return { start: x.start, end: x.end, text: x.text, name: x.name, lat: x.lat, lon: x.lon, country: x.country, admin1: x.admin1, geonameid: x.geonameid, kind: x.kind };
}

export function timeOfRow(x: Row): TimeExpr {
  return { start: x.start, end: x.end, text: x.text, type: x.type, value: x.value, precision: x.precision };
}

export function claimOfRow(c: Row): Claim {
  return {
    start: c.start,
    end: c.end,
    text: c.text,
    value: c.value,
    low: c.low,
    high: c.high,
    unit: c.unit,
    subject: c.subject,
    claimant: c.claimant,
    approximate: !!c.approximate,
    evidence: { start: c.ev_start, end: c.ev_end },
  };
}

/** A claim row joined with its document (document_id, source, outlet, published) and report (event_id). */
export function storedClaim(c: Row, nameOf: (id: string | null) => string | null): StoredClaim {
  return {
    ...claimOfRow(c),
    id: `${c.document_id}:c${c.start}-${c.end}`,
    documentId: c.document_id,
    source: c.source,
    outlet: c.outlet,
    published: c.published,
    eventId: c.event_id ?? null,
    subjectName: nameOf(c.subject),
    claimantName: nameOf(c.claimant),
  };
}

/** A claim row joined with its document (document_id, source, outlet, published) as derive.ts `claimStatement` takes it. */
export function claimForStatement(c: Row, claimantName: string | null, evidenceText: string): ClaimForStatement {
  return {
    subject: c.subject,
    unit: c.unit,
    value: c.value,
    low: c.low,
    high: c.high,
    approximate: !!c.approximate,
    text: c.text,
    claimant: c.claimant,
    claimantName,
    ev_start: c.ev_start,
    ev_end: c.ev_end,
    documentId: c.document_id,
    source: c.source,
    outlet: c.outlet,
    published: c.published,
    evidenceText,
  };
}

/**
 * An events row with its overrides (rows of field, value_json) as a StoredEvent: overridden fields
 * show the reviewed value, their machine values go to `machine`; actors without a name get the
 * entity's canonical name.
 */
/** The copy groups of an event, from its sources' `copyOf` marks (see derive.ts eventValues). */
function copiesOf(sources: StoredEvent['sources']): { copies?: Array<{ outlets: string[]; documents: string[] }> } {
  const groups = new Map<string, StoredEvent['sources']>();
  for (const s of sources) if (s.copyOf) (groups.get(s.copyOf) ?? groups.set(s.copyOf, []).get(s.copyOf)!).push(s);
  if (!groups.size) return {};
  return {
    copies: [...groups].map(([first, copies]) => {
      const all = [sources.find((s) => s.documentId === first), ...copies].filter((s): s is StoredEvent['sources'][number] => !!s);
      return { outlets: [...new Set(all.map((s) => s.outlet ?? s.source))].sort(), documents: all.map((s) => s.documentId).sort() };
    }),
  };
}

export function storedEvent(r: Row, overrides: Row[], col: JsonColumn, nameOf: (id: string) => string | null | undefined): StoredEvent {
  const machineAll = col<Record<string, unknown>>(r.machine_json, {});
  const actors = col<EventActor[]>(r.actors_json, []).map((a) => (a.name ? a : { ...a, name: nameOf(a.entity) ?? undefined }));
  const ev: StoredEvent = {
    id: r.id,
    type: r.type,
    subtype: r.subtype,
    date: r.date ? { value: r.date, precision: r.date_precision } : null,
    location: col(r.location_json, null),
    actors,
    fatalities: col(r.fatalities_json, null),
    counts: col(r.counts_json, {}),
    notes: null,
    corroboration: { reports: r.n_reports, outlets: r.n_outlets, grade: r.grade, reason: r.grade_reason, ...copiesOf(col(r.sources_json, [])) },
    // `f` (each report's clustering side) is the store's own, not part of the event.
    sources: col<Array<StoredEvent['sources'][number] & { f?: unknown }>>(r.sources_json, []).map(({ f: _f, ...s }) => s),
    review: { status: r.review_status, overridden: overrides.map((o) => o.field) },
    revision: r.revision,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  if (overrides.length) {
    ev.machine = {};
    for (const o of overrides) {
      (ev as any)[o.field] = col(o.value_json, null);
      (ev.machine as any)[o.field] = machineAll[o.field] ?? null;
    }
  }
  return ev;
}

/** A report row joined with its document (document_id, source, outlet, published, text), its evidence cut from the text. */
export function eventReport(x: Row, eventId: string, event: ConflictEvent): EventReport {
  const evidence: Span[] = event.evidence.map((e) => ({ start: e.start, end: e.end, text: (x.text as string).slice(e.start, e.end) }));
  const match = typeof x.match_json === 'string' ? (JSON.parse(x.match_json) as PairDecision) : ((x.match_json as PairDecision | null | undefined) ?? null);
  return { id: x.id, eventId, documentId: x.document_id, source: x.source, outlet: x.outlet, published: x.published, event, evidence, match };
}

/** An ingest_runs row with its skips (rows of source, document_id, code, message). */
export function ingestRun(r: Row, skips: Row[]): IngestRun {
  return {
    id: r.id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    command: r.command,
    seen: r.seen,
    added: r.added,
    unchanged: r.unchanged,
    versions: r.versions,
    skipped: r.skipped,
    skips: skips.map((s) => ({ source: s.source, documentId: s.document_id, code: s.code, message: s.message })),
  };
}

/** Report rows (`id` = `<documentId>:<contract event id>`) as contract event id -> event (cluster) id. */
export function clustersByContractId(documentId: string, rows: Array<{ id: string; event_id: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  const prefix = documentId + ':';
  for (const r of rows) out[r.id.startsWith(prefix) ? r.id.slice(prefix.length) : r.id] = r.event_id;
  return out;
}
