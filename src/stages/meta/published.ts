import type { Doc, PublishedDate, Range } from '../../doc.ts';
import { findDates, weekdayOf, type FoundDate } from './dates.ts';
import { DATE_LABEL } from '../clean/boilerplate.ts';

/**
 * The publication date written in a document, chosen among the dates of its header, dateline,
 * markup and footer (never a date inside the story: those are event dates). Each candidate gets a
 * score from where it stands and what surrounds it:
 *
 * - markup (article:published_time, JSON-LD datePublished): strongest;
 * - header lines and the dateline: good; the footer ("Last Modified: ..."): weaker;
 * - a "Published/Posted/Date" label: stronger; an "Updated/Last Modified" label: weaker but valid;
 * - the outlet's name or a "By ..." on the same line (a byline): stronger;
 * - a date ABOVE the headline is the site's "today" banner or a crawl stamp: it needs a label or
 *   a byline on its line to count;
 * - in the story's opening (the dateline region), only a date that opens it ("Fri 07 Apr 2017 at
 *   0914 ..."), stands in the place dateline, follows a label ("Published", "Last updated at"), or
 *   follows the record's own headline and/or an outlet credit ("<headline> AFP Friday 15 Jul 2016")
 *   counts; a date inside the first sentence is an event date;
 * - a written weekday that does not fit the date: rejected;
 * - later than the crawl date (WARC-Date) or today: impossible, rejected.
 * The best candidate with a positive score wins; when none qualifies the date is null (no guess).
 *
 * All-numeric dates whose day and month could be swapped (09-11-2017) are read by, in order:
 * plausibility (a part above 12), the outlet's locale (outlets.yaml), not-after-crawl-date, the
 * weekday the story names near its start ("on Thursday": the report is of that day or the next),
 * and finally day-first (as most of the world writes). The rule is reported (`debug.publishedRule`).
 */
export interface PublishedChoice {
  date: PublishedDate;
  score: number;
  region: string;
  /** How the candidate was chosen and (for numeric dates) how it was read. */
  rule: string;
  candidates: number;
}

export interface PublishedOptions {
  title: Range | null;
  dateline: Range | null;
  outletRe: RegExp | null;
  locale?: 'dmy' | 'mdy';
  /** No publication date can be later than this (crawl date, or today). */
  notAfter: string;
  /** The headline given with a record, which a flattened scrape often repeats at the text's start. */
  titleText?: string | null;
}

const MARKUP_DATES = new Set(['time:datetime', 'article:published_time', 'ld:datePublished', 'datepublished', 'pubdate', 'publishdate', 'publish-date', 'date', 'dc.date', 'dc.date.issued', 'dcterms.created', 'citation_publication_date', 'sailthru.date', 'parsely-pub-date', 'article.published', 'ld:dateCreated']);
const WEEKDAY_NUM: Record<string, number> = { Sunday: 0, Monday: 1, Tuesday: 2, Wednesday: 3, Thursday: 4, Friday: 5, Saturday: 6 };
const WEAK_LABEL = /\b(updated|modified|edited)\b/i;
const STRONG_LABEL = /\b(published|posted|released|issued|date)\b/i;

function lineAround(text: string, at: number, end: number): Range {
  const s = text.lastIndexOf('\n', at - 1) + 1;
  let e = text.indexOf('\n', end);
  if (e === -1) e = text.length;
  return { start: s, end: e };
}

/** Read an ambiguous numeric date; returns the ISO value and the rule that decided. */
function readNumeric(d: FoundDate, o: PublishedOptions, weekdays: Set<number>): { value: string; rule: string } | null {
  if (d.shape === 'numeric-dmy-only') return { value: d.value, rule: 'plausibility:dmy' };
  if (d.shape === 'numeric-mdy-only') return { value: d.value, rule: 'plausibility:mdy' };
  if (!d.alt) return { value: d.value, rule: 'numeric-same-either-way' };
  if (o.locale === 'dmy') return { value: d.value, rule: 'outlet-locale:dmy' };
  if (o.locale === 'mdy') return { value: d.alt, rule: 'outlet-locale:mdy' };
  const dmyOk = d.value <= o.notAfter;
  const mdyOk = d.alt <= o.notAfter;
  if (dmyOk && !mdyOk) return { value: d.value, rule: 'not-after-crawl:dmy' };
  if (mdyOk && !dmyOk) return { value: d.alt, rule: 'not-after-crawl:mdy' };
  // The story's own weekday ("... on Thursday") fits a report of that day or the next one.
  const fits = (iso: string) => {
    const w = weekdayOf(iso);
    return weekdays.has(w) || weekdays.has((w + 6) % 7);
  };
  if (fits(d.value) && !fits(d.alt)) return { value: d.value, rule: 'relative-weekday:dmy' };
  if (fits(d.alt) && !fits(d.value)) return { value: d.alt, rule: 'relative-weekday:mdy' };
  return { value: d.value, rule: 'default:dmy' };
}

