import type { Found, ParseContext } from '../types.ts';

/**
 * "Profit rose in the third quarter from a year earlier": a year-back comparison names the same
 * period one year before, so at the granularity of the period in focus (a quarter or half named
 * in the same sentence, else the last one named before it), not a bare year.
 */
export function periodInFocus(found: Found[], ctx: ParseContext): Found[] {
  const own = found.find((f) => /^\d{4}-[QH]\d$/.test(f.value));
  const focus = own?.value ?? ctx.focusPeriod ?? null;
  if (!focus) return found;
  // Only a current period is compared with a year before: "the 1988 period ... the year-ago
  // results" in 1989 compares with 1988 itself.
  if (ctx.anchor && +focus.slice(0, 4) < ctx.anchor.y - (ctx.anchor.m <= 3 ? 1 : 0)) return found;
  return found.map((f) => {
    if (f.yearsBack == null) return f;
    const y = +focus.slice(0, 4) - f.yearsBack;
    return { ...f, value: `${String(y).padStart(4, '0')}${focus.slice(4)}` };
  });
}
