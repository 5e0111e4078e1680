import { decodeHTML } from 'entities';
import type { MarkupMeta, View } from '../../doc.ts';

/**
 * Raw HTML -> the visible text, with a map from every view character back to its raw range.
 *
 * A small single-pass tokenizer, not a DOM: it only needs to know which text is visible and where
 * blocks break, and it must never lose track of offsets (a DOM does). What it does:
 * - drops the content of script/style/noscript/template/svg/... and of <head>, except <title>;
 * - decodes entities: `&amp;` is one view character mapped to its five raw characters;
 * - block elements become line breaks (paragraph-like ones a blank line), whitespace collapses;
 * - the values of a few <meta> tags, JSON-LD `datePublished` and <time datetime> become lines of the view (mapped
 *   onto the raw attribute value), recorded in `markup`, so that metadata has raw offsets too.
 * Malformed input (unclosed tags, quotes, comments) never throws: the rest is read as best it can.
 */

export interface HtmlView extends View {
  map: { starts: Int32Array; ends: Int32Array };
  markup: MarkupMeta[];
}

/** Elements whose content is raw text up to their closing tag (never markup). */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript', 'iframe', 'noembed', 'noframes', 'plaintext']);
/** Elements whose (parsed) content is not article text. */
const HIDDEN = new Set(['svg', 'template', 'math', 'select', 'object', 'canvas', 'audio', 'video', 'datalist']);
/** Elements that may appear in <head>; any other start tag (or text) ends the head, as in a browser. */
const HEAD_OK = new Set(['title', 'meta', 'link', 'script', 'style', 'base', 'noscript', 'template']);
/** Block elements that separate paragraphs (a blank line) and lines (a newline). */
const PARA = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'article', 'section', 'header', 'footer', 'table', 'ul', 'ol', 'dl', 'figure', 'hr', 'main', 'aside', 'nav', 'address', 'details', 'form', 'fieldset', 'hgroup']);
const LINE = new Set(['br', 'div', 'li', 'tr', 'td', 'th', 'dd', 'dt', 'figcaption', 'caption', 'summary', 'option', 'legend', 'center', 'body', 'html']);

/** <meta name|property|itemprop=KEY content=...> values worth keeping, by lower-cased key. */
export const META_KEYS = new Set([
  'article:published_time', 'og:site_name', 'og:title', 'datepublished', 'pubdate', 'publishdate', 'publish-date', 'date',
  'dc.date', 'dc.date.issued', 'dcterms.created', 'citation_publication_date', 'sailthru.date', 'parsely-pub-date',
  'article.published', 'og:url', 'og:locale', 'application-name', 'twitter:site', 'article:modified_time',
]);

const ENTITY = /&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)/y;
const TAG_NAME = /[A-Za-z][A-Za-z0-9:-]*/y;

