import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

/**
 * A greedy left-to-right averaged-perceptron sequence tagger (Collins 2002; the design of
 * Honnibal's "A good POS tagger in 200 lines"), with BIO tags over PERSON, ORG, GEO (any place
 * name), NORP and MISC. It is small, fast (a few hash look-ups per token) and needs no runtime
 * dependency. Training lives in scripts/train-ner.ts; the features below are shared by both, so
 * the model and the code that reads it cannot drift apart.
 */

export const TAGS = ['O', 'B-PERSON', 'I-PERSON', 'B-ORG', 'I-ORG', 'B-GEO', 'I-GEO', 'B-NORP', 'I-NORP', 'B-MISC', 'I-MISC'] as const;
export type Tag = (typeof TAGS)[number];

/** Word shape with runs collapsed: "Mosul" -> "Xx", "CJTF-OIR" -> "X-X", "U.S." -> "X.X.", "2,500" -> "d,d". */
export function shape(w: string): string {
  let out = '';
  let last = '';
  for (const ch of w) {
    const c = /\p{Lu}/u.test(ch) ? 'X' : /\p{L}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

/** Per-token values computed once per sentence. */
export interface TokenInfo {
  lower: string[];
  shape: string[];
}

export function tokenInfo(words: string[]): TokenInfo {
  return {
    lower: words.map((w) => w.toLowerCase().replace(/[’‘]/g, "'")),
    shape: words.map(shape),
  };
}

/** The features of token i given the two previous tags. */
export function features(info: TokenInfo, i: number, p1: string, p2: string): string[] {
  const L = info.lower;
  const S = info.shape;
  const n = L.length;
  const w = L[i];
  const s = S[i];
  const wm1 = i > 0 ? L[i - 1] : '<s>';
  const wm2 = i > 1 ? L[i - 2] : '<s>';
  const wp1 = i + 1 < n ? L[i + 1] : '</s>';
  const wp2 = i + 2 < n ? L[i + 2] : '</s>';
  const sm1 = i > 0 ? S[i - 1] : '<s>';
  const sp1 = i + 1 < n ? S[i + 1] : '</s>';
  return [
    'b',
    'w=' + w,
    's=' + s,
    'p3=' + w.slice(0, 3),
    'x3=' + w.slice(-3),
    'x2=' + w.slice(-2),
    'w-1=' + wm1,
    'w-2=' + wm2,
    'w+1=' + wp1,
    'w+2=' + wp2,
    's-1|s=' + sm1 + '|' + s,
    's|s+1=' + s + '|' + sp1,
    'w-1|w=' + wm1 + '|' + w,
    'w|w+1=' + w + '|' + wp1,
    't-1=' + p1,
    't-2|t-1=' + p2 + '|' + p1,
    't-1|w=' + p1 + '|' + w,
    't-1|s=' + p1 + '|' + s,
    'i0|s=' + (i === 0 ? '1' : '0') + '|' + s,
    'x3|s+1=' + w.slice(-3) + '|' + sp1,
  ];
}

/** May tag `t` follow tag `prev`? (I-X only continues B-X or I-X.) */
export function allowed(prev: string, t: string): boolean {
  return t[0] !== 'I' || (prev !== 'O' && prev.slice(2) === t.slice(2));
}

/** The trained model: feature -> one weight per tag. */
export class Model {
  readonly tags: string[];
  private readonly index: Map<string, number>;
  private readonly weights: Float32Array;

  constructor(tags: string[], feats: string[], weights: Float32Array) {
    this.tags = tags;
    this.index = new Map(feats.map((f, k) => [f, k * tags.length]));
    this.weights = weights;
  }

  get size(): number {
    return this.index.size;
  }

  /** Tag one sentence's words greedily, left to right. */
  tag(words: string[]): string[] {
    const info = tokenInfo(words);
    const nt = this.tags.length;
    const scores = new Float32Array(nt);
    const out: string[] = [];
    let p1 = '<s>';
    let p2 = '<s>';
    for (let i = 0; i < words.length; i++) {
      scores.fill(0);
      for (const f of features(info, i, p1, p2)) {
        const off = this.index.get(f);
        if (off === undefined) continue;
        for (let k = 0; k < nt; k++) scores[k] += this.weights[off + k];
      }
      let best = 0;
      let bestScore = -Infinity;
      for (let k = 0; k < nt; k++) {
        if (scores[k] > bestScore && allowed(p1 === '<s>' ? 'O' : p1, this.tags[k])) {
          best = k;
          bestScore = scores[k];
        }
      }
      const t = this.tags[best];
      out.push(t);
      p2 = p1;
      p1 = t;
    }
    return out;
  }

  /** The serialised form written by scripts/train-ner.ts: weights quantised to int16. */
  static fromFile(path: string): Model {
    const json = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as SavedModel;
    const q = new Int16Array(Uint8Array.from(Buffer.from(json.weights, 'base64')).buffer);
    const w = new Float32Array(q.length);
    for (let k = 0; k < q.length; k++) w[k] = q[k] * json.scale;
    return new Model(json.tags, json.features, w);
  }
}

export interface SavedModel {
  format: 'sitrep-ner-perceptron/1';
  tags: string[];
  features: string[];
  scale: number;
  weights: string;
  trainedOn: string[];
}
