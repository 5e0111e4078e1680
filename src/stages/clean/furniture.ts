import type { Range } from '../../doc.ts';

/**
 * Page furniture inside the article body: tag lists, photo captions and their credits, embedded
 * tweets, wire credits, share bars, and the related-links and copyright blocks a scrape runs on
 * into. Line heuristics (lines.ts) catch furniture that stands on a line of its own; scrapes that
 * flattened a page into one paragraph (many archives, FA-KES) keep it inline, where it reads as
 * prose: "... a monitoring group said Tags Nusra Front al-Qaeda Aleppo Syria war. A suicide ...".
 * Events, claims and dates read nothing in these ranges (the sentences stage cuts them out).
 *
 * Each pattern describes how news pages are built (a credit, a caption, a widget), never one
 * article. `extend` says how far a match reaches:
 * - 'match': just the matched words;
 * - 'sentence-before': the match and the sentence before it (a caption sits before its credit,
 *   a tweet's words before its signature);
 * - 'to-end': the rest of the body (a related-links or copyright block only comes after the
 *   article), and only in the body's last half;
 * - 'tags': a keyword list, up to where the article's own sentence starts (tagListEnd).
 */
export interface FurnitureRange extends Range {
  why: string;
}

interface FurniturePattern {
  why: string;
  re: RegExp;
  extend: 'match' | 'sentence-before' | 'to-end' | 'tags';
}

const MONTH = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
/** Words a tag list never holds: it is a list of names and topics, not a clause. */
const CLAUSE_WORD = /^(?:the|a|an|is|are|was|were|has|have|had|said|says|will|would|that|which|who|of|to|in|on|at|for|with|by|from|and)$/;
/** Words that open a news sentence (the lead that follows a flattened tag list). */
const SENTENCE_OPENER = /^(?:The|A|An|At|More|Dozens|Hundreds|Thousands|Several|Some|Many|In|On|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Thirteen|Fourteen|Fifteen|Sixteen|Seventeen|Eighteen|Nineteen|Twenty|Thirty|Forty|Fifty|\d[\d,.]*)$/;
const TAG_LIST_WORDS = 30;

/**
 * Where a flattened tag list ends, or -1 when that cannot be told. A list runs over names and
 * topic words; it ends at a full stop, or before a word that opens a sentence ("At least 51
 * civilians ...", "Three women ..."). A list that runs into prose with no such word is left alone
 * (cutting the article's lead would cost more than keeping the tags), unless nothing follows it
 * but more furniture at the body's end.
 */
function tagListEnd(s: string, from: number, tail: boolean): number {
  const word = /\S+/g;
  word.lastIndex = from;
  let last = from;
  for (let n = 0; n < TAG_LIST_WORDS; n++) {
    const m = word.exec(s);
    if (!m) return s.length;
    const w = m[0];
    if (CLAUSE_WORD.test(w)) return tail ? s.length : -1;
    if (n > 0 && SENTENCE_OPENER.test(w)) return last;
    last = m.index + w.length;
    if (/[.!?]$/.test(w)) return last;
  }
  return tail ? s.length : -1;
}

