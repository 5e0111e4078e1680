/**
 * Learn the clustering similarity's weights (src/crossdoc/similarity.ts, FEATURES) and threshold,
 * and write data/cluster-weights.json (run: `node --import tsx scripts/train-cluster.ts [--dry]`).
 *
 * Data: the hand-labelled FA-KES incident groups test/gold/fakes-incidents.jsonl (which articles
 * report which incident) joined with their texts in ../shared/dev/fakes.jsonl. Every labelled
 * article runs through the pipeline once; every pair of reports (events) from two different
 * articles that the store's candidate search could ever compare (same type family, windows within
 * the search slack, points within the search box, no veto) is one example:
 * - positive: the two articles share an incident key, both reports' dates lie within 2 days of
 *   that incident's date (the report is about the incident, not background) and both are placed
 *   in the key's governorate (a misplaced report would teach that places do not matter);
 * - negative: the two articles share no incident key;
 * - left out: same incident, but a report dated or placed elsewhere (background or an extraction
 *   error: its truth is unknown).
 *
 * Model: logistic regression (gradient descent, L2), classes weighted to balance. The threshold is
 * then chosen end to end: the train articles are ingested into a fresh store for each threshold
 * and the one with the best F0.5 of pairwise article precision/recall wins (precision first: a
 * wrong join makes false contradictions and false corroboration).
 *
 * Split, against overfitting: incidents are split by a hash of their key (evaluate/incidents.ts
 * `heldOut`); only articles whose main incident is in the train half (and pairs of two such
 * articles) are used for fitting and for the threshold. The figures written into the file, and
 * printed, are for the held-out half.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocResult } from '../src/doc.ts';
import { Context } from '../src/context.ts';
import { runPipeline } from '../src/pipeline.ts';
import { recordDoc } from '../src/read/records.ts';
import { toResult } from '../src/result.ts';
import { DEFAULT_RULE, reportFeatures, type ClusterFeatures, type ClusterRule } from '../src/crossdoc/cluster.ts';
import { haversineKm } from '../src/crossdoc/dates.ts';
import { FEATURES, pairFeatures, typeFamily, veto, type SimilarityModel } from '../src/crossdoc/similarity.ts';
import { canonicalEvent, reportable, SEARCH_SLACK_DAYS } from '../src/store/derive.ts';
import { heldOut, joinIncidents, runIncidents, scoreIncidents, type LabelledArticle } from '../src/evaluate/incidents.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LABELS = join(ROOT, 'test/gold/fakes-incidents.jsonl');
const TEXTS = resolve(ROOT, '../shared/dev/fakes.jsonl');
const OUT = join(ROOT, 'data/cluster-weights.json');
const dry = process.argv.includes('--dry');

const DAY = 86_400_000;
const dayOf = (s: string) => Date.parse(s.slice(0, 10)) / DAY;

/** The days an incident key covers: its day, or its month when the key has only a month. */
function keySpan(key: string): [number, number] | null {
  const d = /^(\d{4}-\d{2}-\d{2})-/.exec(key);
  if (d) return [dayOf(d[1]), dayOf(d[1])];
  const m = /^(\d{4})-(\d{2})-/.exec(key);
  if (m) return [Date.UTC(+m[1], +m[2] - 1, 1) / DAY, Date.UTC(+m[1], +m[2], 1) / DAY - 1];
  return null;
}
function aboutKey(f: ClusterFeatures, key: string): boolean {
  const span = keySpan(key);
  if (!span || !f.window) return false;
  return dayOf(f.window.lo) <= span[1] + 2 && dayOf(f.window.hi) >= span[0] - 2;
}
/**
 * Whether a report's place fits the incident key's governorate (`...-<governorate>-...`): a report
 * of the incident placed elsewhere (an extraction error, "Paris" for a Ghouta report) would teach
 * the model that places do not matter, so such pairs are left out of the positives.
 */
const letters = (s: string | null | undefined) => (s ?? '').normalize('NFKD').replace(/[^a-zA-Z]/g, '').toLowerCase();
function inKeyGovernorate(f: ClusterFeatures, key: string): boolean {
  const gov = /^\d{4}-\d{2}(?:-\d{2})?-([a-z]+)-/.exec(key)?.[1];
  const admin1 = letters(f.admin1);
  return !!gov && !!admin1 && admin1.includes(gov.slice(0, 3));
}
function searchable(a: ClusterFeatures, b: ClusterFeatures, rule: ClusterRule): boolean {
  if (!a.window || !b.window) return false;
  const gap = Math.max(dayOf(a.window.lo), dayOf(b.window.lo)) - Math.min(dayOf(a.window.hi), dayOf(b.window.hi));
  if (gap > SEARCH_SLACK_DAYS) return false;
  if (a.lat != null && b.lat != null && a.lon != null && b.lon != null && haversineKm(a.lat, a.lon, b.lat, b.lon) > rule.maxKmCoarse * 1.4) return false;
  return typeFamily(a.type) === typeFamily(b.type);
}

interface Example {
  x: number[];
  y: number;
}

