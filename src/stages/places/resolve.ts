import type { Candidate } from '../../gazetteer/index.ts';
import { distanceKm, nameKey, looseKey } from '../../gazetteer/index.ts';
import type { Toponym } from './detect.ts';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Toponym resolution: choose, for every span, the candidate that best fits the document, not the
 * first one found. Scores add up a prior (what kind of place, how many people, how its name matched)
 * and the document's context (its country focus, the places named beside it, "Paris, Texas"
 * appositions, proximity to the places already resolved). One sense per discourse: every
 * occurrence of the same spelling in a document gets the same reading.
 */

export interface Resolution {
  toponym: Toponym;
  place: Candidate;
  score: number;
  /** Which parts of the score decided, for doc.debug. */
  why: string;
}

/**
 * The ranker's features of a candidate. A candidate's score is the weighted sum of its features
 * (a conditional logit over each span's candidates): the first PRIOR_FEATURES say what kind of place
 * a bare name most likely means, the rest what the document says. The weights are learned by
 * scripts/train-place-ranker.ts from the dev geoparsing sets and shipped in data/places-ranker.json;
 * HAND_WEIGHTS, the hand-set scores this ranker replaced, stand in when the file is absent.
 */
export const FEATURES = [
  'log10 population', 'country', 'admin1', 'admin2', 'continent/ocean', 'region/feature',
  'PPLC', 'PPLA', 'PPLA2', 'PPLX', 'alternate name', 'loose match', 'pack reading', 'exact name',
  // context
  'text says village', 'text says division', 'text says city', 'pack focus country', 'document country share',
  'province named', 'contains named places', 'apposition', 'near < 25 km', 'near 25-50 km', 'near 50-200 km',
  'near 200-500 km', 'small town named like a state', 'division of the place before it',
] as const;
export const PRIOR_FEATURES = 14;
export const HAND_WEIGHTS: number[] = [1, 11, 6.5, 4, 10, 5, 3, 2, 1, -3, -0.7, -1, 6, 0, 1.5, 3, 1, 1, 4, 2, 2, 10, 4, 3, 1.5, 0.5, -3, 4];

function loadWeights(): number[] {
  try {
    const file = resolvePath(dirname(fileURLToPath(import.meta.url)), '../../../data/places-ranker.json');
    if (!existsSync(file)) return HAND_WEIGHTS;
    const j = JSON.parse(readFileSync(file, 'utf8')) as { features: string[]; weights: number[] };
    // Weights by feature name: a file from an older feature set gives the hand weight where it lacks one.
    return FEATURES.map((f, i) => {
      const k = j.features.indexOf(f);
      return k >= 0 && Number.isFinite(j.weights[k]) ? j.weights[k] : HAND_WEIGHTS[i];
    });
  } catch {
    return HAND_WEIGHTS;
  }
}
let WEIGHTS = loadWeights();
/** For the training script: score with other weights (null: the shipped ones). */
export function setWeights(w: number[] | null): void {
  WEIGHTS = w ?? loadWeights();
}

/** For the training script: called with every decision of the last pass (the span, its candidates' features). */
export const tap: { fn: ((t: Toponym, cands: Candidate[], feats: number[][]) => void) | null } = { fn: null };

function priorFeatures(c: Candidate, f: number[], key?: string): void {
  switch (c.kind) {
    case 'country': f[1] = 1; break;
    case 'admin1': f[2] = 1; break;
    case 'admin2': f[3] = 1; break;
    case 'region':
    case 'feature':
      if (c.fcode === 'CONT' || c.fcode === 'OCN') f[4] = 1;
      else f[5] = 1;
      break;
    default:
      f[0] = Math.log10(c.population + 1);
      if (c.fcode === 'PPLC') f[6] = 1;
      else if (c.fcode === 'PPLA') f[7] = 1;
      else if (c.fcode === 'PPLA2') f[8] = 1;
      else if (c.fcode === 'PPLX') f[9] = 1;
  }
  if (c.match === 'alt') f[10] = 1;
  else if (c.match === 'loose') f[11] = 1;
  if (c.fromPack) f[12] = 1;
  if (key !== undefined && nameKey(c.name) === key) f[13] = 1;
}

function dot(f: number[], n = f.length): number {
  let s = 0;
  for (let i = 0; i < n; i++) if (f[i]) s += f[i] * WEIGHTS[i];
  return s;
}

/** What kind of place a bare name most likely means, before any context. */
export function prior(c: Candidate, key?: string): number {
  const f = new Array<number>(FEATURES.length).fill(0);
  priorFeatures(c, f, key);
  return dot(f, PRIOR_FEATURES);
}

