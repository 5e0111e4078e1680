import type { Found, ParseContext, Refiner } from '../types.ts';

/**
 * "Killed 40 people since Saturday": the day named after a "since" word opens a range that runs to
 * the document date. The expression keeps its value (the first day, as TimeBank annotates it) and
 * gains the TIMEX3 mod ON_OR_AFTER, which tells the events stage that what the sentence counts
 * happened over the days from then on, not on that day. The locale gives its "since" words.
 */
export function openRange(signal: RegExp): Refiner {
  return (found: Found[], ctx: ParseContext): Found[] =>
    found.map((f) => {
      if (f.type !== 'DATE' || f.mod || !/^\d{4}/.test(f.value)) return f;
      return signal.test(ctx.text.slice(Math.max(0, f.start - 30), f.start)) ? { ...f, mod: 'ON_OR_AFTER' } : f;
    });
}
