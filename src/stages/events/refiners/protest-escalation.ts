import type { ConflictEvent } from '../../../doc.ts';
import type { EventRefiner, Mention, RefineContext } from './types.ts';

/**
 * A demonstration and what happened during it are one event, coded by how it went (ACLED codebook
 * 2019+): "Residents demonstrated against the curfew. Tires were burned and a police station
 * vandalized" is one violent demonstration (Riots), not a peaceful protest and a riot; "...
 * Security forces fired tear gas to disperse them" is a protest with intervention. The rules read
 * each sentence alone, so the demonstration and its turn are two mentions; here a mention of a
 * riot or of an intervention in the sentences right after a protest, in the same paragraph, with
 * no place or day of its own that differs, joins the protest, and the joined event takes the
 * graver coding: a riot over excessive force over intervention over a peaceful protest.
 */
export const protestEscalation: EventRefiner = {
  name: 'protest-escalation',
  refine(mentions, ctx) {
    const out: Mention[] = [];
    for (const m of mentions) {
      const prev = out[out.length - 1];
      if (prev && escalates(prev, m, ctx)) {
        ctx.log.push(`protest-escalation: ${m.event.type}/${m.event.subtype} at ${m.event.evidence[0].start} is how the protest at ${prev.event.evidence[0].start} went`);
        join(prev, m);
        continue;
      }
      out.push(m);
    }
    return out;
  },
};

/** How grave a coding of a demonstration is (absent: not a demonstration's coding). */
const GRAVITY: Record<string, number> = {
  'Protests/Peaceful protest': 1,
  'Protests/Protest with intervention': 2,
  'Protests/Excessive force against protesters': 3,
  'Riots/Violent demonstration': 4,
  'Riots/Mob violence': 4,
};

function gravity(e: ConflictEvent): number | undefined {
  return GRAVITY[`${e.type}/${e.subtype}`];
}

/** The next mention tells how the protest before it went. */
function escalates(protest: Mention, next: Mention, ctx: RefineContext): boolean {
  const a = protest.event;
  const b = next.event;
  if (a.type !== 'Protests' || a.aggregate || b.aggregate) return false;
  const gb = gravity(b);
  if (gb === undefined || gb <= (gravity(a) ?? 0)) return false;
  // The sentences right after the protest's, in its paragraph (no line break between).
  const last = Math.max(...protest.sentences);
  const first = Math.min(...next.sentences);
  if (first !== last + 1 && first !== last) return false;
  const sa = ctx.doc.sentences[last];
  const sb = ctx.doc.sentences[first];
  if (!sa || !sb || ctx.doc.view.text.slice(sa.end, sb.start).includes('\n')) return false;
  // A place or a day of its own that differs is another demonstration.
  if (next.ownPlace !== false && b.location && a.location && b.location.name !== a.location.name && b.location.precision <= a.location.precision) return false;
  if (next.ownDate !== false && b.date && a.date && !b.date.fromPublication && b.date.value.slice(0, 10) !== a.date.value.slice(0, 10)) return false;
  return true;
}

/** The protest takes the graver coding and its sides, every sentence as evidence, the first stated toll. */
function join(into: Mention, m: Mention): void {
  const a = into.event;
  const b = m.event;
  a.type = b.type;
  a.subtype = b.subtype;
  // The sides of the graver coding (rioters; protesters and the forces that intervened).
  if (b.actors.some((x) => x.role === 'actor1')) a.actors = b.actors;
  a.evidence = [...a.evidence, ...b.evidence];
  a.fatalities ??= b.fatalities;
  for (const k of Object.keys(b.counts) as Array<keyof typeof b.counts>) if (a.counts[k] == null && b.counts[k] != null) a.counts[k] = b.counts[k];
  if (!a.location) a.location = b.location;
  into.sentences = [...new Set([...into.sentences, ...m.sentences])];
  into.strength = Math.max(into.strength, m.strength);
  into.inferred = m.inferred;
}
