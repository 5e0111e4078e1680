import type { ConflictEvent } from '../doc.ts';
import { dateWindow, addDays } from './dates.ts';
import { entityId } from './entities.ts';
import { defaultModel, explain, pairFeatures, probability, veto, type Comparable, type PairDecision, type SimilarityModel } from './similarity.ts';

/**
 * Clustering: which reports describe the same real-world event. A new report is compared with
 * every candidate event (same type family, window and bounding box: the store's index narrows
 * them) by the scored similarity of similarity.ts: hard vetoes first (type families, aggregates
 * and war-long totals, undated reports, the same document), then a learned weighted sum of
 * scaled date gap, scaled distance, place name, actor overlap and conflict, shared figures. The
 * report joins the best-scoring event when its probability reaches the model's threshold, else
 * it founds a new event (id `ev_` + hash of the founding report, so re-running the same inputs
 * gives the same ids). The decision and its score are kept with the report (`PairDecision`).
 *
 * Incremental and order-stable: re-running the same inputs in the same order gives the same
 * events, and a later document never renames an earlier event (only a recorded merge or split does).
 */
export interface ClusterRule {
  /** Bounding-box half-size (km) of the candidate search: no join is possible beyond it. */
  maxKmCoarse: number;
  slackDays: number;
  /** An undated report's window (publication minus this many days .. publication), for display. */
  undatedLookbackDays: number;
  model: SimilarityModel;
}

export const DEFAULT_RULE: ClusterRule = {
  maxKmCoarse: 250,
  slackDays: 1,
  undatedLookbackDays: 7,
  get model() {
    return defaultModel();
  },
};

/** What clustering needs from a report or from an event. */
export interface ClusterFeatures extends Comparable {}

export function reportFeatures(e: ConflictEvent, documentId: string, published: string | null, rule: ClusterRule = DEFAULT_RULE): ClusterFeatures {
  let window = dateWindow(e.date, rule.slackDays);
  const undated = !window;
  if (!window && published && /^\d{4}-\d{2}-\d{2}/.test(published)) {
    const day = published.slice(0, 10);
    window = { lo: addDays(day, -rule.undatedLookbackDays), hi: day };
  }
  const loc = e.location;
  const id = (a: ConflictEvent['actors'][number]) => entityId({ entity: a.entity, name: a.name, type: 'ORG' });
  const figures: Record<string, number> = {};
  for (const [u, v] of Object.entries(e.counts ?? {})) if (typeof v === 'number') figures[u] = v;
  if (e.fatalities && figures.killed == null) figures.killed = e.fatalities.best;
  return {
    type: e.type,
    subtype: e.subtype || null,
    window,
    undated,
    lat: loc?.lat ?? null,
    lon: loc?.lon ?? null,
    geoPrecision: loc?.precision ?? null,
    placeName: loc?.name ? loc.name.toLowerCase() : null,
    admin1: loc?.admin1 ?? null,
    actors: [...new Set(e.actors.filter((a) => a.role !== 'associated').map(id))],
    perpetrators: [...new Set(e.actors.filter((a) => a.role === 'actor1').map(id))],
    figures,
    aggregate: !!e.aggregate,
    documents: [documentId],
  };
}

/**
 * The probability that `r` and event (or report) `c` are one incident, 0 when a veto forbids it.
 * An event with its reports is scored as the mean over its reports (the model is fitted on pairs
 * of reports; an event's summary mixes its reports' finest place and lowest figures), a report
 * that a veto keeps apart counting 0: every report of the event must fit, not just one.
 */
export function matchScore(r: ClusterFeatures, c: ClusterFeatures, rule: ClusterRule = DEFAULT_RULE): number {
  if (veto(r, c)) return 0;
  if (!c.reports?.length) return probability(rule.model, pairFeatures(r, c));
  let sum = 0;
  for (const x of c.reports) sum += veto(r, x) ? 0 : probability(rule.model, pairFeatures(r, x));
  return sum / c.reports.length;
}

/** The features of the pair behind a score: of the best-fitting report of the event, else of its summary. */
function explainedPair(r: ClusterFeatures, c: ClusterFeatures, rule: ClusterRule) {
  let best = c;
  let bestP = -1;
  for (const x of c.reports ?? []) {
    const p = veto(r, x) ? 0 : probability(rule.model, pairFeatures(r, x));
    if (p > bestP) ((best = x), (bestP = p));
  }
  return pairFeatures(r, best);
}

/**
 * Pick the best event for a report among candidates (null: found a new event), with the decision:
 * the best candidate's score, its features and their contributions, or the veto that refused it.
 */
export function decide<T extends { id: string; features: ClusterFeatures }>(r: ClusterFeatures, candidates: T[], rule: ClusterRule = DEFAULT_RULE): { match: T | null; decision: PairDecision } {
  const model = rule.model;
  let best: T | null = null;
  let bestScore = -1;
  let firstVeto: { id: string; veto: NonNullable<ReturnType<typeof veto>> } | null = null;
  for (const c of candidates) {
    const v = veto(r, c.features);
    if (v) {
      firstVeto ??= { id: c.id, veto: v };
      continue;
    }
    const s = matchScore(r, c.features, rule);
    if (s > bestScore) ((best = c), (bestScore = s));
  }
  if (!best) {
    const own = veto(r, r.documents.length ? { ...r, documents: [] } : r);
    return {
      match: null,
      decision: { eventId: firstVeto?.id ?? null, joined: false, score: 0, threshold: model.threshold, veto: own ?? firstVeto?.veto, candidates: candidates.length },
    };
  }
  const f = explainedPair(r, best.features, rule);
  const joined = bestScore >= model.threshold;
  const decision: PairDecision = {
    eventId: best.id,
    joined,
    score: Math.round(bestScore * 1000) / 1000,
    threshold: model.threshold,
    features: Object.fromEntries(Object.entries(f).map(([k, v]) => [k, Math.round(v * 1000) / 1000])),
    contributions: explain(model, f),
    candidates: candidates.length,
  };
  return { match: joined ? best : null, decision };
}

/** Pick the best event for a report among candidates; null means found a new event. */
export function bestMatch<T extends { id: string; features: ClusterFeatures }>(r: ClusterFeatures, candidates: T[], rule: ClusterRule = DEFAULT_RULE): T | null {
  return decide(r, candidates, rule).match;
}
