import type { Found } from '../types.ts';

/**
 * A clock time that names no day ("at 10:35 a.m.") takes the day named in its own sentence
 * ("On Friday, at 10:35 a.m., ..."): the nearest one before it, else the nearest after it.
 * Without one it keeps the day from earlier sentences that the parser gave it.
 */
export function dayFromSentence(found: Found[]): Found[] {
  const days = found.filter((f) => !f.dayFromContext && /^\d{4}-\d{2}-\d{2}/.test(f.value));
  if (!days.length) return found;
  return found.map((f) => {
    if (!f.dayFromContext || !/T/.test(f.value)) return f;
    const before = days.filter((d) => d.end <= f.start).pop();
    const after = days.find((d) => d.start >= f.end);
    const src = before ?? after;
    if (!src) return f;
    return { ...f, value: src.value.slice(0, 10) + f.value.slice(f.value.indexOf('T')), dayFromContext: false };
  });
}
