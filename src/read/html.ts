import { Doc, type GivenMeta, type Range } from '../doc.ts';
import { declaredCharset, decode, hashId } from './decode.ts';
import { InputError } from './errors.ts';
import { htmlToView } from './html/view.ts';
import { findArticle } from './html/article.ts';
import { composeView, repairMojibake } from './mojibake.ts';
import type { ReadItem, ReadOptions } from './index.ts';

/**
 * An HTML page: the raw HTML is the input (every offset points into it); the view is its visible
 * text (html/view.ts). The article body and title are found here, where the markup is at hand
 * (Readability, html/article.ts); the clean stage only falls back to its text heuristics when
 * Readability finds nothing.
 */
export function* readHtml(bytes: Buffer, source: string, opts: ReadOptions): Generator<ReadItem> {
  const { text, encoding } = decode(bytes, declaredCharset(bytes));
  const given: GivenMeta = opts.referenceDate ? { referenceDate: opts.referenceDate } : {};
  const doc = htmlDoc(text, { id: hashId(bytes), source, given });
  doc.debug.encoding = encoding;
  yield doc;
}

/** Build the Doc of an HTML string (a page, a feed item's HTML, a WARC response). */
export function htmlDoc(raw: string, init: { id: string; source: string; given?: GivenMeta; whole?: boolean }): Doc {
  // Mojibake is repaired in the page before its view is made, so that every range found while
  // making the view (markup, Readability's article) is a range of the view the stages read.
  const repair = repairMojibake(raw);
  const page = repair ? repair.text : raw;
  const v = htmlToView(page);
  if (!v.text.trim()) throw new InputError('empty', 'the HTML has no visible text');
  const doc = new Doc({ id: init.id, source: init.source, text: raw, kind: 'html', given: init.given ?? {}, view: composeView({ text: v.text, map: v.map }, repair) });
  doc.markup = v.markup;
  // Where the head's metadata lines (title, meta tags) end and the visible page begins. Markup
  // further down (JSON-LD at the end of <body>, <time> in a byline) does not count.
  let markupEnd = 0;
  for (const m of v.markup) {
    if (v.text.slice(markupEnd, m.start).trim()) break;
    markupEnd = m.end;
  }
  if (init.whole) {
    // A feed item's HTML is the article (or its summary) already: all of it is the body.
    let s = markupEnd;
    let e = v.text.length;
    while (s < e && /\s/.test(v.text[s])) s++;
    while (e > s && /\s/.test(v.text[e - 1])) e--;
    doc.meta.body = { start: s, end: e };
    doc.content = [doc.meta.body];
    doc.debug.body = { rule: 'whole' };
    return doc;
  }
  // A short page (a feed item's description) is all article: Readability needs a page to judge.
  const art = v.text.length > 600 ? findArticle(page, v.text) : null;
  if (art && art.aligned >= 0.5 && art.body.end - art.body.start >= 80) {
    doc.meta.body = art.body;
    doc.debug.body = { rule: 'readability', aligned: Math.round(art.aligned * 100) / 100 };
    const title = art.title ?? markupValue(doc, 'og:title') ?? markupValue(doc, 'title');
    let tr = title ? findTitle(doc, title, art.body) : null;
    if (tr && tr.end > art.body.start) {
      // The headline opens Readability's content: the body starts after it (no range twice).
      if (tr.start >= art.body.start && tr.end < art.body.end) {
        let s = tr.end;
        while (s < art.body.end && /\s/.test(v.text[s])) s++;
        art.body.start = s;
        doc.meta.body = art.body;
      } else tr = null;
    }
    doc.content = tr ? [tr, art.body] : [art.body];
    if (title) {
      doc.meta.title = title;
      doc.debug.title = { rule: tr ? 'readability+view' : 'readability' };
    }
    // Readability also reads JSON-LD publisher names and bylines: keep them as markup if visible.
    if (art.siteName && !markupValue(doc, 'og:site_name')) addFound(doc, 'readability:siteName', art.siteName);
    if (art.byline) addFound(doc, 'readability:byline', art.byline);
  } else {
    // No article found: the body is the visible text after the head's metadata lines; the clean
    // stage (text heuristics) narrows it down.
    doc.meta.body = { start: Math.min(markupEnd, v.text.length), end: v.text.length };
    doc.debug.body = { rule: art ? 'readability-unaligned' : 'none' };
  }
  return doc;
}

function markupValue(doc: Doc, key: string): string | null {
  return doc.markup.find((m) => m.key === key)?.value.trim() || null;
}

function inMarkup(doc: Doc, at: number): boolean {
  return doc.markup.some((m) => at >= m.start && at < m.end);
}

/** The title as it appears in the page: the occurrence closest before the body (the headline). */
function findTitle(doc: Doc, title: string, body: Range): Range | null {
  const t = doc.view.text;
  for (let at = t.lastIndexOf(title, body.start); at !== -1; at = at > 0 ? t.lastIndexOf(title, at - 1) : -1) {
    if (!inMarkup(doc, at)) return { start: at, end: at + title.length };
  }
  const after = t.indexOf(title, body.start);
  if (after !== -1 && after < body.end) return null; // inside the body: the body covers it
  const m = doc.markup.find((x) => (x.key === 'title' || x.key === 'og:title') && x.value.includes(title));
  if (m) {
    const at = t.indexOf(title, m.start);
    return { start: at, end: at + title.length };
  }
  return null;
}

function addFound(doc: Doc, key: string, value: string): void {
  const at = doc.view.text.indexOf(value);
  if (at !== -1) doc.markup.push({ key, value, start: at, end: at + value.length });
}
