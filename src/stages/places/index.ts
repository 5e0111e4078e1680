import type { Stage } from '../../stage.ts';
import type { Context } from '../../context.ts';
import type { Doc, Place } from '../../doc.ts';
import { gazetteer, distanceKm, type Candidate, type Gazetteer } from '../../gazetteer/index.ts';
import { detectToponyms, notPlaceRules, qualifierAfter, type NotPlaceRules, type Toponym } from './detect.ts';
import { resolveToponyms, prior } from './resolve.ts';
import { placeUnlisted } from './unlisted.ts';

/**
 * Toponym recognition and resolution: every place name of the article, with coordinates.
 * Reads the entities stage's mentions (GPE/LOC/FAC/NORP) when there are any, and scans the
 * sentences' tokens against the gazetteer itself (see detect.ts); resolve.ts chooses readings.
 * Facilities named after places are kept only beside their namesake; parts of cities become the city;
 * villages the gazetteer lacks are placed at what surrounds them, coarser (see `placeUnknown`).
 */
const focusCache = new WeakMap<object, Set<string>>();
function focusCountries(gaz: Gazetteer): Set<string> {
  let f = focusCache.get(gaz);
  if (!f) focusCache.set(gaz, (f = new Set(gaz.pack.focusCountries ?? [])));
  return f;
}

/** The packs' not-a-place words, and their outlets' names and aliases (an outlet is never a place). */
function rulesOf(ctx: Context, gaz: Gazetteer): NotPlaceRules {
  return ctx.resource('places:not-place-rules', () => {
    const names: string[] = [];
    for (const o of ctx.section<{ name?: unknown; aliases?: unknown }>('outlets')) {
      if (!o || typeof o.name !== 'string') continue;
      names.push(o.name);
      if (Array.isArray(o.aliases)) for (const a of o.aliases) if (typeof a === 'string') names.push(a);
    }
    return notPlaceRules(gaz.pack, names);
  });
}

