import type { ConflictEvent, EventActor, EventType } from '../../../doc.ts';
import { distanceKm } from '../../../gazetteer/index.ts';
import type { EventRefiner, Mention, RefineContext } from './types.ts';
import { dateRange, daysBetween } from './dates.ts';

/**
 * One event per incident. A news article states its incident several times: the headline, the
 * lead, the toll, the quote ("the attack served the interests of ..."), the claim of
 * responsibility. Each triggering clause made an event; here a later mention joins an earlier one
 * when nothing tells them apart:
 * - it does not open as another incident ("Another air strike ...", "Five more civilians ...",
 *   "In a separate attack", the pack's `distinct`);
 * - kinds: the same type (for strategic developments, the same subtype), or one of them a trigger
 *   that only restates an outcome ("killed", "attack", a toll with no trigger word: the pack
 *   rules' `restates`). Two strong triggers of different kinds (a battle and an air strike), or of
 *   subtypes the pack puts in different `incident_families` (an air strike and a suicide
 *   bombing), are two incidents, as ACLED codes them;
 * - place: a mention whose sentences name no place (it has only the document's focus) may be any
 *   of them; else the same place, places within `merge_km` (pack), or one of them only a province
 *   that holds the other (a country alone holds every incident of a war, so it is no evidence);
 * - date: the same day (or one within the other's week or month), a day apart at one named town
 *   or where only one of them names a place ("overnight", "late Monday" in a report dated
 *   Tuesday), or a mention with no date of its own (the publication day, a date carried from the
 *   event before) at most `merge_days` after the other's;
 * - actors: no actor1 of one is the other's actor1 by another name (two attackers, two incidents).
 * Among the earlier mentions it may join, a mention joins the one at its own named place, then of
 * its own subtype, then the nearest before it (as a pronoun takes the nearest antecedent). The
 * joined event keeps the stronger mention's type, the place and date the text states (the more
 * precise one), every sentence as evidence, and the first stated toll (figures of other sentences
 * are never added).
 */
