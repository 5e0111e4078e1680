import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ConflictEvent } from '../doc.ts';
import type { GoldDoc, Metric, Pair, Scorer } from './types.ts';
import { admin1Key, km, mapSubtype, mapType } from './events.ts';

/**
 * Hand-coded events (test/gold/fakes-events*.jsonl, format in the coders' brief): every incident of
 * an article coded as ACLED would, with evidence offsets into the article text, which lives
 * elsewhere (../shared/dev/fakes.jsonl) and is joined by id. Scored event by event:
 *
 * - predicted events of modality future/hypothetical are left out (counted apart): they never
 *   reach the export;
 * - a predicted event matches a gold event when their evidence overlaps; pairs are taken one to one,
 *   greedily, largest overlap first, then agreeing type first;
 * - a predicted event left over that overlaps an already matched gold event is a duplicate; one
 *   overlapping no gold event is a non-event row; both are wrong rows;
 * - usable-row precision = matched predicted / predicted, recall = matched gold / gold;
 * - on matched pairs: type, subtype, actor roles (actor1 and actor2 both right), place (admin1, or
 *   within 50 km), date (exact value) and fatalities (best, null = null) accuracy;
 * - fully right = matched pairs right on all of those, as a share of all gold events.
 */
export interface CodedActor {
  name?: string;
  acledName?: string;
  role: string;
  inter?: number;
  entity?: string;
}

export interface CodedEvent {
  type: string;
  subtype: string;
  date: { value: string; precision: string } | null;
  location: { name?: string; admin1?: string | null; country?: string | null; lat?: number; lon?: number } | null;
  actors: CodedActor[];
  fatalities: { low: number; best: number; high: number } | null;
  evidence: Array<{ start: number; end: number; sha1?: string }>;
  comment?: string;
}

/** One line of an annotation file. */
export interface CodedDoc {
  id: string;
  coder?: string;
  textSha1?: string;
  events: CodedEvent[];
}

export interface JoinProblem {
  file: string;
  id: string;
  problem: string;
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

const sha1 = (s: string) => createHash('sha1').update(s, 'utf8').digest('hex');

/**
 * Annotation lines joined with their texts by id, as gold documents carrying `codedEvents`. A line
 * whose text is missing or changed (textSha1, or an evidence span's sha1 prefix) is skipped and
 * reported: offsets into another text would score nonsense. A document coded in two files keeps
 * the first and reports the second.
 */
export function joinCoded(annotationFiles: string[], textsFile: string): { docs: GoldDoc[]; problems: JoinProblem[] } {
  const texts = new Map<string, Record<string, unknown>>();
  for (const r of readJsonl<Record<string, unknown>>(textsFile)) if (typeof r.id === 'string') texts.set(r.id, r);
  const docs: GoldDoc[] = [];
  const problems: JoinProblem[] = [];
  const seen = new Set<string>();
  for (const file of annotationFiles) {
    for (const c of readJsonl<CodedDoc>(file)) {
      const bad = (problem: string) => problems.push({ file, id: String(c.id), problem });
      const src = texts.get(c.id);
      if (seen.has(c.id)) {
        bad('coded twice; the first coding is kept');
        continue;
      }
      if (!src || typeof src.text !== 'string') {
        bad('no text with this id');
        continue;
      }
      const text = src.text;
      if (c.textSha1 && c.textSha1 !== sha1(text)) {
        bad(`textSha1 ${c.textSha1.slice(0, 8)} != text ${sha1(text).slice(0, 8)}`);
        continue;
      }
      const spanBad = (c.events ?? []).flatMap((e) => e.evidence ?? []).find((ev) => ev.end > text.length || ev.start < 0 || ev.start >= ev.end || (ev.sha1 && !sha1(text.slice(ev.start, ev.end)).startsWith(ev.sha1)));
      if (spanBad) {
        bad(`evidence ${spanBad.start}-${spanBad.end} does not match the text (sha1 ${spanBad.sha1})`);
        continue;
      }
      seen.add(c.id);
      // Only what the pipeline reads from a record: the data set's own `events` stay out.
      const doc: GoldDoc = { id: c.id, text, codedEvents: c.events ?? [] };
      for (const k of ['title', 'outlet', 'url', 'published']) if (src[k] !== undefined) doc[k] = src[k];
      docs.push(doc);
    }
  }
  return { docs, problems };
}

// ---- field comparisons -----------------------------------------------------------------------

/** An actor name for comparison: lower case, no years in brackets ("(2000-)"), no "the". */
export function normActor(s: string | null | undefined): string {
  return (s ?? '')
    .toLowerCase()
    .replace(/\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\)/g, ' ')
    .replace(/\bthe\b/g, ' ')
    .replace(/[^\p{L}\p{N}()]+/gu, ' ')
    .trim();
}

