import type { ConflictEvent, EventActor, EventType } from '../../../doc.ts';
import { distanceKm } from '../../../gazetteer/index.ts';
import type { EventRefiner, Mention, RefineContext } from './types.ts';
import { dateRange, daysBetween } from './dates.ts';

/**
 * One event per incident. A news article states its incident several times: the headline, the
 * lead, the toll, the quote ("the attack served the interests of ..."), the claim of
 * responsibility. Each triggering clause made an event; here a later mention joins an earlier one
 * when nothing tells them apart:
 * - kinds: the same type (for strategic developments, the same subtype), or one of them a weak
 *   trigger ("killed", "attack", a toll with no trigger word) that only restates the other; two
 *   strong triggers of different types (a battle and an air strike) are two incidents, as ACLED
 *   codes them;
 * - place: the same place, places within `merge_km` (pack), or one of them only a province that
 *   holds the other (a country alone holds every incident of a war, so it is no evidence);
 * - date: the same day (or one within the other's week or month), or a mention with no date of its
 *   own (the publication day) at most `merge_days` after the other's;
 * - actors: no actor1 of one is the other's actor1 by another name (two attackers, two incidents).
 * The joined event keeps the stronger mention's type, the more precise place and date, every
 * sentence as evidence, and the first stated toll (figures of other sentences are never added).
 */
export const sameIncident: EventRefiner = {
  name: 'same-incident',
  refine(mentions, ctx) {
    const out: Mention[] = [];
    for (const m of mentions) {
      const into = out.find((o) => sameIncidentAs(o, m, ctx));
      if (!into) {
        out.push(m);
        continue;
      }
      ctx.log.push(`same-incident: ${m.event.type}/${m.event.subtype} at ${m.event.evidence[0].start} joins ${into.event.type}/${into.event.subtype} at ${into.event.evidence[0].start}`);
      join(into, m);
    }
    return out;
  },
};

/** Two gazetteer entries this close are one place spelt twice (Douma and Harasta, 4 km apart, are two towns). */
const SAME_PLACE_KM = 1;

const UNNAMED = /^org:unidentified/;

const VIOLENT = new Set<EventType>(['Battles', 'Explosions/Remote violence', 'Violence against civilians']);

function sameIncidentAs(a: Mention, b: Mention, ctx: RefineContext): boolean {
  const ea = a.event;
  const eb = b.event;
  if (ea.aggregate || eb.aggregate) return false;
  if (ea.modality !== eb.modality && (isUnreal(ea) || isUnreal(eb))) return false;
  if (!kindsAgree(a, b, ctx.lex.refine.weakPriority)) return false;
  if (!placesAgree(ea, eb, ctx.lex.refine.mergeKm)) return false;
  if (!datesAgree(ea, eb, ctx.lex.refine.mergeDays)) return false;
  return !actorsConflict(ea.actors, eb.actors);
}

function isUnreal(e: ConflictEvent): boolean {
  return e.modality === 'future' || e.modality === 'hypothetical' || e.modality === 'denied';
}

function kindsAgree(a: Mention, b: Mention, weak: number): boolean {
  const ea = a.event;
  const eb = b.event;
  if (ea.type === eb.type && ea.subtype === eb.subtype) return true;
  // Two words for one strike or one battle ("a missile strike" / "the U.S. strikes"; "clashes" /
  // "retook the town"): one incident when place and date agree. Strategic developments of
  // different subtypes (an arrest, an agreement) are different acts.
  if (ea.type === eb.type && ea.type !== 'Strategic developments') return true;
  // A weak violent mention with no town of its own restates a violent incident of another kind
  // ("the attack destroyed shops", "those killed"); "fighting continued in Kirkuk" is a battle of its own.
  if (!VIOLENT.has(ea.type) || !VIOLENT.has(eb.type)) return false;
  const weaker = a.strength <= b.strength ? a : b;
  return weaker.strength < weak && (!weaker.event.location || weaker.event.location.precision > 1);
}

function placesAgree(a: ConflictEvent, b: ConflictEvent, km: number): boolean {
  const la = a.location;
  const lb = b.location;
  if (!la || !lb) return true;
  if (la.name === lb.name) return true;
  if (la.lat != null && la.lon != null && lb.lat != null && lb.lon != null) {
    // Two towns named apart are two places ("5 killed in Sabqa and 1 in Harasta"), however near;
    // near a town or in its district (precision 2) may be the same ground.
    const d = distanceKm(la.lat, la.lon, lb.lat, lb.lon);
    if (d <= (la.precision === 1 && lb.precision === 1 ? SAME_PLACE_KM : km)) return true;
  }
  // A coarse place (a province, a country) holds a precise one of the same province or country.
  if (la.precision === 3 || lb.precision === 3) {
    const coarse = la.precision === 3 ? la : lb;
    const fine = coarse === la ? lb : la;
    if (coarse.admin1 && coarse.admin1 === fine.admin1) return true;
    // A country alone ("in northern Syria") holds every incident of a war: it joins nothing but
    // another mention that names no more than the country.
    if (!coarse.admin1 && !fine.admin1 && coarse.country && coarse.country === fine.country) return true;
  }
  return false;
}

