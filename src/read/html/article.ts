import { createRequire } from 'node:module';
import { Readability } from '@mozilla/readability';
import type { Range } from '../../doc.ts';
import { htmlToView } from './view.ts';

/**
 * Where the article is in an HTML page, found by Readability (on a linkedom DOM) and mapped back
 * onto our offset-keeping view: Readability returns a new, cleaned DOM with no offsets, so each of
 * its paragraphs is looked up, in order, in the view text. The body is the view range from the
 * first to the last paragraph found.
 */
export interface Article {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  publishedTime: string | null;
  body: Range;
  /** Share of Readability's text (in characters) found again in the view. */
  aligned: number;
}

// linkedom costs ~140 ms of CPU to import, and only pages over 600 characters of text need a DOM:
// it is loaded (synchronously, htmlDoc is) on the first such page, not by every command that can
// read HTML (text, JSONL records).
const require = createRequire(import.meta.url);
let linkedom: typeof import('linkedom') | undefined;
const parseHTML = (html: string) => (linkedom ??= require('linkedom') as typeof import('linkedom')).parseHTML(html);

/** Readability's work grows with the DOM; scripts, styles and SVG are dropped before parsing. */
function slim(raw: string): string {
  return raw
    .replace(/<(script|style|svg|noscript|template|iframe)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, (m, name: string) =>
      // JSON-LD stays: Readability reads datePublished from it.
      name.toLowerCase() === 'script' && /ld\+json/i.test(m.slice(0, 200)) ? m : '',
    )
    .replace(/<!--[\s\S]*?-->/g, '');
}

export function findArticle(raw: string, viewText: string): Article | null {
  let parsed: ReturnType<Readability['parse']>;
  try {
    const { document } = parseHTML(slim(raw));
    parsed = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
  } catch {
    return null;
  }
  if (!parsed || !parsed.content) return null;
  const paras = htmlToView(parsed.content)
    .text.split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length >= 2);
  const total = paras.reduce((s, p) => s + p.length, 0);
  if (!total) return null;
  let cursor = 0;
  let first = -1;
  let last = -1;
  let found = 0;
  for (const p of paras) {
    let at = viewText.indexOf(p, cursor);
    let plen = p.length;
    if (at === -1 && p.length > 60) {
      // Readability may rejoin inline pieces differently: fall back to the paragraph's start.
      const head = p.slice(0, 40);
      at = viewText.indexOf(head, cursor);
      plen = head.length;
      if (at !== -1) {
        const nl = viewText.indexOf('\n', at);
        plen = (nl === -1 ? viewText.length : nl) - at;
      }
    }
    if (at === -1) continue;
    if (first === -1) first = at;
    last = at + plen;
    cursor = last;
    found += Math.min(p.length, plen);
  }
  if (first === -1) return null;
  return {
    title: parsed.title?.trim() || null,
    byline: parsed.byline?.trim() || null,
    siteName: parsed.siteName?.trim() || null,
    publishedTime: parsed.publishedTime?.trim() || null,
    body: { start: first, end: last },
    aligned: found / total,
  };
}
