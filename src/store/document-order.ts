import { decodeCursor, encodeCursor } from './derive.ts';
import { StoreError } from './errors.ts';

/**
 * The orders and the search of the document list, shared by the SQLite and PostgreSQL stores (as
 * event-order.ts for events): one SQL expression per order plus the row's pk as a tie-break, and
 * a cursor holding the last row's (value, pk), so a sorted, searched list pages without gaps.
 * Unknown values (no publication date, no title) sort last in both directions.
 */
export const DOCUMENT_SORTS = ['ingested', '-ingested', 'published', '-published', 'title', '-title', '-events', 'events', 'outlet', '-outlet'] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];

type Dialect = 'sqlite' | 'pg';

export interface DocumentOrder {
  orderBy: string;
  /** The keyset condition after a cursor, with its arguments in order (`?` placeholders). */
  after(cursor: string | null | undefined): { sql: string; args: unknown[] } | null;
  cursorOf(row: Record<string, any>): string;
}

export function documentOrder(sort: DocumentSort | undefined, _dialect: Dialect): DocumentOrder {
  const s = sort ?? 'ingested';
  if (!DOCUMENT_SORTS.includes(s)) throw new StoreError('bad_request', `sort must be one of ${DOCUMENT_SORTS.join(', ')}`);
  const desc = s.startsWith('-');
  const key = s.replace(/^-/, '');
  const textLast = desc ? "''" : "'\uffff'";
  const textLastValue = desc ? '' : '\uffff';
  let expr: string;
  let value: (r: Record<string, any>) => unknown;
  switch (key) {
    case 'ingested':
      // Ingest order is pk order: the pk alone keys it.
      expr = 'pk';
      value = (r) => Number(r.pk);
      break;
    case 'published':
      expr = `COALESCE(NULLIF(published, ''), ${textLast})`;
      value = (r) => r.published || textLastValue;
      break;
    case 'title':
      expr = `COALESCE(NULLIF(LOWER(title), ''), LOWER(source))`;
      value = (r) => (r.title ? String(r.title).toLowerCase() : String(r.source).toLowerCase());
      break;
    case 'outlet':
      expr = `COALESCE(NULLIF(outlet, ''), ${textLast})`;
      value = (r) => r.outlet || textLastValue;
      break;
    default:
      expr = 'n_events';
      value = (r) => Number(r.n_events);
  }
  const dir = desc ? 'DESC' : 'ASC';
  const cmp = desc ? '<' : '>';
  return {
    orderBy: key === 'ingested' ? `pk ${dir}` : `${expr} ${dir}, pk ASC`,
    after(cursor) {
      let cur = decodeCursor<[unknown, number] | number>(cursor);
      if (cur == null) return null;
      // A cursor from before sorting was offered is a bare pk.
      if (!Array.isArray(cur)) cur = [null, Number(cur)];
      if (key === 'ingested') return { sql: `pk ${cmp} ?`, args: [cur[1]] };
      return { sql: `(${expr} ${cmp} ? OR (${expr} = ? AND pk > ?))`, args: [cur[0], cur[0], cur[1]] };
    },
    cursorOf: (r) => encodeCursor([value(r), Number(r.pk)]),
  };
}

/**
 * The search: every word must occur in the title, the source or the outlet (case-insensitive
 * substring). Returns SQL with `?` placeholders and its arguments; LIKE wildcards in the words are
 * escaped so "50%" finds "50%".
 */
export function documentSearch(q: string | undefined): { sql: string; args: unknown[] } | null {
  const words = (q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  if (!words.length) return null;
  const like = (w: string) => '%' + w.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
  const one = "(LOWER(COALESCE(title, '')) LIKE ? ESCAPE '\\' OR LOWER(source) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(outlet, '')) LIKE ? ESCAPE '\\')";
  return { sql: words.map(() => one).join(' AND '), args: words.flatMap((w) => [like(w), like(w), like(w)]) };
}