/** Stops and separators around a headline, a credit or a date: not words. */
const PUNCT = /[\s\p{P}\p{S}]+/gu;
/** A sentence ends inside the text: what stands before a date is not a headline or a credit. */
const SENTENCE_INSIDE = /[.!?]["'”’)]*\s+\S/;
/** Words that open a sentence or a time phrase ("On 12 March ...", "The 5 May attack"): not furniture. */
const OPENERS = /^(?:on|in|at|since|by|from|until|till|before|after|around|about|between|during|through|throughout|for|of|as|the|a|an|this|that|these|those|last|early|late|mid|by|starting|beginning|ending)$/i;
const MAX_FURNITURE_WORDS = 8;
/** A headline or credit line before a date is short. */
const MAX_LEAD_WORDS = 30;

/**
 * Words before a date at the start of the story that still make it the story's date rather than an
 * event date in the first sentence: the record's own headline repeated at the top of its text
 * ("<headline> AFP Friday 15 Jul 2016 ..."), possibly followed by a credit, or a short headline-like
 * lead ending in a known outlet's name, the credit ("... Monitor AFP Friday 15 Jul 2016").
 * Returns the rule, or null for a sentence ("On 12 March 2021, gunmen ...", "Around 30 April ...").
 */
function openingBeforeDate(lead: string, o: PublishedOptions): string | null {
  const t = lead.trim();
  if (!t || SENTENCE_INSIDE.test(t) || t.split(/\s+/).length > MAX_LEAD_WORDS) return null;
  const words = (s: string) => s.replace(PUNCT, ' ').trim();
  const withoutOutlets = (s: string) => (o.outletRe ? s.replace(o.outletRe, ' ') : s);
  if (o.titleText) {
    const title = o.titleText.trim();
    // A site suffix on the record's title ("... - Region - World") is not in the text.
    const forms = [title, title.split(/\s+[-|–—]\s+/)[0]].filter((f) => f.split(/\s+/).length >= 3);
    for (const f of forms) {
      if (!t.startsWith(f)) continue;
      const rest = t.slice(f.length);
      const ws = words(withoutOutlets(rest)).split(' ').filter(Boolean);
      if (!ws.length || DATE_LABEL.test(rest.trim())) return 'after-title';
      // Page furniture between headline and date: an author's name, a section ("Middle East"), a
      // clock time ("2159", "0742 PM"); capitalised words and numbers, not a sentence's opening.
      if (ws.length <= MAX_FURNITURE_WORDS && ws.every((w) => /^(?:\p{Lu}|\d{1,4}$)/u.test(w)) && !OPENERS.test(ws[0])) return 'after-title+furniture';
    }
  }
  if (o.outletRe) {
    const tail = t.replace(/[\s,|•·–—-]+$/, '');
    let last: RegExpExecArray | null = null;
    o.outletRe.lastIndex = 0;
    for (let m = o.outletRe.exec(tail); m; m = o.outletRe.exec(tail)) last = m;
    o.outletRe.lastIndex = 0;
    // The credit ends the lead, and something headline-like (not a verb phrase like "told") precedes it.
    if (last && last.index + last[0].length === tail.length && !/\b(told|to|by|from|according|said|says)\s*$/i.test(tail.slice(0, last.index))) return 'credit';
  }
  return null;
}

/** Words a header line may have before its date ("This story is from", "Posted on"): a sentence has more. */
const MAX_HEADER_WORDS = 5;

/**
 * A short first line that ends in the date and stands apart from the story by a blank line is a
 * header an archive or a site put above the story ("This story is from March 10, 2002"), not the
 * story's first sentence: a sentence goes on after its date and runs into the next line.
 */
function headerLine(text: string, line: Range, d: FoundDate, lead: string): string | null {
  if (/\p{L}|\d/u.test(text.slice(d.end, line.end))) return null;
  if (SENTENCE_INSIDE.test(lead) || lead.trim().split(/\s+/).length > MAX_HEADER_WORDS) return null;
  return /^\n[ \t]*\n/.test(text.slice(line.end, line.end + 8)) ? 'header-line' : null;
}

export function findPublished(doc: Doc, o: PublishedOptions): PublishedChoice | null {
  const text = doc.view.text;
  const body = doc.meta.body;
  const firstLineEnd = (() => {
    const nl = text.indexOf('\n', body.start);
    return Math.min(nl === -1 ? body.end : nl, body.start + 250, body.end);
  })();
  const regions: Array<{ name: string; range: Range; base: number }> = [
    { name: 'header', range: { start: 0, end: body.start }, base: 2 },
    { name: 'dateline', range: { start: body.start, end: Math.max(firstLineEnd, o.dateline?.end ?? 0) }, base: 2 },
    { name: 'footer', range: { start: body.end, end: text.length }, base: 1 },
  ];
  // Weekdays the opening of the story names: what an ambiguous numeric date must fit.
  const weekdays = new Set<number>();
  const WD = /\b(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b/g;
  for (const m of text.slice(body.start, Math.min(body.end, body.start + 400)).matchAll(WD)) weekdays.add(WEEKDAY_NUM[m[1]]);
  let best: PublishedChoice | null = null;
  let n = 0;
  for (const region of regions) {
    if (region.range.end <= region.range.start) continue;
    for (const d of findDates(text, region.range)) {
      n++;
      const markup = doc.markup.find((m) => d.start >= m.start && d.end <= m.end);
      if (markup && !MARKUP_DATES.has(markup.key)) continue; // a date inside og:title etc.
      const read = d.shape.startsWith('numeric') ? readNumeric(d, o, weekdays) : { value: d.value, rule: d.shape };
      if (!read) continue;
      if (read.value > o.notAfter) continue;
      // <time datetime> is a machine-readable date, but of whatever the page shows: a byline, a
      // comment, a related story. It counts like a visible date of its region, plus a little.
      const strong = markup && markup.key !== 'time:datetime';
      let score = strong ? 5 : region.base + (markup ? 1 : 0);
      const why: string[] = [markup ? `markup:${markup.key}` : region.name];
      if (!strong) {
        const line = lineAround(text, d.start, d.end);
        const before = text.slice(line.start, d.start);
        const lineText = text.slice(line.start, line.end);
        if (DATE_LABEL.test(before.trim()) || STRONG_LABEL.test(before)) {
          if (WEAK_LABEL.test(before)) {
            score += 0.5;
            why.push('updated-label');
          } else {
            score += 2;
            why.push('published-label');
          }
        }
        o.outletRe && (o.outletRe.lastIndex = 0);
        if ((o.outletRe && o.outletRe.test(lineText)) || /(^|\s)[Bb]y\s+\p{Lu}/u.test(lineText)) {
          score += 1.5;
          why.push('byline');
        }
        const rest = (before + text.slice(d.end, line.end)).replace(/[\s\p{P}\p{S}]/gu, '');
        if (o.title && d.end <= o.title.start) {
          // A bare date above the headline is the site's "today" banner or a crawl stamp; it
          // only counts with a label or a byline on its line.
          score -= 2;
          why.push('above-headline');
        } else if (rest.length <= 3) {
          score += 0.5;
          why.push('date-only-line');
        }
        if (region.name === 'dateline') {
          // Only a date that opens the story ("Fri 07 Apr 2017 ...") or belongs to the dateline
          // ("BAGHDAD, March 26 (Reuters) -") is the story's date; one inside the first sentence
          // ("Around 30 April 2020, protesters ...") is an event date.
          const inDateline = !!o.dateline && d.start >= o.dateline.start && d.end <= o.dateline.end;
          const leadFrom = o.dateline && d.start >= o.dateline.end ? o.dateline.end : line.start;
          const lead = text.slice(leadFrom, d.start);
          if (!inDateline && /\p{L}/u.test(lead) && !DATE_LABEL.test(lead.trim())) {
            const opening = openingBeforeDate(lead, o) ?? (line.start === body.start ? headerLine(text, line, d, lead) : null);
            if (!opening) continue;
            why.push(opening);
          }
        }
      }
      if (d.weekdayMismatch) {
        score -= 3;
        why.push('weekday-mismatch');
      }
      if (d.precision !== 'day') score -= 1;
      if (score <= 0) continue;
      if (!best || score > best.score) {
        best = {
          date: { start: d.start, end: d.end, text: d.text, value: read.value, precision: d.precision },
          score,
          region: why.join('+'),
          rule: read.rule,
          candidates: 0,
        };
      }
    }
  }
  if (best) best.candidates = n;
  return best;
}
