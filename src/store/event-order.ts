import { decodeCursor, encodeCursor } from './derive.ts';
import { StoreError } from './errors.ts';

/**
 * The orders an event list can be read in, shared by the SQLite and PostgreSQL stores so that a
 * sorted table pages the same over both. Each order is one SQL expression plus the event id as a
 * tie-break, and the cursor holds the last row's (value, id): keyset paging, so page 2 of a
 * sorted list continues exactly where page 1 stopped, whatever was added meanwhile.
 *
 * Unknown values (no date, no fatality figure, no place) sort last in both directions, so an
 * ascending sort does not open on a page of blanks.
 */
export const EVENT_SORTS = ['-date', 'date', '-fatalities', 'fatalities', '-reports', 'reports', 'type', '-type', 'place', '-place'] as const;
export type EventSort = (typeof EVENT_SORTS)[number];

export interface EventOrder {
  /** `ORDER BY` body. */
  orderBy: string;
  /** The keyset condition after a cursor, with its arguments in order (placeholders are `?`). */
  after(cursor: string | null | undefined): { sql: string; args: unknown[] } | null;
  /** The cursor that continues after this row. */
  cursorOf(row: Record<string, any>): string;
}

type Dialect = 'sqlite' | 'pg';

/** `dateCol`/`idCol`: the columns the default order reads (the actor index's when it drives). */
export function eventOrder(sort: EventSort | undefined, dateCol: string, idCol: string, dialect: Dialect): EventOrder {
  const s = sort ?? '-date';
  if (!EVENT_SORTS.includes(s)) throw new StoreError('bad_request', `sort must be one of ${EVENT_SORTS.join(', ')}`);
  const desc = s.startsWith('-');
  const key = s.replace(/^-/, '');
  // Unknowns last: a sentinel above every value when ascending, below every value when descending.
  const textLast = desc ? "''" : "'\uffff'";
  const numLast = desc ? '-1' : '2147483647';
  let expr: string;
  let value: (r: Record<string, any>) => unknown;
  switch (key) {
    case 'date':
      if (desc) {
        // The stores' historical order ('' sorts last descending), kept as the plain column so the indexes serve it.
        expr = dateCol;
        value = (r) => r.sort_date;
      } else {
        expr = `COALESCE(NULLIF(${dateCol}, ''), ${textLast})`;
        value = (r) => r.sort_date || '\uffff';
      }
      break;
    case 'fatalities':
      expr = `COALESCE(e.fatalities_best, ${numLast})`;
      value = (r) => r.fatalities_best ?? Number(numLast);
      break;
    case 'reports':
      expr = 'e.n_reports';
      value = (r) => Number(r.n_reports);
      break;
    case 'type':
      expr = 'e.type';
      value = (r) => r.type;
      break;
    default: {
      // place: the location's name as shown in the table.
      const name = dialect === 'pg' ? "(e.location_json->>'name')" : "json_extract(e.location_json, '$.name')";
      expr = `COALESCE(${name}, ${textLast})`;
      value = (r) => {
        const loc = typeof r.location_json === 'string' ? JSON.parse(r.location_json) : r.location_json;
        return loc?.name ?? (desc ? '' : '\uffff');
      };
    }
  }
  const dir = desc ? 'DESC' : 'ASC';
  const cmp = desc ? '<' : '>';
  return {
    orderBy: `${expr} ${dir}, ${idCol} ASC`,
    after(cursor) {
      const cur = decodeCursor<[unknown, string]>(cursor);
      if (!cur) return null;
      return { sql: `(${expr} ${cmp} ? OR (${expr} = ? AND ${idCol} > ?))`, args: [cur[0], cur[0], cur[1]] };
    },
    cursorOf: (r) => encodeCursor([value(r), r.id]),
  };
}
