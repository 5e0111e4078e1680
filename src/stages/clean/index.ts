import type { Stage } from '../../stage.ts';
import type { Doc, Range } from '../../doc.ts';
import { linesOf } from './lines.ts';
import { findBody } from './body.ts';
import { findTitle } from './title.ts';
import { findFurniture } from './furniture.ts';

/**
 * Boilerplate removal: where the article (title and body) is in the view. Sets `meta.body`, the
 * title's text (`meta.title`) and `content` (title range, body range), which later stages read.
 *
 * - records (JSONL, news-please, ...): the text is already the article: body = all of it, the
 *   title comes from the record (meta stage);
 * - HTML with an article found by the reader (Readability): kept as is;
 * - plain-text scrapes and HTML without one: line heuristics (lines.ts, body.ts, title.ts):
 *   the largest block of prose lines is the body, the headline-shaped line above it the title.
 */
export const clean: Stage = {
  name: 'clean',
  needs: [],
  run(doc) {
    findArticle(doc);
    doc.furniture = findFurniture(doc.view.text, doc.meta.body);
    if (doc.furniture.length) doc.debug.furniture = count(doc.furniture.map((f) => f.why));
  },
};

/** Where the article is: the body and title ranges, by the kind of input. */
function findArticle(doc: Doc): void {
  if (doc.kind === 'record') {
    doc.meta.body = trimmed(doc.view.text, { start: 0, end: doc.view.text.length });
    doc.content = [doc.meta.body];
    doc.debug.body = { rule: 'record' };
    return;
  }
  if (doc.kind === 'html' && doc.content.length) {
    // The reader found the article (Readability); page furniture Readability kept at its edges
    // (a date banner, a share bar, a tag list) is trimmed off.
    const body = trimEdges(doc.view.text, doc.meta.body);
    if (body.start !== doc.meta.body.start || body.end !== doc.meta.body.end) {
      doc.content = doc.content.map((r) => (r === doc.meta.body ? body : r));
      doc.meta.body = body;
      doc.debug.bodyTrimmed = true;
    }
    return;
  }
  cleanText(doc, doc.meta.body);
}

/** Line heuristics within `within` (the whole text, or an HTML page's visible text). */
export function cleanText(doc: Doc, within: Range): void {
  const text = doc.view.text;
  const lines = linesOf(text, within);
  const body = findBody(lines);
  if (!body) {
    // No prose at all (a caption, a one-line teaser): the whole text is the article.
    doc.meta.body = trimmed(text, within);
    doc.content = [doc.meta.body];
    doc.debug.body = { rule: 'no-prose' };
    return;
  }
  doc.meta.body = { start: body.start, end: body.end };
  const removed = lines.filter((l, i) => (i < body.first || i > body.last) && l.kind !== 'blank').map((l) => l.why);
  doc.debug.body = { rule: 'prose-block', lines: body.last - body.first + 1, dropped: count(removed) };
  const title = findTitle(lines, body.first);
  if (title) {
    doc.content = [{ start: title.start, end: title.end }, doc.meta.body];
    doc.meta.title = title.text;
    doc.debug.title = { rule: 'headline-line' };
  } else {
    doc.content = [doc.meta.body];
    const m = doc.markup.find((x) => x.key === 'og:title') ?? doc.markup.find((x) => x.key === 'title');
    if (m) {
      doc.meta.title = m.value.trim();
      doc.debug.title = { rule: `markup:${m.key}` };
    }
  }
}

/** A body without furniture lines (widgets, menus, date lines, footers) at its start or end. */
export function trimEdges(text: string, body: Range): Range {
  const lines = linesOf(text, body).filter((l) => l.kind !== 'blank');
  const furniture = (k: string) => k === 'boiler' || k === 'dated' || k === 'footer';
  let i = 0;
  let j = lines.length - 1;
  while (i <= j && furniture(lines[i].kind)) i++;
  while (j >= i && furniture(lines[j].kind)) j--;
  if (i > j) return body; // all furniture: keep what Readability said
  return { start: lines[i].start, end: lines[j].end };
}

function count(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

function trimmed(text: string, r: Range): Range {
  let { start, end } = r;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}
