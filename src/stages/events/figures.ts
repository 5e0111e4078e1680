import type { Doc, Mention, Range } from '../../doc.ts';
import type { Context } from '../../context.ts';
import type { Quantity } from '../../quantity/find.ts';
import { lexicon, type Lexicon } from './lexicon.ts';
import { bySentence } from './buckets.ts';

/**
 * Figures: every quantity in the article's sentences with what it counts (its unit) and whose
 * (its subject entity). Both the events stage (counts, fatalities) and the claims stage (the
 * ledger) read them, so they are computed once per Doc and cached here.
 *
 * The unit comes, in order, from: a measure written with the number ("41,000sq km", "$200mn");
 * a verb cue around it ("the elimination of 18 operatives" -> killed, "nine militants were
 * captured" -> detained); the head noun after it ("29 strikes", "2,500 ISIS fighters"); the unit of
 * the figure before it in the same sentence ("29 strikes ... and another 34").
 */
export interface Figure extends Quantity {
  unit: string;
  /** How the unit was found: measure | before | after | noun | inherit | none. */
  how: 'measure' | 'before' | 'after' | 'noun' | 'inherit' | 'none';
  /** A cue that replaces any other killed figure of the event ("fatalities coded as 10"). */
  override: boolean;
  /** The figure is a part of a figure given before it ("including 2 commanders"). */
  part: boolean;
  /** The words say it comes on top of the figures before it ("another 34", "a further 12", "20 more"). */
  additional?: boolean;
  subject: string | null;
  /** Index into doc.sentences. */
  sentence: number;
}

const cache = new WeakMap<Doc, Figure[]>();

/** Units whose subject, when the noun phrase names none, is the side the sentence acts against. */
const CASUALTY = new Set(['killed', 'injured', 'detained', 'casualties', 'surrendered']);

/** An aside after a counted noun: a parenthesis, or ", including / among them / mostly ... ,". */
const APPOSITIVE = /^(?:\([^()]{1,60}\)|(?:including|among\s+them|mostly|most\s+of\s+them|all\s+of\s+them|all)\s[^,.;()]{1,60},)\s*/i;

/** Words that end the noun phrase after a number: prepositions, relatives, conjunctions of clauses. */
const STOP = new Set([
  'who', 'whom', 'which', 'that', 'after', 'before', 'when', 'while', 'in', 'on', 'at', 'as', 'during', 'near', 'from', 'since',
  'by', 'with', 'to', 'for', 'across', 'into', 'against', 'were', 'was', 'have', 'has', 'had', 'are', 'is', 'be', 'been', 'will',
  'would', 'could', 'remain', 'remained', 'remaining', 'among', 'including', 'between', 'over', 'under', 'than', 'per', 'inside',
  'outside', 'around', 'toward', 'towards', 'through', 'throughout', 'along', 'within', 'without', 'said', 'says', 'reportedly',
  'worth', 'if', 'but', 'so', 'because', 'under', 'out',
]);
const FILLER = new Set(['of', 'the', 'a', 'an', 'their', 'its', 'his', 'her', 'them', 'those', 'these', 'other', 'more']);
/** English plurals without an -s: a count of them is their head noun ("two women spoke"). */
const IRREGULAR_PLURALS = new Set(['men', 'women', 'children', 'people', 'police', 'personnel', 'staff', 'youth', 'militia', 'cattle', 'sheep', 'clergy']);

/** Nouns that take their unit from the figure before ("63 others", "another 34"). */
const ANAPHORIC = new Set(['others', 'other', 'more', 'another', 'them', 'of']);

export function figures(doc: Doc, ctx: Context): Figure[] {
  let out = cache.get(doc);
  if (!out) {
    out = compute(doc, lexicon(ctx));
    cache.set(doc, out);
  }
  return out;
}