function fit(examples: Example[], l2 = 0.01, epochs = 3000, lr = 0.5): { bias: number; w: number[] } {
  const n = FEATURES.length;
  const w = new Array(n).fill(0);
  let bias = 0;
  const pos = examples.filter((e) => e.y === 1).length;
  const neg = examples.length - pos;
  const cw = (y: number) => (y === 1 ? examples.length / (2 * pos) : examples.length / (2 * neg));
  for (let ep = 0; ep < epochs; ep++) {
    const g = new Array(n).fill(0);
    let gb = 0;
    for (const e of examples) {
      let z = bias;
      for (let i = 0; i < n; i++) z += w[i] * e.x[i];
      const p = 1 / (1 + Math.exp(-z));
      const d = (p - e.y) * cw(e.y);
      gb += d;
      for (let i = 0; i < n; i++) g[i] += d * e.x[i];
    }
    bias -= (lr * gb) / examples.length;
    for (let i = 0; i < n; i++) w[i] -= lr * (g[i] / examples.length + l2 * w[i]);
  }
  return { bias, w };
}

const { articles, problems } = joinIncidents(LABELS, TEXTS);
if (problems.length) console.error(`${problems.length} labels skipped (text missing or changed)`);
const ctx = new Context();
const pred = new Map<string, DocResult>();
for (const a of articles) pred.set(a.label.id, toResult(runPipeline(recordDoc(a.record, a.label.id), ctx), { debug: false }));

const train = (a: LabelledArticle) => !heldOut(a.label.incident);
const trainArticles = articles.filter(train);
const reportsOf = new Map<string, ClusterFeatures[]>();
for (const a of trainArticles) {
  const r = pred.get(a.label.id)!;
  const published = r.meta.published?.value ?? null;
  reportsOf.set(a.label.id, r.events.filter(reportable).map((e) => reportFeatures(canonicalEvent(e), a.label.id, published)));
}

const examples: Example[] = [];
for (let i = 0; i < trainArticles.length; i++)
  for (let j = i + 1; j < trainArticles.length; j++) {
    const A = trainArticles[i].label;
    const B = trainArticles[j].label;
    const ka = new Set([A.incident, ...(A.also ?? [])]);
    const shared = [B.incident, ...(B.also ?? [])].filter((k) => ka.has(k));
    for (const a of reportsOf.get(A.id)!)
      for (const b of reportsOf.get(B.id)!) {
        if (veto(a, b) || !searchable(a, b, DEFAULT_RULE)) continue;
        let y: number;
        if (!shared.length) y = 0;
        else if (shared.some((k) => aboutKey(a, k) && aboutKey(b, k) && inKeyGovernorate(a, k) && inKeyGovernorate(b, k))) y = 1;
        else continue;
        const f = pairFeatures(a, b);
        examples.push({ x: FEATURES.map((k) => f[k]), y });
      }
  }
const nPos = examples.filter((e) => e.y).length;
console.log(`train: ${trainArticles.length} articles, ${examples.length} report pairs (${nPos} positive)`);
const { bias, w } = fit(examples);
const weights = Object.fromEntries(FEATURES.map((k, i) => [k, Math.round(w[i] * 1000) / 1000])) as SimilarityModel['weights'];
console.log('weights', weights, 'bias', bias.toFixed(3));

// Threshold, end to end on the train articles only.
const ruleWith = (threshold: number): ClusterRule => ({ ...DEFAULT_RULE, model: { bias: Math.round(bias * 1000) / 1000, weights, threshold } });
const metric = (ms: Array<{ metric: string; value: number; n: number }>, name: string) => ms.find((m) => m.metric.startsWith(name))!;
let best = { t: 0.5, f: -1 };
for (let t = 0.3; t <= 0.96; t += 0.025) {
  const run = await runIncidents(trainArticles, pred, undefined, ruleWith(t));
  const s = scoreIncidents(trainArticles, run).metrics;
  const p = metric(s, 'cluster pairwise precision').value;
  const r = metric(s, 'cluster pairwise recall').value;
  const f = p + r ? (1.25 * p * r) / (0.25 * p + r) : 0;
  console.log(`threshold ${t.toFixed(3)}: train P ${p.toFixed(3)} R ${r.toFixed(3)} F0.5 ${f.toFixed(3)}`);
  if (f > best.f) best = { t, f };
}
const threshold = Math.round(best.t * 1000) / 1000;
const rule = ruleWith(threshold);
const run = await runIncidents(articles, pred, undefined, rule);
const held = scoreIncidents(articles, run, '', (l) => heldOut(l.incident)).metrics;
const heldFigures = Object.fromEntries(held.filter((m) => m.metric.startsWith('cluster') || m.metric.startsWith('multi')).map((m) => [m.metric, { value: Math.round(m.value * 1000) / 1000, n: m.n }]));
console.log(`threshold ${threshold}; held-out:`, heldFigures);

const model: SimilarityModel = {
  bias: rule.model.bias,
  weights,
  threshold,
  fitted: {
    by: 'scripts/train-cluster.ts',
    labels: 'test/gold/fakes-incidents.jsonl (train half: incident keys with an even first SHA-1 hex digit)',
    examples: examples.length,
    positives: nPos,
    heldOut: heldFigures,
  },
};
if (!dry) writeFileSync(OUT, JSON.stringify(model, null, 2) + '\n');
console.log(dry ? '(dry run: not written)' : `wrote ${OUT}`);
