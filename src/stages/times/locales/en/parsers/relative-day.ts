import type { Parser } from '../../../types.ts';
import { relativeDay } from '../../../resolve.ts';
import { PART, PART_OF_DAY, textBefore, wordPattern } from '../words.ts';

/**
 * Days named from the document date: "today", "yesterday", "tomorrow", "late yesterday",
 * "the day before yesterday", "tonight" (the day, as TimeBank dates it), and with a part of the day
 * as TIMEs: "this morning" (2019-03-23TMO), "last night", "yesterday afternoon", "overnight".
 */
const DAYS: Record<string, number> = {
  today: 0, tonight: 0, yesterday: -1, tomorrow: 1, 'the day before yesterday': -2, 'the day after tomorrow': 2,
};

export const relativeDayParser: Parser = {
  name: 'relative-day',
  trigger: /today|tonight|yesterday|tomorrow/i,
  pattern: wordPattern(`(?:(early|late|later|earlier)\\s+)?(today|tonight|yesterday|tomorrow|the\\s+day\\s+before\\s+yesterday|the\\s+day\\s+after\\s+tomorrow)(?:\\s+(${PART}))?`),
  extract(m, ctx) {
    const [, mod, word, part] = m;
    const w = word.toLowerCase().replace(/\s+/g, ' ');
    // "The Ariha Today page", "USA Today": a capitalised word inside a name.
    if (/^[A-Z]/.test(word) && !mod && /[A-Z][\p{L}'’.-]*\s+$/u.test(textBefore(ctx.text, m.index)) && /\S/.test(textBefore(ctx.text, m.index))) return null;
    const day = relativeDay(ctx.anchor, DAYS[w]);
    const modV = mod ? (/^early|^earlier/i.test(mod) ? 'START' : 'END') : undefined;
    if (w === 'tonight') return { type: 'DATE', value: day, mod: modV };
    if (part) return { type: 'TIME', value: `${day}T${PART_OF_DAY[part.toLowerCase()]}`, mod: modV };
    return { type: 'DATE', value: day, mod: modV };
  },
};

export const partOfDay: Parser = {
  name: 'part-of-day',
  pattern: wordPattern(`(?:(early|late)\\s+)?(this|last)\\s+(${PART})|overnight`),
  extract(m, ctx) {
    const [, mod, rel, part] = m;
    if (!rel) return { type: 'TIME', value: `${relativeDay(ctx.anchor, 0)}TNI` };
    // "last night" is the night before the document date; "last morning" is not English.
    const code = PART_OF_DAY[part.toLowerCase()];
    if (rel.toLowerCase() === 'last' && code !== 'NI' && code !== 'EV') return null;
    const day = relativeDay(ctx.anchor, rel.toLowerCase() === 'last' ? -1 : 0);
    return { type: 'TIME', value: `${day}T${code}`, mod: mod ? (/early/i.test(mod) ? 'START' : 'END') : undefined };
  },
};
