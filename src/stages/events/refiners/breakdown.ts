import type { ConflictEvent, EventType } from '../../../doc.ts';
import { distanceKm } from '../../../gazetteer/index.ts';
import type { EventRefiner, Mention, RefineContext } from './types.ts';
import { dateRange } from './dates.ts';

/**
 * A lead's toll broken down by place is one event per place, as ACLED codes it: "Regime air
 * strikes killed 22 civilians around Damascus on Monday ... 16 were killed in Douma ... five in
 * Sabqa and one in Harasta". When two or more later mentions of the same kind and day, each at
 * its own town inside the lead's area (within `merge_km`, or in the lead's province), have tolls
 * that add up to the lead's (no more than it, at least half of it), the lead is their total, not
 * an incident of its own: each part takes the lead's sentences as evidence, and from the lead what
 * it does not state itself (the weapon's type when the part only says "killed", the attacker, the
 * day); the lead makes no event.
 */
export const breakdown: EventRefiner = {
  name: 'breakdown',
  refine(mentions, ctx) {
    const gone = new Set<Mention>();
    const parts = new Set<Mention>();
    for (const lead of mentions) {
      const total = lead.event.fatalities?.best;
      // (a part is no lead: "four in Arbin and one in each of Harasta and Douma" is one breakdown)
      if (!total || lead.event.aggregate || parts.has(lead)) continue;
      const mine = mentions.filter((p) => p !== lead && !gone.has(p) && !overlaps(lead, p) && partOf(lead, p, ctx));
      // One part per town.
      const towns = new Set(mine.map((p) => p.event.location!.name));
      if (mine.length < 2 || towns.size < mine.length) continue;
      const sum = mine.reduce((a, p) => a + (p.event.fatalities?.best ?? 0), 0);
      if (sum > total || sum * 2 < total) continue;
      ctx.log.push(`breakdown: ${lead.event.type}/${lead.event.subtype} at ${lead.event.evidence[0].start} (toll ${total}) is the total of ${mine.map((p) => `${p.event.location!.name} ${p.event.fatalities?.best ?? 0}`).join(', ')}`);
      for (const p of mine) {
        absorb(p, lead);
        parts.add(p);
      }
      gone.add(lead);
    }
    return mentions.filter((m) => !gone.has(m));
  },
};

/** One sentence read as both (a place list split into parts): no lead and part of each other. */
function overlaps(a: Mention, b: Mention): boolean {
  return a.event.evidence.some((x) => b.event.evidence.some((y) => x.start < y.end && y.start < x.end));
}

const VIOLENT = new Set<EventType>(['Battles', 'Explosions/Remote violence', 'Violence against civilians']);

function partOf(lead: Mention, p: Mention, ctx: RefineContext): boolean {
  const l = lead.event;
  const e = p.event;
  if (e.aggregate || p.ownPlace === false || !e.location || e.location.precision !== 1 || !e.fatalities?.best) return false;
  if (Math.min(...p.sentences) < Math.min(...lead.sentences)) return false;
  if (e.modality !== l.modality && (isUnreal(e) || isUnreal(l))) return false;
  if (!VIOLENT.has(e.type) || !VIOLENT.has(l.type)) return false;
  if (e.type !== l.type && !p.restates && !lead.restates) return false;
  // Inside the lead's area, at another place than the lead names.
  const ll = l.location;
  if (lead.ownPlace !== false && ll) {
    if (ll.name === e.location.name && ll.precision === 1) return false;
    const near = ll.lat != null && ll.lon != null && e.location.lat != null && e.location.lon != null && distanceKm(ll.lat, ll.lon, e.location.lat, e.location.lon) <= ctx.lex.refine.mergeKm;
    if (!near && !(ll.precision === 3 && ll.admin1 && ll.admin1 === e.location.admin1)) return false;
  }
  return sameDay(lead, p);
}

function isUnreal(e: ConflictEvent): boolean {
  return e.modality === 'future' || e.modality === 'hypothetical' || e.modality === 'denied';
}

function sameDay(a: Mention, b: Mention): boolean {
  const da = a.event.date;
  const db = b.event.date;
  if (!da || !db || a.ownDate === false || b.ownDate === false || da.fromPublication || db.fromPublication) return true;
  const ra = dateRange(da.value);
  const rb = dateRange(db.value);
  return !!ra && !!rb && ra.start <= rb.end && rb.start <= ra.end;
}

function absorb(p: Mention, lead: Mention): void {
  const e = p.event;
  const l = lead.event;
  const seen = new Set(e.evidence.map((r) => `${r.start}-${r.end}`));
  e.evidence = [...e.evidence, ...l.evidence.filter((r) => !seen.has(`${r.start}-${r.end}`)).map((r) => ({ ...r }))].sort((x, y) => x.start - y.start);
  p.sentences = [...new Set([...p.sentences, ...lead.sentences])].sort((x, y) => x - y);
  // "16 were killed in Douma" says only the outcome: the lead's weapon and attacker tell the rest.
  if (p.restates && !lead.restates) {
    e.type = l.type;
    e.subtype = l.subtype;
    p.strength = Math.max(p.strength, lead.strength);
    p.restates = false;
  }
  const a1 = e.actors.find((a) => a.role === 'actor1');
  const la1 = l.actors.find((a) => a.role === 'actor1');
  if (la1 && (!a1 || /^org:unidentified/.test(a1.entity))) {
    e.actors = [{ ...la1 }, ...e.actors.filter((a) => a.role !== 'actor1' && a.entity !== la1.entity)];
  }
  if ((p.ownDate === false || !e.date || e.date.fromPublication) && l.date && lead.ownDate !== false && !l.date.fromPublication) {
    e.date = { ...l.date };
    p.ownDate = true;
  }
}