interface ActorView {
  entity?: string;
  name?: string;
  acledName?: string;
}

function actorIn(actors: Array<ActorView & { role: string }>, roles: string[]): ActorView | null {
  return actors.find((a) => roles.includes(a.role)) ?? null;
}

export function sameActor(g: ActorView | null, p: ActorView | null): boolean {
  if (!g || !p) return !g && !p;
  if (g.entity && p.entity) return g.entity === p.entity;
  const gn = [g.acledName, g.name].map(normActor).filter(Boolean);
  const pn = [p.acledName, p.name].map(normActor).filter(Boolean);
  return gn.some((n) => pn.includes(n));
}

const ACTOR2 = ['actor2', 'target'];

function roleRight(g: CodedEvent, p: ConflictEvent, roles: string[]): boolean {
  return sameActor(actorIn(g.actors ?? [], roles), actorIn(p.actors as unknown as Array<ActorView & { role: string }>, roles));
}

export const actor1Right = (g: CodedEvent, p: ConflictEvent) => roleRight(g, p, ['actor1']);
/** A predicted `target` stands for actor2. */
export const actor2Right = (g: CodedEvent, p: ConflictEvent) => roleRight(g, p, ACTOR2);
/** actor1 and actor2 both right. */
export const actorsRight = (g: CodedEvent, p: ConflictEvent) => actor1Right(g, p) && actor2Right(g, p);

export function placeRight(g: CodedEvent, p: ConflictEvent): boolean {
  const gl = g.location;
  const pl = p.location;
  if (!gl || !pl) return !gl && !pl;
  if (gl.admin1 && pl.admin1 && admin1Key(gl.admin1) === admin1Key(pl.admin1)) return true;
  return typeof gl.lat === 'number' && typeof gl.lon === 'number' && typeof pl.lat === 'number' && typeof pl.lon === 'number' && km(gl.lat, gl.lon, pl.lat, pl.lon) <= 50;
}

export const dateRight = (g: CodedEvent, p: ConflictEvent) => (g.date?.value ?? null) === (p.date?.value ?? null);
export const fatalitiesRight = (g: CodedEvent, p: ConflictEvent) => (g.fatalities?.best ?? null) === (p.fatalities?.best ?? null);
export const typeRight = (g: CodedEvent, p: ConflictEvent) => mapType(g.type) === mapType(p.type);
export const subtypeRight = (g: CodedEvent, p: ConflictEvent) => mapSubtype(g.subtype) === mapSubtype(p.subtype);

// ---- matching --------------------------------------------------------------------------------

function overlapSize(a: Array<{ start: number; end: number }>, b: Array<{ start: number; end: number }>): number {
  let n = 0;
  for (const x of a) for (const y of b) n += Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
  return n;
}

export interface DocMatch {
  id: string;
  gold: CodedEvent[];
  /** Predicted events scored (future and hypothetical ones left out). */
  pred: ConflictEvent[];
  excluded: ConflictEvent[];
  /** [gold index, pred index] */
  pairs: Array<[number, number]>;
  duplicates: number[];
  nonEvents: number[];
  missed: number[];
}

