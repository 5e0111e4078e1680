import { XMLParser } from 'fast-xml-parser';

/**
 * The parsing of RSS/Atom XML that the feed reader (feed.ts) and the watcher (watch/feed-items.ts)
 * share, so both read the same items, links and texts from a feed.
 */
export const feedParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
});

export type FeedNode = Record<string, unknown>;

/** The text of an element that may carry attributes (`{ '#text': ..., '@type': 'html' }`). */
export function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return textOf(v[0]);
  if (v && typeof v === 'object' && '#text' in v) return textOf((v as FeedNode)['#text']);
  return undefined;
}

/** RSS `<link>text</link>`, Atom `<link rel="alternate" href="..."/>`. */
export function linkOf(v: unknown): string | undefined {
  for (const l of Array.isArray(v) ? v : v === undefined ? [] : [v]) {
    if (typeof l === 'string' && l.trim()) return l.trim();
    if (l && typeof l === 'object') {
      const o = l as FeedNode;
      if (typeof o['@href'] === 'string' && (!o['@rel'] || o['@rel'] === 'alternate')) return o['@href'] as string;
    }
  }
  return undefined;
}