export const places: Stage = {
  name: 'places',
  needs: ['sentences', 'entities'],
  run(doc, ctx) {
    const gaz = gazetteer(ctx);
    const toponyms = detectToponyms(doc, gaz, rulesOf(ctx, gaz));
    if (!toponyms.length) return;
    const unknown = toponyms.filter((t) => t.unknown);
    const resolved = resolveToponyms(toponyms.filter((t) => !t.unknown), (s) => gaz.lookup(s), focusCountries(gaz));
    // Debug: why each reading was chosen, only where there was a choice (cheap, and what a person asks).
    const why: string[] = [];
    const chosen: Array<{ t: Toponym; c: Candidate }> = [];
    for (const r of resolved) {
      if (r.toponym.facility && !nearNamesake(r.place, r.toponym, resolved)) {
        why.push(`${r.toponym.start} ${r.toponym.text} ${r.toponym.facility}: a facility named after a place, not placed (${r.place.name} is not among the document's places)`);
        continue;
      }
      // "Azov, Donetsk" where the gazetteer's only Azov lies elsewhere: the village is missing, its division is not.
      // "Karak in Dar'a": a reading inside the division named after it, else the division itself.
      if (!r.toponym.quarterOf && !r.place.fromPack && (r.place.kind === 'city' || r.place.kind === 'admin1' || r.place.kind === 'admin2')) {
        // Only a coarser division qualifies ("Wisconsin, Michigan" is a list; a state is in no county).
        const rank = { city: 0, admin2: 1, admin1: 2 } as Record<string, number>;
        // ("X in Y" is never a list: a province read for X yields to Y's town of that name, "Karak area in Dar'a".)
        const within = /^(?: (?:town|village|city|area|district))? in /.test(r.toponym.after);
        const divisions = qualifierAfter(gaz, r.toponym.after).filter((d) => rank[d.kind] > rank[r.place.kind] || (within && d.kind === 'admin1' && r.place.kind === 'admin1' && d.country !== r.place.country));
        if (divisions.length && !divisions.some((d) => d.idx === r.place.idx || inside(r.place, d))) {
          const fits = r.toponym.candidates.filter((c) => divisions.some((d) => inside(c, d)));
          if (fits.length) {
            const best = fits.reduce((a, b) => (prior(b, r.toponym.key) > prior(a, r.toponym.key) ? b : a));
            why.push(`${r.toponym.start} ${r.toponym.text}: ${best.name}, in the division named after it (not ${r.place.name})`);
            chosen.push({ t: r.toponym, c: best });
            continue;
          }
          if (r.place.kind !== 'city' || r.place.population < 100000) {
            unknown.push({ ...r.toponym, candidates: [], unknown: true, qualifier: divisions });
            continue;
          }
        }
      }
      chosen.push({ t: r.toponym, c: r.place });
      if (r.toponym.quarterOf) why.push(`${r.toponym.start} ${r.toponym.text}: a part of ${r.place.name}${r.toponym.quarter ? ` (${r.toponym.quarter.name} in the gazetteer)` : ''}`);
      else if (r.toponym.candidates.length > 1) why.push(`${r.toponym.start} ${r.toponym.text}: ${r.place.name} (${r.place.kind}, ${r.place.admin1 ? r.place.admin1 + ', ' : ''}${r.place.country ?? '-'}) of ${r.toponym.candidates.length}; ${r.why}`);
    }
    // One sense per discourse: "near Vodyane, Donetsk ... near Vodyane" — once the text says the village is in a
    // division where the gazetteer has none by that name, its other mentions are that village too, not the
    // namesake elsewhere.
    for (let i = chosen.length - 1; i >= 0; i--) {
      const { t } = chosen[i];
      const same = unknown.find((u) => u.qualifier?.length && u.key !== undefined && u.key === t.key && !t.quarterOf);
      if (!same) continue;
      chosen.splice(i, 1);
      unknown.push({ ...t, candidates: [], unknown: true, qualifier: same.qualifier });
    }
    // The division after a missing village ("Bossaso (Bossaso, Bari)") is that division, not a namesake city.
    for (const u of unknown) {
      if (!u.qualifier?.length) continue;
      const q = chosen.find(({ t }) => t.start >= u.end && t.end - u.end <= u.after.length && u.after.includes(t.text));
      const d = q && !u.qualifier.some((x) => x.idx === q.c.idx) ? u.qualifier.find((x) => q.t.candidates.some((c) => c.idx === x.idx)) : undefined;
      if (q && d) q.c = d;
    }
    // A part of a city the gazetteer has is named as itself, at its own point, in the city's division.
    for (const { t, c } of chosen) doc.places.push(toPlace(t, t.quarterOf && t.quarter && c.idx === t.quarterOf.idx ? { ...t.quarter, admin1: c.admin1, admin1Code: c.admin1Code } : c, gaz));
    for (const t of unknown) {
      const p = placeUnknown(doc, t, chosen, gaz);
      if (!p) continue;
      doc.places.push(p.place);
      why.push(`${t.start} ${t.text}: not in the gazetteer; placed at ${p.at} (precision ${p.place.kind === 'admin1' ? 3 : 2})`);
    }
    doc.places.sort((a, b) => a.start - b.start);
    for (const u of placeUnlisted(doc, gaz, rulesOf(ctx, gaz))) {
      doc.places.push(u.place);
      why.push(`${u.place.start} ${u.place.text}: a named place the gazetteer lacks; placed at ${u.at} (precision ${u.place.kind === 'admin1' ? 3 : 2})`);
    }
    doc.places.sort((a, b) => a.start - b.start);
    if (why.length) doc.debug.places = why;
  },
};

function toPlace(t: Toponym, c: Candidate, gaz: Gazetteer): Place {
  const place: Place = {
    start: t.start,
    end: t.end,
    text: t.text,
    name: c.name,
    lat: c.lat,
    lon: c.lon,
    country: c.country,
    admin1: c.kind === 'country' ? null : gaz.acledAdmin1(c),
    geonameid: c.geonameid,
    kind: c.kind,
  };
  if (c.match === 'demonym') place.demonym = true;
  return place;
}

/** What may stand between a village and the town it is placed by: "X near Y", "X, 5 km west of Y", "X in Y". */
const BESIDE = /^[\s,]*(?:(?:village|town|hamlet|area)\s+)?(?:(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+(?:of\s+)?|near\s+|outside\s+|close\s+to\s+|in\s+|at\s+|of\s+)(?:the\s+)?(?:(?:town|city|district|countryside)\s+of\s+)?)?$/i;

/** Whether a place lies in a division (the same admin1; within 40 km of a district's point). */
function inside(c: Candidate, d: Candidate): boolean {
  if (c.country !== d.country || c.idx === d.idx) return false;
  if (d.kind === 'admin1') return !!d.admin1Code && c.admin1Code === d.admin1Code;
  return distanceKm(c.lat, c.lon, d.lat, d.lon) < 40;
}

/**
 * A facility locates at its namesake only where that is plausible: a division, a country or a big city
 * named by its own name ("Mosul airport", "London hospital"), or a place within 50 km of another place
 * of the document ("Kuweires airbase" beside Aleppo). "Al-Quds hospital" in an article on Aleppo is not
 * in Jerusalem.
 */
