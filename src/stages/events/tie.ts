import type { ConflictEvent, Doc, EventActor, EventLocation, Place, Range, TimeExpr } from '../../doc.ts';
import type { Lexicon } from './lexicon.ts';
import { readRoles, type RoleInput } from './roles/index.ts';
import type { RoleLexicon } from './roles/lexicon.ts';
import { daysBetween } from './refiners/dates.ts';

/**
 * Tying an event to the other layers: its place, its date and its actors are the ones written in
 * its own clause (else its sentence); a place falls back to the document's focus with a coarser
 * ACLED geo-precision.
 */

/** How specific a place kind is (lower is more specific) and the ACLED precision it gives. */
const KIND_RANK: Record<Place['kind'], number> = { city: 0, feature: 1, admin2: 2, admin1: 3, region: 4, country: 5 };
const KIND_PRECISION: Record<Place['kind'], 1 | 2 | 3> = { city: 1, feature: 1, admin2: 2, admin1: 3, region: 3, country: 3 };

export interface Focus {
  place: Place;
  /** The country the focus lies in, when the document names it (for a total with no place of its own). */
  country?: Place;
}

const FORCE_AFTER = /^\s*(?:'s\s+|’s\s+)?(?:\w+\s+)?(?:forces|army|troops|military|government|regime|warplanes|jets|aircraft|drones?|police|soldiers|militias?|navy|air\s+force|officials|authorities|embassy|envoy|(?:air\s*|missile\s+|drone\s+)?(?:strikes?|attacks?|raids?)|missiles?|bombing|shelling)\b/i;
/** Before a place inside a mention: the mention runs on past its name ("the Ministry of Education in Beirut"). */
const LOCATIVE_BEFORE = /\b(?:in|at|near|outside|inside|around|across|from)\s+(?:the\s+)?$/i;

/**
 * The places that can say where an event happened, and those that only may. Never a nationality
 * ("Iraqi", flagged `demonym`; but "Iraqi territory" names the ground: the pack's `demonym_places`), a place that qualifies an actor ("US-led", "London-based": the
 * pack's `place_modifiers`), a country standing for its forces or government ("US forces"), or a
 * country, region or sea inside an actor's name ("the United States military", "Iraqi Security
 * Forces", "Euphrates Shield"). A town or province inside an actor's name ("the Kirkuk police", "the provincial
 * council of Ninewa") names a local actor that usually acts there: `weak`, a last resort.
 */
export interface Locating {
  places: Place[];
  weak: Set<Place>;
}

export function locatingPlaces(doc: Doc, placeModifier: RegExp, demonymPlace?: RegExp, placeModifierBefore?: RegExp): Locating {
  const text = doc.view.text;
  const actors = doc.mentions.filter((m) => m.type === 'ORG' || m.type === 'NORP').sort((a, b) => a.start - b.start);
  const weak = new Set<Place>();
  const places = [...doc.places]
    .sort((a, b) => a.start - b.start)
    .filter((p) => {
      const after = text.slice(p.end, p.end + 40);
      if (p.demonym) return !!demonymPlace?.test(after);
      if (placeModifier.test(after)) return false;
      // "the Observatory, based in Britain": where an actor is, not where the event happened.
      if (placeModifierBefore?.test(text.slice(Math.max(0, p.start - 40), p.start))) return false;
      if ((p.kind === 'country' || p.kind === 'region') && FORCE_AFTER.test(after)) return false;
      const inName = actors.some(
        (m) =>
          m.start <= p.start &&
          m.end >= p.end &&
          // The mention says more than the place ("the Al Jawf" tagged ORG is the place itself) ...
          /[\p{L}\p{N}]{2,}/u.test(text.slice(m.start, p.start).replace(/^\s*the\s+/i, '') + text.slice(p.end, m.end)) &&
          // ... and does not run on into the place's own phrase ("Ministry of Education in Beirut").
          !LOCATIVE_BEFORE.test(text.slice(m.start, p.start)),
      );
      if (!inName) return true;
      // A sea or a river in a name ("Euphrates Shield", "Red Sea Corps") does not say where either.
      if (p.kind === 'country' || p.kind === 'region' || p.kind === 'feature') return false;
      weak.add(p);
      return true;
    });
  return { places, weak };
}

/** The document's focus: its most often named place, specific places first among equals. */
export function focusOf(doc: Doc, places: Place[] = doc.places): Focus | null {
  if (!places.length) return null;
  // The dateline ("BEIRUT (Reuters) -") is where the report was filed: the focus only when nothing else places it.
  const dl = doc.meta.dateline;
  if (dl) {
    const rest = places.filter((p) => p.end <= dl.start || p.start >= dl.end);
    if (rest.length) places = rest;
  }
  const tally = new Map<string, { place: Place; n: number }>();
  for (const p of places) {
    const key = `${p.name}|${p.lat}|${p.lon}`;
    const t = tally.get(key);
    if (t) t.n++;
    else tally.set(key, { place: p, n: 1 });
  }
  let best: { place: Place; n: number } | null = null;
  // A country or region counts a third: it is named for context ("in Iraq and Syria") more often
  // than where things happen, so a town named twice outweighs a country named five times.
  const score = (t: { place: Place; n: number }) => (KIND_RANK[t.place.kind] >= KIND_RANK.region ? t.n / 3 : t.n) * 10 - KIND_RANK[t.place.kind];
  for (const t of tally.values()) {
    if (!best || score(t) > score(best)) best = t;
  }
  if (!best) return null;
  const f = best.place;
  let country: Place | undefined;
  let n = 0;
  for (const t of tally.values()) if (t.place.kind === 'country' && t.place.country === f.country && t.n > n) [country, n] = [t.place, t.n];
  return { place: f, country };
}

function within(r: Range, outer: Range): boolean {
  return r.start >= outer.start && r.end <= outer.end;
}

function toLocation(p: Place, precision: 1 | 2 | 3): EventLocation {
  return { name: p.name, lat: p.lat, lon: p.lon, country: p.country, admin1: p.admin1, precision, geonameid: p.geonameid };
}

/** `places` are the sentence's own places (see buckets.ts). */
export function locationOf(
  places: Place[],
  clause: Range,
  sentence: Range,
  trigger: Range,
  focus: Focus | null,
  dateline?: Range | null,
  weak: Set<Place> = new Set(),
  total = false,
): EventLocation | null {
  // A town named only in an actor's name ("the Kirkuk police") locates the event when no other
  // place does, one step coarser.
  const strong = places.filter((p) => !weak.has(p));
  if (strong.length < places.length) {
    const found = locationOf(strong, clause, sentence, trigger, null, dateline, undefined, total);
    if (found) return found;
    const own = places.filter((p) => weak.has(p) && within(p, sentence));
    if (own.length) {
      const best = own.reduce((a, b) => (KIND_RANK[b.kind] < KIND_RANK[a.kind] ? b : a));
      return toLocation(best, KIND_PRECISION[best.kind] === 1 ? 2 : 3);
    }
    return locationOf(strong, clause, sentence, trigger, focus, dateline, undefined, total);
  }
  // "BEIRUT: ..." names where the story was filed, not where the event happened.
  // Only where nothing else places it: not the sentence, not the document's focus (see focusOf).
  if (dateline) {
    const rest = places.filter((p) => p.end <= dateline.start || p.start >= dateline.end);
    if (rest.length || (focus && (focus.place.end <= dateline.start || focus.place.start >= dateline.end))) places = rest;
  }
  // Provinces and countries named in the sentence ("Hays (Al Hudaydah)", "in western Yemen") say
  // where its towns must be: a town resolved to another country or province is passed over.
  // (Countries are left out of that frame: "Saudi-led", "US dollar" name actors and currencies.)
  const frame = places.filter((p) => within(p, sentence) && (p.kind === 'admin1' || p.kind === 'admin2'));
  const fits = (p: Place) => KIND_RANK[p.kind] >= KIND_RANK.admin2 || frame.some((f) => f.country === p.country);
  for (const scope of [clause, sentence]) {
    let inScope = places.filter((p) => within(p, scope));
    if (!inScope.length) continue;
    if (frame.length) {
      const fitting = inScope.filter(fits);
      if (fitting.length) inScope = fitting;
    }
    // The most specific kind; among equals the one nearest after the trigger, else nearest before.
    let best = inScope[0];
    const dist = (p: Place) => (p.start >= trigger.end ? p.start - trigger.end : 10000 + trigger.start - p.end);
    for (const p of inScope) {
      const r = KIND_RANK[p.kind] - KIND_RANK[best.kind];
      if (r < 0 || (r === 0 && dist(p) < dist(best))) best = p;
    }
    const f = focus?.place;
    // Only countries ("in Iraq and Syria"): the one the document is about, else the first named.
    if (best.kind === 'country') {
      const countries = inScope.filter((p) => p.kind === 'country');
      if (new Set(countries.map((p) => p.name)).size > 1) best = countries.find((p) => f && p.name === f.name && p.kind === f.kind) ?? countries.reduce((a, b) => (b.start < a.start ? b : a));
    }
    // Only a country or a region here ("air raids in northeast Syria"): the document's focus
    // inside it says more, one step coarser than the focus itself.
    if (f && !total && KIND_RANK[best.kind] >= KIND_RANK.region && KIND_RANK[f.kind] < KIND_RANK.region && (!best.country || !f.country || best.country === f.country)) {
      return toLocation(f, KIND_PRECISION[f.kind] === 1 ? 2 : 3);
    }
    return toLocation(best, KIND_PRECISION[best.kind]);
  }
  if (!focus) return null;
  // A total with no place of its own ("9,000 fighters have died in the war") is the country's.
  if (total) return toLocation(focus.country ?? focus.place, 3);
  // Only the document as a whole names this place: one step coarser than the place itself.
  const p = focus.place;
  const precision = KIND_PRECISION[p.kind] === 1 ? 2 : 3;
  return toLocation(p, precision);
}

const DATE_PRECISIONS = new Set(['day', 'week', 'month', 'quarter', 'year']);

/** `times` are the sentence's own time expressions. */
export function dateOf(times: TimeExpr[], clause: Range, sentence: Range): ConflictEvent['date'] {
  for (const scope of [clause, sentence]) {
    let best: TimeExpr | null = null;
    for (const t of times) {
      if (!within(t, scope)) continue;
      if (t.type !== 'DATE' && t.type !== 'TIME') continue;
      if (!/^\d{4}/.test(t.value) || !DATE_PRECISIONS.has(t.precision === 'time' ? 'day' : t.precision)) continue;
      // Prefer the most precise date of the clause, then the first.
      if (!best || rank(t) < rank(best)) best = t;
    }
    if (best) return openRange(best) ?? { value: best.value.slice(0, best.precision === 'time' ? 10 : best.value.length), precision: best.precision === 'time' ? 'day' : best.precision };
  }
  return null;
}

/**
 * "Killed 40 people since Saturday": what the clause counts happened over the days from then to
 * the document date, so the date is that range at the precision that holds it (ACLED's time
 * precision 2, a specific week, for a few days), starting on the day the words name.
 */
function openRange(t: TimeExpr): ConflictEvent['date'] {
  if (t.mod !== 'ON_OR_AFTER' || !t.until || !/^\d{4}-\d\d-\d\d/.test(t.value)) return null;
  const from = t.value.slice(0, 10);
  const days = daysBetween(from, t.until);
  if (days < 1) return null;
  const precision = days <= 6 ? 'week' : days <= 62 ? 'month' : 'year';
  return { value: from, precision, until: t.until };
}

function rank(t: TimeExpr): number {
  return ['time', 'day', 'week', 'month', 'quarter', 'year'].indexOf(t.precision);
}

/**
 * Actors: who did what to whom, read from the clause's grammar (roles/): agent, patient and
 * helpers, each with its ACLED class and name. The claimant and any other reporting source is
 * never an actor.
 */
export function actorsOf(input: RoleInput, lex: RoleLexicon, evLex: Lexicon): EventActor[] {
  return readRoles(input, lex, evLex);
}