export const sameIncident: EventRefiner = {
  name: 'same-incident',
  refine(mentions, ctx) {
    const out: Mention[] = [];
    for (const m of mentions) {
      const fits = out.filter((o) => sameIncidentAs(o, m, ctx));
      const into = m.distinct ? null : bestOf(fits, m);
      if (!into) {
        if (m.distinct && fits.length) ctx.log.push(`same-incident: ${m.event.type}/${m.event.subtype} at ${m.event.evidence[0].start} opens as another incident`);
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

/** The earlier mention a mention joins: at its own named place, then of its subtype, then the nearest before it. */
function bestOf(cands: Mention[], m: Mention): Mention | null {
  let best: Mention | null = null;
  let bestScore = -Infinity;
  const first = Math.min(...m.sentences);
  for (const c of cands) {
    const samePlace = stated(c, 'ownPlace') && stated(m, 'ownPlace') && c.event.location?.name === m.event.location?.name;
    const before = c.sentences.filter((s) => s <= first);
    const nearest = before.length ? Math.max(...before) : Math.min(...c.sentences);
    const score = (samePlace ? 2e6 : 0) + (c.event.subtype === m.event.subtype ? 1e6 : 0) + nearest;
    if (score > bestScore) [best, bestScore] = [c, score];
  }
  return best;
}

/** Unknown counts as stated (mentions made by hand, in tests). */
function stated(m: Mention, k: 'ownPlace' | 'ownDate'): boolean {
  return m[k] !== false;
}

function sameIncidentAs(a: Mention, b: Mention, ctx: RefineContext): boolean {
  const ea = a.event;
  const eb = b.event;
  if (ea.aggregate || eb.aggregate) return false;
  // A future or hypothetical act is another one; but a denial that only restates the incident
  // ("there was no claim of responsibility for the attack") tells about the same one.
  if (ea.modality !== eb.modality && (isUnreal(ea) || isUnreal(eb)) && !deniedRestatement(a) && !deniedRestatement(b)) return false;
  if (!kindsAgree(a, b, ctx)) return false;
  if (stated(a, 'ownPlace') && stated(b, 'ownPlace') && !placesAgree(ea, eb, ctx.lex.refine.mergeKm)) return false;
  if (!datesAgree(a, b, ctx)) return false;
  return !actorsConflict(stated1(a), stated1(b));
}

/** The actors the text states (ACLED's defaults, "Unidentified Armed Group" or an air force nobody named, conflict with no one). */
function stated1(m: Mention): EventActor[] {
  const inf = m.inferred ?? [];
  return m.event.actors.filter((x) => !inf.includes(x.role));
}

function deniedRestatement(m: Mention): boolean {
  return m.event.modality === 'denied' && m.restates === true;
}

function isUnreal(e: ConflictEvent): boolean {
  return e.modality === 'future' || e.modality === 'hypothetical' || e.modality === 'denied';
}

function kindsAgree(a: Mention, b: Mention, ctx: RefineContext): boolean {
  const ea = a.event;
  const eb = b.event;
  const weak = ctx.lex.refine.weakPriority;
  if (ea.type === eb.type && ea.subtype === eb.subtype) return true;
  // Two words for one strike or one battle ("a missile strike" / "the U.S. strikes"; "clashes" /
  // "retook the town"): one incident when place and date agree, unless both are strong words of
  // different families ("an air strike" / "a suicide bombing"). Strategic developments of
  // different subtypes (an arrest, an agreement) are different acts.
  if (ea.type === eb.type && ea.type !== 'Strategic developments') {
    const fa = ctx.lex.incidentFamily.get(ea.subtype);
    const fb = ctx.lex.incidentFamily.get(eb.subtype);
    return !(a.strength >= weak && b.strength >= weak && fa !== undefined && fb !== undefined && fa !== fb);
  }
  // A violent mention that only restates an outcome ("the attack destroyed shops", "those
  // killed"), with no town of its own or the other's, tells a violent incident of another kind
  // again; "fighting continued in Kirkuk" is a battle of its own.
  if (!VIOLENT.has(ea.type) || !VIOLENT.has(eb.type)) return false;
  const [weaker, other] = restating(a) && (!restating(b) || a.strength <= b.strength) ? [a, b] : [b, a];
  if (!restating(weaker) || weaker.strength >= weak) return false;
  const wl = weaker.event.location;
  const ol = other.event.location;
  return !stated(weaker, 'ownPlace') || !wl || wl.precision > 1 || (!!ol && ol.name === wl.name);
}

/** A trigger that names only an outcome; unknown (mentions made by hand) leaves it to the trigger's strength. */
function restating(m: Mention): boolean {
  return m.restates ?? true;
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


function datesAgree(a: Mention, b: Mention, ctx: RefineContext): boolean {
  const days = ctx.lex.refine.mergeDays;
  const da = a.event.date;
  const db = b.event.date;
  if (!da || !db) return true;
  // A mention with no date of its own (the publication day, a date carried from the event
  // before) follows the dated one by at most `days`.
  const oa = stated(a, 'ownDate') && !da.fromPublication;
  const ob = stated(b, 'ownDate') && !db.fromPublication;
  if (!oa && !ob) return true;
  const ra = dateRange(da.value);
  const rb = dateRange(db.value);
  if (oa !== ob) {
    const dated = oa ? ra : rb;
    const pub = ctx.published ?? (oa ? db.value : da.value);
    if (!dated) return false;
    const gap = daysBetween(dated.end, pub);
    return gap >= 0 && gap <= days;
  }
  if (!ra || !rb) return da.value === db.value;
  // Overlapping ranges: the same day, or a day within the other's week or month ...
  if (ra.start <= rb.end && rb.start <= ra.end) return true;
  // ... or the next day at one named town, or where only one of them names a place: "overnight",
  // "late Monday" in a report of Tuesday.
  const la = a.event.location;
  const lb = b.event.location;
  const samePlace = !!la && !!lb && la.precision === 1 && la.name === lb.name;
  const onePlaced = stated(a, 'ownPlace') !== stated(b, 'ownPlace');
  return da.precision === 'day' && db.precision === 'day' && (samePlace || onePlaced) && Math.abs(daysBetween(ra.start, rb.start)) === 1;
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
  // The place and the date the text states win over the focus and the publication day.
  const ownPlace = (x: Mention) => stated(x, 'ownPlace');
  if (ownPlace(m) && !ownPlace(into) ? !!b.location : ownPlace(m) === ownPlace(into) && betterPlace(b, a)) a.location = b.location;
  const ownDate = (x: Mention, e: ConflictEvent) => stated(x, 'ownDate') && !!e.date && !e.date.fromPublication;
  if (ownDate(m, b) && !ownDate(into, a) ? true : ownDate(m, b) === ownDate(into, a) && betterDate(b, a)) a.date = b.date;
  if (!a.fatalities && b.fatalities) a.fatalities = b.fatalities;
  for (const k of Object.keys(b.counts) as Array<keyof typeof b.counts>) if (a.counts[k] == null && b.counts[k] != null) a.counts[k] = b.counts[k];
  if (a.fatalities) a.counts.killed = a.fatalities.best;
  const [p, o] = stronger ? [m, into] : [into, m];
  a.actors = joinActors(p.event.actors, o.event.actors, p.inferred ?? [], o.inferred ?? []);
  // A default replaced by a stated side is no longer a default.
  into.inferred = (p.inferred ?? []).filter((r) => a.actors.some((x) => x.role === r && p.event.actors.some((y) => y.role === r && y.entity === x.entity)));
  if (!a.attribution && b.attribution) {
    a.attribution = b.attribution;
    a.attributionEntity = b.attributionEntity;
  }
  into.strength = Math.max(into.strength, m.strength);
  into.sentences = [...new Set([...into.sentences, ...m.sentences])].sort((x, y) => x - y);
  if (m.ownPlace) into.ownPlace = true;
  if (m.ownDate) into.ownDate = true;
  if (m.restates === false) into.restates = false;
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

/**
 * The primary mention's actors, then the other's where they add a side (in a free role, else
 * associated). A side the primary leaves unnamed ("Unidentified Armed Group": "a suicide bomber
 * blew himself up") takes the name another mention gives it ("IS claimed responsibility").
 */
function joinActors(primary: EventActor[], other: EventActor[], primaryInferred: EventActor['role'][] = [], otherInferred: EventActor['role'][] = []): EventActor[] {
  const out = primary.map((x) => ({ ...x }));
  for (const role of ['actor1', 'actor2', 'target'] as const) {
    const i = out.findIndex((x) => x.role === role);
    const named = other.find((x) => x.role === role && !UNNAMED.test(x.entity) && !otherInferred.includes(x.role));
    if (i >= 0 && (UNNAMED.test(out[i].entity) || primaryInferred.includes(role)) && named && !out.some((y) => y.entity === named.entity)) out[i] = { ...named };
  }
  for (const x of other) {
    if (out.some((y) => y.entity === x.entity)) continue;
    const taken = out.some((y) => y.role === x.role) || (x.role === 'target' && out.some((y) => y.role === 'actor2')) || (x.role === 'actor2' && out.some((y) => y.role === 'target'));
    // (a default of the other mention fills a free role, but is no partner: it named no one there)
    if (taken && otherInferred.includes(x.role)) continue;
    out.push({ ...x, role: taken && x.role !== 'associated' ? 'associated' : x.role });
  }
  return out;
}
