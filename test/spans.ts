import type { DocResult, Range } from '../src/doc.ts';

/** Every offset-bearing thing in a result, with the text it claims (when it carries one). */
export function spans(r: DocResult): Array<{ where: string; start: number; end: number; text?: string }> {
  const out: Array<{ where: string; start: number; end: number; text?: string }> = [];
  const add = (where: string, x: Range & { text?: string }) => out.push({ where, start: x.start, end: x.end, text: x.text });
  add('meta.body', r.meta.body);
  if (r.meta.published && 'start' in r.meta.published) add('meta.published', r.meta.published);
  if (r.meta.dateline) add('meta.dateline', r.meta.dateline);
  for (const m of r.mentions) add('mention', m);
  for (const p of r.places) add('place', p);
  for (const t of r.times) add('time', t);
  for (const e of r.events) for (const ev of e.evidence) add('event.evidence', ev);
  for (const c of r.claims) {
    add('claim', c);
    add('claim.evidence', c.evidence);
  }
  return out;
}

/** Spans that do not slice the input: out of bounds, reversed, or carrying other text. */
export function badSpans(r: DocResult, text: string): string[] {
  const bad: string[] = [];
  for (const s of spans(r)) {
    const ok = Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= text.length && (s.text === undefined || text.slice(s.start, s.end) === s.text);
    if (!ok) bad.push(`${s.where} [${s.start},${s.end}) ${JSON.stringify(s.text?.slice(0, 40))} vs ${JSON.stringify(text.slice(s.start, Math.min(s.end, s.start + 40)))}`);
  }
  return bad;
}
