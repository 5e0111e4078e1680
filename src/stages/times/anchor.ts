import type { Doc } from '../../doc.ts';
import type { Context } from '../../context.ts';
import { ymdFromIso, type YMD } from './calendar.ts';

/**
 * The date relative expressions resolve against: the meta stage's anchor (publication date, else
 * reference date), else what the caller gave (record date, --reference-date). Never today's date:
 * an undated document keeps its relative times unresolved.
 */
export function anchorOf(doc: Doc, ctx?: Context): YMD | null {
  return (
    ymdFromIso(doc.anchor) ??
    ymdFromIso(doc.given.published) ??
    ymdFromIso(doc.given.referenceDate) ??
    ymdFromIso(ctx?.options.referenceDate) ??
    null
  );
}
