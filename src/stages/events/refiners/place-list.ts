import { createHash } from 'node:crypto';
import type { EventLocation, Place } from '../../../doc.ts';
import type { EventRefiner, Mention, RefineContext } from './types.ts';

/**
 * "Air strikes hit A, B and C" is one event per place, as ACLED codes it: a mention whose clause
 * lists towns joined by commas and "and" becomes one event for each town, with the same evidence,
 * type, date and actors. A toll given for the whole list is shared out evenly (the remainder to
 * the first town), since ACLED never counts one death twice; low and high are shared the same way.
 */
const LIST_GLUE = /^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|as\s+well\s+as\s+)(?:the\s+)?(?:(?:towns?|villages?|cities|city|neighbou?rhoods?|districts?)\s+of\s+)?$/i;
const LISTABLE = new Set<Place['kind']>(['city', 'feature']);

export const placeList: EventRefiner = {
  name: 'place-list',
  refine(mentions, ctx) {
    const out: Mention[] = [];
    for (const m of mentions) {
      const list = listedPlaces(m, ctx);
      if (list.length < 2) {
        out.push(m);
        continue;
      }
      ctx.log.push(`place-list: ${m.event.type}/${m.event.subtype} at ${m.event.evidence[0].start} split over ${list.map((p) => p.name).join(', ')}`);
      list.forEach((p, i) => out.push(part(m, p, i, list.length)));
    }
    return out;
  },
};

/** The towns listed together in the mention's first clause, when its own place is one of them. */
function listedPlaces(m: Mention, ctx: RefineContext): Place[] {
  const loc = m.event.location;
  if (!loc || loc.precision !== 1 || m.event.aggregate) return [];
  const clause = m.event.evidence[0];
  const text = ctx.doc.view.text;
  const inClause = ctx.places.filter((p) => p.start >= clause.start && p.end <= clause.end && LISTABLE.has(p.kind) && !p.demonym).sort((a, b) => a.start - b.start);
  // Runs of places with only list glue between them.
  let run: Place[] = [];
  for (const p of inClause) {
    const prev = run[run.length - 1];
    if (prev && LIST_GLUE.test(text.slice(prev.end, p.start))) run.push(p);
    else {
      if (run.length >= 2 && run.some((x) => x.name === loc.name)) break;
      run = [p];
    }
  }
  if (run.length < 2 || !run.some((x) => x.name === loc.name)) return [];
  return run.filter((p, i) => run.findIndex((q) => q.name === p.name) === i);
}

function part(m: Mention, p: Place, i: number, n: number): Mention {
  const e = m.event;
  const location: EventLocation = { name: p.name, lat: p.lat, lon: p.lon, country: p.country, admin1: p.admin1, precision: 1, geonameid: p.geonameid };
  const share = (x: number) => Math.floor(x / n) + (i === 0 ? x % n : 0);
  const fatalities = e.fatalities ? { low: share(e.fatalities.low), best: share(e.fatalities.best), high: share(e.fatalities.high) } : null;
  const counts = { ...e.counts };
  if (fatalities) counts.killed = fatalities.best;
  const id = i === 0 ? e.id : createHash('sha1').update(`${e.id}|${p.name}`).digest('hex').slice(0, 16);
  return { ...m, event: { ...e, id, location, fatalities, counts, actors: e.actors.map((a) => ({ ...a })), evidence: e.evidence.map((r) => ({ ...r })) } };
}
