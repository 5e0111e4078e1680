import { createHash } from 'node:crypto';
import type { EventLocation, Place, Range } from '../../../doc.ts';
import type { Figure } from '../figures.ts';
import type { EventRefiner, Mention, RefineContext } from './types.ts';

/**
 * "Air strikes hit A, B and C" is one event per place, as ACLED codes it: a mention whose clause
 * lists places of one level (towns, or provinces: "in Daraa, Hama and Homs provinces") joined by
 * commas, "and", or nothing but a space (wire text stripped of its commas), becomes one event for
 * each place, with the same evidence, type, date and actors. A breakdown of the toll by place
 * ("four were killed in Arbin and one in each of Harasta and Douma", "five in Sabqa and one in
 * Harasta") gives each place its own figure; a toll given for the whole list is shared out evenly
 * (the remainder to the first place), since ACLED never counts one death twice.
 */
const NUMBER = String.raw`(?:\d[\d,]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|dozens)`;
/**
 * What may stand between two listed places: a comma, "and", "or", or only a space (wire text
 * stripped of its commas), then a breakdown's figure ("and one was killed in each of the towns
 * of"). "in" alone says one place holds the other ("Rastan in Homs province"): no list.
 */
const FIGURE_IN = String.raw`(?:(?:another\s+)?${NUMBER}\s+(?:more\s+)?(?:others?\s+|(?:people|civilians|persons)\s+)?(?:(?:was|were)\s+(?:killed|wounded|injured)\s+)?in\s+)`;
const LIST_GLUE = new RegExp(
  String.raw`^\s*(?:,\s*)?(?:(?:and|or|as\s+well\s+as)\s+)?${FIGURE_IN}?(?:each\s+of\s+)?(?:the\s+)?(?:(?:towns?|villages?|cities|city|neighbou?rhoods?|districts?|provinces?|areas?)\s+of\s+)?$`,
  'i',
);
/** A real list says so at least once: a comma or a conjunction ("Daraa Hama Idlib and Homs"); "Jun BEIRUT" is furniture. */
const LIST_WORD = /,|\b(?:and|or|as\s+well\s+as)\b/i;
/** Place kinds listed together: towns (and sites) with towns, provinces with provinces. */
const LEVEL: Partial<Record<Place['kind'], string>> = { city: 'town', feature: 'town', admin2: 'district', admin1: 'province' };
const EACH = /\beach\s+of\b/i;

export const placeList: EventRefiner = {
  name: 'place-list',
  refine(mentions, ctx) {
    const out: Mention[] = [];
    for (const m of mentions) {
      const list = listedPlaces(m, ctx);
      if (!list) {
        out.push(m);
        continue;
      }
      const tolls = breakdown(list, ctx);
      ctx.log.push(`place-list: ${m.event.type}/${m.event.subtype} at ${m.event.evidence[0].start} split over ${list.places.map((p) => p.name).join(', ')}${tolls ? ` (tolls ${tolls.join(', ')})` : ''}`);
      list.places.forEach((p, i) => out.push(part(m, p, i, list.places.length, tolls?.[i], list.provinces)));
    }
    return out;
  },
};

interface Listed {
  places: Place[];
  clause: Range;
  /** "in Daraa, Hama and Homs provinces": the towns' provinces are meant. */
  provinces: boolean;
}

/** After a list: the names are provinces, whatever the gazetteer made of each ("Daraa" the town). */
const PROVINCES_AFTER = /^\s+(?:provinces|governorates)\b/i;

