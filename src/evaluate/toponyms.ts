import type { Metric, Pair, Scorer } from './types.ts';
import type { Place } from '../doc.ts';
import { prf, overlaps } from './prf.ts';

/**
 * Toponym recognition and resolution, as the geoparsing literature scores them (Gritta et al. 2019):
 * - recognition P/R/F1 of predicted places against gold toponyms, strict (same offsets) and overlap;
 * - resolution over the gold toponyms matched (by overlap) by a predicted place: accuracy within
 *   161 km (100 miles) and mean ln(1 + error km);
 * - the same accuracy over ALL gold toponyms with coordinates, an unmatched one counting as wrong,
 *   which folds recognition misses into one figure.
 */
const R = Math.PI / 180;
function km(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const h = Math.sin(((bLat - aLat) * R) / 2) ** 2 + Math.cos(aLat * R) * Math.cos(bLat * R) * Math.sin(((bLon - aLon) * R) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface ToponymErrors {
  /** Per matched gold toponym with coordinates: the error in km. */
  errors: number[];
  goldWithCoords: number;
}

export const scorer: Scorer = {
  name: 'toponyms',
  applies: (gold) => gold.some((g) => Array.isArray(g.toponyms)),
  score(pairs: Pair[]): Metric[] {
    let sTp = 0, sFp = 0, sFn = 0;
    let oTp = 0, oFp = 0, oFn = 0;
    const errors: number[] = [];
    let goldCoords = 0;
    for (const { gold, pred } of pairs) {
      if (!Array.isArray(gold.toponyms)) continue;
      const g = gold.toponyms;
      const p: Place[] = pred.places ?? [];
      const strictKeys = new Set(g.map((t) => `${t.start}:${t.end}`));
      const predKeys = new Set(p.map((t) => `${t.start}:${t.end}`));
      for (const k of predKeys) (strictKeys.has(k) ? sTp++ : sFp++);
      for (const k of strictKeys) if (!predKeys.has(k)) sFn++;
      // Overlap: each gold span matched by at most one prediction and vice versa, best overlap first.
      const usedPred = new Set<number>();
      for (const t of g) {
        let best = -1;
        let bestOv = 0;
        for (let i = 0; i < p.length; i++) {
          if (usedPred.has(i) || !overlaps(t, p[i])) continue;
          const ov = Math.min(t.end, p[i].end) - Math.max(t.start, p[i].start);
          if (ov > bestOv) {
            bestOv = ov;
            best = i;
          }
        }
        const hasCoords = typeof t.lat === 'number' && typeof t.lon === 'number';
        if (hasCoords) goldCoords++;
        if (best < 0) {
          oFn++;
          continue;
        }
        usedPred.add(best);
        oTp++;
        if (hasCoords && Number.isFinite(p[best].lat) && Number.isFinite(p[best].lon)) errors.push(km(t.lat!, t.lon!, p[best].lat, p[best].lon));
        else if (hasCoords) errors.push(20039); // matched but no coordinates: as far as it gets
      }
      oFp += p.length - usedPred.size;
    }
    const strict = prf(sTp, sFp, sFn);
    const overlap = prf(oTp, oFp, oFn);
    const within = errors.filter((e) => e <= 161).length;
    const meanLn = errors.length ? errors.reduce((a, e) => a + Math.log(1 + e), 0) / errors.length : 0;
    const sorted = [...errors].sort((a, b) => a - b);
    const median = sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0;
    const nGold = sTp + sFn;
    const nPred = sTp + sFp;
    return [
      { metric: 'recognition strict P', value: strict.p, n: nPred },
      { metric: 'recognition strict R', value: strict.r, n: nGold },
      { metric: 'recognition strict F1', value: strict.f1, n: nGold },
      { metric: 'recognition overlap P', value: overlap.p, n: oTp + oFp },
      { metric: 'recognition overlap R', value: overlap.r, n: oTp + oFn },
      { metric: 'recognition overlap F1', value: overlap.f1, n: oTp + oFn },
      { metric: 'accuracy@161km (matched gold)', value: errors.length ? within / errors.length : 0, n: errors.length },
      { metric: 'accuracy@161km (all gold, miss=wrong)', value: goldCoords ? within / goldCoords : 0, n: goldCoords },
      { metric: 'mean ln(1+km) (matched gold)', value: meanLn, n: errors.length },
      { metric: 'median error km (matched gold)', value: median, n: errors.length },
    ];
  },
};
