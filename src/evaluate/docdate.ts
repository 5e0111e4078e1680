import type { DocResult } from '../doc.ts';
import type { Metric, Pair, Scorer } from './types.ts';
import { normalizeGivenDate } from '../read/dates.ts';

/**
 * Document (publication) date accuracy, for gold files with `doc_date`.
 *
 * What is scored: the date the meta stage found IN THE TEXT. A gold record's `doc_date` is given
 * to the pipeline as record metadata, so `meta.published` of a gold record is that very date
 * (evidence "record") and scoring it would measure nothing. The meta stage always looks for the
 * written date as well and reports it in `debug.publishedInText` (null when it found none); that
 * is what this scorer reads. For predictions written without debug (`--no-debug`), a
 * `meta.published` with offsets (found in the text) is used instead.
 *
 * Gold documents whose `doc_date` is null, absent or not a full date (some converted corpora carry
 * truncated strings such as "Dec 17, 20") are skipped: not annotated. Metrics:
 * - `text.accuracy`: found date == gold date (day), over all gold-dated documents;
 * - `text.precision`: correct among the documents where a date was found (a wrong date is worse
 *   than none: precision says how often a found date can be trusted);
 * - `text.coverage`: documents where a date was found at all;
 * - `text.month_accuracy`: same year and month (lenient), over all gold-dated documents;
 * - `published.accuracy`: the output's `meta.published` against gold (1.0 when gold dates were given
 *   as record metadata: a sanity check of the plumbing).
 */
interface Found {
  value: string;
}

function foundInText(pred: DocResult): Found | null | undefined {
  const dbg = pred.debug as { publishedInText?: Found | null } | undefined;
  if (dbg && 'publishedInText' in dbg) return dbg.publishedInText ?? null;
  const p = pred.meta.published;
  if (p && 'start' in p) return { value: p.value };
  return dbg ? null : undefined;
}

const day = (s: string) => s.slice(0, 10);
/** The gold date as an ISO day, or null when it is not one. */
const goldDay = (d: unknown): string | null => {
  const n = normalizeGivenDate(d);
  return n && n.precision === 'day' ? n.value : null;
};

export const scorer: Scorer = {
  name: 'docdate',
  applies: (gold) => gold.some((g) => goldDay(g.doc_date) !== null),
  score(pairs: Pair[]): Metric[] {
    const dated = pairs.filter((p) => goldDay(p.gold.doc_date) !== null);
    let found = 0;
    let correct = 0;
    let month = 0;
    let given = 0;
    for (const { gold, pred } of dated) {
      const g = goldDay(gold.doc_date)!;
      const f = foundInText(pred);
      if (f) {
        found++;
        if (day(f.value) === g) correct++;
        if (f.value.slice(0, 7) === g.slice(0, 7)) month++;
      }
      if (pred.meta.published && day(pred.meta.published.value) === g) given++;
    }
    const n = dated.length;
    const r = (a: number, b: number) => (b ? a / b : 0);
    return [
      { metric: 'text.accuracy', value: r(correct, n), n },
      { metric: 'text.precision', value: r(correct, found), n: found },
      { metric: 'text.coverage', value: r(found, n), n },
      { metric: 'text.month_accuracy', value: r(month, n), n },
      { metric: 'published.accuracy', value: r(given, n), n },
    ];
  },
};
