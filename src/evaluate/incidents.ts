import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DocResult } from '../doc.ts';
import { Context } from '../context.ts';
import { recordDoc } from '../read/records.ts';
import { runPipeline } from '../pipeline.ts';
import { toResult } from '../result.ts';
import { SqliteStore } from '../store/sqlite/index.ts';
import type { ClusterRule } from '../crossdoc/cluster.ts';
import type { Contradiction } from '../store/types.ts';
import type { Metric } from './types.ts';
import type { JoinProblem } from './fakes-events.ts';

/**
 * The cross-source view scored against hand-labelled incident groups (test/gold/fakes-incidents.jsonl,
 * format in its README): which articles report which incident, and the figures each gives with
 * their scope. The labelled articles are extracted (or read from --pred), ingested into a fresh
 * in-memory store in id order, and the store's events and contradictions are compared with the labels:
 *
 * - pairwise cluster precision: of the article pairs the store joins (some event holds reports of
 *   both), the share whose articles share an incident key (main or `also`);
 * - pairwise cluster recall: of the article pairs with the same main incident, the share joined;
 * - events within 3 days: of the events with reports from 2+ labelled articles, the share whose
 *   articles' main incidents (their key dates) lie within 3 days of each other;
 * - contradiction precision: a listed contradiction is real when two of its differing values are
 *   `scope: incident` figures of one labelled incident given by different claimants.
 *
 * Every metric is also given on the held-out half (articles whose main incident key hashes into
 * it, see `heldOut`), the part the clustering weights were not fitted on.
 */
export interface IncidentFigure {
  unit: string;
  value: number;
  claimant?: string;
  note?: string;
  scope: 'incident' | 'part' | 'earlier' | 'aggregate' | 'other';
  incident?: string;
}

export interface IncidentLabel {
  id: string;
  textSha1?: string;
  incident: string;
  also?: string[];
  figures?: IncidentFigure[];
}

export interface LabelledArticle {
  label: IncidentLabel;
  record: Record<string, unknown>;
  text: string;
}

const sha1 = (s: string) => createHash('sha1').update(s, 'utf8').digest('hex');

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** The held-out half: incident keys whose SHA-1 starts with an odd hex digit (stable, no list). */
export function heldOut(incidentKey: string): boolean {
  return parseInt(sha1(incidentKey)[0], 16) % 2 === 1;
}

/** Labels joined with their texts by id; a label whose text is missing or changed is skipped. */
export function joinIncidents(labelsPath: string, textsPath: string): { articles: LabelledArticle[]; problems: JoinProblem[] } {
  const texts = new Map<string, Record<string, unknown>>();
  for (const r of readJsonl<Record<string, unknown>>(textsPath)) if (typeof r.id === 'string') texts.set(r.id, r);
  const articles: LabelledArticle[] = [];
  const problems: JoinProblem[] = [];
  for (const label of readJsonl<IncidentLabel>(labelsPath)) {
    const src = texts.get(label.id);
    if (!src || typeof src.text !== 'string') {
      problems.push({ file: labelsPath, id: label.id, problem: 'no text with this id' });
      continue;
    }
    if (label.textSha1 && label.textSha1 !== sha1(src.text)) {
      problems.push({ file: labelsPath, id: label.id, problem: `textSha1 ${label.textSha1.slice(0, 8)} != text ${sha1(src.text).slice(0, 8)}` });
      continue;
    }
    // Only what the pipeline reads from a record: the data set's own `events` stay out.
    const record: Record<string, unknown> = { id: label.id, text: src.text };
    for (const k of ['title', 'outlet', 'url', 'published']) if (src[k] !== undefined) record[k] = src[k];
    articles.push({ label, record, text: src.text });
  }
  return { articles, problems };
}

/** What the store made of the labelled articles: each article's events, and the contradictions. */
export interface IncidentRun {
  eventsOf: Map<string, Set<string>>;
  contradictions: Contradiction[];
}

/** Extract (or take `pred`), ingest in id order into a fresh in-memory store, and read back. */
export async function runIncidents(articles: LabelledArticle[], pred?: Map<string, DocResult>, ctx?: Context, rule?: ClusterRule): Promise<IncidentRun> {
  const store = new SqliteStore(':memory:', rule ? { rule } : {});
  const context = pred ? undefined : (ctx ?? new Context());
  try {
    const docIds = new Map<string, string>();
    for (const a of [...articles].sort((x, y) => x.label.id.localeCompare(y.label.id))) {
      const doc = recordDoc(a.record, a.label.id);
      const result = pred?.get(a.label.id) ?? toResult(runPipeline(doc, context!), { debug: false });
      const out = await store.ingest({ result, text: doc.text });
      docIds.set(a.label.id, out.documentId);
    }
    const eventsOf = new Map<string, Set<string>>();
    for (const [id, docId] of docIds) eventsOf.set(id, new Set(Object.values(await store.reportClusters(docId))));
    return { eventsOf, contradictions: await store.listContradictions() };
  } finally {
    await store.close();
  }
}

