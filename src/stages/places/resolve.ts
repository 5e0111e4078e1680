import type { Candidate } from '../../gazetteer/index.ts';
import { distanceKm, nameKey, looseKey } from '../../gazetteer/index.ts';
import type { Toponym } from './detect.ts';

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

/** What kind of place a bare name most likely means, before any context. */
export function prior(c: Candidate): number {
  let s: number;
  switch (c.kind) {
    case 'country':
      // Above any city: "Mexico", "Kuwait", "Georgia" alone name the country unless context says otherwise.
      s = 11;
      break;
    case 'admin1':
      s = 6.5;
      break;
    case 'region':
    case 'feature':
      // Continents, oceans and world regions are as well known as countries; a desert or river less so.
      s = c.fcode === 'CONT' || c.fcode === 'OCN' ? 10 : 5;
      break;
    case 'admin2':
      s = 4;
      break;
    default: {
      s = Math.log10(c.population + 1);
      if (c.fcode === 'PPLC') s += 3;
      else if (c.fcode === 'PPLA') s += 2;
      else if (c.fcode === 'PPLA2') s += 1;
      else if (c.fcode === 'PPLX') s -= 3; // a section of a city, not the city
    }
  }
  switch (c.match) {
    case 'alt':
      s -= 0.7; // alternate names are noisier (old names, translations, other places' names)
      break;
    case 'loose':
      s -= 1;
      break;
    default:
  }
  if (c.fromPack) s += 6;
  return s;
}

interface Context {
  /** Country code -> share of the document's resolved places. */
  focus: Map<string, number>;
  /** Raw focus weights, their total, and each spelling's own vote (left out when scoring that spelling). */
  focusW: Map<string, number>;
  total: number;
  own: Map<string, { cc: string; w: number }>;
  /** "CC.admin1Code" and country codes named in the document. */
  /** "CC.code" of each division the first pass read, with the spellings that named it. */
  admin1Named: Map<string, Set<string>>;
  /** Resolved places of the first pass, for proximity. */
  anchors: Candidate[];
  /** The domain packs' focus countries. */
  packFocus: Set<string>;
}

