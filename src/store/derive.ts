import { createHash } from 'node:crypto';
import type { Claim, ConflictEvent, DocResult, EventActor } from '../doc.ts';
import type { EditableEventFields, ContradictionValue, Contradiction, ContradictionQuery } from './types.ts';
import { reportFeatures, type ClusterFeatures, type ClusterRule } from '../crossdoc/cluster.ts';
import { compatibleTypes, pairFeatures, probability, veto } from '../crossdoc/similarity.ts';
import { addDays, dateWindow } from '../crossdoc/dates.ts';
import { entityId, normaliseName, placeId } from '../crossdoc/entities.ts';
import { summarise, type EventSummary } from '../crossdoc/summarise.ts';
import { grade } from '../crossdoc/corroboration.ts';
import { fingerprint } from '../crossdoc/copies.ts';
import type { Statement, StatementGroup } from '../crossdoc/contradictions.ts';
import { StoreError } from './errors.ts';
import type { Corroboration } from './types.ts';

/**
 * What a store backend derives from a document or from an event's reports, with no SQL in it:
 * the rows a document's span layers become (entities folded per document), a report's canonical
 * event, an event's stored values (machine summary, grade, effective values after review, date
 * window and sort key), and the statements contradictions are computed from. Every backend calls
 * these, so SQLite and PostgreSQL store the same values and give the same answers.
 */

export const now = (): string => new Date().toISOString();
export const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
/** Windows longer than this many days are "wide" (searched apart from the narrow ones). */
export const WIDE_DAYS = 31;
export const EDITABLE: (keyof EditableEventFields)[] = ['type', 'subtype', 'date', 'location', 'actors', 'fatalities', 'counts', 'notes'];

export function encodeCursor(x: unknown): string {
  return Buffer.from(JSON.stringify(x)).toString('base64url');
}
export function decodeCursor<T>(c: string | null | undefined): T | null {
  if (!c) return null;
  try {
    return JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as T;
  } catch {
    throw new StoreError('bad_request', `bad cursor: ${c}`);
  }
}
export function clampLimit(n: number | undefined, dflt = 100, max = 10_000): number {
  return Math.max(1, Math.min(max, Math.floor(n ?? dflt)));
}
function daysBetween(lo: string, hi: string): number {
  return (Date.parse(hi) - Date.parse(lo)) / 86_400_000;
}

// ---------------------------------------------------------------------------------------------
// A document's rows

/** The rows of one document's span layers, as positional arrays (one JSON array per table). */
export interface DocumentRows {
  /** [start, end, text, type, entity, name, role, source] */
  mentions: unknown[][];
  /** [start, end, text, entity, name, lat, lon, country, admin1, geonameid, kind] */
  places: unknown[][];
  /** [start, end, text, type, value, precision] */
  times: unknown[][];
  /** [id, kind, type, name, lat, lon, country]: each entity once per document. */
  entities: unknown[][];
  /** [entity, alias, n]: surface forms folded per document (names repeat). */
  aliases: Array<[string, string, number]>;
}