const UNREAL = new Set(['future', 'hypothetical']);

export function matchDoc(id: string, gold: CodedEvent[], events: ConflictEvent[]): DocMatch {
  const pred = events.filter((e) => !UNREAL.has(e.modality));
  const excluded = events.filter((e) => UNREAL.has(e.modality));
  const cands: Array<{ g: number; p: number; size: number; typeOk: boolean }> = [];
  gold.forEach((g, gi) =>
    pred.forEach((p, pi) => {
      const size = overlapSize(g.evidence ?? [], p.evidence);
      if (size > 0) cands.push({ g: gi, p: pi, size, typeOk: typeRight(g, p) });
    }),
  );
  cands.sort((a, b) => b.size - a.size || Number(b.typeOk) - Number(a.typeOk) || a.g - b.g || a.p - b.p);
  const gUsed = new Set<number>();
  const pUsed = new Set<number>();
  const pairs: Array<[number, number]> = [];
  for (const c of cands) {
    if (gUsed.has(c.g) || pUsed.has(c.p)) continue;
    gUsed.add(c.g);
    pUsed.add(c.p);
    pairs.push([c.g, c.p]);
  }
  const overlapping = new Set(cands.map((c) => c.p));
  const duplicates: number[] = [];
  const nonEvents: number[] = [];
  pred.forEach((_, pi) => {
    if (pUsed.has(pi)) return;
    (overlapping.has(pi) ? duplicates : nonEvents).push(pi);
  });
  const missed = gold.map((_, gi) => gi).filter((gi) => !gUsed.has(gi));
  return { id, gold, pred, excluded, pairs, duplicates, nonEvents, missed };
}

// ---- scoring ---------------------------------------------------------------------------------

const FIELDS = {
  type: typeRight,
  subtype: subtypeRight,
  actors: actorsRight,
  place: placeRight,
  date: dateRight,
  fatalities: fatalitiesRight,
} as const;
type Field = keyof typeof FIELDS;

function codedOf(g: GoldDoc): CodedEvent[] | null {
  return Array.isArray(g.codedEvents) ? (g.codedEvents as CodedEvent[]) : null;
}

export function matchAll(pairs: Pair[]): DocMatch[] {
  return pairs.filter((p) => codedOf(p.gold)).map((p) => matchDoc(p.gold.id, codedOf(p.gold)!, p.pred.events));
}

export function scoreMatches(ms: DocMatch[]): Metric[] {
  let gold = 0, pred = 0, matched = 0, dup = 0, non = 0, excl = 0, full = 0, a1 = 0, a2 = 0;
  const right: Record<Field, number> = { type: 0, subtype: 0, actors: 0, place: 0, date: 0, fatalities: 0 };
  for (const m of ms) {
    gold += m.gold.length;
    pred += m.pred.length;
    matched += m.pairs.length;
    dup += m.duplicates.length;
    non += m.nonEvents.length;
    excl += m.excluded.length;
    for (const [gi, pi] of m.pairs) {
      if (actor1Right(m.gold[gi], m.pred[pi])) a1++;
      if (actor2Right(m.gold[gi], m.pred[pi])) a2++;
      let all = true;
      for (const f of Object.keys(FIELDS) as Field[]) {
        const ok = FIELDS[f](m.gold[gi], m.pred[pi]);
        if (ok) right[f]++;
        all &&= ok;
      }
      if (all) full++;
    }
  }
  const r = (a: number, b: number) => (b ? a / b : 0);
  const out: Metric[] = [
    { metric: 'usable-row precision', value: r(matched, pred), n: pred },
    { metric: 'recall', value: r(matched, gold), n: gold },
    { metric: 'duplicate rows (share of predicted)', value: r(dup, pred), n: dup },
    { metric: 'non-event rows (share of predicted)', value: r(non, pred), n: non },
    { metric: 'future/hypothetical (left out)', value: r(excl, pred + excl), n: excl },
  ];
  for (const f of Object.keys(FIELDS) as Field[]) {
    out.push({ metric: `${f === 'actors' ? 'actor-role' : f} accuracy (matched)`, value: r(right[f], matched), n: matched });
    // The two halves of actor roles, to show which side is wrong (not part of fully right on their own).
    if (f === 'actors') {
      out.push({ metric: '  actor1 right (matched)', value: r(a1, matched), n: matched });
      out.push({ metric: '  actor2 right (matched)', value: r(a2, matched), n: matched });
    }
  }
  out.push({ metric: 'fully-right rows (share of gold)', value: r(full, gold), n: gold });
  return out;
}

