import type { AliasHit } from './aliases.ts';
import type { TaggedSpan } from './model.ts';
import type { NerToken } from './tokens.ts';
import { type Candidate, overlaps, within } from './candidate.ts';
import type { Titles } from './titles.ts';
import { ORG_HEADS } from './rules.ts';
import { startsUpper } from '../../text/case.ts';

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
  // An alias made only of common words or organisation head nouns ("Coalition", "Security
  // Council") is generic.
  const allCommon = (c: Candidate) => toks.slice(c.a, c.b).every((t) => !/\p{L}/u.test(t.text) || isCommon(t.text.toLowerCase()) || ORG_HEADS.has(t.text.toLowerCase()));
  const wordy = (i: number) => /[\p{L}\p{N}]/u.test(toks[i].text);
  for (let s of spans) {
    const touching = out.slice(0, packCount).filter((c) => overlaps(c, s));
    if (!touching.length) {
      out.push({ start: s.start, end: s.end, type: s.type, entity: null, name: '', source: 'model', sent, a: s.a, b: s.b });
      continue;
    }
    if (!touching.every((c) => within(c, s)) || touching.some((c) => c.start === s.start && c.end === s.end)) continue;
    const head0 = touching.find((c) => c.end === s.end);
    // Only pack names, joined ("Iraq-Syria", "Turkish-Syrian"): nothing new to name, unless the
    // pack name at the end is of the same kind (qualifiers joining it, below).
    let bare = true;
    for (let i = s.a; i < s.b && bare; i++) if (wordy(i) && !touching.some((c) => c.start <= toks[i].start && toks[i].end <= c.end)) bare = false;
    if (bare && (!head0 || head0.type !== s.type)) continue;
    // A known organisation at the start of a "person" with no title in it ("Acme News English")
    // is an organisation's name.
    if (s.type === 'PERSON' && touching[0].start === s.start && touching[0].type === 'ORG' && !toks.slice(s.a, s.b).some((t) => titles.isTitleWord(t.text))) {
      s = { ...s, type: 'ORG' };
    }
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
        (t) => !startsUpper(t.text) || isCommon(t.text.toLowerCase()) || /-(?:backed|led|based|affiliated|aligned|linked|allied)$/i.test(t.text) || touching.some((h) => h.type === 'NORP' && h.start <= t.start && t.end <= h.end),
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
  // A nationality right before a known organisation qualifies it ("Kurdish YPG", "Lebanese
  // Hezbollah"): one mention of the organisation, the nationality nested in it.
  for (const c of out.slice(0, packCount)) {
    if (c.type !== 'ORG' || c.source !== 'pack') continue;
    const q = out.find((o) => o.type === 'NORP' && o.source === 'pack' && o.b === c.a && o.end <= c.start);
    if (q && !out.some((o) => o !== c && o !== q && o.a < c.b && c.a < o.b && !(o.a >= c.a && o.b <= c.b))) {
      c.a = q.a;
      c.start = q.start;
    }
  }
  return out;
}

/** Words after which "the" stays inside a name ("Organisation for the Prohibition ...", "Army of the Men of ..."). */
const GOVERNS_THE = new Set(['of', 'for', 'and', '&', 'in', 'on', 'at', 'to', 'from', 'against', 'with', 'by', 'under', 'over', 'between', 'de', 'du', 'des']);

/**
 * Repairs of tagger spans: a title inside an organisation or place span makes it a person
 * ("Commodore Andrew Burns"), and "and" between two people splits a person span.
 */
function fixSpan(s: TaggedSpan, toks: NerToken[], titles: Titles): TaggedSpan[] {
  // A lower-case "the" inside a name that no preposition or conjunction governs starts a new
  // noun phrase: text whose commas were lost ("since Thursday the Observatory said", "Meanwhile
  // the National Coalition ...") runs an adverb, a date or a place into the name. The name is what
  // follows; what precedes is a name only where a pack alias or another span says so.
  for (let i = s.a + 1; i < s.b - 1; i++) {
    if (toks[i].text !== 'the' || GOVERNS_THE.has(toks[i - 1].text.toLowerCase()) || !startsUpper(toks[i + 1].text)) continue;
    return fixSpan({ ...s, a: i + 1, start: toks[i + 1].start }, toks, titles);
  }
  // Two organisations coordinated: "the X Forces and the Y Security Forces" (each part ends in a
  // head noun; "Ministry of Agriculture and Forestry" does not split).
  if (s.type === 'ORG') {
    for (let i = s.a + 1; i < s.b - 1; i++) {
      if ((toks[i].text !== 'and' && toks[i].text !== '&') || !ORG_HEADS.has(toks[i - 1].text.toLowerCase()) || !ORG_HEADS.has(toks[s.b - 1].text.toLowerCase())) continue;
      let r = i + 1;
      while (r < s.b - 1 && /^(?:the|The)$/.test(toks[r].text)) r++;
      const left = { ...s, b: i, end: toks[i - 1].end };
      const right = { ...s, a: r, start: toks[r].start };
      return [left, ...fixSpan(right, toks, titles)];
    }
  }
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
