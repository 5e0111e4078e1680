import type { GoldDoc } from './types.ts';

/**
 * Gold documents re-cased, to measure how extraction holds on text written without case (an
 * archive that lower-cased its corpus, OCR or wire copy in capitals): `lower` or `upper` applied
 * to the text and to the text of every annotated span. Only a change that keeps every character's
 * UTF-16 length keeps the gold offsets valid, so a document whose length would change ("İ",
 * "ß" in capitals) is left out, and counted.
 */
export type CaseMode = 'lower' | 'upper';

export function recase(gold: GoldDoc[], mode: CaseMode): { docs: GoldDoc[]; dropped: number } {
  const f = (s: string) => (mode === 'lower' ? s.toLowerCase() : s.toUpperCase());
  const docs: GoldDoc[] = [];
  let dropped = 0;
  for (const g of gold) {
    const text = f(g.text);
    if (text.length !== g.text.length) {
      dropped++;
      continue;
    }
    const out: GoldDoc = { ...g, text };
    if (typeof g.title === 'string') out.title = f(g.title);
    // Span texts change with the text; everything else (types, values, coordinates) stays.
    for (const [k, v] of Object.entries(g)) {
      if (!Array.isArray(v)) continue;
      out[k] = v.map((x) => (x && typeof x === 'object' && typeof (x as { text?: unknown }).text === 'string' ? { ...x, text: f((x as { text: string }).text) } : x));
    }
    docs.push(out);
  }
  return { docs, dropped };
}