const PATTERNS: FurniturePattern[] = [
  // "Tags Syria Idlib Ariha Assad war." — a keyword list; where it ends is found by tagListEnd.
  { why: 'tag list', re: /\b(?:Tags|Topics|Keywords|Filed under)\s*:?\s+/g, extend: 'tags' },
  // Embedded tweets: "... pic.twitter.com/x Charles Lister (@CharlesLister) June 12 2016".
  {
    why: 'embedded tweet',
    re: new RegExp(`(?:(?:pic\\.twitter\\.com|https?:?/*t\\.co)/?\\w*\\s+)?(?:[\\p{Lu}][\\p{L}.'’-]*\\s+){1,5}\\(@?\\w{1,30}\\)\\s+${MONTH}\\s+\\d{1,2},?\\s+\\d{4}`, 'gu'),
    extend: 'sentence-before',
  },
  // A photo credit after its caption: "... Damascus August 21 2013. REUTERS/Bassam Khabieh", "(AFP Photo)".
  { why: 'photo caption', re: /\b(?:REUTERS|AFP|AP|EPA|Getty Images|Anadolu)\s*\/\s*[\p{Lu}][\p{L}'’-]+(?:\s+[\p{Lu}][\p{L}'’-]+)?/gu, extend: 'sentence-before' },
  { why: 'photo caption', re: /\((?:AFP|AP|EPA|Reuters|Anadolu|Getty|SANA|File)(?:\s+Images)?\s+(?:Photo|Image|File Photo)s?\)/gi, extend: 'sentence-before' },
  // A caption in brackets: "(Photos Heavy smoke billows ... on July 17 2017. by AFP)".
  { why: 'photo caption', re: /\((?:Photos?|Image|Picture|File photo)\s*:?\s[^()]{0,400}\)/g, extend: 'match' },
  // Wire credits: "Reporting by Oliver Holmes; Editing by John Stonestreet", "Writing by ...".
  { why: 'wire credit', re: /\b(?:Additional\s+)?(?:Reporting|Writing|Editing|Compiled)\s+by\s+[^.\n]{2,200}?(?=\.|\n|$)\.?(?:\s*Our Standards\s*:[^.\n]{0,80}\.)?/g, extend: 'match' },
  { why: 'wire credit', re: /\bSource\s*:?\s+(?:[\p{Lu}][\p{L}]*\s+){1,4}and agencies\b/gu, extend: 'match' },
  // Share bars flattened into the text: "Print Tweet Views 729".
  { why: 'share widget', re: /\b(?:Print|Tweet|Share|E-?mail|Facebook|Twitter|WhatsApp)(?:\s+(?:Print|Tweet|Share|E-?mail|Facebook|Twitter|WhatsApp|Views\s+\d+)){1,6}\b/g, extend: 'match' },
  { why: 'read-also link', re: /\b(?:Read more|Read also|Also read|See also)\s*:\s*[^.!?\n]{0,200}[.!?]?/g, extend: 'match' },
  // Blocks that end an article: related links, newsletter and copyright footers.
  { why: 'related links', re: /\b(?:Related (?:News|Articles|Stories|Posts|Coverage)|More (?:stories|from)\b|You (?:may|might) also like|Recommended for you)/g, extend: 'to-end' },
  { why: 'comment widget', re: /\bCommunity standards\s*Discussion\b/g, extend: 'to-end' },
  { why: 'copyright', re: /\b(?:Copyright\s+(?:©\s*)?\d{4}|©\s*\d{4}|All rights reserved)\b/g, extend: 'to-end' },
];

/** The furniture ranges of `body`, sorted and merged. */
export function findFurniture(text: string, body: Range): FurnitureRange[] {
  const slice = text.slice(body.start, body.end);
  const found: FurnitureRange[] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(slice); m; m = p.re.exec(slice)) {
      if (m[0].length === 0) {
        p.re.lastIndex++;
        continue;
      }
      let start = m.index;
      let end = m.index + m[0].length;
      if (p.extend === 'tags') {
        end = tagListEnd(slice, end, start > slice.length * 0.7);
        if (end < 0) continue;
      } else if (p.extend === 'to-end') {
        if (start < slice.length / 2) continue;
        end = slice.length;
      } else if (p.extend === 'sentence-before') {
        start = sentenceStartBefore(slice, start);
      }
      found.push({ start: body.start + start, end: body.start + end, why: p.why });
    }
  }
  return merge(found);
}

/**
 * Where the sentence ending at `at` began: after the previous sentence end (". ", "? ", a line
 * break), or the body start. At most 400 characters back: a caption is one sentence.
 */
function sentenceStartBefore(s: string, at: number): number {
  // Skip the caption's own closing stop and spaces ("... 2013. REUTERS/...").
  let i = at - 1;
  while (i > 0 && /[\s.!?"”’]/.test(s[i])) i--;
  const floor = Math.max(0, i - 400);
  for (; i > floor; i--) {
    if (s[i] === '\n') return i + 1;
    if (/[.!?]/.test(s[i]) && /\s/.test(s[i + 1] ?? '') && !/\b(?:[A-Z]|U\.S|U\.N|Mr|Dr|Gen|Col|Lt)$/.test(s.slice(Math.max(0, i - 4), i))) {
      let j = i + 1;
      while (j < at && /\s/.test(s[j])) j++;
      return j;
    }
  }
  return i <= 0 ? 0 : at;
}

function merge(rs: FurnitureRange[]): FurnitureRange[] {
  rs.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: FurnitureRange[] = [];
  for (const r of rs) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) {
      if (r.end > last.end) last.end = r.end;
    } else out.push({ ...r });
  }
  return out;
}

/** `ranges` with the furniture cut out (the pieces left, in order). */
export function withoutFurniture(ranges: Range[], furniture: Range[]): Range[] {
  if (!furniture.length) return ranges;
  const out: Range[] = [];
  for (const r of ranges) {
    let at = r.start;
    for (const f of furniture) {
      if (f.end <= at || f.start >= r.end) continue;
      if (f.start > at) out.push({ start: at, end: f.start });
      at = Math.max(at, f.end);
    }
    if (at < r.end) out.push({ start: at, end: r.end });
  }
  return out;
}