interface Context {
  /** Country code -> share of the document's resolved places. */
  focus: Map<string, number>;
  /** Raw focus weights, their total, and each spelling's own vote (left out when scoring that spelling). */
  focusW: Map<string, number>;
  total: number;
  own: Map<string, { cc: string; w: number }>;
  /** "CC.code" of each division the first pass read, with the spellings that named it. */
  admin1Named: Map<string, Set<string>>;
  /** Resolved places of the first pass, for proximity. */
  anchors: Candidate[];
  /** The domain packs' focus countries. */
  packFocus: Set<string>;
}

/** Every feature of a candidate in its document (see FEATURES), and the names of the context ones that fired. */
function features(t: Toponym, c: Candidate, ctx: Context, appositionKeys: Set<string>, shadowed: boolean, qualified: Toponym[] = []): [number[], string] {
  const f = new Array<number>(FEATURES.length).fill(0);
  priorFeatures(c, f, t.key);
  const why: string[] = [];
  // The words around say what it is: "the village of X" is no city of a million, "X province" no town.
  if (t.hint === 'village' && c.kind === 'city' && c.population < 50000) {
    f[14] = 1;
    why.push('village');
  } else if (t.hint === 'admin' && (c.kind === 'admin1' || c.kind === 'admin2')) {
    f[15] = 1;
    why.push('division');
  } else if (t.hint === 'city' && c.kind === 'city') {
    f[16] = 1;
    why.push('city');
  }
  if (c.country && ctx.packFocus.has(c.country)) {
    f[17] = 1;
    why.push('pack focus');
  }
  if (c.country) {
    // The document's focus without this spelling's own first guess ("Georgia" read as the country must
    // not count as evidence for the country when "Georgia" itself is being decided).
    const own = t.key ? ctx.own.get(t.key) : undefined;
    const total = ctx.total - (own?.w ?? 0);
    const share = total > 0 ? ((ctx.focusW.get(c.country) ?? 0) - (own && own.cc === c.country ? own.w : 0)) / total : 0;
    if (share > 0.001) {
      f[18] = share;
      why.push(`focus ${c.country} ${share.toFixed(2)}`);
    }
  }
  // (A spelling never supports itself: "Oregon" read as the state must not vouch for a town called Oregon.)
  const namedBy = c.country && c.admin1Code ? ctx.admin1Named.get(`${c.country}.${c.admin1Code}`) : undefined;
  if (c.kind !== 'admin1' && namedBy && [...namedBy].some((k) => k !== t.key)) {
    f[19] = 1;
    why.push('admin1 named');
  }
  // The hierarchy the other way: a state or province whose towns the document names ("Oregon" beside
  // Salem and Eugene) is that state, not a town called Oregon elsewhere.
  if (c.kind === 'admin1' && c.country && c.admin1Code) {
    let inside = 0;
    for (const a of ctx.anchors) if (a.country === c.country && a.admin1Code === c.admin1Code && a.kind !== 'admin1') inside++;
    if (inside) {
      f[20] = Math.min(2, inside);
      why.push(`contains ${inside}`);
    }
  }
  // "Oxford, North Carolina": the apposition names this candidate's admin1 or country.
  if (appositionKeys.size && c.kind !== 'country' && appositionFits(c, appositionKeys)) {
    f[21] = 1;
    why.push('apposition');
  }
  if (c.kind === 'city' || c.kind === 'admin2') {
    let best = Infinity;
    for (const a of ctx.anchors) {
      if (a.idx === c.idx || a.kind === 'country') continue;
      const d = distanceKm(a.lat, a.lon, c.lat, c.lon);
      if (d < best) best = d;
    }
    // Places named together lie together: a village 20 km from a town the document names beats a
    // namesake city across the world.
    if (best < 25) f[22] = 1;
    else if (best < 50) f[23] = 1;
    else if (best < 200) f[24] = 1;
    else if (best < 500) f[25] = 1;
    if (best < 500) why.push(`near ${Math.round(best)} km`);
  }
  // A small town named like a state or country ("Florida", New York; "Oregon", Illinois) is shadowed by
  // it: nearby places and a named state must not make the town win over the state by their sum alone.
  if (shadowed && c.kind === 'city' && c.population < 50000 && !appositionFits(c, appositionKeys)) f[26] = 1;
  // "Leon, Guanajuato", "Bossaso (Bossaso, Bari)": a division right after a place it contains qualifies it.
  if ((c.kind === 'admin1' || c.kind === 'admin2') && c.country && qualified.some((q) => q.candidates.some((x) => x.idx !== c.idx && x.country === c.country && (c.kind === 'admin1' ? x.admin1Code === c.admin1Code && !!x.admin1Code && x.kind !== 'admin1' : distanceKm(x.lat, x.lon, c.lat, c.lon) < 40)))) {
    f[27] = 1;
    why.push('division of the place before');
  }
  return [f, why.join(', ')];
}

