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
  // An alias made only of common words ("Coalition", "Security Council") is generic.
  const allCommon = (c: Candidate) => toks.slice(c.a, c.b).every((t) => !/\p{L}/u.test(t.text) || isCommon(t.text.toLowerCase()));
  for (const s of spans) {
    const touching = out.slice(0, packCount).filter((c) => overlaps(c, s));
    if (!touching.length) {
      out.push({ start: s.start, end: s.end, type: s.type, entity: null, name: '', source: 'model', sent, a: s.a, b: s.b });
      continue;
    }
    if (!touching.every((c) => within(c, s)) || touching.some((c) => c.start === s.start && c.end === s.end)) continue;
    // A generic alias as head ("Coalition" in "Syrian Arab Coalition", "Security Council" in
    // "Kurdistan Region Security Council") is part of another name: that name stands on its own.
    const generic = touching.find((c) => c.end === s.end && c.type === 'ORG' && allCommon(c));
    if (generic && s.type === 'ORG') {
      out.splice(out.indexOf(generic), 1);
      packCount--;
      out.push({ start: s.start, end: s.end, type: s.type, entity: null, name: '', source: 'model', sent, a: s.a, b: s.b });
      continue;
    }
    const head = touching.find((c) => c.end === s.end);
    if (head) {
      // People: the titles rule takes what stands before a name.
      if (s.type === 'PERSON' || head.type === 'PERSON') continue;
      // Another kind of thing ending in a place name: "University of Mosul" (ORG around GPE).
      if (head.type !== s.type) {
        out.push({ start: s.start, end: s.end, type: s.type, entity: null, name: '', source: 'model', sent, a: s.a, b: s.b });
        continue;
      }
      // Same kind: qualifiers before the pack name join it ("Kurdish YPG", "Lebanese Hezbollah");
      // other capitalised words make another organisation ("Kurdistan Region Security Council"),
      // whose head alias was only part of its name. Places keep the pack's span.
      const qualifiers = toks.slice(s.a, head.a).every(
        (t) => !/^\p{Lu}/u.test(t.text) || isCommon(t.text.toLowerCase()) || /-(?:backed|led|based|affiliated|aligned|linked|allied)$/i.test(t.text) || touching.some((h) => h.type === 'NORP' && h.start <= t.start && t.end <= h.end),
      );
      if (s.type !== 'ORG') continue;
      if (qualifiers) {
        if (head.start > s.start) {
          head.start = s.start;
          head.a = s.a;
        }
        continue;
      }
      out.splice(out.indexOf(head), 1);
      packCount--;
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
