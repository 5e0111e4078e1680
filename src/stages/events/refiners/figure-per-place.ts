import { createHash } from 'node:crypto';
import type { ConflictEvent, EventLocation, Place } from '../../../doc.ts';
import type { Figure } from '../figures.ts';
import type { EventRefiner, Mention, RefineContext } from './types.ts';

/**
 * "N strikes on targets in town A and another M against positions in province B": one clause,
 * figures of one count each followed by a place of its own, is one event per place with
 * its own figure, as ACLED codes a summary by place. The clause's counted figures were added up
 * into the mention (tie.ts counts each figure of a sentence once); this takes them apart again.
 *
 * It applies only when the pairing is unambiguous: two or more figures of the same unit, each with
 * exactly one place between it and the next figure (or the clause end), the places distinct, and
 * their sum the mention's count. Place lists with one figure ("strikes hit A, B and C") are
 * place-list's.
 */
export const figurePerPlace: EventRefiner = {
  name: 'figure-per-place',
  refine(mentions, ctx) {
    const out: Mention[] = [];
    for (const m of mentions) {
      const pairs = pairsOf(m, ctx);
      if (!pairs) {
        out.push(m);
        continue;
      }
      ctx.log.push(`figure-per-place: ${m.event.type}/${m.event.subtype} at ${m.event.evidence[0].start} split into ${pairs.pairs.map((p) => `${p.place.name} ${p.figure.value}`).join(', ')} (${pairs.unit})`);
      pairs.pairs.forEach((p, i) => out.push(part(m, p.place, p.figure.value, pairs.unit, i)));
    }
    return out;
  },
};

/** The units an event counts (ConflictEvent counts), which a figure may give per place. */
const COUNTED = new Set(['killed', 'injured', 'detained', 'strikes', 'operations']);

function pairsOf(m: Mention, ctx: RefineContext): { unit: string; pairs: Array<{ figure: Figure; place: Place }> } | null {
  const e = m.event;
  if (!e.location || m.ownPlace === false || e.evidence.length === 0) return null;
  const clause = e.evidence[0];
  const figs = (ctx.figures ?? []).filter((f) => f.start >= clause.start && f.end <= clause.end && COUNTED.has(f.unit) && !f.part).sort((a, b) => a.start - b.start);
  for (const unit of COUNTED) {
    const own = figs.filter((f) => f.unit === unit);
    if (own.length < 2 || figs.some((f) => f.unit === unit && f.part)) continue;
    const total = unit === 'killed' ? e.fatalities?.best ?? e.counts.killed : (e.counts as Record<string, number | null>)[unit];
    if (total == null || own.reduce((a, f) => a + f.value, 0) !== total) continue;
    const pairs: Array<{ figure: Figure; place: Place }> = [];
    for (let i = 0; i < own.length; i++) {
      const to = i + 1 < own.length ? own[i + 1].start : clause.end;
      const places = ctx.places.filter((p) => p.start >= own[i].end && p.end <= to && !p.demonym);
      if (places.length !== 1) break;
      pairs.push({ figure: own[i], place: places[0] });
    }
    if (pairs.length !== own.length || new Set(pairs.map((p) => p.place.name)).size !== pairs.length) continue;
    return { unit, pairs };
  }
  return null;
}

function part(m: Mention, p: Place, value: number, unit: string, i: number): Mention {
  const e = m.event;
  const precision = p.kind === 'city' || p.kind === 'feature' ? 1 : p.kind === 'admin2' ? 2 : 3;
  const location: EventLocation = { name: p.name, lat: p.lat, lon: p.lon, country: p.country, admin1: p.admin1, precision, geonameid: p.geonameid };
  const counts = { ...e.counts, [unit]: value } as ConflictEvent['counts'];
  const fatalities = unit === 'killed' ? { low: value, best: value, high: value } : e.fatalities;
  const id = i === 0 ? e.id : createHash('sha1').update(`${e.id}|${p.name}|${unit}`).digest('hex').slice(0, 16);
  return { ...m, sentences: [...m.sentences], event: { ...e, id, location, counts, fatalities, actors: e.actors.map((a) => ({ ...a })), evidence: e.evidence.map((r) => ({ ...r })) } };
}
