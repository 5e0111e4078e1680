/**
 * Train the entities stage's NER tagger (src/stages/entities/tagger.ts) and write
 * data/ner/model.json.gz.
 *
 * Sources (see data/ner/README.md for credits and licences), from ../shared/train/:
 *   wikigold.jsonl.gz  Balasuriya et al. 2009, CC BY 4.0 (Wikipedia, CoNLL tags) — the default
 *   wnut17.jsonl.gz    Derczynski et al. 2017, CC BY 4.0 (social media) — optional, did not help
 *   gmb-ner.jsonl.gz   Groningen Meaning Bank via Kaggle: NOT used for the shipped model (its
 *                      licence is unconfirmed); accepted by --corpora only for experiments.
 *
 * Every token also gets its lexicon class (src/stages/entities/lexicon.ts) from the packs the
 * default Context loads, exactly as at run time, so the model learns to use pack aliases and
 * title words.
 *
 * usage: node --import tsx scripts/train-ner.ts [--corpora wikigold[,wnut17]] [--iter 12] [--out FILE]
 *                                                [--min-count 1] [--prune 0.02] [--common-from wikigold,wnut17]
 *
 * The common-word list (words seen mostly in lower case: "given", "jets") is counted over
 * --common-from, wnut17 included by default: more text, and only its casing is used.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync, gunzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { TAGS, features, tokenInfo, allowed, type SavedModel } from '../src/stages/entities/tagger.ts';
import { Context } from '../src/context.ts';
import { packEntities, packTitles } from '../src/packs/entities.ts';
import { AliasMatcher } from '../src/stages/entities/aliases.ts';
import { Titles } from '../src/stages/entities/titles.ts';
import { lexicon } from '../src/stages/entities/lexicon.ts';
import type { NerToken } from '../src/stages/entities/tokens.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    corpora: { type: 'string', default: 'wikigold' },
    iter: { type: 'string', default: '12' },
    out: { type: 'string', default: join(ROOT, 'data/ner/model.json.gz') },
    shared: { type: 'string', default: join(ROOT, '../shared/train') },
    'min-count': { type: 'string', default: '1' },
    prune: { type: 'string', default: '0.02' },
    holdout: { type: 'string', default: '0.03' },
    // Corpora whose lower-case words make the common-word list (not used for training unless in --corpora).
    'common-from': { type: 'string', default: 'wikigold,wnut17' },
  },
});

/**
 * Corpus labels -> the tagger's labels. Dates are not names. GEO (wikigold's CoNLL LOC, wnut17's
 * location) and GPE are both place names: the tagger has one place label, and the stage types a
 * place GPE, LOC or FAC from its head word (src/stages/entities/heads.ts). wnut17's groups are
 * organisations; its products and creative works are MISC (dropped by the stage).
 */
const MAP: Record<string, string> = {
  PERSON: 'PERSON', ORG: 'ORG', GEO: 'GEO', GPE: 'GEO', NORP: 'NORP',
  MISC: 'MISC', ART: 'MISC', EVENT: 'MISC', NAT: 'MISC', GROUP: 'ORG', PRODUCT: 'MISC', WORK_OF_ART: 'MISC',
};
const FILES: Record<string, string> = { wikigold: 'wikigold.jsonl.gz', gmb: 'gmb-ner.jsonl.gz', wnut17: 'wnut17.jsonl.gz' };

interface Sent { words: string[]; tags: string[]; lex: string[] }

// The packs' aliases and titles, as the stage sees them at run time.
const packCtx = new Context();
const matcher = new AliasMatcher(packCtx.packs.flatMap(packEntities));
const titles = new Titles(packCtx.packs.map(packTitles));

/** Lexicon classes of a corpus sentence: its words joined by spaces, matched like running text. */
function lexOf(words: string[]): string[] {
  const toks: NerToken[] = [];
  let text = '';
  for (const w of words) {
    if (text) text += ' ';
    toks.push({ start: text.length, end: text.length + w.length, text: w });
    text += w;
  }
  return lexicon(toks, matcher.match(text, 0, text.length), titles);
}

