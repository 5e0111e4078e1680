import type { EventRefiner, Mention, RefineContext } from './types.ts';
import { background } from './background.ts';
import { periodTotals } from './period-totals.ts';
import { sameIncident } from './same-incident.ts';
import { protestEscalation } from './protest-escalation.ts';
import { placeList } from './place-list.ts';
import { breakdown } from './breakdown.ts';
import { figurePerPlace } from './figure-per-place.ts';
import { definiteActors } from './definite-actors.ts';

export type { Mention, RefineContext } from './types.ts';

/**
 * The refiners, in the order they run: drop what did not happen, name "the militants" after the
 * armed group named before, join a protest and how it went,
 * join the mentions of one incident, split a list of places struck into one event per place (and a clause's figures each
 * followed by its own place into one event per figure), then let a lead's toll
 * broken down by place become those places' events.
 */
export const REFINERS: EventRefiner[] = [background, periodTotals, definiteActors, protestEscalation, sameIncident, placeList, figurePerPlace, breakdown];

export function refine(mentions: Mention[], ctx: RefineContext, refiners: EventRefiner[] = REFINERS): Mention[] {
  let out = mentions;
  for (const r of refiners) out = r.refine(out, ctx);
  return out;
}
