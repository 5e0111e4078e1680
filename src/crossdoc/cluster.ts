import type { ConflictEvent } from '../doc.ts';
import { dateWindow, haversineKm, overlaps, addDays, type Window } from './dates.ts';
import { entityId } from './entities.ts';

/**
 * Clustering: which reports describe the same real-world event. A report joins an existing event
 * when ALL of these hold (otherwise it founds a new event):
 *
 * 1. same ACLED event type;
 * 2. date windows overlap (see dates.ts: a day-precise date allows a day either side; a report
 *    with no date uses its publication date minus `undatedLookbackDays`..publication date);
 * 3. places within `maxKm` (`maxKmCoarse` when either location is only known to province
 *    level, geo precision 3); a report with no coordinates matches only on the same place name
 *    or when neither side has a location;
 * 4. actors overlap when both sides name actors (actor1/actor2/target entities share one);
 * 5. the event holds no other report from the same document (a document that lists two events
 *    means two events), and a period summary (aggregate) clusters only with period summaries.
 *
 * Among compatible events the best is chosen by shared actors, then distance, then date.
 * Incremental and order-stable: re-running the same inputs in the same order gives the same events.
 */
export interface ClusterRule {
  maxKm: number;
  maxKmCoarse: number;
  slackDays: number;
  undatedLookbackDays: number;
}

export const DEFAULT_RULE: ClusterRule = { maxKm: 40, maxKmCoarse: 150, slackDays: 1, undatedLookbackDays: 7 };

/** What clustering needs from a report or from an event. */
export interface ClusterFeatures {
  type: string;
  window: Window | null;
  lat: number | null;
  lon: number | null;
  geoPrecision: number | null;
  placeName: string | null;
  actors: string[];
  aggregate: boolean;
  documents: string[];
}

export function reportFeatures(e: ConflictEvent, documentId: string, published: string | null, rule: ClusterRule = DEFAULT_RULE): ClusterFeatures {
  let window = dateWindow(e.date, rule.slackDays);
  if (!window && published && /^\d{4}-\d{2}-\d{2}/.test(published)) {
    const day = published.slice(0, 10);
    window = { lo: addDays(day, -rule.undatedLookbackDays), hi: day };
  }
  const loc = e.location;
  return {
    type: e.type,
    window,
    lat: loc?.lat ?? null,
    lon: loc?.lon ?? null,
    geoPrecision: loc?.precision ?? null,
    placeName: loc?.name ? loc.name.toLowerCase() : null,
    actors: [...new Set(e.actors.filter((a) => a.role !== 'associated').map((a) => entityId({ entity: a.entity, name: a.name, type: 'ORG' })))],
    aggregate: !!e.aggregate,
    documents: [documentId],
  };
}

/** A score > 0 when `r` may join event `c` (higher is a better match); 0 when it may not. */
export function matchScore(r: ClusterFeatures, c: ClusterFeatures, rule: ClusterRule = DEFAULT_RULE): number {
  if (r.type !== c.type) return 0;
  if (r.aggregate !== c.aggregate) return 0;
  if (r.documents.some((d) => c.documents.includes(d))) return 0;
  if (!r.window || !c.window || !overlaps(r.window, c.window)) return 0;
  let distScore: number;
  if (r.lat != null && r.lon != null && c.lat != null && c.lon != null) {
    const coarse = (r.geoPrecision ?? 1) >= 3 || (c.geoPrecision ?? 1) >= 3;
    const km = haversineKm(r.lat, r.lon, c.lat, c.lon);
    const max = coarse ? rule.maxKmCoarse : rule.maxKm;
    if (km > max) return 0;
    distScore = 1 - km / (max + 1);
  } else if (r.placeName || c.placeName) {
    if (r.placeName !== c.placeName) return 0;
    distScore = 0.5;
  } else distScore = 0.25;
  let actorScore = 0.5;
  if (r.actors.length && c.actors.length) {
    const shared = r.actors.filter((a) => c.actors.includes(a)).length;
    if (!shared) return 0;
    actorScore = 1 + shared / Math.max(r.actors.length, c.actors.length);
  }
  return actorScore * 10 + distScore;
}

/** Pick the best event for a report among candidates; null means found a new event. */
export function bestMatch<T extends { features: ClusterFeatures }>(r: ClusterFeatures, candidates: T[], rule: ClusterRule = DEFAULT_RULE): T | null {
  let best: T | null = null;
  let bestScore = 0;
  for (const c of candidates) {
    const s = matchScore(r, c.features, rule);
    if (s > bestScore) {
      best = c;
      bestScore = s;
    }
  }
  return best;
}