function load(name: string): Sent[] {
  const raw = gunzipSync(readFileSync(join(values.shared!, FILES[name]))).toString('utf8');
  return raw.split('\n').filter(Boolean).map((l) => {
    const r = JSON.parse(l) as { tokens: string[]; tags: string[] };
    let prev = 'O';
    const tags = r.tags.map((t) => {
      const lab = t === 'O' ? undefined : MAP[t.slice(2)];
      let out = lab ? `${t[0]}-${lab}` : 'O';
      if (out[0] === 'I' && !allowed(prev, out)) out = 'B' + out.slice(1);
      prev = out;
      return out;
    });
    return { words: r.tokens, tags, lex: lexOf(r.tokens) };
  });
}

// Deterministic shuffle (mulberry32) so that a rebuild gives the same model.
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const corpora = values.corpora!.split(',');
const all: Sent[] = [];
const dev: Sent[] = [];
const rand = rng(7);
for (const c of corpora) {
  const s = load(c);
  // Hold out a slice of every corpus (by position, whole stretches) to report tagging quality.
  const cut = Math.floor(s.length * (1 - Number(values.holdout)));
  all.push(...s.slice(0, cut));
  dev.push(...s.slice(cut));
  console.error(`${c}: ${s.length} sentences`);
}

const nt = TAGS.length;
const tagIndex = new Map<string, number>(TAGS.map((t, k) => [t, k]));