export function documentRows(r: DocResult): DocumentRows {
  const ents = new Map<string, unknown[]>();
  const aliases = new Map<string, [string, string, number]>();
  const alias = (entity: string, text: string) => {
    const k = `${entity}\u0000${text}`;
    const a = aliases.get(k);
    if (a) a[2]++;
    else aliases.set(k, [entity, text, 1]);
  };
  const mentions = r.mentions.map((m) => {
    const eid = entityId(m);
    // "he" and "the city" refer to an entity but are not its names; "60 civilians" alone makes no
    // entity of the catalogue (a name or an event actor does).
    const named = m.source !== 'pronoun' && m.source !== 'nominal';
    if (named && !ents.has(eid)) ents.set(eid, [eid, 'actor', m.type, m.name || m.text, null, null, null]);
    if (named) alias(eid, m.text);
    return [m.start, m.end, m.text, m.type, eid, m.name, m.role ?? null, m.source ?? null];
  });
  const places = r.places.map((p) => {
    const pid = placeId(p);
    if (!ents.has(pid)) ents.set(pid, [pid, 'place', p.kind, p.name, p.lat, p.lon, p.country]);
    alias(pid, p.text);
    return [p.start, p.end, p.text, pid, p.name, p.lat, p.lon, p.country, p.admin1, p.geonameid, p.kind];
  });
  for (const e of r.events)
    for (const a of e.actors)
      if (a.name) {
        // Event actors are entities too (the pipeline may name an actor it did not tag as a mention).
        const eid = entityId({ entity: a.entity, name: a.name, type: 'ORG' });
        if (!ents.has(eid)) ents.set(eid, [eid, 'actor', 'ORG', a.name, null, null, null]);
      }
  const times = r.times.map((t) => [t.start, t.end, t.text, t.type, t.value, t.precision]);
  return { mentions, places, times, entities: [...ents.values()], aliases: [...aliases.values()] };
}

/**
 * Whether an extracted event becomes a report of a stored event. Future and hypothetical acts
 * ("will launch an offensive", "could strike") stay in the document's result, flagged by their
 * modality, but never make or join a stored event: they would reach the ACLED export and the
 * dashboard's counts as if they had happened.
 */
export function reportable(e: ConflictEvent): boolean {
  return e.modality !== 'future' && e.modality !== 'hypothetical';
}

/** A report's event as stored: actors carry canonical entity ids. */
export function canonicalEvent(e: ConflictEvent): ConflictEvent {
  return { ...e, actors: e.actors.map((a) => ({ ...a, entity: entityId({ entity: a.entity, name: a.name, type: 'ORG' }) })) };
}

/** A claim's subject and claimant as canonical entity ids. */
export function claimRefs(c: Claim): { subject: string | null; claimant: string | null } {
  return {
    subject: c.subject ? entityId({ entity: c.subject, type: 'ORG' }) : null,
    claimant: c.claimant ? entityId({ entity: c.claimant, type: 'ORG' }) : null,
  };
}

/** The index of the report whose evidence holds the claim, or -1. */
export function reportOfClaim(c: Claim, reports: Array<{ evidence: ConflictEvent['evidence'] }>): number {
  return reports.findIndex((x) => x.evidence.some((ev) => ev.start <= c.start && c.end <= ev.end));
}

/** Stable ids: a report's id, and the id of the event a report founds (`salt` when taken). */
export const reportIdOf = (documentId: string, e: ConflictEvent): string => `${documentId}:${e.id}`;
export const eventIdOf = (reportId: string, salt?: string): string => 'ev_' + sha(salt ? `${reportId}:${salt}` : reportId).slice(0, 16);
export const splitEventIdOf = (firstReportId: string, salt?: string): string => 'ev_' + sha(salt ? `${firstReportId}:split:${salt}` : `${firstReportId}:split`).slice(0, 16);

/**
 * The coarse bounding box and date range candidates for a report are searched in (degrees around
 * its point; the report's window widened by `SEARCH_SLACK_DAYS`, so the scored similarity sees
 * near misses too), and the types it may join (its type family), so an index narrows the events
 * `decide` scores. Null sizes when the report has no point.
 */
export const SEARCH_SLACK_DAYS = 2;
export function candidateBox(
  f: ClusterFeatures,
  rule: ClusterRule,
): { types: string[]; lo0: string; lo: string; hi: string; lat: number | null; lon: number | null; dlat: number; dlon: number } {
  const w = f.window!;
  const hasPoint = f.lat != null && f.lon != null;
  const dlat = rule.maxKmCoarse / 110;
  const dlon = hasPoint ? rule.maxKmCoarse / (110 * Math.max(0.05, Math.cos((f.lat! * Math.PI) / 180))) : 0;
  const lo = addDays(w.lo, -SEARCH_SLACK_DAYS);
  return { types: compatibleTypes(f.type), lo0: addDays(lo, -WIDE_DAYS - 1), lo, hi: addDays(w.hi, SEARCH_SLACK_DAYS), lat: hasPoint ? f.lat : null, lon: hasPoint ? f.lon : null, dlat, dlon };
}

