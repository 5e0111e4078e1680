/**
 * Learn the toponym ranker's weights (src/stages/places/resolve.ts, FEATURES) and write
 * data/places-ranker.json (run: `node --import tsx scripts/train-place-ranker.ts [--dry]`).
 *
 * Data: the dev geoparsing sets ../shared/dev/geowebnews.jsonl and tr-news.jsonl (gold toponyms with
 * coordinates). Each document runs through the pipeline up to the places stage; every decision of the
 * resolver (a spelling and its candidates' feature vectors) whose span overlaps a gold toponym becomes
 * one example, its right answer the candidate nearest the gold point if that lies within 161 km
 * (decisions with no candidate that close teach nothing and are left out of training).
 *
 * Model: a conditional logit over each decision's candidates (softmax of w·features), fitted by
 * gradient descent with an L2 pull towards the hand-set weights (HAND_WEIGHTS), so that a feature the
 * data rarely show keeps its hand value instead of drifting.
 *
 * Split, against overfitting: the documents of both sets are split by a hash of their id; the weights
 * are fitted on one half of each and reported on the other halves (never trained on).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Context } from '../src/context.ts';
import { runPipeline } from '../src/pipeline.ts';
import { recordDoc } from '../src/read/records.ts';
import { distanceKm } from '../src/gazetteer/index.ts';
import { FEATURES, HAND_WEIGHTS, tap, setWeights } from '../src/stages/places/resolve.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEV = resolve(ROOT, '../shared/dev');
const OUT = join(ROOT, 'data/places-ranker.json');
const dry = process.argv.includes('--dry');

interface Gold { id: string; text: string; toponyms: Array<{ start: number; end: number; lat: number; lon: number }> }
interface Example { feats: number[][]; dist: number[] }

function fnv(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

function examples(file: string, keep: (id: string) => boolean): Example[] {
  const out: Example[] = [];
  const ctx = new Context({ packs: ['iraq-syria'] });
  setWeights(HAND_WEIGHTS); // features of the context passes as the hand weights decide them (a fixed point is not sought)
  for (const line of readFileSync(join(DEV, file), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const g = JSON.parse(line) as Gold;
    if (!keep(g.id)) continue;
    const doc = recordDoc(g as never, g.id);
    tap.fn = (t, cands, feats) => {
      const gold = g.toponyms.find((x) => x.start < t.end && t.start < x.end);
      if (!gold || !cands.length) return;
      out.push({ feats, dist: cands.map((c) => distanceKm(gold.lat, gold.lon, c.lat, c.lon)) });
    };
    runPipeline(doc, ctx, { until: 'places' });
  }
  tap.fn = null;
  return out;
}

function scores(w: number[], f: number[][]): number[] {
  return f.map((x) => x.reduce((s, v, i) => s + v * w[i], 0));
}

/** Share of decisions whose top candidate lies within 161 km of the gold point. */
function accuracy(w: number[], ex: Example[]): number {
  let ok = 0;
  for (const e of ex) {
    const s = scores(w, e.feats);
    let b = 0;
    for (let i = 1; i < s.length; i++) if (s[i] > s[b]) b = i;
    if (e.dist[b] <= 161) ok++;
  }
  return ex.length ? ok / ex.length : 0;
}

function fit(ex: Example[], lambda: number, iters: number): number[] {
  const w = [...HAND_WEIGHTS];
  const n = w.length;
  const m = new Array(n).fill(0);
  const v = new Array(n).fill(0);
  const train = ex.filter((e) => e.feats.length > 1 && Math.min(...e.dist) <= 161);
  const lr = 0.05;
  for (let it = 1; it <= iters; it++) {
    const grad = new Array(n).fill(0);
    for (const e of train) {
      const s = scores(w, e.feats);
      const mx = Math.max(...s);
      const p = s.map((x) => Math.exp(x - mx));
      const z = p.reduce((a, b) => a + b, 0);
      let y = 0;
      for (let i = 1; i < e.dist.length; i++) if (e.dist[i] < e.dist[y]) y = i;
      for (let i = 0; i < e.feats.length; i++) {
        const coef = p[i] / z - (i === y ? 1 : 0);
        if (coef) for (let k = 0; k < n; k++) if (e.feats[i][k]) grad[k] += coef * e.feats[i][k];
      }
    }
    for (let k = 0; k < n; k++) {
      const g = grad[k] / train.length + lambda * (w[k] - HAND_WEIGHTS[k]);
      m[k] = 0.9 * m[k] + 0.1 * g;
      v[k] = 0.999 * v[k] + 0.001 * g * g;
      w[k] -= (lr * (m[k] / (1 - 0.9 ** it))) / (Math.sqrt(v[k] / (1 - 0.999 ** it)) + 1e-8);
    }
  }
  return w.map((x) => Math.round(x * 100) / 100);
}

// Both sets, each split by a hash of the document id: fitted on one half of each, reported on the other
// halves (never trained on): local news (GeoWebNews) and disease news (TR-News) pull in different directions.
const train = (id: string) => fnv(id) % 2 === 0;
const gwnTrain = examples('geowebnews.jsonl', train);
const trTrain = examples('tr-news.jsonl', train);
const gwnHeld = examples('geowebnews.jsonl', (id) => !train(id));
const trHeld = examples('tr-news.jsonl', (id) => !train(id));
const trainSet = [...gwnTrain, ...trTrain];
const heldOut = [...gwnHeld, ...trHeld];
const lambda = Number(process.env.LAMBDA ?? 0.01);
/** The weights in data/places-ranker.json before this run, scored on the same split for comparison. */
const shipped: number[] | null = (() => {
  try {
    const j = JSON.parse(readFileSync(OUT, 'utf8')) as { features: string[]; weights: number[] };
    return FEATURES.map((f, i) => (j.features.indexOf(f) >= 0 ? j.weights[j.features.indexOf(f)] : HAND_WEIGHTS[i]));
  } catch {
    return null;
  }
})();
const w = fit(trainSet, lambda, Number(process.env.ITERS ?? 400));
const acc = (x: number[]) => [accuracy(x, trainSet), accuracy(x, heldOut), accuracy(x, gwnHeld), accuracy(x, trHeld)].map((v) => +v.toFixed(4));
const report = {
  'decisions (train / held-out / held-out GeoWebNews / held-out TR-News)': [trainSet.length, heldOut.length, gwnHeld.length, trHeld.length],
  'hand weights: accuracy@161km of the top candidate': acc(HAND_WEIGHTS),
  'learned weights: accuracy@161km of the top candidate': acc(w),
  ...(shipped ? { 'weights shipped before this run: accuracy@161km of the top candidate': acc(shipped) } : {}),
};
console.log(JSON.stringify(report, null, 1));
console.log(FEATURES.map((f, i) => `${f.padEnd(32)} ${String(HAND_WEIGHTS[i]).padStart(6)} -> ${w[i]}`).join('\n'));
if (!dry) {
  const file = {
    about: 'Weights of the toponym ranker (src/stages/places/resolve.ts): conditional logit over each span\'s candidates, fitted by scripts/train-place-ranker.ts on half of ../shared/dev/geowebnews.jsonl and half of tr-news.jsonl (split by a hash of the document id), L2 pull towards the hand weights (lambda ' + lambda + '). Figures: top-candidate accuracy within 161 km on train / held-out halves / held-out GeoWebNews half / held-out TR-News half.',
    features: FEATURES,
    weights: w,
    hand_weights: HAND_WEIGHTS,
    report,
  };
  writeFileSync(OUT, JSON.stringify(file, null, 1) + '\n');
  console.log(`wrote ${OUT}`);
}
