import { parseArgs } from 'node:util';
import type { Command } from './main.ts';
import { openExisting } from '../store/index.ts';
import type { EventQuery, Grade } from '../store/types.ts';
import { eventsWithReports, exportEvents, stdoutWriter, textTable, EXPORT_FORMATS, type ExportFormat } from '../export/index.ts';

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** Parse the shared event filters (also used by `sitrep demo` and tests). */
export function eventQuery(v: Record<string, string | boolean | undefined>): EventQuery {
  const q: EventQuery = {};
  for (const k of ['since', 'until'] as const) {
    const d = v[k];
    if (typeof d === 'string') {
      if (!DATE.test(d)) throw new Error(`--${k} must be YYYY[-MM[-DD]], not ${d}`);
      q[k] = d;
    }
  }
  if (typeof v.type === 'string') q.type = v.type.split(',').map((s) => s.trim());
  if (typeof v.subtype === 'string') q.subtype = v.subtype;
  if (typeof v.actor === 'string') q.actor = v.actor;
  if (typeof v.country === 'string') {
    if (!/^[A-Za-z]{2}$/.test(v.country)) throw new Error(`--country takes an ISO alpha-2 code (SY, IQ), not ${v.country}`);
    q.country = v.country.toUpperCase();
  }
  if (typeof v.grade === 'string') q.grade = v.grade.split(',') as Grade[];
  if (typeof v.near === 'string') {
    const m = v.near.split(',').map(Number);
    if (m.length !== 3 || m.some((x) => !Number.isFinite(x)) || m[2] <= 0) throw new Error(`--near takes lat,lon,km (e.g. 34.45,40.94,25), not ${v.near}`);
    q.near = { lat: m[0], lon: m[1], km: m[2] };
  }
  if (v['include-rejected']) q.includeRejected = true;
  return q;
}

export const command: Command = {
  summary: 'List stored events (clusters of reports) with filters, as a table or exported as JSONL, ACLED-style CSV or GeoJSON.',
  usage:
    'sitrep events [--db FILE] [--since DATE] [--until DATE] [--type T[,T]] [--subtype S] [--actor ID|NAME] [--near lat,lon,km] [--country CC] [--grade G[,G]] [--limit N] [--format table|jsonl|csv|geojson]',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        db: { type: 'string' },
        since: { type: 'string' },
        until: { type: 'string' },
        type: { type: 'string' },
        subtype: { type: 'string' },
        actor: { type: 'string' },
        near: { type: 'string' },
        country: { type: 'string' },
        grade: { type: 'string' },
        'include-rejected': { type: 'boolean' },
        limit: { type: 'string' },
        format: { type: 'string', default: 'table' },
      },
    });
    const format = values.format!;
    if (format !== 'table' && !EXPORT_FORMATS.includes(format as ExportFormat)) throw new Error(`unknown --format ${format} (table, jsonl, csv, geojson)`);
    const q = eventQuery(values);
    const max = values.limit ? Number(values.limit) : format === 'table' ? 50 : Infinity;
    if (!(max > 0)) throw new Error(`--limit must be a positive number`);
    const store = openExisting(values.db);
    try {
      if (format !== 'table') {
        const n = await exportEvents(eventsWithReports(store, q, max), format as ExportFormat, stdoutWriter());
        process.stderr.write(`sitrep events: ${n} event(s)\n`);
        return 0;
      }
      const rows: unknown[][] = [];
      let cursor: string | null = null;
      do {
        const page = await store.listEvents({ ...q, cursor, limit: Math.min(500, max - rows.length) });
        for (const e of page.items)
          rows.push([
            e.date ? e.date.value + (e.date.precision !== 'day' ? ` (${e.date.precision})` : '') : '?',
            e.subtype || e.type,
            e.location ? `${e.location.name}${e.location.country ? ', ' + e.location.country : ''}` : '',
            e.actors.filter((a) => a.role !== 'associated').map((a) => a.name || a.entity).join(' / '),
            e.fatalities ? (e.fatalities.low === e.fatalities.high ? e.fatalities.best : `${e.fatalities.best} (${e.fatalities.low}-${e.fatalities.high})`) : '',
            `${e.corroboration.grade} (${e.corroboration.outlets})`,
            e.id,
          ]);
        cursor = page.next;
      } while (cursor && rows.length < max);
      process.stdout.write(rows.length ? textTable(['date', 'event', 'where', 'actors', 'killed', 'grade (outlets)', 'id'], rows) : 'no events match\n');
      return 0;
    } finally {
      await store.close();
    }
  },
};
