import type { Doc, Mention, Range } from '../../doc.ts';
import type { Context } from '../../context.ts';
import { lexicon, type Lexicon } from './lexicon.ts';
import { bySentence } from './buckets.ts';

/**
 * Who says so, per sentence: the claimant of what a sentence states, or null when the article
 * states it in its own voice. Found from the pack's attribution words:
 *   "according to X", "as reported by X"          (prefixes)
 *   "X said", "X told reporters", "said X"          (verbs; the speaker is the nearest name)
 *   "are estimated by X"                            (passive)
 *   "he said", "it said"                            (the last named speaker)
 * and a quoted passage takes the speaker named where the quote closes ("“... ,” said X").
 * Computed once per Doc and cached: events (attribution, modality) and claims both read it.
 */
export interface Attribution {
  name: string;
  entity: string | null;
  span: Range;
}

const cache = new WeakMap<Doc, Array<Attribution | null>>();

const PRONOUN = /(?:^|[\s“"‘,])(he|she|they|it|the\s+(?:official|spokes(?:man|woman|person)|statement|group|ministry|monitor|agency|source|officer|commander|general|minister|report))\s*(?:also\s+|further\s+|later\s+)?$/i;
const PERSON_PRONOUN = /^(?:he|she|the\s+(?:official|spokes\w+|officer|commander|general|minister))$/i;
const SPEAKER_TYPES: Record<string, number> = { PERSON: 3, ORG: 2, GPE: 1, NORP: 1, FAC: 0, LOC: 0 };

export function attributions(doc: Doc, ctx: Context): Array<Attribution | null> {
  let out = cache.get(doc);
  if (!out) {
    out = compute(doc, lexicon(ctx));
    cache.set(doc, out);
  }
  return out;
}

function compute(doc: Doc, lex: Lexicon): Array<Attribution | null> {
  const text = doc.view.text;
  const mentions = [...doc.mentions].sort((a, b) => a.start - b.start);
  const perSentence = bySentence(mentions, doc.sentences);
  const out: Array<Attribution | null> = [];
  let lastPerson: Attribution | null = null;
  let lastAny: Attribution | null = null; // the last speaker that is not a person
  doc.sentences.forEach((s, si) => {
    const own = findIn(text, s, perSentence[si], lex, lastPerson, lastAny);
    out.push(own);
    if (own) {
      if (own.entity?.startsWith('person:') || isPersonish(own, perSentence[si])) lastPerson = own;
      else lastAny = own;
    }
  });
  // A quotation spread over several sentences takes the speaker named where it closes.
  let open = -1;
  doc.sentences.forEach((s, i) => {
    const t = text.slice(s.start, s.end);
    const opens = (t.match(/[“]/g) ?? []).length + straightQuotes(t, 'open');
    const closes = (t.match(/[”]/g) ?? []).length + straightQuotes(t, 'close');
    if (open < 0 && opens > closes) open = i;
    else if (open >= 0 && closes > opens) {
      const who = out[i];
      if (who) for (let j = open; j < i; j++) if (!out[j] || out[j] === who) out[j] = who;
      open = -1;
    }
    // A paragraph break ends an unclosed quotation.
    if (open >= 0 && i + 1 < doc.sentences.length && /\n\s*\n/.test(text.slice(s.end, doc.sentences[i + 1].start))) open = -1;
  });
  return out;
}

function straightQuotes(t: string, which: 'open' | 'close'): number {
  const n = (t.match(/"/g) ?? []).length;
  if (n % 2 === 0) return 0;
  // An odd straight quote at the start opens, elsewhere it closes.
  const opensFirst = /^\s*"/.test(t);
  return which === 'open' ? (opensFirst ? 1 : 0) : opensFirst ? 0 : 1;
}

function isPersonish(a: Attribution, mentions: Mention[]): boolean {
  return mentions.some((m) => m.type === 'PERSON' && m.start >= a.span.start && m.end <= a.span.end);
}

/** What may stand between a speaker and the verb: an apposition, a possessive role, adverbs. */
const SPEAKER_GAP = /^\)?(?:\s*\([^()]{1,40}\))?(?:['’]s?(?:\s+[\p{L}-]+){0,3})?(?:\s*,[^,;”"]{1,80},)?\s*(?:(?:also|later|further|then|again|separately|previously|earlier|yesterday|today|tonight|on\s+\p{Lu}\p{L}+|in\s+a\s+(?:\w+\s+)?statement|on\s+(?:Twitter|X|Telegram|Facebook)|has|have|had)\s*)*$/u;

/** Capitalised words that are no speaker: function words, months, weekdays, lone name parts. */
const NOT_A_NAME = /^(?:The|A|An|In|On|But|And|It|This|That|He|She|They|We|I|United|New|North|South|East|West|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;

/** A bare title ("Col.", "Gen.") is no speaker by itself: the name right after it is. */
const BARE_TITLE = /^[A-Z][a-z]{1,4}\.$/;

function speakers(ms: Mention[], text: string): Mention[] {
  const out: Mention[] = [];
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i];
    if (!BARE_TITLE.test(m.text)) {
      out.push(m);
      continue;
    }
    const next = ms[i + 1];
    if (next && next.start - m.end <= 1 && next.start >= m.end) {
      // "Col." + "Smith": the person, named with the title.
      out.push({ ...next, type: 'PERSON', start: m.start, text: text.slice(m.start, next.end) });
      i++;
    }
  }
  return out;
}

function findIn(text: string, s: Range, mentions: Mention[], lex: Lexicon, lastPerson: Attribution | null, lastAny: Attribution | null): Attribution | null {
  const sent = text.slice(s.start, s.end);
  const inSent = speakers(mentions, text);
  // "according to X"
  for (const re of [lex.attributionPrefixes, lex.attributionPassive]) {
    re.lastIndex = 0;
    const m = re.exec(sent);
    if (m) {
      const from = s.start + m.index + m[0].length;
      const a = nameAfter(text, from, s.end, inSent);
      if (a) return a;
    }
  }
  // "X said", "said X", "he said"
  lex.attributionVerbs.lastIndex = 0;
  for (let m = lex.attributionVerbs.exec(sent); m; m = lex.attributionVerbs.exec(sent)) {
    const vStart = s.start + m.index;
    const vEnd = vStart + m[0].length;
    const before = text.slice(Math.max(s.start, vStart - 60), vStart);
    // "were reported killed", "is claimed": a passive verb names no speaker here.
    if (/\b(?:was|were|is|are|been|being|be|widely|reportedly)\s+$/i.test(before)) continue;
    // "IS claimed responsibility for the attack": claiming an act is owning it, not reporting it.
    if (/^\s+(?:full\s+)?(?:responsibility|credit)\b/i.test(text.slice(vEnd, vEnd + 30))) continue;
    const pro = PRONOUN.exec(before);
    if (pro) {
      const pick = PERSON_PRONOUN.test(pro[1]) ? lastPerson ?? lastAny : lastAny ?? lastPerson;
      if (pick) return pick;
    }
    // Inverted after a quotation or at the start: "”, said Lt. Gen. X"
    if (/(?:[”"’]\s*,?|,\s*[”"’])\s*$/.test(before) || vStart === s.start) {
      const a = nameAfter(text, vEnd, Math.min(s.end, vEnd + 80), inSent);
      if (a) return a;
    }
    const a = nameBefore(text, Math.max(s.start, vStart - 120), vStart, inSent);
    if (a) return a;
    // "said X" with the name right after the verb (not across a clause: "claimed ..., but X").
    // A name the report goes on from ("said a US-led coalition strike in Raqqa killed 18") is
    // what was said, not who said it.
    const a2 = nameAfter(text, vEnd, Math.min(s.end, vEnd + 25), inSent, true);
    if (a2 && !/[,;]/.test(text.slice(vEnd, a2.span.start)) && SPEAKER_ENDS.test(text.slice(a2.span.end, s.end))) return a2;
    const np = describedBefore(text, Math.max(s.start, vStart - 60), vStart);
    if (np) return np;
  }
  return null;
}

/** After a speaker named after its verb: the sentence ends, or a pause, an aside or a time follows ("said SOHR on Monday", "said X, adding"). */
const SPEAKER_ENDS = /^\s*(?:$|[,.;:!?"”’)(\-–—]|(?:on|in|at|late|early|earlier|yesterday|today|adding|citing|which|who|that)\b)/iu;

/** The speaker right after a position: the best-typed mention within reach, else a capitalised phrase. */
function nameAfter(text: string, from: number, to: number, ms: Mention[], strict = false): Attribution | null {
  let best: Mention | null = null;
  for (const m of ms) {
    if (m.start < from || m.start > Math.min(to, from + 70)) continue;
    // A name inside a compound modifier ("the UK-based monitor", "a US-led strike") is not the
    // speaker: the described source around it is (below).
    if (/^-\p{L}/u.test(text.slice(m.end, m.end + 2))) continue;
    // Stop at a clause break before the mention.
    if (/[;.]/.test(text.slice(from, m.start))) break;
    if (!best || SPEAKER_TYPES[m.type] > SPEAKER_TYPES[best.type]) best = m;
    if (best.type === 'PERSON') break;
  }
  if (best && SPEAKER_TYPES[best.type] > 0) return { name: best.text, entity: best.entity, span: { start: best.start, end: best.end } };
  if (strict) return null;
  const phrase = /^\s*(?:the\s+)?((?:[A-Z][\p{L}.'’&-]*|of|for|and)(?:\s+(?:[A-Z][\p{L}.'’&-]*|of|for|the|and))*)/u.exec(text.slice(from, to));
  if (phrase) {
    const name = phrase[1].replace(/\s+(?:of|for|the|and)$/i, '').trim();
    // "UK-based", "Russian-backed": a compound modifier of a described source, not a name.
    if (name && /^[A-Z]/.test(name) && !NOT_A_NAME.test(name) && !/-\p{Ll}+$/u.test(name)) {
      const start = from + phrase[0].indexOf(phrase[1]);
      return { name, entity: null, span: { start, end: start + name.length } };
    }
  }
  // A described source: "according to local health officials", "estimated by aid agencies".
  const desc = /^\s*((?:the\s+|a\s+|an\s+)?(?:[\p{L}'’-]+\s+){0,4}?(?:officials?|sources?|agenc(?:y|ies)|groups?|organi[sz]ations?|residents?|witnesses|activists?|monitors?|media|authorities|ministry|police|army|military|union|observers?|statistics|figures|estimates|reports?|data))\b/iu.exec(text.slice(from, to));
  if (desc) {
    const start = from + desc[0].indexOf(desc[1]);
    return { name: desc[1], entity: null, span: { start, end: start + desc[1].length } };
  }
  return null;
}

/** A described speaker before the verb, after a comma or at the start: ", the teachers' union said". */
function describedBefore(text: string, from: number, verbStart: number): Attribution | null {
  const m = /(?:^|[,;]\s*)((?:the|a|an)\s+(?:[\p{L}'’-]+\s+){0,3}?(?:officials?|sources?|agency|group|organi[sz]ation|union|ministry|police|army|military|monitor|authorities|statement|report|council|committee|office|command|observatory|coalition|council))\s+(?:also\s+|further\s+)?$/iu.exec(
    text.slice(from, verbStart),
  );
  if (!m) return null;
  const start = from + m.index + m[0].indexOf(m[1]);
  return { name: m[1], entity: null, span: { start, end: start + m[1].length } };
}

/** The speaker right before an attribution verb ("CENTCOM noted", "SDF spokesman Mustefa Bali said"). */
function nameBefore(text: string, from: number, verbStart: number, ms: Mention[]): Attribution | null {
  let best: Mention | null = null;
  for (const m of ms) {
    if (m.end > verbStart || m.start < from) continue;
    const between = text.slice(m.end, verbStart);
    // Only an apposition ("SOHR, a Britain-based monitor,"), a title or role before a name, or an
    // adverb may separate the speaker and the verb.
    if (!SPEAKER_GAP.test(between)) continue;
    if (!best || SPEAKER_TYPES[m.type] >= SPEAKER_TYPES[best.type]) best = m;
  }
  if (best && SPEAKER_TYPES[best.type] > 0) {
    // A speaker followed by its apposition: "The Observatory, a Britain-based war monitor, said" keeps the first.
    return { name: best.text, entity: best.entity, span: { start: best.start, end: best.end } };
  }
  const phrase = /((?:[A-Z][\p{L}.'’&-]*)(?:\s+(?:[A-Z][\p{L}.'’&-]*|of|for|the))*)(?:,[^,]{0,60},)?\s*(?:also\s+|further\s+|later\s+|on\s+\w+\s+)?$/u.exec(text.slice(from, verbStart));
  if (phrase && !NOT_A_NAME.test(phrase[1]) && !/\s(?:The|A|An)\s/.test(phrase[1])) {
    const start = from + phrase.index;
    return { name: phrase[1], entity: null, span: { start, end: start + phrase[1].length } };
  }
  return null;
}