function nearNamesake(c: Candidate, t: Toponym, all: Array<{ toponym: Toponym; place: Candidate }>): boolean {
  const ownName = c.match !== 'alt' && c.match !== 'loose';
  if (ownName && (c.kind === 'admin1' || c.kind === 'admin2' || c.kind === 'country' || (c.kind === 'city' && c.population >= 100000))) return true;
  return all.some((r) => r.toponym !== t && !r.toponym.facility && r.place.idx !== c.idx && r.place.kind !== 'country' && r.place.kind !== 'region' && r.place.match !== 'demonym' && distanceKm(r.place.lat, r.place.lon, c.lat, c.lon) <= 50);
}

/**
 * A village the gazetteer lacks ("the village of X"): placed at the town named in its sentence
 * (precision 2, "near it"), else the district or province named there, else the province most named in
 * the document, else the province of the document's most named town (precision 3). The name stays.
 */
function placeUnknown(doc: Doc, t: Toponym, chosen: Array<{ t: Toponym; c: Candidate }>, gaz: Gazetteer): { place: Place; at: string } | null {
  const sent = doc.sentences.find((s) => s.start <= t.start && t.end <= s.end);
  const usable = chosen.filter(({ c }) => c.match !== 'demonym' && c.kind !== 'country' && c.kind !== 'region' && c.kind !== 'feature');
  if (t.qualifier?.length) {
    // The division the text names after it: the reading the document gave that name, else the one in the
    // country most of the document's places are in.
    const byCountry = new Map<string, number>();
    for (const { c } of chosen) if (c.country) byCountry.set(c.country, (byCountry.get(c.country) ?? 0) + 1);
    const d = t.qualifier.find((q) => chosen.some(({ c }) => c.idx === q.idx)) ?? [...t.qualifier].sort((a, b) => (byCountry.get(b.country ?? '') ?? 0) - (byCountry.get(a.country ?? '') ?? 0))[0];
    return { place: { start: t.start, end: t.end, text: t.text, name: t.text, lat: d.lat, lon: d.lon, country: d.country, admin1: gaz.acledAdmin1(d), geonameid: null, kind: d.kind === 'admin2' ? 'admin2' : 'admin1' }, at: d.name };
  }
  const inSentence = sent ? usable.filter(({ t: u }) => u.start >= sent.start && u.end <= sent.end) : [];
  const nearest = (xs: typeof usable) => xs.reduce((a, b) => (Math.abs(b.t.start - t.start) < Math.abs(a.t.start - t.start) ? b : a));
  const mk = (c: Candidate, kind: 'admin2' | 'admin1', at: string) => ({
    place: { start: t.start, end: t.end, text: t.text, name: t.text, lat: c.lat, lon: c.lon, country: c.country, admin1: gaz.acledAdmin1(c), geonameid: null, kind },
    at,
  });
  // A town counts only right beside the name ("the village of X near Y", "X, west of Y"), not anywhere in the sentence.
  const text = doc.view.text;
  const towns = inSentence.filter(({ t: u, c }) => (c.kind === 'city' || c.kind === 'admin2') && u.start >= t.end && BESIDE.test(text.slice(t.end, u.start)));
  if (towns.length) {
    const n = nearest(towns).c;
    return mk(n, 'admin2', `${n.name}${n.kind === 'city' ? ' (near it)' : ''}`);
  }
  const provinces = inSentence.filter(({ c }) => c.kind === 'admin1');
  if (provinces.length) return mk(nearest(provinces).c, 'admin1', nearest(provinces).c.name);
  // The document's places: its most named province, else the province of its most named town.
  const tally = new Map<number, { c: Candidate; n: number }>();
  for (const { c } of usable) {
    const x = tally.get(c.idx);
    if (x) x.n++;
    else tally.set(c.idx, { c, n: 1 });
  }
  // Only in the country most of the document's places lie in (countries named count too).
  const byCountry = new Map<string, number>();
  for (const { c } of chosen) if (c.country && c.match !== 'demonym') byCountry.set(c.country, (byCountry.get(c.country) ?? 0) + 1);
  const main = [...byCountry].sort((a, b) => b[1] - a[1])[0]?.[0];
  const ranked = [...tally.values()].filter((x) => x.c.country === main).sort((a, b) => b.n - a.n);
  const prov = ranked.find((x) => x.c.kind === 'admin1');
  if (prov) return mk(prov.c, 'admin1', prov.c.name);
  const town = ranked.find((x) => x.c.country && x.c.admin1Code);
  const a1 = town ? gaz.admin1(town.c.country!, town.c.admin1Code!) : null;
  return a1 ? mk(a1, 'admin1', `${a1.name}, the province of ${town!.c.name}`) : null;
}
