import type { Parser } from '../../../types.ts';
import { relativeUnit } from '../../../resolve.ts';
import { textBefore, wordPattern } from '../words.ts';

/**
 * Reporting periods named by a definite article, as reports of figures do: "in the quarter"
 * (the latest quarter, complete by the document date when the clause is past), "for the year
 * ended March 31" (a year's length, P1Y, the end date being its own expression).
 */
export const reportingPeriod: Parser = {
  name: 'reporting-period',
  pattern: wordPattern(`the\\s+(?:(fiscal)\\s+)?(year|quarter|half)(?=(\\s+(?:ended|ending|to|through)\\b)?)`),
  extract(m, ctx) {
    const [, , unitW, ended] = m;
    const unit = unitW.toLowerCase();
    // "for the year ended March 31" measures a year; "the quarter ended Sept. 30" names the quarter.
    if (ended && unit !== 'quarter') return { type: 'DURATION', value: unit === 'year' ? 'P1Y' : 'P6M' };
    if (unit !== 'quarter') return null;
    // Only as a period things happen in: "in the quarter", "for the quarter", "during the quarter".
    if (!ended && !/\b(?:in|for|during|over|of|throughout)\s+$/i.test(textBefore(ctx.text, m.index))) return null;
    if (/^\s+of\b/i.test(ctx.text.slice(m.index + m[0].length))) return null; // "the quarter of a million"
    const future = ctx.tense(m.index, m.index + m[0].length) === 'future';
    return { type: 'DATE', value: relativeUnit(ctx.anchor, 'quarter', future ? 0 : -1) };
  },
};