const ACTOR_MODIFIER = /^[-\u2010\u2011 ]?(?:led|backed|based|funded|sponsored|supported|allied|aligned|affiliated|trained|armed|made)\b/i;

/** Resolve every toponym of a document. */
export function resolveToponyms(toponyms: Toponym[], lookupApposition: (after: string) => Candidate[], packFocus: Set<string> = new Set()): Resolution[] {
  // Pass 1: priors alone, per spelling.
  const bySpelling = new Map<string, Toponym[]>();
  for (const t of toponyms) {
    const k = nameKey(t.text);
    t.key = k;
    const list = bySpelling.get(k);
    if (list) list.push(t);
    else bySpelling.set(k, [t]);
  }
  const first = new Map<string, Candidate>();
  for (const [k, ts] of bySpelling) {
    let best: Candidate | null = null;
    let bestScore = -Infinity;
    for (const c of ts[0].candidates) {
      const s = prior(c, k);
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    if (best) first.set(k, best);
  }

  // The document's context, from the first pass: country focus, divisions named, anchors.
  const ctx: Context = { focus: new Map(), focusW: new Map(), total: 0, own: new Map(), admin1Named: new Map(), anchors: [], packFocus };
  let total = 0;
  for (const [k, c] of first) {
    // "Saudi-led coalition", "Iranian-backed militias", "UK-based monitor" name who acts, not where: no vote.
    const n = bySpelling.get(k)!.filter((t) => !ACTOR_MODIFIER.test(t.after)).length;
    if (!c.country || !n) continue;
    // Countries and divisions say more about the document's focus than a town whose reading is still a guess.
    const ambiguous = new Set(bySpelling.get(k)![0].candidates.map((x) => x.country)).size > 1;
    // A guess among namesakes in several countries says little: a wrong first guess ("Susah" in Tunisia)
    // must not pull the document's focus away from the countries it names.
    const w = n * (c.kind === 'country' || c.fromPack ? 1 : ambiguous ? 0.1 : c.kind === 'admin1' ? 1 : 0.7);
    ctx.focus.set(c.country, (ctx.focus.get(c.country) ?? 0) + w);
    ctx.own.set(k, { cc: c.country, w });
    total += w;
    // A division is named by its own name, or by its seat of the same name: "the Hama countryside" is
    // Hama governorate.
    if ((c.kind === 'admin1' || (c.kind === 'city' && c.fcode === 'PPLA' && !!c.admin1 && looseKey(c.admin1) === looseKey(c.name))) && c.admin1Code) {
      const key = `${c.country}.${c.admin1Code}`;
      if (!ctx.admin1Named.has(key)) ctx.admin1Named.set(key, new Set());
      ctx.admin1Named.get(key)!.add(k);
    }
    // Anchors for proximity: places whose reading barely depends on context.
    if (c.kind !== 'country' && !ambiguous) ctx.anchors.push(c);
  }
  ctx.focusW = new Map(ctx.focus);
  ctx.total = total;
  for (const [cc, w] of ctx.focus) ctx.focus.set(cc, total ? w / total : 0);

  // Pass 2: prior + context, per spelling. Pass 3: the same, with pass 2's readings as anchors, so that
  // two ambiguous neighbours can support each other (a town and the village beside it).
  const appositions = new Map<string, Set<string>>();
  for (const [k, ts] of bySpelling) {
    const any = new Set<string>();
    for (const t of ts) for (const x of appositionKeys(t, lookupApposition)) any.add(x);
    appositions.set(k, any);
  }
  // The places each spelling stands in apposition to: "X, Y" / "X (Y)" / "X (Z, Y)" (Y qualifies X, Z).
  const qualifies = new Map<string, Toponym[]>();
  const sorted = [...toponyms].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    const t = sorted[i];
    const chain: Toponym[] = [];
    for (let j = i - 1; j >= 0 && j >= i - 2; j--) {
      const p = sorted[j];
      const next = j === i - 1 ? t : sorted[j + 1];
      const gap = p.after.slice(0, Math.max(0, next.start - p.end));
      if (next.start - p.end > 40 || !/^(?:,\s*|\s+(?:town|village|city|area|district)?\s*\(\s*|\s*\(\s*)$/.test(gap)) break;
      chain.push(p);
    }
    if (!chain.length) continue;
    const list = qualifies.get(t.key!) ?? [];
    list.push(...chain);
    qualifies.set(t.key!, list);
  }
  const decide = (context: Context, last: boolean) => {
    const chosen = new Map<string, { c: Candidate; score: number; why: string; margin: number }>();
    for (const [k, ts] of bySpelling) {
      let best: { c: Candidate; score: number; why: string; margin: number } | null = null;
      let second = -Infinity;
      const shadowed = ts[0].candidates.some((c) => (c.kind === 'admin1' || c.kind === 'country') && c.match === 'name');
      const cands = saidDivision(ts, shortlist(ts[0].candidates, context, k));
      const feats: number[][] = [];
      for (const c of cands) {
        const [f, why] = features(ts[0], c, context, appositions.get(k)!, shadowed, qualifies.get(k));
        if (last && tap.fn) feats.push(f);
        const score = dot(f);
        if (!best || score > best.score) {
          if (best) second = Math.max(second, best.score);
          best = { c, score, why: `prior ${dot(f, PRIOR_FEATURES).toFixed(1)}${why ? ', ' + why : ''}`, margin: 0 };
        } else second = Math.max(second, score);
      }
      if (last && tap.fn) tap.fn(ts[0], cands, feats);
      if (best) {
        best.margin = best.score - second;
        chosen.set(k, best);
      }
    }
    return chosen;
  };
  let chosen = decide(ctx, bySpelling.size <= 1);
  if (bySpelling.size > 1) {
    // Only clear decisions become anchors: a close call that went wrong must not pull its neighbours along.
    const anchors: Candidate[] = [...ctx.anchors];
    for (const b of chosen.values()) if (b.margin >= 3 && b.c.kind !== 'country' && b.c.fcode !== 'CONT' && b.c.fcode !== 'OCN' && !anchors.includes(b.c)) anchors.push(b.c);
    chosen = decide({ ...ctx, anchors }, true);
  }
  const out: Resolution[] = [];
  for (const [k, ts] of bySpelling) {
    const b = chosen.get(k);
    if (b) for (const t of ts) out.push({ toponym: t, place: b.c, score: b.score, why: b.why });
  }
  return out.sort((a, b) => a.toponym.start - b.toponym.start);
}

/**
 * "Idlib province", "the northern province of Idlib", "the Hama countryside": where the text says the name is
 * a division and the gazetteer has a division by that name, it is that division, whatever the size of the
 * city named like it (a learned weight cannot outvote a city's population prior there). Not where another
 * occurrence says "the city of X".
 */
function saidDivision(ts: Toponym[], cands: Candidate[]): Candidate[] {
  if (!ts.some((t) => t.hint === 'admin') || ts.some((t) => t.hint === 'city')) return cands;
  const divisions = cands.filter((c) => (c.kind === 'admin1' || c.kind === 'admin2') && c.match !== 'loose');
  return divisions.length ? divisions : cands;
}

/**
 * The candidates worth scoring in context: a common name ("Springfield", "San Jose") has dozens. Context
 * can add at most about 16 points, so a candidate further behind the best prior than that cannot win;
 * the document's own countries are always kept.
 */
function shortlist(cands: Candidate[], ctx: Context, key: string): Candidate[] {
  if (cands.length <= 12) return cands;
  let top = -Infinity;
  for (const c of cands) top = Math.max(top, prior(c, key));
  return cands.filter((c) => prior(c, key) > top - 16 || (c.country && ctx.focus.has(c.country)));
}

function appositionFits(c: Candidate, keys: Set<string>): boolean {
  return keys.size > 0 && ((!!c.admin1 && keys.has(nameKey(c.admin1))) || (!!c.country && !!c.admin1Code && keys.has(`a1:${c.country}.${c.admin1Code}`)) || (!!c.country && keys.has(`cc:${c.country}`)));
}

/** Keys of the place named in an apposition right after a toponym: ", Texas" / ", France" / " (Hama)". */
function appositionKeys(t: Toponym, lookup: (after: string) => Candidate[]): Set<string> {
  const keys = new Set<string>();
  // ", Texas" or, in reports that bracket the province, " (Hama)" / " (Hama, Syria)".
  const m = /^(?:,\s+|\s*\()((?:\p{Lu}[\p{L}.'-]*)(?:\s+\p{Lu}[\p{L}.'-]*){0,2})/u.exec(t.after);
  if (!m) return keys;
  // Try the longest words first ("North Carolina" before "North").
  const words = m[1].split(/\s+/);
  for (let n = words.length; n >= 1; n--) {
    const cands = lookup(words.slice(0, n).join(' '));
    const hit = cands.filter((c) => c.kind === 'admin1' || c.kind === 'country');
    if (!hit.length) continue;
    for (const c of hit) {
      if (c.kind === 'admin1') {
        keys.add(nameKey(c.name));
        if (c.country && c.admin1Code) keys.add(`a1:${c.country}.${c.admin1Code}`);
      }
      else if (c.country) keys.add(`cc:${c.country}`);
    }
    break;
  }
  return keys;
}