const keyDay = (key: string): number | null => {
  const m = /^(\d{4}-\d{2}-\d{2})-/.exec(key);
  return m ? Date.parse(m[1]) / 86_400_000 : null;
};
const normClaimant = (s: string | undefined) => (s ?? '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** The incident figures of an article: [incident key, figure] for scope incident (main) or other (named). */
function incidentFigures(l: IncidentLabel): Array<{ incident: string; f: IncidentFigure }> {
  // As documented (and as the gold README lists an incident's figures): `other` figures count for
  // the incident they name.
  return (l.figures ?? [])
    .filter((f) => f.scope === 'incident' || (f.scope === 'other' && !!f.incident))
    .map((f) => ({ incident: f.incident ?? l.incident, f }));
}

/** Is this contradiction a real disagreement about one labelled incident? */
export function contradictionReal(c: Contradiction, labels: Map<string, IncidentLabel>): boolean {
  const vals = c.values;
  for (let i = 0; i < vals.length; i++)
    for (let j = i + 1; j < vals.length; j++) {
      const a = vals[i];
      const b = vals[j];
      if (a.value === b.value) continue;
      const la = labels.get(a.documentId);
      const lb = labels.get(b.documentId);
      if (!la || !lb) continue;
      const fa = incidentFigures(la).filter((x) => x.f.unit === c.unit && x.f.value === a.value);
      const fb = incidentFigures(lb).filter((x) => x.f.unit === c.unit && x.f.value === b.value);
      if (fa.some((x) => fb.some((y) => x.incident === y.incident && normClaimant(x.f.claimant) !== normClaimant(y.f.claimant)))) return true;
    }
  return false;
}

export interface IncidentScores {
  metrics: Metric[];
  details: string[];
}

/** Score a run against the labels; `only` restricts to a subset of articles (e.g. the held-out half). */
export function scoreIncidents(articles: LabelledArticle[], run: IncidentRun, suffix = '', only?: (l: IncidentLabel) => boolean): IncidentScores {
  const labels = new Map(articles.map((a) => [a.label.id, a.label]));
  const ids = articles.map((a) => a.label.id).filter((id) => !only || only(labels.get(id)!)).sort();
  const keysOf = (l: IncidentLabel) => new Set([l.incident, ...(l.also ?? [])]);
  let joined = 0;
  let joinedRight = 0;
  let goldPairs = 0;
  let goldFound = 0;
  const details: string[] = [];
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      const a = labels.get(ids[i])!;
      const b = labels.get(ids[j])!;
      const ea = run.eventsOf.get(a.id) ?? new Set();
      const isJoined = [...(run.eventsOf.get(b.id) ?? [])].some((e) => ea.has(e));
      const ka = keysOf(a);
      const shares = [...keysOf(b)].some((k) => ka.has(k));
      const same = a.incident === b.incident;
      if (isJoined) {
        joined++;
        if (shares) joinedRight++;
        else details.push(`joined, different incidents: ${a.id} (${a.incident}) + ${b.id} (${b.incident})`);
      }
      if (same) {
        goldPairs++;
        if (isJoined) goldFound++;
        else details.push(`missed: ${a.id} + ${b.id} (${a.incident})`);
      }
    }
  // Events with reports of 2+ labelled articles: do their articles' incidents lie within 3 days?
  const docsOf = new Map<string, string[]>();
  for (const id of ids) for (const e of run.eventsOf.get(id) ?? []) (docsOf.get(e) ?? docsOf.set(e, []).get(e)!).push(id);
  let multi = 0;
  let within = 0;
  for (const [e, docs] of docsOf) {
    if (docs.length < 2) continue;
    const days = docs.map((d) => keyDay(labels.get(d)!.incident)).filter((d): d is number => d != null);
    if (days.length < 2) continue;
    multi++;
    if (Math.max(...days) - Math.min(...days) <= 3) within++;
    else details.push(`event ${e} spans ${Math.max(...days) - Math.min(...days)} days: ${docs.join(', ')}`);
  }
  const inScope = (c: Contradiction) => c.values.some((v) => ids.includes(v.documentId));
  const cons = run.contradictions.filter(inScope);
  let real = 0;
  for (const c of cons) {
    if (contradictionReal(c, labels)) real++;
    else details.push(`not real: ${c.unit} ${c.min} vs ${c.max} (${c.kind} ${c.eventId ?? c.subject}) from ${[...new Set(c.values.map((v) => v.documentId))].join(', ')}`);
  }
  const m = (metric: string, num: number, n: number): Metric => ({ metric: metric + suffix, value: n ? num / n : 0, n });
  return {
    metrics: [
      m('cluster pairwise precision', joinedRight, joined),
      m('cluster pairwise recall', goldFound, goldPairs),
      m('multi-document events within 3 days', within, multi),
      m('contradictions real (one incident)', real, cons.length),
      { metric: 'contradictions listed' + suffix, value: cons.length, n: cons.length },
    ],
    details,
  };
}
