import type { Context } from '../../context.ts';
import type { Doc, Range, Span } from '../../doc.ts';

/**
 * Which outlet published a document. In order of trust:
 * 1. the record or feed says so (`given.outlet`, a name or a domain);
 * 2. the page's markup says so (og:site_name, a JSON-LD publisher Readability found);
 * 3. the URL's domain is a known outlet's (packs: outlets.yaml);
 * 4. a known outlet's name stands in the page header, the dateline ("(AFP) -") or the footer;
 * 5. the body names a (non-agency) outlet as itself: "told Rudaw English", "... attended by Gulf Times".
 * Else null: an outlet is never guessed from a mention in the story (agencies are quoted all the time).
 */
export interface OutletEntry {
  name: string;
  aliases?: string[];
  domains?: string[];
  country?: string;
  locale?: 'dmy' | 'mdy';
  kind?: string;
}

export interface OutletTable {
  entries: OutletEntry[];
  byName: Map<string, OutletEntry>;
  /** Squashed names and domain labels ("dailysabah", "ahram"): how data sets often code outlets. */
  byKey: Map<string, OutletEntry>;
  byDomain: Map<string, OutletEntry>;
  /** Every name and alias, longest first, as whole words (case-sensitive). */
  re: RegExp | null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Lower case, letters and digits only: "Daily Sabah" and "dailysabah" meet. */
const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
/** Domain labels that name no outlet. */
const GENERIC_LABELS = new Set(['www', 'english', 'news', 'arabic', 'mobile', 'amp', 'info', 'online']);

export function outletTable(ctx: Context): OutletTable {
  return ctx.resource('meta:outlets', () => {
    const entries = ctx.section<OutletEntry>('outlets').filter((e) => e && typeof e.name === 'string');
    const byName = new Map<string, OutletEntry>();
    const byDomain = new Map<string, OutletEntry>();
    const byKey = new Map<string, OutletEntry>();
    const names: string[] = [];
    for (const e of entries) {
      for (const n of [e.name, ...(e.aliases ?? [])]) {
        if (!n) continue;
        byName.set(n.toLowerCase(), e);
        if (!byKey.has(squash(n))) byKey.set(squash(n), e);
        names.push(n);
      }
      for (const d of e.domains ?? []) {
        byDomain.set(d.toLowerCase(), e);
        for (const label of d.toLowerCase().split('.')) if (label.length > 3 && !GENERIC_LABELS.has(label) && !byKey.has(label)) byKey.set(label, e);
      }
    }
    names.sort((a, b) => b.length - a.length);
    const re = names.length ? new RegExp(`(?<![\\p{L}\\p{N}])(${names.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'gu') : null;
    return { entries, byName, byKey, byDomain, re };
  });
}

/** A host name or URL -> the outlet of its domain (or of a parent domain: english.x.com -> x.com). */
export function outletOfDomain(t: OutletTable, urlOrHost: string): OutletEntry | undefined {
  let host = urlOrHost.trim().toLowerCase();
  try {
    if (/^[a-z]+:\/\//.test(host)) host = new URL(host).hostname;
  } catch {
    return undefined;
  }
  host = host.replace(/^www\d*\./, '').replace(/\/.*$/, '');
  for (let h = host; h.includes('.'); h = h.slice(h.indexOf('.') + 1)) {
    const e = t.byDomain.get(h);
    if (e) return e;
  }
  return undefined;
}

/** A name as given (record, markup) -> the table's entry when it is a known name, alias or domain. */
export function lookupOutlet(t: OutletTable, given: string): OutletEntry | undefined {
  const g = given.trim();
  return (
    t.byName.get(g.toLowerCase()) ??
    (/^[\w.-]+\.[a-z]{2,}$/i.test(g) || /^https?:/i.test(g) ? outletOfDomain(t, g) : undefined) ??
    (squash(g).length > 3 ? t.byKey.get(squash(g)) : undefined)
  );
}

export interface OutletFound {
  name: string;
  entry?: OutletEntry;
  rule: string;
  span?: Span;
}

/** Known outlet names within a view range. */
function mentions(t: OutletTable, text: string, r: Range): Array<{ entry: OutletEntry; start: number; end: number }> {
  if (!t.re || r.end <= r.start) return [];
  const out = [];
  const s = text.slice(r.start, r.end);
  t.re.lastIndex = 0;
  for (let m = t.re.exec(s); m; m = t.re.exec(s)) {
    const entry = t.byName.get(m[1].toLowerCase());
    if (entry) out.push({ entry, start: r.start + m.index, end: r.start + m.index + m[1].length });
  }
  return out;
}

const SELF_BEFORE = /(?:\btold|\bto|\bwith|\bby|\bfor)\s+(?:the\s+)?$/i;
const NOT_SELF_BEFORE = /\b(?:according\s+to|reported\s+by|cited\s+by|quoted\s+by|published\s+by)\s+(?:the\s+)?$/i;
const SELF_AFTER = /^(?:'s|’s)?\s+(?:English|correspondent|reporter|has learned|learned)\b/;
const QUOTED_KINDS = new Set(['agency', 'government']);
const PHOTO_CREDIT = /\b(photo|photos|image|picture|credit|getty|file photo|video)\b/i;
const SITE_LINE = /©|\bcopyright\b|all rights reserved|\bmoderates?\b|\bcomments?\b/i;

function lineOf(text: string, at: number): string {
  const s = text.lastIndexOf('\n', at - 1) + 1;
  const e = text.indexOf('\n', at);
  return text.slice(s, e === -1 ? text.length : e);
}

export function findOutlet(doc: Doc, ctx: Context, dateline: Range | null): OutletFound | null {
  const t = outletTable(ctx);
  const known = (name: string, rule: string): OutletFound => {
    const e = lookupOutlet(t, name);
    return e ? { name: e.name, entry: e, rule } : { name: name.trim(), rule };
  };
  if (doc.given.outlet) return known(doc.given.outlet, 'record');
  for (const key of ['og:site_name', 'readability:siteName', 'application-name']) {
    const m = doc.markup.find((x) => x.key === key && x.value.trim());
    if (m) return { ...known(m.value, `markup:${key}`), span: { start: m.start, end: m.end, text: m.value } };
  }
  if (doc.given.url) {
    const e = outletOfDomain(t, doc.given.url);
    if (e) return { name: e.name, entry: e, rule: 'url-domain' };
  }
  const text = doc.view.text;
  const body = doc.meta.body;
  const regions: Array<[string, Range]> = [
    ['header', { start: 0, end: body.start }],
    ['dateline', dateline ?? { start: body.start, end: body.start }],
    ['footer', { start: body.end, end: text.length }],
  ];
  for (const [rule, r] of regions) {
    for (const m of mentions(t, text, r)) {
      const line = lineOf(text, m.start);
      // A photo credit ("Photo: AFP") names the photographer's agency, not the publisher.
      if (PHOTO_CREDIT.test(line)) continue;
      // Below the article, only site furniture names the site (a copyright line, a comment
      // policy, a short label); a reader's comment that mentions another outlet does not.
      if (rule === 'footer' && !SITE_LINE.test(line) && line.split(/\s+/).length > 8) continue;
      return { name: m.entry.name, entry: m.entry, rule, span: { start: m.start, end: m.end, text: text.slice(m.start, m.end) } };
    }
  }
  for (const m of mentions(t, text, body)) {
    if (QUOTED_KINDS.has(m.entry.kind ?? '')) continue;
    const before = text.slice(Math.max(0, m.start - 30), m.start);
    const after = text.slice(m.end, m.end + 20);
    if ((SELF_BEFORE.test(before) && !NOT_SELF_BEFORE.test(before)) || SELF_AFTER.test(after)) {
      return { name: m.entry.name, entry: m.entry, rule: 'self-reference', span: { start: m.start, end: m.end, text: text.slice(m.start, m.end) } };
    }
  }
  return null;
}