// ---- the developer's listing -----------------------------------------------------------------

function showActors(actors: Array<ActorView & { role: string }>): string {
  const one = (roles: string[]) => {
    const a = actorIn(actors, roles);
    return a ? (a.acledName ?? a.name ?? a.entity ?? '?') + (a.entity ? ` [${a.entity}]` : '') : '-';
  };
  return `${one(['actor1'])} -> ${one(ACTOR2)}`;
}

function showField(f: Field, e: CodedEvent | ConflictEvent): string {
  switch (f) {
    case 'type': return e.type;
    case 'subtype': return e.subtype;
    case 'actors': return showActors((e.actors ?? []) as unknown as Array<ActorView & { role: string }>);
    case 'place': return e.location ? `${e.location.name ?? '?'} / ${e.location.admin1 ?? '?'}` : '-';
    case 'date': return e.date?.value ?? '-';
    case 'fatalities': return e.fatalities ? String(e.fatalities.best) : 'null';
  }
}

const snippet = (text: string, ev: Array<{ start: number; end: number }>) => {
  const r = ev[0];
  if (!r) return '';
  const s = text.slice(r.start, r.end).replace(/\s+/g, ' ');
  return `${r.start}-${r.end} "${s.length > 90 ? s.slice(0, 87) + '...' : s}"`;
};

/** One line per wrong field of a matched pair, missed gold event and wrong predicted row. */
export function mismatchLines(ms: DocMatch[], textOf: (id: string) => string): string[] {
  const lines: string[] = [];
  for (const m of ms) {
    const text = textOf(m.id);
    for (const [gi, pi] of m.pairs) {
      const g = m.gold[gi];
      const p = m.pred[pi];
      const wrong = (Object.keys(FIELDS) as Field[]).filter((f) => !FIELDS[f](g, p));
      if (!wrong.length) continue;
      lines.push(`${m.id} matched gold#${gi} ${snippet(text, g.evidence)}`);
      for (const f of wrong) lines.push(`    ${f.padEnd(10)} gold: ${showField(f, g)}   pred: ${showField(f, p)}`);
    }
    for (const gi of m.missed) lines.push(`${m.id} MISSED gold#${gi} ${m.gold[gi].type} ${snippet(text, m.gold[gi].evidence)}`);
    for (const pi of m.duplicates) lines.push(`${m.id} DUPLICATE ${m.pred[pi].type} ${snippet(text, m.pred[pi].evidence)}`);
    for (const pi of m.nonEvents) lines.push(`${m.id} NON-EVENT ${m.pred[pi].type} ${snippet(text, m.pred[pi].evidence)}`);
  }
  return lines;
}

export const scorer: Scorer = {
  name: 'coded events',
  applies: (gold) => gold.some((g) => codedOf(g) !== null),
  score: (pairs) => scoreMatches(matchAll(pairs)),
  details(pairs: Pair[]): string[] {
    const texts = new Map(pairs.map((p) => [p.gold.id, p.gold.text]));
    return mismatchLines(matchAll(pairs), (id) => texts.get(id) ?? '');
  },
};
