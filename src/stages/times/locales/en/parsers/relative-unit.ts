import type { Parser } from '../../../types.ts';
import { relativeUnit, type Unit } from '../../../resolve.ts';
import { wordPattern } from '../words.ts';

/**
 * A calendar unit named from the document date: "last week" (2019-W12), "this month" (2019-03),
 * "next year", "the past year", "the current quarter", "the latest quarter" (the last one
 * completed), "earlier this month", "the end of the year", "the weekend".
 */
const REL = '(?:last|next|this|this\\s+past|this\\s+coming|the\\s+past|the\\s+last|the\\s+previous|the\\s+coming|the\\s+current|the\\s+latest|the\\s+most\\s+recent|the\\s+same|the\\s+new|past|coming|current|latest)';
const UNITS = '(?:week|weekend|month|quarter|year|fiscal\\s+year|decade|half|season)';

export const relativeUnitParser: Parser = {
  name: 'relative-unit',
  trigger: /week|month|quarter|year|decade|half|season/i,
  pattern: wordPattern(`(?:(earlier|later|early|late)\\s+(?:in\\s+)?|(the\\s+(?:start|beginning|end|middle|close|rest|remainder)\\s+of|mid-)\\s*)?(${REL})\\s+(${UNITS})|(earlier|later)\\s+in\\s+the\\s+(week|month|year)|(the\\s+(?:start|beginning|end|middle|close)\\s+of)\\s+the\\s+(week|month|year|quarter)|(the\\s+(?:comparable\\s+|same\\s+)?)?(year|month|quarter|week)(?:-|['’]s\\s+)(end|earlier|ago)(\\s+(?:(?:first|second|third|fourth)\\s+)?(?:quarter|period|half))?|the\\s+(weekend)`),
  extract(m, ctx) {
    const [, edge, phrase, rel, unitW, edge2, unit2, phrase3, unit3, the4, unit4, kind4, period4, weekend5] = m;
    let unitWord: string;
    let n = 0;
    let mod: string | undefined;
    if (rel) {
      unitWord = unitW;
      const r = rel.toLowerCase().replace(/\s+/g, ' ').replace(/^the /, '');
      if (/^(last|past|previous|this past|most recent)$/.test(r)) n = -1;
      else if (/^(next|coming|this coming)$/.test(r)) n = 1;
      else if (r === 'latest') n = /week|weekend/i.test(unitWord) ? 0 : -1; // the latest complete quarter or year
      else if (r === 'new') n = 1;
      // "the last week of March" is not last week.
      if (/^the (last|past)$/.test(rel.toLowerCase().replace(/\s+/g, ' ')) && /^\s+of\b/i.test(ctx.text.slice(m.index + m[0].length))) return null;
      const e = (edge ?? phrase ?? '').toLowerCase();
      if (/earl|start|beginning/.test(e)) mod = 'START';
      else if (/lat|end|close|rest|remainder/.test(e)) mod = 'END';
      else if (/mid/.test(e)) mod = 'MID';
    } else if (edge2) {
      unitWord = unit2;
      mod = /earl/i.test(edge2) ? 'START' : 'END';
    } else if (phrase3) {
      unitWord = unit3;
      mod = /start|beginning/i.test(phrase3) ? 'START' : /middle/i.test(phrase3) ? 'MID' : 'END';
    } else if (unit4) {
      unitWord = unit4;
      if (/end/i.test(kind4)) mod = 'END';
      else {
        // "year-earlier", "year-ago": the same period a year before.
        if (unit4.toLowerCase() !== 'year') return null;
        // "the year-ago quarter" is the expression; in "the year-ago results" the article is the noun's.
        const start = the4 && !period4 ? m.index + the4.length : undefined;
        // Without a period in focus, "the year-ago quarter" is the latest quarter's, a year back.
        const ord = /first|second|third|fourth/i.exec(period4 ?? '')?.[0].toLowerCase();
        let value = relativeUnit(ctx.anchor, 'year', -1);
        if (period4 && /quarter/i.test(period4)) {
          value = ord && ctx.anchor ? `${ctx.anchor.y - 1}-Q${['first', 'second', 'third', 'fourth'].indexOf(ord) + 1}` : relativeUnit(ctx.anchor, 'quarter', -5);
        }
        return { type: 'DATE', value, yearsBack: 1, start };
      }
    } else if (weekend5) {
      unitWord = 'weekend';
      n = ctx.tense(m.index, m.index + m[0].length) === 'future' ? 1 : 0;
    } else return null;
    let unit = unitWord.toLowerCase().replace(/\s+/g, ' ').replace('fiscal year', 'year') as Unit | 'season';
    if (unit === 'season') return null;
    if (unit === 'weekend' && rel && n === 0) n = ctx.tense(m.index, m.index + m[0].length) === 'future' ? 1 : 0;
    return { type: 'DATE', value: relativeUnit(ctx.anchor, unit as Unit, n), mod };
  },
};
