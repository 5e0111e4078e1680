import type { Found, ParseContext } from '../types.ts';
import { ymdFromIso } from '../calendar.ts';
import { yearFor } from '../resolve.ts';

/**
 * In an undated document, a date without a year takes it from a full date in the same sentence
 * ("On 30 April 2020 (between 27 April and 4 May)"), as it would from the document date.
 */
export function yearFromSentence(found: Found[], ctx: ParseContext): Found[] {
  if (ctx.anchor) return found;
  const full = found.filter((f) => /^\d{4}-\d{2}-\d{2}/.test(f.value));
  if (!full.length) return found;
  return found.map((f) => {
    const m = /^XXXX-(\d{2})(?:-(\d{2}))?$/.exec(f.value);
    if (!m) return f;
    const src = full.filter((d) => d.end <= f.start).pop() ?? full.find((d) => d.start >= f.end)!;
    const ref = ymdFromIso(src.value)!;
    const y = yearFor(ref, +m[1], m[2] ? +m[2] : null, 'unknown');
    return { ...f, value: `${String(y).padStart(4, '0')}${f.value.slice(4)}` };
  });
}
