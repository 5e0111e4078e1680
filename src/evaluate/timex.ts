import type { Metric, Pair, Scorer } from './types.ts';
import { overlaps, prf } from './prf.ts';

/**
 * Temporal expressions, scored as TempEval-3 did: spans strictly (same start and end) and by
 * overlap (one-to-one, each gold span paired with at most one prediction), then, on the matched
 * pairs, whether the type (DATE/TIME/DURATION/SET) and the normalised TIMEX3 value agree.
 * Values are compared exactly, apart from case.
 */

interface G {
  start: number;
  end: number;
  type: string;
  value: string;
}

interface Counts {
  goldN: number;
  predN: number;
  strict: number;
  overlap: number;
  typeOk: number;
  valueStrictOk: number;
  valueOverlapOk: number;
}

/** Greedy one-to-one overlap pairing: exact matches first, then the largest shared extent. */
export function matchSpans(gold: G[], pred: G[]): Array<[G, G]> {
  const pairs: Array<[G, G]> = [];
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  gold.forEach((g, gi) => {
    const pi = pred.findIndex((p, i) => !usedP.has(i) && p.start === g.start && p.end === g.end);
    if (pi >= 0) {
      usedP.add(pi);
      usedG.add(gi);
      pairs.push([g, pred[pi]]);
    }
  });
  const cands: Array<[number, number, number]> = [];
  gold.forEach((g, gi) => {
    if (usedG.has(gi)) return;
    pred.forEach((p, pi) => {
      if (!usedP.has(pi) && overlaps(g, p)) cands.push([gi, pi, Math.min(g.end, p.end) - Math.max(g.start, p.start)]);
    });
  });
  cands.sort((a, b) => b[2] - a[2]);
  for (const [gi, pi] of cands) {
    if (usedG.has(gi) || usedP.has(pi)) continue;
    usedG.add(gi);
    usedP.add(pi);
    pairs.push([gold[gi], pred[pi]]);
  }
  return pairs;
}

export function countTimex(pairs: Pair[]): Counts {
  const c: Counts = { goldN: 0, predN: 0, strict: 0, overlap: 0, typeOk: 0, valueStrictOk: 0, valueOverlapOk: 0 };
  for (const { gold, pred } of pairs) {
    if (!Array.isArray(gold.timexes)) continue;
    const g = gold.timexes;
    const p = pred.times ?? [];
    c.goldN += g.length;
    c.predN += p.length;
    for (const [a, b] of matchSpans(g, p)) {
      const strict = a.start === b.start && a.end === b.end;
      const valueOk = String(a.value).toUpperCase() === String(b.value).toUpperCase();
      c.overlap++;
      if (a.type === b.type) c.typeOk++;
      if (valueOk) c.valueOverlapOk++;
      if (strict) {
        c.strict++;
        if (valueOk) c.valueStrictOk++;
      }
    }
  }
  return c;
}

export const scorer: Scorer = {
  name: 'timex',
  applies: (gold) => gold.some((g) => Array.isArray(g.timexes)),
  score(pairs): Metric[] {
    const c = countTimex(pairs);
    const s = prf(c.strict, c.predN - c.strict, c.goldN - c.strict);
    const o = prf(c.overlap, c.predN - c.overlap, c.goldN - c.overlap);
    const ratio = (a: number, b: number) => (b ? a / b : 0);
    return [
      { metric: 'span strict P', value: s.p, n: c.predN },
      { metric: 'span strict R', value: s.r, n: c.goldN },
      { metric: 'span strict F1', value: s.f1, n: c.goldN },
      { metric: 'span overlap P', value: o.p, n: c.predN },
      { metric: 'span overlap R', value: o.r, n: c.goldN },
      { metric: 'span overlap F1', value: o.f1, n: c.goldN },
      { metric: 'type accuracy (overlap-matched)', value: ratio(c.typeOk, c.overlap), n: c.overlap },
      { metric: 'value accuracy (strict-matched)', value: ratio(c.valueStrictOk, c.strict), n: c.strict },
      { metric: 'value accuracy (overlap-matched)', value: ratio(c.valueOverlapOk, c.overlap), n: c.overlap },
    ];
  },
};