function compute(doc: Doc, lex: Lexicon): Figure[] {
  const text = doc.view.text;
  const out: Figure[] = [];
  const perSentence = bySentence(doc.mentions, doc.sentences);
  doc.sentences.forEach((sent, si) => {
    const mentions = perSentence[si];
    const qs = lex.finder.find(text, sent);
    let prev: Figure | null = null;
    qs.forEach((q, qi) => {
      // "Samira, 55, who was travelling": an age after a name, not a figure.
      if (q.value < 120 && !q.approximate && mentions.some((m) => m.type === 'PERSON' && m.end <= q.start && /^\s?,?\s?$/.test(text.slice(m.end, q.start)))) return;
      const nextStart = qi + 1 < qs.length ? qs[qi + 1].start : sent.end;
      const before = text.slice(Math.max(sent.start, q.start - 80), q.start);
      const after = text.slice(q.end, Math.min(nextStart, q.end + 90));
      const np = nounPhrase(after, lex.nounUnits);
      let unit: string | null = null;
      let how: Figure['how'] = 'none';
      let override = false;
      if (q.measure) {
        unit = q.measure;
        how = 'measure';
      }
      if (!unit) {
        for (const c of lex.cues) {
          if (c.before && c.before.test(before)) {
            unit = c.unit;
            override = c.override;
            how = 'before';
            break;
          }
        }
      }
      if (!unit) {
        // Try the cue at the start of each word of the noun phrase ("nine suspected militants were captured").
        const offsets = [0, ...np.wordEnds];
        outer: for (const off of offsets) {
          // An aside between the noun and its verb does not part them ("207 demonstrators,
          // including a legislator, were arrested", "12 men (all farmers) were abducted").
          const rest = after.slice(off).replace(/^[\s,]+/, '').replace(APPOSITIVE, '');
          for (const c of lex.cues) {
            if (c.after && c.after.test(rest)) {
              unit = c.unit;
              override = c.override;
              how = 'after';
              break outer;
            }
          }
        }
      }
      if (!unit && np.head && !ANAPHORIC.has(np.head)) {
        const two = np.words.length >= 2 ? `${np.words[np.words.length - 2]} ${np.head}` : '';
        unit = lex.nounUnits.get(two) ?? lex.nounUnits.get(np.head) ?? null;
        if (unit) how = 'noun';
      }
      const part = /\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them)\s+$/i.test(before);
      const cued = (f: Figure | null) => !!f && (f.how === 'before' || f.how === 'after' || f.how === 'inherit');
      if (!unit && prev && (!np.head || ANAPHORIC.has(np.head))) {
        unit = prev.unit;
        how = 'inherit';
      } else if ((how === 'noun' || !unit) && cued(prev) && /(?:[;:,]|\band|\bfrom)\s*$/i.test(text.slice(prev!.end, q.start))) {
        // An enumeration after a verb cue keeps the cue's unit ("trained 116,000: 43,000 army; 19,000 police").
        unit = prev!.unit;
        how = 'inherit';
      }
      if (!unit && np.head && /^[a-z][a-z-]+$/.test(np.head) && !ANAPHORIC.has(np.head)) {
        unit = np.head; // the noun as written: "90,000 leaflets" -> leaflets
        how = 'noun';
      }
      const f: Figure = {
        ...q,
        unit: unit ?? 'count',
        how,
        override,
        part,
        ...(/\b(?:another|a\s+further|an\s+additional)\s+$/i.test(before) || /^\s+more\b/i.test(after) ? { additional: true } : {}),
        subject: q.measure ? null : subjectOf(q, np, after, mentions) ?? (CASUALTY.has(unit ?? '') ? targetOf(text, sent.start, q.start, mentions) : null),
        sentence: si,
      };
      out.push(f);
      prev = f;
    });
  });
  markBreakdowns(out);
  return out;
}

/**
 * A figure followed by figures that inherit its unit and add up to no more than it is a total
 * with its breakdown ("8 tribesmen killed, 5 from one tribe and 3 from the other", "trained
 * 116,000: 43,000 army; 19,000 police; ..."): the parts are marked so no count adds them twice.
 */