function contextScore(t: Toponym, c: Candidate, ctx: Context, appositionKeys: Set<string>): [number, string] {
  let s = 0;
  const why: string[] = [];
  // The words around say what it is: "the village of X" is no city of a million, "X province" no town.
  if (t.hint === 'village' && c.kind === 'city' && c.population < 50000) {
    s += 1.5;
    why.push('village');
  } else if (t.hint === 'admin' && (c.kind === 'admin1' || c.kind === 'admin2')) {
    s += 3;
    why.push('division');
  } else if (t.hint === 'city' && c.kind === 'city') {
    s += 1;
    why.push('city');
  }
  if (c.country && ctx.packFocus.has(c.country)) {
    s += 1;
    why.push('pack focus');
  }
  if (c.country) {
    // The document's focus without this spelling's own first guess ("Georgia" read as the country must
    // not count as evidence for the country when "Georgia" itself is being decided).
    const own = t.key ? ctx.own.get(t.key) : undefined;
    const total = ctx.total - (own?.w ?? 0);
    const f = total > 0 ? ((ctx.focusW.get(c.country) ?? 0) - (own && own.cc === c.country ? own.w : 0)) / total : 0;
    if (f > 0.001) {
      s += 4 * f;
      why.push(`focus ${c.country} ${f.toFixed(2)}`);
    }
  }
  // (A spelling never supports itself: "Oregon" read as the state must not vouch for a town called Oregon.)
  const namedBy = c.country && c.admin1Code ? ctx.admin1Named.get(`${c.country}.${c.admin1Code}`) : undefined;
  if (c.kind !== 'admin1' && namedBy && [...namedBy].some((k) => k !== t.key)) {
    s += 2;
    why.push('admin1 named');
  }
  // The hierarchy the other way: a state or province whose towns the document names ("Oregon" beside
  // Salem and Eugene) is that state, not a town called Oregon elsewhere.
  if (c.kind === 'admin1' && c.country && c.admin1Code) {
    let inside = 0;
    for (const a of ctx.anchors) if (a.country === c.country && a.admin1Code === c.admin1Code && a.kind !== 'admin1') inside++;
    if (inside) {
      s += Math.min(4, 2 * inside);
      why.push(`contains ${inside}`);
    }
  }
  // "Oxford, North Carolina": the apposition names this candidate's admin1 or country.
  if (appositionKeys.size && c.kind !== 'country') {
    const a1 = c.admin1 ? nameKey(c.admin1) : '';
    if ((a1 && appositionKeys.has(a1)) || (c.country && appositionKeys.has(`cc:${c.country}`))) {
      s += 10;
      why.push('apposition');
    }
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
    if (best < 25) s += 4;
    else if (best < 50) s += 3;
    else if (best < 200) s += 1.5;
    else if (best < 500) s += 0.5;
    if (best < 500) why.push(`near ${Math.round(best)} km`);
  }
  return [s, why.join(', ')];
}

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
      const s = prior(c);
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
    const n = bySpelling.get(k)!.length;
    if (!c.country) continue;
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
  const decide = (context: Context) => {
    const chosen = new Map<string, { c: Candidate; score: number; why: string; margin: number }>();
    for (const [k, ts] of bySpelling) {
      let best: { c: Candidate; score: number; why: string; margin: number } | null = null;
      let second = -Infinity;
      // A small town named like a state or country ("Florida", New York; "Oregon", Illinois) is shadowed by
      // it: nearby places and a named state must not make the town win over the state by their sum alone.
      const shadowed = ts[0].candidates.some((c) => (c.kind === 'admin1' || c.kind === 'country') && c.match === 'name');
      for (const c of shortlist(ts[0].candidates, context)) {
        const [cs, why] = contextScore(ts[0], c, context, appositions.get(k)!);
        const score = prior(c) + cs - (shadowed && c.kind === 'city' && c.population < 50000 && !appositionFits(c, appositions.get(k)!) ? 3 : 0);
        if (!best || score > best.score) {
          if (best) second = Math.max(second, best.score);
          best = { c, score, why: `prior ${prior(c).toFixed(1)}${why ? ', ' + why : ''}`, margin: 0 };
        } else second = Math.max(second, score);
      }
      if (best) {
        best.margin = best.score - second;
        chosen.set(k, best);
      }
    }
    return chosen;
  };
  let chosen = decide(ctx);
  if (bySpelling.size > 1) {
    // Only clear decisions become anchors: a close call that went wrong must not pull its neighbours along.
    const anchors: Candidate[] = [...ctx.anchors];
    for (const b of chosen.values()) if (b.margin >= 3 && b.c.kind !== 'country' && b.c.fcode !== 'CONT' && b.c.fcode !== 'OCN' && !anchors.includes(b.c)) anchors.push(b.c);
    chosen = decide({ ...ctx, anchors });
  }
  const out: Resolution[] = [];
  for (const [k, ts] of bySpelling) {
    const b = chosen.get(k);
    if (b) for (const t of ts) out.push({ toponym: t, place: b.c, score: b.score, why: b.why });
  }
  return out.sort((a, b) => a.toponym.start - b.toponym.start);
}

/**
 * The candidates worth scoring in context: a common name ("Springfield", "San Jose") has dozens. Context
 * can add at most about 16 points, so a candidate further behind the best prior than that cannot win;
 * the document's own countries are always kept.
 */
function shortlist(cands: Candidate[], ctx: Context): Candidate[] {
  if (cands.length <= 12) return cands;
  let top = -Infinity;
  for (const c of cands) top = Math.max(top, prior(c));
  return cands.filter((c) => prior(c) > top - 16 || (c.country && ctx.focus.has(c.country)));
}

function appositionFits(c: Candidate, keys: Set<string>): boolean {
  return keys.size > 0 && ((!!c.admin1 && keys.has(nameKey(c.admin1))) || (!!c.country && keys.has(`cc:${c.country}`)));
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
      if (c.kind === 'admin1') keys.add(nameKey(c.name));
      else if (c.country) keys.add(`cc:${c.country}`);
    }
    break;
  }
  return keys;
}
