/**
 * Learn the event type model (src/stages/events/type-model.ts) and write data/events/type-model.json
 * (run: `node --import tsx scripts/train-event-type.ts [--dry]`).
 *
 * Data: ACLED's own event descriptions with their coded type and subtype
 * (../shared/dev/acled-notes.jsonl, all regions). Each note runs through the pipeline with the
 * model switched off; its main event (the one `sitrep evaluate` scores) gives the rules' answer and
 * the evidence sentences, and the gold event's "Type/Subtype" is the label. Notes where the rules
 * find no event teach nothing (the model only re-reads events the rules made).
 *
 * Model: multinomial logistic regression, full-batch gradient descent (Adam) with an L2 penalty;
 * features seen in fewer than MIN_DF training notes are dropped.
 *
 * Honest figures, against overfitting: K-fold cross-validation by a hash of the note id (each note
 * is scored by a model that never saw it), and a two-fold split (train on one half, score the other),
 * both against the rules alone on the same notes. The shipped weights are then fitted on every note;
 * `sitrep evaluate` on the dev notes is in-sample after that and reads high: quote the k-fold figure.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Context } from '../src/context.ts';
import { runPipeline } from '../src/pipeline.ts';
import { recordDoc } from '../src/read/records.ts';
import { toResult } from '../src/result.ts';
import { mainEvent, mapSubtype, mapType, scorer as eventScorer } from '../src/evaluate/events.ts';
import { modelType, typeFeatures, typeModelSwitch, type TypeModel } from '../src/stages/events/type-model.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NOTES = resolve(ROOT, '../shared/dev/acled-notes.jsonl');
const OUT = join(ROOT, 'data/events/type-model.json');
const dry = process.argv.includes('--dry');
/** `--cv-dump FILE`: also write each note's k-fold prediction (main event type, subtype, actor1) as JSON Lines, for error analysis. */
const cvDump = process.argv.includes('--cv-dump') ? process.argv[process.argv.indexOf('--cv-dump') + 1] : null;

const K = 5;
const MIN_DF = 2;
/** (`--l2 X` to try another penalty; the k-fold figures tell which.) */
const L2 = process.argv.includes('--l2') ? Number(process.argv[process.argv.indexOf('--l2') + 1]) : 0.0005;
const EPOCHS = 150;
const RATE = 0.05;
/** Weights smaller than this are left out of the shipped file (they change no decision). */
const PRUNE = 0.01;
/** Labels with fewer training notes than this are left to the rules (type-model.ts). */
const MIN_SUPPORT = 20;
/** The gate on the model's answer (type-model.ts): chosen from the small grid below by k-fold accuracy. */
const GATES: Array<[number, number]> = [
  [0, 0],
  [0.4, 0.1],
  [0.5, 0.1],
  [0.5, 0.2],
  [0.6, 0.2],
  [0.7, 0.3],
];

interface Example {
  id: string;
  text: string;
  rule: { type: string; subtype: string } | null;
  gold: string;
  goldType: string;
  goldSubtype: string;
}