/** A report's clustering side as an event's source keeps it (its document is the source's). */
export type ReportSide = Omit<ClusterFeatures, 'documents' | 'reports'>;
function reportSide(f: ClusterFeatures): ReportSide {
  const { documents: _d, reports: _r, ...side } = f;
  return side;
}

/** An event row's clustering features (what `decide` compares a new report with). */
export function eventFeatures(row: {
  type: string;
  date?: string | null;
  date_lo: string | null;
  date_hi: string | null;
  lat: number | null;
  lon: number | null;
  location: { name?: string; precision?: number; admin1?: string | null } | null;
  actors: EventActor[];
  sources: Array<{ documentId: string; f?: ReportSide }>;
  aggregate: boolean;
  counts?: Record<string, number | null> | null;
  fatalitiesBest?: number | null;
}): ClusterFeatures {
  const figures: Record<string, number> = {};
  for (const [u, v] of Object.entries(row.counts ?? {})) if (typeof v === 'number') figures[u] = v;
  if (row.fatalitiesBest != null && figures.killed == null) figures.killed = row.fatalitiesBest;
  return {
    type: row.type,
    window: row.date_lo && row.date_hi ? { lo: row.date_lo, hi: row.date_hi } : null,
    // An event whose date is only borrowed from publication dates has none of its own.
    undated: row.date === null,
    lat: row.lat,
    lon: row.lon,
    geoPrecision: row.location?.precision ?? null,
    placeName: row.location?.name ? String(row.location.name).toLowerCase() : null,
    admin1: row.location?.admin1 ?? null,
    actors: row.actors.filter((a) => a.role !== 'associated').map((a) => a.entity),
    perpetrators: [...new Set(row.actors.filter((a) => a.role === 'actor1').map((a) => a.entity))],
    figures,
    aggregate: row.aggregate,
    documents: row.sources.map((s) => s.documentId),
    // Events stored before sources kept their sides are compared by their summary only.
    ...(row.sources.length && row.sources.every((s) => s.f) ? { reports: row.sources.map((s) => ({ ...s.f!, documents: [s.documentId] })) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// An event's values

/** One report of an event with its document, as a backend reads it back. */
export interface ReportInput {
  event: ConflictEvent;
  documentId: string;
  outletKey: string;
  published: string | null;
  source: string;
  outlet: string | null;
  /** The evidence fingerprint (crossdoc/copies.ts), for telling wire copies apart from independent reports. */
  fingerprint?: string | null;
}

/** A report's fingerprint: the words of its evidence (crossdoc/copies.ts). */
export function reportFingerprint(e: ConflictEvent, text: string): string | null {
  return fingerprint(e.evidence.map((r) => text.slice(r.start, r.end)).join(' '));
}

/** Everything a backend stores for an event, computed from its reports and its review overrides. */
export interface EventValues {
  machine: EventSummary;
  effective: EventSummary & { notes: string | null };
  corroboration: Corroboration;
  window: { lo: string; hi: string } | null;
  wide: boolean;
  /** First day of the date's period ('' when undated): order and cursor key. */
  sortDate: string;
  sources: Array<{ documentId: string; source: string; outlet: string | null; published: string | null; copyOf?: string; f?: ReportSide }>;
  /** One row per actor entity (its first role), so actor queries never see an event twice. */
  actorRows: Array<{ entity: string; role: string }>;
}

export function eventValues(reports: ReportInput[], overrides: Array<{ field: string; value: unknown }>, rule: ClusterRule): EventValues {
  const items = reports.map((r) => ({ event: r.event, documentId: r.documentId, outletKey: r.outletKey, published: r.published, fingerprint: r.fingerprint ?? null }));
  const machine = summarise(items);
  const corroboration = grade(items);
  const effective: EventSummary & { notes: string | null } = { ...machine, notes: null };
  for (const o of overrides) (effective as any)[o.field] = o.value;
  let window = dateWindow(effective.date, rule.slackDays);
  if (!window) {
    // Undated: the union of the reports' windows (publication-based), if any.
    const ws = items.map((i) => reportFeatures(i.event, i.documentId, i.published, rule).window).filter((w): w is NonNullable<typeof w> => !!w);
    if (ws.length) window = { lo: ws.map((w) => w.lo).sort()[0], hi: ws.map((w) => w.hi).sort().at(-1)! };
  }
  // A wire copy names the first document of its copy group (the stored event keeps the copies).
  const copyOf = new Map<string, string>();
  for (const g of corroboration.copies ?? []) {
    const first = reports.find((r) => g.documents.includes(r.documentId))!.documentId;
    for (const d of g.documents) if (d !== first) copyOf.set(d, first);
  }
  // Each source keeps its report's clustering side (`f`, read back by eventFeatures; not shown).
  const sources = reports.map((r) => ({
    documentId: r.documentId,
    source: r.source,
    outlet: r.outlet,
    published: r.published,
    ...(copyOf.has(r.documentId) ? { copyOf: copyOf.get(r.documentId)! } : {}),
    f: reportSide(reportFeatures(r.event, r.documentId, r.published, rule)),
  }));
  // Order and date filters use the first day of the event's period ("2024-Q1" -> 2024-01-01),
  // so weeks, quarters and years sort among days; undated events sort last.
  const sortDate = dateWindow(effective.date, 0)?.lo ?? '';
  const seen = new Set<string>();
  const actorRows: EventValues['actorRows'] = [];
  for (const a of effective.actors) if (!seen.has(a.entity)) (seen.add(a.entity), actorRows.push({ entity: a.entity, role: a.role }));
  return { machine, effective, corroboration, window, wide: !!window && daysBetween(window.lo, window.hi) > WIDE_DAYS, sortDate, sources, actorRows };
}

// ---------------------------------------------------------------------------------------------
// Contradiction statements

export interface ClaimForStatement {
  subject: string;
  unit: string;
  value: number;
  low: number;
  high: number;
  approximate: boolean;
  text: string;
  claimant: string | null;
  claimantName: string | null;
  ev_start: number;
  ev_end: number;
  documentId: string;
  source: string;
  outlet: string | null;
  published: string | null;
  /** The document's text between ev_start and ev_end. */
  evidenceText: string;
}

/** A figure nobody states exactly: a vague word ("dozens", "several" have a range and no digits). */
export function vagueFigure(text: string, low: number, high: number): boolean {
  return !/\d/.test(text) && low !== high;
}

/**
 * The sentence holds another figure in digits besides this one ("600 of the 600,000 Syrians under
 * siege"): the other number may scope this one (a part, a total, a population), so a subject
 * claim from it is not compared.
 */
export function scopedElsewhere(sentence: string, text: string): boolean {
  const own = text.replace(/[^\d]/g, '');
  const numbers = (sentence.match(/\d[\d,.]*/g) ?? []).map((n) => n.replace(/[^\d]/g, '')).filter((n) => n && n !== own);
  return numbers.some((n) => !/^(19|20)\d\d$/.test(n));
}

/**
 * Two reports' statements are about one incident: the reports themselves, compared as clustering
 * does, would be joined, and, stricter than clustering (a contradiction claims that two sources
 * disagree about one thing), they are in the same first-level division, within both places'
 * uncertainty radii of each other, name no different perpetrators and tell the same kind of act.
 */
export const ONE_INCIDENT_MAX_DISTANCE = 1.5;
export function oneIncident(a: Statement, b: Statement, rule: ClusterRule, actKinds?: Record<string, string>): boolean {
  if (!a.incident || !b.incident) return true;
  if (veto(a.incident, { ...b.incident, documents: a.documentId === b.documentId ? [] : b.incident.documents })) return false;
  const f = pairFeatures(a.incident, b.incident);
  // Named perpetrators that differ, or two kinds of attack (air strikes on a suburb and a rocket
  // barrage on the city that day): two incidents.
  if (f.admin1Differs || f.distance > ONE_INCIDENT_MAX_DISTANCE || f.actorConflict) return false;
  const ka = actKinds?.[a.incident.subtype ?? ''];
  const kb = actKinds?.[b.incident.subtype ?? ''];
  if (ka && kb && ka !== kb) return false;
  return probability(rule.model, f) >= rule.model.threshold;
}

/** A stored claim about a subject as a contradiction statement (who says what, with the words). */
export function claimStatement(c: ClaimForStatement): Statement<ContradictionValue> {
  return {
    outlet: c.outlet ? normaliseName(c.outlet) : null,
    claimantName: c.claimantName,
    vague: vagueFigure(c.text, c.low, c.high) || scopedElsewhere(c.evidenceText, c.text),
    key: c.subject,
    unit: c.unit,
    value: c.value,
    low: c.low,
    high: c.high,
    approximate: c.approximate,
    documentId: c.documentId,
    claimant: c.claimant,
    published: c.published,
    data: {
      value: c.value,
      low: c.low,
      high: c.high,
      text: c.text,
      claimant: c.claimant,
      claimantName: c.claimantName,
      outlet: c.outlet,
      source: c.source,
      documentId: c.documentId,
      published: c.published,
      evidence: { start: c.ev_start, end: c.ev_end, text: c.evidenceText },
    },
  };
}

export interface ClaimOfDocument {
  start: number;
  end: number;
  value: number;
  unit: string;
  claimant: string | null;
  approximate: boolean;
  low: number;
  high: number;
}

/** The claim of a document that says a count: same value, the same unit first, then the earliest. */
export function pickClaim<T extends ClaimOfDocument>(claims: T[], value: number, unit: string): T | undefined {
  let best: T | undefined;
  for (const c of claims) {
    if (c.value !== value) continue;
    if (!best || (c.unit === unit && best.unit !== unit) || ((c.unit === unit) === (best.unit === unit) && c.start < best.start)) best = c;
  }
  return best;
}

/**
 * Where a document's lead incident is told: the earliest evidence of its reports (the title and
 * first paragraph lead with the news; later events of an article are mostly earlier incidents,
 * running totals and parts). Figures of a later event are background for contradictions.
 */
export function leadStart(events: ConflictEvent[]): number {
  let lead = Infinity;
  for (const e of events) lead = Math.min(lead, e.evidence[0]?.start ?? Infinity);
  return lead;
}

/** The counts one report of an event gives (fatalities' best as `killed` when no count says it), as statements. */
export function reportStatements(
  r: { eventId: string; event: ConflictEvent; documentId: string; source: string; outlet: string | null; published: string | null; text: string },
  claims: ClaimOfDocument[],
  nameOf: (id: string | null) => string | null,
  unitFilter?: string,
  /** The document's `leadStart`: a report told after it is background (not compared). */
  lead?: number,
  /** Words before a figure that make it a part ("including 10"): such a figure is not compared. */
  partBefore?: RegExp | null,
  /** Words after a figure naming the group it counts ("22 children"): compared within that group only. */
  subgroupAfter?: RegExp | null,
): Statement<ContradictionValue>[] {
  const ev = r.event;
  const background = lead != null && (ev.evidence[0]?.start ?? 0) > lead;
  const counts: Record<string, number> = {};
  for (const [u, v] of Object.entries(ev.counts ?? {})) if (v != null) counts[u] = v;
  if (ev.fatalities && counts.killed == null) counts.killed = ev.fatalities.best;
  const out: Statement<ContradictionValue>[] = [];
  for (const [unit, value] of Object.entries(counts)) {
    if (unitFilter && unit !== unitFilter) continue;
    // The words that say it: a claim of this document with this value inside the event's evidence.
    const claim = pickClaim(claims, value, unit);
    const ev0 = ev.evidence[0] ?? { start: 0, end: 0 };
    const span = claim ? { start: claim.start, end: claim.end } : ev0;
    const fromFatalities = unit === 'killed' && ev.fatalities && ev.counts?.killed == null;
    const low = fromFatalities ? ev.fatalities!.low : (claim?.low ?? value);
    const high = fromFatalities ? ev.fatalities!.high : (claim?.high ?? value);
    const said = claim ? r.text.slice(claim.start, claim.end) : '';
    out.push({
      outlet: r.outlet ? normaliseName(r.outlet) : null,
      claimantName: nameOf(claim?.claimant ?? null) ?? ev.attribution ?? null,
      // No words of the document say this figure, or only a vague word does: nobody states it.
      vague: !claim || claim.unit !== unit || vagueFigure(said, low, high) || (!!partBefore && partBefore.test(r.text.slice(Math.max(0, claim.start - 40), claim.start))),
      background,
      group: (claim && subgroupAfter && subgroupAfter.exec(r.text.slice(claim.end, claim.end + 40))?.[1]?.toLowerCase()) || '',
      incident: reportFeatures(ev, r.documentId, r.published),
      key: r.eventId,
      unit,
      value,
      low,
      high,
      approximate: !!claim?.approximate,
      documentId: r.documentId,
      claimant: claim?.claimant ?? null,
      published: r.published,
      data: {
        value,
        low,
        high,
        text: r.text.slice(span.start, span.end),
        claimant: claim?.claimant ?? null,
        claimantName: nameOf(claim?.claimant ?? null) ?? ev.attribution ?? null,
        outlet: r.outlet,
        source: r.source,
        documentId: r.documentId,
        published: r.published,
        evidence: { start: ev0.start, end: ev0.end, text: r.text.slice(ev0.start, ev0.end) },
      },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Contradictions as the API lists them, and their filters

/** An event contradiction with where and when the event is (for the date and place filters). */
export function eventContradiction(
  g: StatementGroup<ContradictionValue>,
  where: { date: string | null; location: { name?: string | null; admin1?: string | null; country?: string | null } | null },
): Contradiction {
  return {
    id: g.id,
    kind: 'event',
    unit: g.unit,
    eventId: g.key,
    subject: null,
    subjectName: null,
    values: g.statements.map((s) => s.data),
    min: g.min,
    max: g.max,
    date: where.date,
    place: where.location?.name ?? null,
    admin1: where.location?.admin1 ?? null,
    country: where.location?.country ?? null,
  };
}

/** A subject contradiction: dated by its latest publication, with no place of its own. */
export function subjectContradiction(g: StatementGroup<ContradictionValue>, subjectName: string | null): Contradiction {
  const dates = g.statements.map((s) => s.published?.slice(0, 10)).filter((d): d is string => !!d).sort();
  return {
    id: g.id,
    kind: 'subject',
    unit: g.unit,
    eventId: null,
    subject: g.key,
    subjectName,
    values: g.statements.map((s) => s.data),
    min: g.min,
    max: g.max,
    date: dates.at(-1) ?? null,
    place: null,
    admin1: null,
    country: null,
  };
}

/**
 * The date, place and unit filters (`since`/`until` inclusive on the contradiction's date; `place`
 * a case-insensitive fragment of the event's place name, first-level division or country code).
 * A place filter keeps only event contradictions: a subject claim has no place.
 */
export function filterContradictions(list: Contradiction[], q: ContradictionQuery): Contradiction[] {
  const place = q.place?.trim().toLowerCase();
  return list.filter((c) => {
    if (q.unit && c.unit !== q.unit) return false;
    if (q.kind && c.kind !== q.kind) return false;
    if ((q.since || q.until) && !c.date) return false;
    if (q.since && c.date! < q.since) return false;
    if (q.until && c.date!.slice(0, q.until.length) > q.until) return false;
    if (place && ![c.place, c.admin1, c.country].some((x) => x && x.toLowerCase().includes(place))) return false;
    return true;
  });
}
