import { XMLValidator } from 'fast-xml-parser';
import { feedParser as parser, linkOf, textOf, type FeedNode as Node } from './feed-xml.ts';
import type { GivenMeta } from '../doc.ts';
import { decode, hashId } from './decode.ts';
import { errorRecord, InputError } from './errors.ts';
import { normalizeGivenDate } from './dates.ts';
import { htmlDoc } from './html.ts';
import type { ReadItem, ReadOptions } from './index.ts';

/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds: each item is a document. The item's HTML
 * (content:encoded, else description; Atom content, else summary) is the document's input text and
 * goes through the HTML path; its pubDate is given metadata (evidence "record"). The source is the
 * item's link, else FILE#N (N counted from 1). A feed that does not parse is one error record.
 */

export function isFeedText(text: string): boolean {
  return /^\uFEFF?\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*|<\?[^>]*>\s*)*<(rss|feed|rdf:RDF)[\s>]/i.test(text.slice(0, 4096));
}

export function* readFeed(bytes: Buffer, source: string, opts: ReadOptions): Generator<ReadItem> {
  const { text } = decode(bytes);
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new InputError('bad_feed', `feed is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  let root: Node;
  try {
    root = parser.parse(text) as Node;
  } catch (e) {
    throw new InputError('bad_feed', `feed does not parse: ${(e as Error).message}`);
  }
  const rss = root.rss as Node | undefined;
  const rdf = root['rdf:RDF'] as Node | undefined;
  const atom = root.feed as Node | undefined;
  const channel = (rss?.channel ?? rdf?.channel) as Node | undefined;
  const items = ((rss ? channel?.item : rdf ? rdf.item : atom?.entry) ?? []) as Node[];
  if (!rss && !rdf && !atom) throw new InputError('bad_feed', 'not an RSS or Atom feed (no <rss>, <rdf:RDF> or <feed> root)');
  const feedTitle = textOf(channel?.title ?? atom?.title);
  let n = 0;
  for (const item of items) {
    n++;
    const link = linkOf(item.link) ?? (typeof item.guid === 'string' && /^https?:/.test(item.guid) ? item.guid : undefined);
    const where = link ?? `${source}#${n}`;
    try {
      const html = textOf(item['content:encoded']) ?? textOf(item.content) ?? textOf(item.description) ?? textOf(item.summary);
      if (!html) throw new InputError('no_text', `feed item ${n} has no description or content`);
      const given: GivenMeta = {};
      const title = textOf(item.title);
      if (title) given.title = title;
      if (link) given.url = link;
      if (feedTitle) given.outlet = feedTitle;
      const date = normalizeGivenDate(textOf(item.pubDate) ?? textOf(item['dc:date']) ?? textOf(item.published) ?? textOf(item.updated));
      if (date) given.published = date.value;
      if (opts.referenceDate) given.referenceDate = opts.referenceDate;
      // A long item (full content:encoded page) goes through Readability; a summary is all body.
      const doc = htmlDoc(html, { id: hashId(Buffer.from(html, 'utf8')), source: where, given, whole: html.length < 3000 });
      doc.debug.feedItem = n;
      yield doc;
    } catch (e) {
      yield errorRecord(where, e);
    }
  }
  if (!n) throw new InputError('empty', 'feed has no items');
}

/** A .xml file is read as a feed when it is one. */
export function* readXml(bytes: Buffer, source: string, opts: ReadOptions): Generator<ReadItem> {
  const { text } = decode(bytes);
  if (!isFeedText(text)) throw new InputError('unsupported', 'XML that is not an RSS or Atom feed');
  yield* readFeed(bytes, source, opts);
}