function markBreakdowns(figs: Figure[]): void {
  for (let i = 0; i < figs.length; i++) {
    const total = figs[i];
    let j = i + 1;
    let sum = 0;
    // ("another 12", "20 more" come on top of it: no breakdown)
    while (j < figs.length && figs[j].sentence === total.sentence && figs[j].how === 'inherit' && !figs[j].additional && figs[j].unit === total.unit) sum += figs[j++].value;
    if (j > i + 1 && sum <= total.high) for (let k = i + 1; k < j; k++) figs[k].part = true;
  }
}

interface NounPhrase {
  words: string[];
  head: string | null;
  /** Offsets into `after` where each word of the phrase ends. */
  wordEnds: number[];
  end: number;
}

/** The words right after a number up to a stop word or punctuation: "US-backed fighters", "others". */
export function nounPhrase(after: string, known: Map<string, string> = new Map()): NounPhrase {
  const words: string[] = [];
  const wordEnds: number[] = [];
  const re = /[\p{L}\p{N}][\p{L}\p{N}'’.\-]*|[^\s\p{L}\p{N}]/gu;
  let end = 0;
  for (let m = re.exec(after); m && words.length < 8; m = re.exec(after)) {
    const w = m[0].toLowerCase().replace(/[.’']+$/, '');
    if (!/[\p{L}\p{N}]/u.test(w)) break;
    // An acronym is a name, not a stop word ("3 IS militants", "US troops").
    if (STOP.has(w) && !/^\p{Lu}{2,}$/u.test(m[0])) break;
    if (words.length === 0 && FILLER.has(w) && w !== 'of' && w !== 'other' && w !== 'more') continue;
    if (/^(?:killed|died|dead|wounded|injured|captured|detained|arrested|fled|surrendered|trained|underway|ago|later|earlier)$/.test(w)) break;
    // A participle after the noun starts a new phrase ("94 operations targeting the Islamic State").
    if (words.length && /(?:ing|ed)$/.test(w) && /s$/.test(words[words.length - 1])) break;
    words.push(w);
    wordEnds.push(m.index + m[0].length);
    end = m.index + m[0].length;
    if (w === 'and' || w === 'or') {
      words.pop();
      wordEnds.pop();
      break;
    }
  }
  const content = words.filter((w) => !FILLER.has(w) || ANAPHORIC.has(w));
  return { words, head: headOf(content, known), wordEnds, end };
}

/** The counted noun: the first known count noun, else the first plural, else the last word. */
function headOf(words: string[], known: Map<string, string>): string | null {
  if (!words.length) return null;
  for (let i = 0; i < words.length; i++) {
    if (i + 1 < words.length && known.has(`${words[i]} ${words[i + 1]}`)) return words[i + 1];
    if (known.has(words[i])) return words[i];
  }
  for (const w of words) if ((/[^s']s$/.test(w) && !/(?:ous|ss|ics)$/.test(w)) || IRREGULAR_PLURALS.has(w)) return w;
  return words[words.length - 1];
}


/** Whose figure: an entity inside the noun phrase ("2,500 ISIS fighters"), or "of ENTITY" after it. */
function subjectOf(q: Range, np: NounPhrase, after: string, mentions: Mention[]): string | null {
  const npEnd = q.end + np.end;
  const tail = /^\s*(?:of|from|among)\s+(?:the\s+)?/i.exec(after.slice(np.end));
  const tailEnd = tail ? npEnd + tail[0].length + 40 : npEnd;
  for (const m of mentions) {
    if (m.start < q.end) continue;
    if (m.start > tailEnd) break;
    if (m.type === 'PERSON') continue;
    if (m.end <= npEnd + 1 || (tail && m.start <= npEnd + tail[0].length + 1)) return m.entity;
  }
  return null;
}

/** "operations targeting the Islamic State (ISIS), resulting in the elimination of 18 operatives": the target. */
function targetOf(text: string, from: number, to: number, mentions: Mention[]): string | null {
  for (const m of mentions) {
    if (m.start < from || m.end > to) continue;
    if (m.type !== 'ORG' && m.type !== 'NORP') continue;
    if (/\b(?:against|targeting|targeted|on|at|versus|fighting)\s+(?:the\s+)?$/i.test(text.slice(Math.max(from, m.start - 20), m.start))) return m.entity;
  }
  return null;
}
