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
  for (let i = 0; i < w.length; i++) {
    const code = w.charCodeAt(i);
    let c: string;
    if (code >= 65 && code <= 90) c = 'X';
    else if (code >= 97 && code <= 122) c = 'x';
    else if (code >= 48 && code <= 57) c = 'd';
    else if (code < 128) c = w[i];
    else {
      const ch = w[i];
      c = /\p{Lu}/u.test(ch) ? 'X' : /\p{L}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    }
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

/** Per-token values computed once per sentence. */
export interface TokenInfo {
  lower: string[];
  shape: string[];
  /** Lexicon class of each token (see lexicon.ts): what the packs and general word lists say of it. */
  lex: string[];
}

export function tokenInfo(words: string[], lex?: string[]): TokenInfo {
  return {
    lower: words.map((w) => w.toLowerCase().replace(/[’‘]/g, "'")),
    shape: words.map(shape),
    lex: lex ?? words.map(() => '-'),
  };
}

/**
 * Feature templates: a name and one or two values. Training joins them into strings
 * ("w-1|w=the|army"); tagging looks the values up in nested maps without building strings,
 * which keeps a token's cost to a few hash look-ups of strings whose hashes are cached.
 */
export const TEMPLATES: Array<[name: string, arity: 0 | 1 | 2]> = [
  ['b', 0], ['w=', 1], ['s=', 1], ['p3=', 1], ['x3=', 1], ['x2=', 1], ['w-1=', 1], ['w-2=', 1], ['w+1=', 1], ['w+2=', 1],
  ['s-1|s=', 2], ['s|s+1=', 2], ['w-1|w=', 2], ['w|w+1=', 2], ['t-1=', 1], ['t-2|t-1=', 2], ['t-1|w=', 2], ['t-1|s=', 2],
  ['i0|s=', 2], ['x3|s+1=', 2],
  // Lexicon classes (pack alias type, title word, organisation or place head): appended last so
  // that a model trained without them still reads its features at the same template indices.
  ['l=', 1], ['l|s=', 2], ['l-1=', 1], ['l+1=', 1], ['l-1|l=', 2],
];

/** Fill out[2t], out[2t+1] with the values of template t for token i given the two previous tags. */
export function featureValues(info: TokenInfo, i: number, p1: string, p2: string, out: string[]): void {
  const L = info.lower;
  const S = info.shape;
  const n = L.length;
  const w = L[i];
  const s = S[i];
  const wm1 = i > 0 ? L[i - 1] : '<s>';
  const wp1 = i + 1 < n ? L[i + 1] : '</s>';
  const sp1 = i + 1 < n ? S[i + 1] : '</s>';
  const x3 = w.length > 3 ? w.slice(-3) : w;
  out[0] = '';
  out[2] = w;
  out[4] = s;
  out[6] = w.length > 3 ? w.slice(0, 3) : w;
  out[8] = x3;
  out[10] = w.length > 2 ? w.slice(-2) : w;
  out[12] = wm1;
  out[14] = i > 1 ? L[i - 2] : '<s>';
  out[16] = wp1;
  out[18] = i + 2 < n ? L[i + 2] : '</s>';
  out[20] = i > 0 ? S[i - 1] : '<s>';
  out[21] = s;
  out[22] = s;
  out[23] = sp1;
  out[24] = wm1;
  out[25] = w;
  out[26] = w;
  out[27] = wp1;
  out[28] = p1;
  out[30] = p2;
  out[31] = p1;
  out[32] = p1;
  out[33] = w;
  out[34] = p1;
  out[35] = s;
  out[36] = i === 0 ? '1' : '0';
  out[37] = s;
  out[38] = x3;
  out[39] = sp1;
  const X = info.lex;
  const lm1 = i > 0 ? X[i - 1] : '<s>';
  out[40] = X[i];
  out[42] = X[i];
  out[43] = s;
  out[44] = lm1;
  out[46] = i + 1 < n ? X[i + 1] : '</s>';
  out[48] = lm1;
  out[49] = X[i];
}

/** The features of token i as strings (training). */
export function features(info: TokenInfo, i: number, p1: string, p2: string): string[] {
  const v = new Array<string>(TEMPLATES.length * 2);
  featureValues(info, i, p1, p2, v);
  return TEMPLATES.map(([name, arity], t) => (arity === 0 ? name : arity === 1 ? name + v[2 * t] : name + v[2 * t] + '|' + v[2 * t + 1]));
}

/** Name particles written in lower case inside names ("Staffan de Mistura", "Omar al Bashir"). */
const PARTICLES = new Set(['de', 'da', 'di', 'du', 'del', 'della', 'des', 'dos', 'das', 'al', 'el', 'bin', 'ibn', 'ben', 'van', 'von', 'der', 'den', 'la', 'le']);

/**
 * Can token i be tagged O without scoring it? When the tag before it is O and it is a plain
 * lower-case word (no capital, digit, lexicon class; not a name particle; not right before a
 * capitalised word), the model tags it O anyway: with this test the whole pipeline's output
 * differs from full scoring in 3 of the 1,271 dev documents. Most tokens are such words, so
 * this skips most of the scoring.
 */
export function plainAfterO(info: TokenInfo, i: number, words: string[]): boolean {
  const w = words[i];
  if (info.lex[i] !== '-' || w !== info.lower[i] || PARTICLES.has(w)) return false;
  // The shape has X for a capital and d for a digit, in any script.
  const s = info.shape[i];
  if (s.indexOf('X') >= 0 || s.indexOf('d') >= 0 || s.indexOf('!') >= 0) return false;
  // A word right before a capitalised one is scored: the model sometimes opens a span there
  // ("shelled/B Ankawi/I"), which the rules then cut, and skipping it would change the name's tag.
  const next = info.shape[i + 1];
  return next === undefined || next.indexOf('X') !== 0;
}

/** May tag `t` follow tag `prev`? (I-X only continues B-X or I-X.) */
export function allowed(prev: string, t: string): boolean {
  return t[0] !== 'I' || (prev !== 'O' && prev.slice(2) === t.slice(2));
}

/**
 * The trained model. Every value a feature can take (word, shape, affix, tag) gets an integer id
 * at load time; a feature is then the triple (template, id, id), found in an open-addressing hash
 * table of typed arrays. Per token that is five string look-ups (its word, shape and affixes) and
 * twenty integer probes, with no strings built.
 */
export class Model {
  readonly tags: string[];
  readonly size: number;
  /** Words seen mostly in lower case in training ("jets", "strengthen"): never a name alone at a sentence start. */
  common = new Set<string>();
  private readonly vocab = new Map<string, number>();
  private readonly keys: Float64Array;
  private readonly offs: Int32Array;
  private readonly mask: number;
  /** Quantised weights (int16): the scale is positive, so the best tag is the same without it. */
  private readonly weights: Int16Array;
  /** follows[prev * tags + t]: may tag t follow tag prev (see `allowed`), computed once. */
  private readonly follows: Uint8Array;

  constructor(tags: string[], feats: string[], weights: Int16Array) {
    this.tags = tags;
    this.weights = weights;
    this.follows = new Uint8Array(tags.length * tags.length);
    tags.forEach((prev, p) => tags.forEach((t, k) => (this.follows[p * tags.length + k] = allowed(prev, t) ? 1 : 0)));
    this.size = feats.length;
    let cap = 1;
    while (cap < feats.length * 2) cap *= 2;
    this.mask = cap - 1;
    this.keys = new Float64Array(cap).fill(-1);
    this.offs = new Int32Array(cap);
    const byName = new Map(TEMPLATES.map(([name], t) => [name, t]));
    const id = (v: string) => {
      let k = this.vocab.get(v);
      if (k === undefined) this.vocab.set(v, (k = this.vocab.size));
      return k;
    };
    id('');
    feats.forEach((f, k) => {
      const eq = f.indexOf('=');
      const t = byName.get(eq < 0 ? f : f.slice(0, eq + 1));
      if (t === undefined) return;
      const arity = TEMPLATES[t][1];
      const rest = eq < 0 ? '' : f.slice(eq + 1);
      let a = 0;
      let b = 0;
      if (arity === 1) a = id(rest);
      else if (arity === 2) {
        const bar = rest.indexOf('|');
        if (bar < 0) return;
        a = id(rest.slice(0, bar));
        b = id(rest.slice(bar + 1));
      }
      this.put(t, a, b, k * tags.length);
    });
  }

  private key(t: number, a: number, b: number): number {
    return (t * 0x400000 + a) * 0x400000 + b;
  }

  private slot(t: number, a: number, b: number): number {
    let h = Math.imul(t + 1, 0x9e3779b1) + a;
    h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) + b;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) & this.mask;
  }

  private put(t: number, a: number, b: number, off: number) {
    const key = this.key(t, a, b);
    let i = this.slot(t, a, b);
    while (this.keys[i] !== -1 && this.keys[i] !== key) i = (i + 1) & this.mask;
    this.keys[i] = key;
    this.offs[i] = off;
  }

  private get(t: number, a: number, b: number): number {
    const key = this.key(t, a, b);
    let i = this.slot(t, a, b);
    for (;;) {
      const k = this.keys[i];
      if (k === key) return this.offs[i];
      if (k === -1) return -1;
      i = (i + 1) & this.mask;
    }
  }

  /**
   * Tag one sentence's words greedily, left to right. The same features as `featureValues`, in
   * the same order, computed on value ids: each token's word, shape and affixes are looked up
   * once, not once per template.
   */
  tag(words: string[], lex?: string[]): string[] {
    const info = tokenInfo(words, lex);
    const n = words.length;
    const nt = this.tags.length;
    const vid = (s: string) => this.vocab.get(s) ?? -1;
    // Value ids per token, looked up when a scored token first needs them (itself or as a
    // neighbour): most tokens are skipped by plainAfterO and never need theirs.
    const W = new Int32Array(n).fill(-2);
    const S = new Int32Array(n);
    const P3 = new Int32Array(n);
    const X3 = new Int32Array(n);
    const X2 = new Int32Array(n);
    const LX = new Int32Array(n);
    const ids = (i: number) => {
      if (i < 0 || i >= n || W[i] !== -2) return;
      const w = info.lower[i];
      LX[i] = vid(info.lex[i]);
      W[i] = vid(w);
      S[i] = vid(info.shape[i]);
      P3[i] = vid(w.length > 3 ? w.slice(0, 3) : w);
      X3[i] = vid(w.length > 3 ? w.slice(-3) : w);
      X2[i] = vid(w.length > 2 ? w.slice(-2) : w);
    };
    const BOS = vid('<s>');
    const EOS = vid('</s>');
    const tagId = this.tags.map(vid);
    const ONE = vid('1');
    const ZERO = vid('0');
    const scores = new Int32Array(nt);
    const f = new Int32Array(TEMPLATES.length * 2);
    const out: string[] = [];
    let p1 = BOS;
    let p2 = BOS;
    const O = this.tags.indexOf('O');
    let prevTag = O;
    for (let i = 0; i < n; i++) {
      if (prevTag === O && plainAfterO(info, i, words)) {
        out.push('O');
        p2 = p1;
        p1 = tagId[O];
        continue;
      }
      for (let k = i - 2; k <= i + 2; k++) ids(k);
      const w = W[i];
      const s = S[i];
      const wm1 = i > 0 ? W[i - 1] : BOS;
      const wp1 = i + 1 < n ? W[i + 1] : EOS;
      const sp1 = i + 1 < n ? S[i + 1] : EOS;
      // Template order and values exactly as featureValues().
      f[0] = 0;
      f[2] = w;
      f[4] = s;
      f[6] = P3[i];
      f[8] = X3[i];
      f[10] = X2[i];
      f[12] = wm1;
      f[14] = i > 1 ? W[i - 2] : BOS;
      f[16] = wp1;
      f[18] = i + 2 < n ? W[i + 2] : EOS;
      f[20] = i > 0 ? S[i - 1] : BOS;
      f[21] = s;
      f[22] = s;
      f[23] = sp1;
      f[24] = wm1;
      f[25] = w;
      f[26] = w;
      f[27] = wp1;
      f[28] = p1;
      f[30] = p2;
      f[31] = p1;
      f[32] = p1;
      f[33] = w;
      f[34] = p1;
      f[35] = s;
      f[36] = i === 0 ? ONE : ZERO;
      f[37] = s;
      f[38] = X3[i];
      f[39] = sp1;
      const lm1 = i > 0 ? LX[i - 1] : BOS;
      f[40] = LX[i];
      f[42] = LX[i];
      f[43] = s;
      f[44] = lm1;
      f[46] = i + 1 < n ? LX[i + 1] : EOS;
      f[48] = lm1;
      f[49] = LX[i];
      scores.fill(0);
      for (let t = 0; t < TEMPLATES.length; t++) {
        const arity = TEMPLATES[t][1];
        const a = f[2 * t];
        const b = arity === 2 ? f[2 * t + 1] : 0;
        if (a < 0 || b < 0) continue;
        const off = this.get(t, a, b);
        if (off < 0) continue;
        for (let k = 0; k < nt; k++) scores[k] += this.weights[off + k];
      }
      const best = this.bestTag(scores, prevTag);
      out.push(this.tags[best]);
      p2 = p1;
      p1 = tagId[best];
      prevTag = best;
    }
    return out;
  }

  /** The highest-scoring tag that may follow tag number `prev` (I-X only continues B-X or I-X). */
  private bestTag(scores: Int32Array, prev: number): number {
    let best = 0;
    let bestScore = -Infinity;
    const row = prev * scores.length;
    for (let k = 0; k < scores.length; k++) {
      if (scores[k] > bestScore && this.follows[row + k]) {
        best = k;
        bestScore = scores[k];
      }
    }
    return best;
  }

  /** The reference implementation over feature strings (used by tests to check `tag`). */
  tagSlow(words: string[], lex?: string[]): string[] {
    const info = tokenInfo(words, lex);
    const nt = this.tags.length;
    const scores = new Int32Array(nt);
    const v = new Array<string>(TEMPLATES.length * 2);
    const out: string[] = [];
    const vid = (s: string) => this.vocab.get(s) ?? -1;
    let p1 = '<s>';
    let p2 = '<s>';
    for (let i = 0; i < words.length; i++) {
      if ((p1 === '<s>' || p1 === 'O') && plainAfterO(info, i, words)) {
        out.push('O');
        p2 = p1;
        p1 = 'O';
        continue;
      }
      scores.fill(0);
      featureValues(info, i, p1, p2, v);
      for (let t = 0; t < TEMPLATES.length; t++) {
        const arity = TEMPLATES[t][1];
        const a = arity === 0 ? 0 : vid(v[2 * t]);
        const b = arity === 2 ? vid(v[2 * t + 1]) : 0;
        if (a < 0 || b < 0) continue;
        const off = this.get(t, a, b);
        if (off < 0) continue;
        for (let k = 0; k < nt; k++) scores[k] += this.weights[off + k];
      }
      const best = this.bestTag(scores, this.tags.indexOf(p1 === '<s>' ? 'O' : p1));
      out.push(this.tags[best]);
      p2 = p1;
      p1 = this.tags[best];
    }
    return out;
  }

  /** The serialised form written by scripts/train-ner.ts: weights quantised to int16. */
  static fromFile(path: string): Model {
    const json = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as SavedModel;
    const q = new Int16Array(Uint8Array.from(Buffer.from(json.weights, 'base64')).buffer);
    const m = new Model(json.tags, json.features, q);
    m.common = new Set(json.common ?? []);
    return m;
  }
}

export interface SavedModel {
  format: 'sitrep-ner-perceptron/1';
  tags: string[];
  features: string[];
  scale: number;
  weights: string;
  trainedOn: string[];
  /** Words seen mostly in lower case in the training data. */
  common?: string[];
}