interface Attr {
  name: string;
  value: string;
  /** Raw range of the value (inside the quotes). */
  vstart: number;
  vend: number;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0xa0;
/** Invisible characters a browser does not show; dropping them keeps words whole. */
const isInvisible = (c: number) => c === 0xad || c === 0x200b || c === 0xfeff;

export function htmlToView(raw: string): HtmlView {
  const n = raw.length;
  const out = new Uint16Array(n + 8);
  const starts = new Int32Array(n + 8);
  const ends = new Int32Array(n + 8);
  const markup: MarkupMeta[] = [];
  let len = 0;
  // Pending separator before the next visible character: 0 none, 1 space, 2 newline, 3 blank line.
  let pending = 0;
  let pendStart = 0;
  let pendEnd = 0;
  let pre = 0;
  let hidden = 0;
  let inHead = false;
  /** Inside running text (<p>, <li>...): no metadata lines may be inserted there. */
  let inPara = false;

  const sep = (level: number, s: number, e: number) => {
    if (level > pending) {
      pending = level;
      pendStart = s;
      pendEnd = e;
    }
  };
  const put = (code: number, s: number, e: number) => {
    if (pending && len > 0) {
      const nl = pending === 1 ? 0 : pending - 1;
      if (nl === 0) {
        out[len] = 32;
        starts[len] = pendStart;
        ends[len++] = pendEnd;
      } else
        for (let k = 0; k < nl; k++) {
          out[len] = 10;
          starts[len] = pendStart;
          ends[len++] = pendEnd;
        }
    }
    pending = 0;
    if (len >= out.length) return; // cannot happen (the view never outgrows the input); stay safe
    out[len] = code;
    starts[len] = s;
    ends[len++] = e;
  };
  /** Visible text raw[from, to), entities decoded, whitespace collapsed (kept inside <pre>). */
  const text = (from: number, to: number) => {
    for (let i = from; i < to; ) {
      const c = raw.charCodeAt(i);
      if (c === 38 /* & */) {
        ENTITY.lastIndex = i;
        const m = ENTITY.exec(raw);
        if (m && m.index === i && m[0].length <= to - i) {
          const dec = decodeHTML(m[0]);
          if (dec !== m[0]) {
            const e = i + m[0].length;
            for (let k = 0; k < dec.length; k++) {
              const d = dec.charCodeAt(k);
              if (isSpace(d)) sep(1, i, e);
              else if (!isInvisible(d)) put(d, i, e);
            }
            i = e;
            continue;
          }
        }
      }
      if (isSpace(c)) {
        if (pre && c === 10) sep(2, i, i + 1);
        else sep(1, i, i + 1);
      } else if (!isInvisible(c) && c !== 13) put(c, i, i + 1);
      i++;
    }
  };
  const block = (name: string, s: number, e: number) => {
    if (PARA.has(name)) sep(3, s, e);
    else if (LINE.has(name)) sep(2, s, e);
  };
  /** A metadata value as its own line of the view, mapped onto its raw range. */
  const metaLine = (key: string, vstart: number, vend: number) => {
    sep(3, vstart, vstart);
    const from = len + (pending && len > 0 ? (pending === 1 ? 1 : pending - 1) : 0);
    text(vstart, vend);
    if (len > from) markup.push({ key, value: String.fromCharCode(...out.subarray(from, len)), start: from, end: len });
    sep(3, vend, vend);
  };

  let i = 0;
  let textFrom = 0;
  const flush = (to: number) => {
    if (to > textFrom && !hidden) {
      if (inHead && /\S/.test(raw.slice(textFrom, to))) inHead = false; // text ends the head
      if (!inHead) text(textFrom, to);
    }
  };
  while (i < n) {
    const lt = raw.indexOf('<', i);
    if (lt === -1) break;
    const c1 = raw.charCodeAt(lt + 1);
    // Comments, doctype, CDATA and processing instructions: skipped whole.
    if (c1 === 33 /* ! */ || c1 === 63 /* ? */) {
      flush(lt);
      let end: number;
      if (raw.startsWith('<!--', lt)) {
        end = raw.indexOf('-->', lt + 4);
        end = end === -1 ? n : end + 3;
      } else if (raw.startsWith('<![CDATA[', lt)) {
        end = raw.indexOf(']]>', lt + 9);
        if (end !== -1 && !hidden && !inHead) text(lt + 9, end);
        end = end === -1 ? n : end + 3;
      } else {
        end = raw.indexOf('>', lt + 2);
        end = end === -1 ? n : end + 1;
      }
      i = textFrom = end;
      continue;
    }
    const closing = c1 === 47; /* / */
    TAG_NAME.lastIndex = lt + (closing ? 2 : 1);
    const nm = TAG_NAME.exec(raw);
    if (!nm || nm.index !== lt + (closing ? 2 : 1)) {
      // A stray '<' ("a < b"): plain text.
      i = lt + 1;
      continue;
    }
    flush(lt);
    const name = nm[0].toLowerCase();
    const wantAttrs = !closing && (name === 'meta' || name === 'script' || name === 'time');
    const tag = scanTag(raw, TAG_NAME.lastIndex, wantAttrs);
    const end = tag.end;
    i = textFrom = end;
    if (closing) {
      if (name === 'head') inHead = false;
      if (name === 'p' || name === 'li' || name === 'td' || name === 'blockquote' || name === 'dd') inPara = false;
      if (HIDDEN.has(name) && hidden) hidden--;
      if (name === 'pre' && pre) pre--;
      if (!hidden && !inHead) block(name, lt, end);
      continue;
    }
    if (name === 'head') {
      inHead = true;
      continue;
    }
    if (inHead && !HEAD_OK.has(name)) inHead = false;
    if (name === 'body') inHead = false;
    if (name === 'time' && !hidden && !inHead) {
      // <time datetime="2024-04-06T10:00"> carries the full date its text ("April 6") may not.
      // Only outside paragraphs (bylines, headers): inside running text a line of its own would
      // break the sentence it stands in.
      const dt = attr(tag.attrs, 'datetime');
      if (dt && !inPara && /^\s*\d{4}-\d{2}-\d{2}/.test(dt.value)) metaLine('time:datetime', dt.vstart, dt.vend);
      continue;
    }
    if (name === 'p' || name === 'li' || name === 'td' || name === 'blockquote' || name === 'dd') inPara = true;
    else if (PARA.has(name) || LINE.has(name)) inPara = false;
    if (name === 'meta') {
      if (!hidden) {
        const key = (attr(tag.attrs, 'property') ?? attr(tag.attrs, 'name') ?? attr(tag.attrs, 'itemprop'))?.value.toLowerCase();
        const content = attr(tag.attrs, 'content');
        if (key && content && META_KEYS.has(key) && content.vend > content.vstart) metaLine(key, content.vstart, content.vend);
      }
      continue;
    }
    if (RAW_TEXT.has(name)) {
      const close = findClose(raw, name, end);
      if (name === 'title' && !hidden) {
        metaLine('title', end, close.start);
      } else if (name === 'script' && !hidden && /ld\+json/i.test(attr(tag.attrs, 'type')?.value ?? '')) {
        jsonLdDates(raw, end, close.start, (key, s, e) => metaLine(key, s, e));
      } else if (name === 'textarea' && !hidden && !inHead) {
        text(end, close.start);
      }
      i = textFrom = close.end;
      continue;
    }
    if (HIDDEN.has(name)) {
      if (!tag.selfClosing) hidden++;
      continue;
    }
    if (name === 'pre') pre++;
    if (!hidden && !inHead) block(name, lt, end);
  }
  flush(n);
  return {
    text: len ? new TextDecoder('utf-16le').decode(out.subarray(0, len)) : '',
    map: { starts: starts.slice(0, len), ends: ends.slice(0, len) },
    markup,
  };
}

function attr(attrs: Attr[], name: string): Attr | undefined {
  return attrs.find((a) => a.name === name);
}

/** From just after the tag name to just after the tag's '>' (quotes respected), with attributes. */
function scanTag(raw: string, from: number, wantAttrs: boolean): { end: number; attrs: Attr[]; selfClosing: boolean } {
  const n = raw.length;
  const attrs: Attr[] = [];
  let i = from;
  while (i < n) {
    const c = raw.charCodeAt(i);
    if (c === 62 /* > */) return { end: i + 1, attrs, selfClosing: raw.charCodeAt(i - 1) === 47 };
    if (isSpace(c) || c === 47) {
      i++;
      continue;
    }
    // An attribute name, then an optional =value.
    let j = i;
    while (j < n) {
      const d = raw.charCodeAt(j);
      if (isSpace(d) || d === 61 || d === 62 || (d === 47 && j > i)) break;
      j++;
    }
    const name = raw.slice(i, j).toLowerCase();
    i = j;
    while (i < n && isSpace(raw.charCodeAt(i))) i++;
    if (raw.charCodeAt(i) !== 61 /* = */) {
      if (j === i && i < n && raw.charCodeAt(i) !== 62) i++;
      continue;
    }
    i++;
    while (i < n && isSpace(raw.charCodeAt(i))) i++;
    const q = raw.charCodeAt(i);
    let vs: number;
    let ve: number;
    if (q === 34 || q === 39) {
      vs = i + 1;
      ve = raw.indexOf(q === 34 ? '"' : "'", vs);
      if (ve === -1) return { end: n, attrs, selfClosing: false };
      i = ve + 1;
    } else {
      vs = i;
      while (i < n && !isSpace(raw.charCodeAt(i)) && raw.charCodeAt(i) !== 62) i++;
      ve = i;
    }
    if (wantAttrs) attrs.push({ name, value: raw.slice(vs, ve), vstart: vs, vend: ve });
  }
  return { end: n, attrs, selfClosing: false };
}

/** The closing tag of a raw-text element (case-insensitive); an unclosed one runs to the end. */
function findClose(raw: string, name: string, from: number): { start: number; end: number } {
  const re = new RegExp(`</${name}\\s*>`, 'ig');
  re.lastIndex = from;
  const m = re.exec(raw);
  if (!m) return { start: raw.length, end: raw.length };
  return { start: m.index, end: m.index + m[0].length };
}

/** JSON-LD `datePublished` (and `headline`) string values, found by their raw position in the script. */
function jsonLdDates(raw: string, from: number, to: number, emit: (key: string, s: number, e: number) => void): void {
  const re = /"(datePublished|dateCreated|headline)"\s*:\s*"((?:[^"\\]|\\.){1,300})"/g;
  const body = raw.slice(from, to);
  const seen = new Set<string>();
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (seen.has(m[1])) continue;
    seen.add(m[1]);
    const s = from + m.index + m[0].length - 1 - m[2].length;
    emit(`ld:${m[1]}`, s, s + m[2].length);
  }
}
