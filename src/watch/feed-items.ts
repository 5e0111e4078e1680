import { createHash } from 'node:crypto';
import { feedParser as parser, linkOf, textOf, type FeedNode as Node } from '../read/feed-xml.ts';

/**
 * What the watcher needs of each item of a feed, besides what the feed reader (read/feed.ts)
 * makes of it: a stable key to remember the item by (guid, Atom id, else link, else a hash of
 * title and text), its link, and whether the feed carries the article or only a summary.
 * Items are listed in feed order, the order read/feed.ts yields them in.
 */
export interface FeedItemInfo {
  key: string;
  link: string | null;
  /** The item's own HTML is a summary (no full-content element, or a short one): follow its link. */
  summaryOnly: boolean;
}

/** An item with less text than this is taken for a summary even in a full-content element. */
export const SUMMARY_CHARS = 1000;

/** The items of a feed's text (already checked to be well-formed by the feed reader). */
export function feedItems(text: string, base: string): FeedItemInfo[] {
  const root = parser.parse(text) as Node;
  const rss = root.rss as Node | undefined;
  const rdf = root['rdf:RDF'] as Node | undefined;
  const atom = root.feed as Node | undefined;
  const channel = (rss?.channel ?? rdf?.channel) as Node | undefined;
  const items = ((rss ? channel?.item : rdf ? rdf.item : atom?.entry) ?? []) as Node[];
  return items.map((item) => {
    const raw = linkOf(item.link) ?? (typeof item.guid === 'string' && /^https?:/.test(item.guid) ? item.guid : undefined);
    let link: string | null = null;
    try {
      link = raw ? new URL(raw, base).toString() : null;
    } catch {
      link = null;
    }
    const full = textOf(item['content:encoded']) ?? textOf(item.content);
    const any = full ?? textOf(item.description) ?? textOf(item.summary) ?? '';
    const id = textOf(item.guid) ?? textOf(item.id);
    const key = id ?? raw ?? 'sha256:' + createHash('sha256').update(`${textOf(item.title) ?? ''}\n${any}`).digest('hex').slice(0, 32);
    return { key, link, summaryOnly: !full || full.length < SUMMARY_CHARS };
  });
}