function datesAgree(a: ConflictEvent, b: ConflictEvent, days: number): boolean {
  const da = a.date;
  const db = b.date;
  if (!da || !db) return true;
  const ra = dateRange(da.value);
  const rb = dateRange(db.value);
  if (!ra || !rb) return da.value === db.value;
  // A mention dated only by publication follows the dated one by at most `days`.
  if (da.fromPublication !== db.fromPublication) {
    const dated = da.fromPublication ? rb : ra;
    const pub = da.fromPublication ? ra : rb;
    const gap = daysBetween(dated.end, pub.start);
    return gap >= 0 && gap <= days;
  }
  // Overlapping ranges: the same day, or a day within the other's week or month.
  return ra.start <= rb.end && rb.start <= ra.end;
}

/** Two different named attackers: two incidents ("a Russian strike killed 38 ... a coalition strike killed 18", "regime strikes ... rebel shelling"). */
function actorsConflict(a: EventActor[], b: EventActor[]): boolean {
  // An unidentified attacker ("gunmen", no one named) conflicts with no one.
  const first = (xs: EventActor[]) => xs.find((x) => x.role === 'actor1' && !UNNAMED.test(x.entity))?.entity;
  const fa = first(a);
  const fb = first(b);
  if (!fa || !fb || fa === fb) return false;
  // The other names it as an ally ("backed by Russian jets"): the same side, not another attacker.
  // As the target it is the other way round: "rebel shelling" after "regime strikes on rebels".
  return !b.some((x) => x.entity === fa && x.role === 'associated') && !a.some((x) => x.entity === fb && x.role === 'associated');
}

function join(into: Mention, m: Mention): void {
  const a = into.event;
  const b = m.event;
  const stronger = m.strength > into.strength;
  if (stronger) {
    a.type = b.type;
    a.subtype = b.subtype;
  }
  a.evidence = [...a.evidence, ...b.evidence].sort((x, y) => x.start - y.start);
  if (betterPlace(b, a)) a.location = b.location;
  if (betterDate(b, a)) a.date = b.date;
  if (!a.fatalities && b.fatalities) a.fatalities = b.fatalities;
  for (const k of Object.keys(b.counts) as Array<keyof typeof b.counts>) if (a.counts[k] == null && b.counts[k] != null) a.counts[k] = b.counts[k];
  if (a.fatalities) a.counts.killed = a.fatalities.best;
  a.actors = joinActors(stronger ? b.actors : a.actors, stronger ? a.actors : b.actors);
  if (!a.attribution && b.attribution) {
    a.attribution = b.attribution;
    a.attributionEntity = b.attributionEntity;
  }
  into.strength = Math.max(into.strength, m.strength);
  into.sentences = [...new Set([...into.sentences, ...m.sentences])].sort((x, y) => x - y);
}

function betterPlace(b: ConflictEvent, a: ConflictEvent): boolean {
  if (!b.location) return false;
  if (!a.location) return true;
  return b.location.precision < a.location.precision;
}

const PRECISION_RANK: Record<string, number> = { time: 0, day: 1, week: 2, month: 3, quarter: 4, year: 5, decade: 6 };

function betterDate(b: ConflictEvent, a: ConflictEvent): boolean {
  if (!b.date) return false;
  if (!a.date) return true;
  if (a.date.fromPublication && !b.date.fromPublication) return true;
  if (b.date.fromPublication && !a.date.fromPublication) return false;
  return (PRECISION_RANK[b.date.precision] ?? 9) < (PRECISION_RANK[a.date.precision] ?? 9);
}

/** The primary mention's actors, then the other's where they add a side (in a free role, else associated). */
function joinActors(primary: EventActor[], other: EventActor[]): EventActor[] {
  const out = primary.map((x) => ({ ...x }));
  for (const x of other) {
    if (out.some((y) => y.entity === x.entity)) continue;
    const taken = out.some((y) => y.role === x.role) || (x.role === 'target' && out.some((y) => y.role === 'actor2')) || (x.role === 'actor2' && out.some((y) => y.role === 'target'));
    out.push({ ...x, role: taken && x.role !== 'associated' ? 'associated' : x.role });
  }
  return out;
}