// Pass 1: count features (with gold history) and keep the frequent ones.
const counts = new Map<string, number>();
for (const s of all) {
  const info = tokenInfo(s.words, s.lex);
  for (let i = 0; i < s.words.length; i++) {
    for (const f of features(info, i, i > 0 ? s.tags[i - 1] : '<s>', i > 1 ? s.tags[i - 2] : '<s>')) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
}
const minCount = Number(values['min-count']);
const featList = [...counts].filter(([, c]) => c >= minCount).map(([f]) => f);
const fIndex = new Map(featList.map((f, k) => [f, k * nt]));
counts.clear();
console.error(`features kept: ${featList.length}`);

const W = new Float32Array(featList.length * nt);
const total = new Float64Array(W.length);
const stamp = new Float64Array(W.length);
let clock = 0;

function update(offsets: number[], k: number, delta: number) {
  for (const off of offsets) {
    const j = off + k;
    total[j] += (clock - stamp[j]) * W[j];
    stamp[j] = clock;
    W[j] += delta;
  }
}

function predict(s: Sent, train: boolean): string[] {
  const info = tokenInfo(s.words, s.lex);
  const out: string[] = [];
  const scores = new Float32Array(nt);
  let p1 = '<s>';
  let p2 = '<s>';
  for (let i = 0; i < s.words.length; i++) {
    const offs: number[] = [];
    for (const f of features(info, i, p1, p2)) {
      const off = fIndex.get(f);
      if (off !== undefined) offs.push(off);
    }
    scores.fill(0);
    for (const off of offs) for (let k = 0; k < nt; k++) scores[k] += W[off + k];
    let best = 0;
    let bs = -Infinity;
    for (let k = 0; k < nt; k++) if (scores[k] > bs && allowed(p1 === '<s>' ? 'O' : p1, TAGS[k])) { bs = scores[k]; best = k; }
    const guess = TAGS[best];
    if (train) {
      clock++;
      const gold = s.tags[i];
      if (gold !== guess) {
        update(offs, tagIndex.get(gold)!, 1);
        update(offs, best, -1);
      }
    }
    out.push(guess);
    p2 = p1;
    p1 = guess;
  }
  return out;
}

function spans(tags: string[]): Set<string> {
  const out = new Set<string>();
  let start = -1;
  let lab = '';
  tags.forEach((t, i) => {
    if (start >= 0 && t[0] !== 'I') { out.add(`${start}:${i}:${lab}`); start = -1; }
    if (t[0] === 'B') { start = i; lab = t.slice(2); }
  });
  if (start >= 0) out.add(`${start}:${tags.length}:${lab}`);
  return out;
}

function evalDev(): string {
  let tp = 0, fp = 0, fn = 0;
  for (const s of dev) {
    const g = spans(s.tags);
    const p = spans(predict(s, false));
    for (const x of p) (g.has(x) ? tp++ : fp++);
    for (const x of g) if (!p.has(x)) fn++;
  }
  const P = tp / (tp + fp), R = tp / (tp + fn);
  return `P=${P.toFixed(3)} R=${R.toFixed(3)} F1=${((2 * P * R) / (P + R)).toFixed(3)}`;
}

const iters = Number(values.iter);
for (let it = 0; it < iters; it++) {
  for (let k = all.length - 1; k > 0; k--) {
    const j = Math.floor(rand() * (k + 1));
    [all[k], all[j]] = [all[j], all[k]];
  }
  const t0 = Date.now();
  for (const s of all) predict(s, true);
  console.error(`iter ${it + 1}: ${((Date.now() - t0) / 1000).toFixed(1)}s, held-out (raw weights) ${evalDev()}`);
}

// Average.
for (let j = 0; j < W.length; j++) {
  total[j] += (clock - stamp[j]) * W[j];
  W[j] = total[j] / clock;
}
console.error(`held-out entities (averaged): ${evalDev()}`);

// Prune features whose weights are all tiny, quantise to int16.
const prune = Number(values.prune);
let maxAbs = 0;
for (let j = 0; j < W.length; j++) maxAbs = Math.max(maxAbs, Math.abs(W[j]));
const keep: number[] = [];
for (let f = 0; f < featList.length; f++) {
  let m = 0;
  for (let k = 0; k < nt; k++) m = Math.max(m, Math.abs(W[f * nt + k]));
  if (m >= prune) keep.push(f);
}
const scale = maxAbs / 32767;
const q = new Int16Array(keep.length * nt);
keep.forEach((f, r) => { for (let k = 0; k < nt; k++) q[r * nt + k] = Math.round(W[f * nt + k] / scale); });
// Common words: seen lower-case often and rarely capitalised inside a sentence. A lone
// sentence-initial capitalised one ("Jets struck...") is not a name.
const lowerCount = new Map<string, number>();
const capCount = new Map<string, number>();
const commonFrom = values['common-from']!.split(',').filter(Boolean);
const commonSents = [...all, ...dev, ...commonFrom.filter((c) => !corpora.includes(c)).flatMap((c) => load(c))];
for (const s of commonSents) {
  s.words.forEach((w, i) => {
    if (/^\p{Ll}+$/u.test(w)) lowerCount.set(w, (lowerCount.get(w) ?? 0) + 1);
    else if (i > 0 && /^\p{Lu}\p{Ll}+$/u.test(w)) capCount.set(w.toLowerCase(), (capCount.get(w.toLowerCase()) ?? 0) + 1);
  });
}
const common = [...lowerCount].filter(([w, n]) => n >= 3 && (capCount.get(w) ?? 0) < n * 0.1).map(([w]) => w).sort();
console.error(`common words: ${common.length}`);

const saved: SavedModel = {
  format: 'sitrep-ner-perceptron/1',
  tags: [...TAGS],
  features: keep.map((f) => featList[f]),
  scale,
  weights: Buffer.from(q.buffer).toString('base64'),
  trainedOn: corpora,
  common,
};
mkdirSync(dirname(values.out!), { recursive: true });
const buf = gzipSync(JSON.stringify(saved), { level: 9 });
writeFileSync(values.out!, buf);
console.error(`wrote ${values.out}: ${keep.length} features, ${(buf.length / 1e6).toFixed(2)} MB`);
