import type { AliasHit } from './aliases.ts';
import type { TaggedSpan } from './model.ts';
import type { NerToken } from './tokens.ts';
import { type Candidate, overlaps, within } from './candidate.ts';
import type { Titles } from './titles.ts';

/** Token range [a, b) of a character range (tokens that overlap it). */
export function tokenRange(toks: NerToken[], start: number, end: number): [number, number] {
  let a = 0;
  while (a < toks.length && toks[a].end <= start) a++;
  let b = a;
  while (b < toks.length && toks[b].start < end) b++;
  return [a, Math.max(b, a + 1)];
}

/**
 * One sentence's candidates from pack aliases and tagger spans. Pack aliases win: they carry
 * canonical ids. A tagger span survives when it does not touch an alias, or when it contains
 * aliases and goes beyond them with a head of its own ("University of Mosul" around "Mosul",
 * kept with the alias nested in it). When its head is the alias ("Kurdish YPG"), the alias
 * mention takes the longer span. A tagger span that crosses an alias's edge is dropped.
 */
export function mergeSentence(
  sent: number,
  toks: NerToken[],
  hits: AliasHit[],
  spans: TaggedSpan[],
  titles: Titles,
  isCommon: (w: string) => boolean = () => false,
): Candidate[] {
  spans = spans.flatMap((s) => fixSpan(s, toks, titles));
  const out: Candidate[] = hits.map((h) => {
    const [a, b] = tokenRange(toks, h.start, h.end);
    return { start: h.start, end: h.end, type: h.entity.type, entity: h.entity.id, name: h.entity.name, source: 'pack' as const, sent, a, b };
  });
  let packCount = out.length;
  for (const s of spans) {
    const touching = out.slice(0, packCount).filter((c) => overlaps(c, s));
    if (!touching.length) {
      out.push({ start: s.start, end: s.end, type: s.type, entity: null, name: '', source: 'model', sent, a: s.a, b: s.b });
      continue;
    }
    if (!touching.every((c) => within(c, s)) || touching.some((c) => c.start === s.start && c.end === s.end)) continue;
    const generic = touching.find((c) => c.end === s.end && c.type === 'ORG' && c.b - c.a === 1 && isCommon(toks[c.a].text.toLowerCase()));
    if (generic && s.type === 'ORG') {
      // The generic word is part of this other name, not a mention of the pack's group.
      out.splice(out.indexOf(generic), 1);
      packCount--;
      out.push({ start: s.start, end: s.end, type: s.type, entity: null, name: '', source: 'model', sent, a: s.a, b: s.b });
      continue;
    }
    // A generic head ("Coalition" in "Syrian Arab Coalition") names another group: the longer
    // name stands on its own. A proper name as head ("YPG" in "Kurdish YPG") is that group.
    const head = touching.find((c) => c.end === s.end && !(c.b - c.a === 1 && isCommon(toks[c.a].text.toLowerCase())));
    if (head) {
      // "Kurdish YPG", "Lebanese Hezbollah movement"? only the same kind of thing, and never for
      // people: a title before a name is the titles rule's business.
      if (head.type === s.type && s.type !== 'PERSON' && head.start > s.start) {
        head.start = s.start;
        head.a = s.a;
      }
      continue;
    }
    out.push({ start: s.start, end: s.end, type: s.type, entity: null, name: '', source: 'model', sent, a: s.a, b: s.b });
  }
  return out;
}

/**
 * Repairs of tagger spans: a title inside an organisation or place span makes it a person
 * ("Commodore Andrew Burns"), and "and" between two people splits a person span.
 */
function fixSpan(s: TaggedSpan, toks: NerToken[], titles: Titles): TaggedSpan[] {
  if (s.type !== 'PERSON') {
    const k = titles.personInside(toks, s.a, s.b);
    return k < 0 ? [s] : [{ ...s, type: 'PERSON' }];
  }
  for (let i = s.a + 1; i < s.b - 1; i++) {
    if (toks[i].text !== 'and' && toks[i].text !== '&') continue;
    const left = { ...s, b: i, end: toks[i - 1].end };
    const right = { ...s, a: i + 1, start: toks[i + 1].start };
    return [left, ...fixSpan(right, toks, titles)];
  }
  return [s];
}