function fnv(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

function examples(): Example[] {
  typeModelSwitch.model = null; // the rules alone
  const ctx = new Context({ packs: ['iraq-syria'] });
  const out: Example[] = [];
  for (const line of readFileSync(NOTES, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const g = JSON.parse(line);
    const ge = g.events?.[0];
    if (!ge?.type || !ge?.subtype) continue;
    const doc = runPipeline(recordDoc(g, g.id), ctx);
    const main = mainEvent(toResult(doc));
    const text = main ? main.evidence.map((r) => doc.view.text.slice(r.start, r.end)).join(' ') : '';
    out.push({
      id: g.id,
      text,
      rule: main ? { type: main.type, subtype: main.subtype } : null,
      gold: `${mapType(ge.type)}/${mapSubtype(ge.subtype)}`,
      goldType: mapType(ge.type)!,
      goldSubtype: mapSubtype(ge.subtype)!,
    });
  }
  typeModelSwitch.model = undefined;
  return out;
}

function train(exs: Example[], labels: string[]): TypeModel {
  const df = new Map<string, number>();
  const feats = exs.map((e) => typeFeatures(e.text, e.rule));
  for (const fs of feats) for (const f of fs) df.set(f, (df.get(f) ?? 0) + 1);
  const vocab = [...df].filter(([, n]) => n >= MIN_DF).map(([f]) => f);
  const index = new Map(vocab.map((f, i) => [f, i]));
  const C = labels.length;
  const X = feats.map((fs) => fs.map((f) => index.get(f)).filter((i): i is number => i !== undefined));
  const Y = exs.map((e) => labels.indexOf(e.gold));
  const W = new Float64Array(vocab.length * C);
  const b = new Float64Array(C);
  // Adam state
  const mW = new Float64Array(W.length), vW = new Float64Array(W.length), mb = new Float64Array(C), vb = new Float64Array(C);
  const b1 = 0.9, b2 = 0.999, eps = 1e-8;
  const n = exs.length;
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    const gW = new Float64Array(W.length);
    const gb = new Float64Array(C);
    for (let i = 0; i < n; i++) {
      if (Y[i] < 0) continue;
      const z = Array.from(b);
      for (const j of X[i]) for (let c = 0; c < C; c++) z[c] += W[j * C + c];
      const max = Math.max(...z);
      let sum = 0;
      for (let c = 0; c < C; c++) sum += (z[c] = Math.exp(z[c] - max));
      for (let c = 0; c < C; c++) {
        const d = z[c] / sum - (c === Y[i] ? 1 : 0);
        gb[c] += d / n;
        for (const j of X[i]) gW[j * C + c] += d / n;
      }
    }
    for (let k = 0; k < W.length; k++) {
      const g = gW[k] + L2 * W[k];
      mW[k] = b1 * mW[k] + (1 - b1) * g;
      vW[k] = b2 * vW[k] + (1 - b2) * g * g;
      W[k] -= (RATE * (mW[k] / (1 - b1 ** epoch))) / (Math.sqrt(vW[k] / (1 - b2 ** epoch)) + eps);
    }
    for (let c = 0; c < C; c++) {
      mb[c] = b1 * mb[c] + (1 - b1) * gb[c];
      vb[c] = b2 * vb[c] + (1 - b2) * gb[c] * gb[c];
      b[c] -= (RATE * (mb[c] / (1 - b1 ** epoch))) / (Math.sqrt(vb[c] / (1 - b2 ** epoch)) + eps);
    }
  }
  const weights: Record<string, number[]> = {};
  vocab.forEach((f, j) => {
    const row: number[] = [];
    for (let c = 0; c < C; c++) {
      const w = W[j * C + c];
      if (Math.abs(w) >= PRUNE) row.push(c, Math.round(w * 1000) / 1000);
    }
    if (row.length) weights[f] = row;
  });
  const support = labels.map((l) => exs.filter((e) => e.gold === l).length);
  return { labels, bias: Array.from(b, (v) => Math.round(v * 1000) / 1000), weights, minProb: 0, margin: 0, support, minSupport: MIN_SUPPORT };
}

interface Score {
  type: number;
  subtype: number;
  ruleType: number;
  ruleSubtype: number;
  n: number;
}

function score(model: TypeModel, exs: Example[], gate: [number, number]): Score {
  const m = { ...model, minProb: gate[0], margin: gate[1] };
  const s: Score = { type: 0, subtype: 0, ruleType: 0, ruleSubtype: 0, n: exs.length };
  for (const e of exs) {
    const r = e.rule;
    const got = r ? modelType(m, e.text, r) ?? r : null;
    if (r && mapType(r.type) === e.goldType) s.ruleType++;
    if (r && mapSubtype(r.subtype) === e.goldSubtype) s.ruleSubtype++;
    if (got && mapType(got.type) === e.goldType) s.type++;
    if (got && mapSubtype(got.subtype) === e.goldSubtype) s.subtype++;
  }
  return s;
}

function crossValidate(exs: Example[], labels: string[], folds: number): Map<string, Score> {
  const totals = new Map<string, Score>();
  for (let f = 0; f < folds; f++) {
    const held = exs.filter((e) => fnv(e.id) % folds === f);
    const model = train(exs.filter((e) => fnv(e.id) % folds !== f && e.rule), labels);
    for (const gate of GATES) {
      const s = score(model, held, gate);
      const t = totals.get(gate.join('/')) ?? { type: 0, subtype: 0, ruleType: 0, ruleSubtype: 0, n: 0 };
      for (const k of Object.keys(s) as Array<keyof Score>) t[k] += s[k];
      totals.set(gate.join('/'), t);
    }
  }
  return totals;
}

/**
 * Every event metric of `sitrep evaluate` (type, subtype, actor1 class, date, place...), each note
 * run through the whole pipeline with the model of the fold that did not see it: the honest
 * estimate of what the shipped model does on notes it never saw.
 */
function pipelineCrossValidate(exs: Example[], labels: string[], gate: [number, number]): string[] {
  const gold = readFileSync(NOTES, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  const ctx = new Context({ packs: ['iraq-syria'] });
  const pairs = [];
  for (let f = 0; f < K; f++) {
    const model = train(exs.filter((e) => fnv(e.id) % K !== f && e.rule), labels);
    typeModelSwitch.model = { ...model, minProb: gate[0], margin: gate[1] };
    for (const g of gold) if (fnv(g.id) % K === f) pairs.push({ gold: g, pred: toResult(runPipeline(recordDoc(g, g.id), ctx)) });
  }
  typeModelSwitch.model = undefined;
  if (cvDump) {
    const rows = pairs.map(({ gold: g, pred }) => {
      const m = mainEvent(pred);
      const a1 = m?.actors.find((a) => a.role === 'actor1');
      const ga1 = g.events[0].actors?.find((a: { role: string }) => a.role === 'actor1');
      return JSON.stringify({ id: g.id, text: g.text, gold: `${g.events[0].type}/${g.events[0].subtype}`, pred: m ? `${m.type}/${m.subtype}` : null, goldActor1: ga1?.name ?? null, goldInter1: ga1?.inter ?? null, actor1: a1?.acledName ?? a1?.name ?? null, inter1: a1?.inter ?? null });
    });
    writeFileSync(cvDump, rows.join('\n') + '\n');
  }
  return eventScorer.score(pairs).map((m) => `${m.metric.padEnd(40)} ${m.value.toFixed(3)}   (n=${m.n})`);
}

const fmt = (x: number, n: number) => (x / n).toFixed(3);
const exs = examples();
const labels = [...new Set(exs.map((e) => e.gold))].sort();
console.log(`${exs.length} notes, ${exs.filter((e) => e.rule).length} with an event from the rules, ${labels.length} labels`);
const runs = new Map<string, Map<string, Score>>();
for (const [name, folds] of [[`${K}-fold`, K], ['2-fold (half/half)', 2]] as const) {
  const cv = crossValidate(exs, labels, folds);
  runs.set(name, cv);
  for (const [gate, s] of cv) {
    console.log(`${name} gate ${gate}: type ${fmt(s.type, s.n)} (rules ${fmt(s.ruleType, s.n)}), subtype ${fmt(s.subtype, s.n)} (rules ${fmt(s.ruleSubtype, s.n)}), n=${s.n}`);
  }
}
// The gate: the strictest of the grid whose k-fold type accuracy is within half a point of the best.
// Text unlike ACLED's notes (news articles) is where a loose gate would hurt, and k-fold on notes
// cannot see that, so a stricter gate wins a near-tie.
const kfold = runs.get(`${K}-fold`)!;
const top = Math.max(...GATES.map((g) => kfold.get(g.join('/'))!.type));
let bestGate = GATES[0];
for (const gate of GATES) if (kfold.get(gate.join('/'))!.type >= top - 0.005 * exs.length) bestGate = gate;
const best = kfold.get(bestGate.join('/'))!;
console.log(`${K}-fold, whole pipeline, gate ${bestGate.join('/')}:`);
const pipelineCv = pipelineCrossValidate(exs, labels, bestGate);
for (const line of pipelineCv) console.log(`  ${line}`);
const cvFigure = (name: string) => pipelineCv.find((l) => l.startsWith(name))?.split(/\s+/).find((w) => /^\d\.\d{3}$/.test(w)) ?? '?';
const model = train(exs.filter((e) => e.rule), labels);
model.minProb = bestGate[0];
model.margin = bestGate[1];
const inSample = score(model, exs, bestGate);
model.about =
  `Event type model (src/stages/events/type-model.ts): multinomial logistic regression over the words of an event's sentences and the rules' type, ` +
  `fitted by scripts/train-event-type.ts on ${exs.length} ACLED notes (../shared/dev/acled-notes.jsonl, all regions). ` +
  `Held-out (${K}-fold by a hash of the note id, gate ${bestGate.join('/')}): type ${fmt(best.type, best.n)} vs rules ${fmt(best.ruleType, best.n)}, ` +
  `subtype ${fmt(best.subtype, best.n)} vs rules ${fmt(best.ruleSubtype, best.n)}; through the whole pipeline, type ${cvFigure('type accuracy')}, ` +
  `subtype ${cvFigure('subtype accuracy')}, actor1 class ${cvFigure('actor1 class')}. In-sample (sitrep evaluate on the same notes reads this high): type ${fmt(inSample.type, inSample.n)}, subtype ${fmt(inSample.subtype, inSample.n)}.`;
console.log(model.about);
console.log(`${Object.keys(model.weights).length} features kept`);
if (!dry) {
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(model) + '\n');
  console.log(`wrote ${OUT}`);
}