/** The places listed together in one of the mention's clauses, when its own place is one of them. */
function listedPlaces(m: Mention, ctx: RefineContext): Listed | null {
  const loc = m.event.location;
  if (!loc || m.event.aggregate || m.ownPlace === false) return null;
  const text = ctx.doc.view.text;
  for (const clause of m.event.evidence) {
    const inClause = ctx.places.filter((p) => p.start >= clause.start && p.end <= clause.end && LEVEL[p.kind] && !p.demonym).sort((a, b) => a.start - b.start);
    // Runs of places with only list glue between them: of one level, or any level before "provinces".
    const sameLevel = (r: Place[]) => r.every((p) => LEVEL[p.kind] === LEVEL[r[0].kind]);
    const provinces = (r: Place[]) => PROVINCES_AFTER.test(text.slice(r[r.length - 1].end, clause.end));
    const listed = (r: Place[]) =>
      r.length >= 2 && r.some((x) => x.name === loc.name || x.admin1 === loc.admin1) && (sameLevel(r) || provinces(r)) && r.slice(1).some((p, i) => LIST_WORD.test(text.slice(r[i].end, p.start)));
    let run: Place[] = [];
    let found: Place[] | null = null;
    for (const p of inClause) {
      const prev = run[run.length - 1];
      if (prev && prev.name !== p.name && LIST_GLUE.test(text.slice(prev.end, p.start))) run.push(p);
      else {
        if (listed(run)) break;
        run = [p];
      }
    }
    if (listed(run)) found = run;
    if (!found) continue;
    const byProvince = provinces(found) && !sameLevel(found) ? true : LEVEL[found[0].kind] === 'province';
    const key = (p: Place) => (byProvince ? p.admin1 ?? p.name : p.name);
    const places = found.filter((p, i) => found!.findIndex((q) => key(q) === key(p)) === i);
    // The event's own place must be one of them (by name, or by province for a province list).
    if (!places.some((p) => p.name === loc.name || (byProvince && p.admin1 === loc.admin1))) continue;
    if (places.length >= 2) return { places, clause, provinces: byProvince };
  }
  return null;
}

/**
 * Each place's own toll when the clause breaks it down: the killed figure between the place before
 * and this one ("four ... in Arbin and one ... in Harasta"), and after "each of" that figure for
 * every place that follows. Null unless every place gets one.
 */
function breakdown(list: Listed, ctx: RefineContext): number[] | null {
  // (a part figure counts here: "five in Sabqa and one in Harasta" reads the one as part of the five)
  const figs = (ctx.figures ?? []).filter((f: Figure) => f.unit === 'killed' && f.start >= list.clause.start && f.end <= list.clause.end);
  if (!figs.length) return null;
  const text = ctx.doc.view.text;
  const out: number[] = [];
  let each: number | null = null;
  let from = list.clause.start;
  for (const p of list.places) {
    const own = figs.filter((f) => f.start >= from && f.end <= p.start);
    if (own.length) {
      const f = own[own.length - 1];
      each = EACH.test(text.slice(f.end, p.start)) ? f.value : null;
      out.push(f.value);
    } else if (each !== null) out.push(each);
    else return null;
    from = p.end;
  }
  return out;
}

function part(m: Mention, p: Place, i: number, n: number, toll: number | undefined, province: boolean): Mention {
  const e = m.event;
  const precision = province ? 3 : p.kind === 'city' || p.kind === 'feature' ? 1 : p.kind === 'admin2' ? 2 : 3;
  const location: EventLocation = { name: p.name, lat: p.lat, lon: p.lon, country: p.country, admin1: p.admin1, precision, geonameid: p.geonameid };
  const share = (x: number) => Math.floor(x / n) + (i === 0 ? x % n : 0);
  const fatalities = toll !== undefined ? { low: toll, best: toll, high: toll } : e.fatalities ? { low: share(e.fatalities.low), best: share(e.fatalities.best), high: share(e.fatalities.high) } : null;
  const counts = { ...e.counts };
  if (fatalities) counts.killed = fatalities.best;
  const id = i === 0 ? e.id : createHash('sha1').update(`${e.id}|${p.name}`).digest('hex').slice(0, 16);
  return { ...m, sentences: [...m.sentences], event: { ...e, id, location, fatalities, counts, actors: e.actors.map((a) => ({ ...a })), evidence: e.evidence.map((r) => ({ ...r })) } };
}
