import type { EventQuery, Store, StoredEvent, StoredEventDetail } from '../store/types.ts';
import { acledCsvLine, acledHeader } from './acled.ts';
import { GEOJSON_CLOSE, GEOJSON_OPEN, eventFeature } from './geojson.ts';

/**
 * Event exports: jsonl (one StoredEvent with its reports per line), csv (ACLED-style), geojson
 * (FeatureCollection). Pages through the store so any size streams with bounded memory.
 */
export type ExportFormat = 'jsonl' | 'csv' | 'geojson';
export const EXPORT_FORMATS: ExportFormat[] = ['jsonl', 'csv', 'geojson'];

export async function* eventsWithReports(store: Store, q: EventQuery, max = Infinity): AsyncGenerator<StoredEventDetail> {
  let cursor: string | null = q.cursor ?? null;
  let n = 0;
  do {
    const page = await store.listEvents({ ...q, cursor, limit: Math.min(500, q.limit ?? 500) });
    for (const e of page.items) {
      if (n++ >= max) return;
      yield (await store.getEvent(e.id)) ?? { ...e, reports: [] };
    }
    cursor = page.next;
  } while (cursor);
}

/** Write events in a format through `write` (returns false when the sink wants a drain). */
export async function exportEvents(events: AsyncIterable<StoredEvent | StoredEventDetail>, format: ExportFormat, write: (s: string) => void | Promise<void>): Promise<number> {
  let n = 0;
  if (format === 'csv') await write(acledHeader());
  if (format === 'geojson') await write(GEOJSON_OPEN);
  for await (const e of events) {
    if (format === 'jsonl') await write(JSON.stringify(e) + '\n');
    else if (format === 'csv') await write(acledCsvLine(e));
    else await write((n ? ',\n' : '') + JSON.stringify(eventFeature(e)));
    n++;
  }
  if (format === 'geojson') await write(GEOJSON_CLOSE);
  return n;
}

export { acledRow, acledHeader, acledCsvLine, ACLED_COLUMNS, CSV_COLUMNS } from './acled.ts';
export { eventFeature, featureCollection } from './geojson.ts';
export { parseCsv } from './csv.ts';

let epipeHandled = false;

/** A writer to stdout that respects back-pressure (large exports piped to slow consumers). */
export function stdoutWriter(): (s: string) => Promise<void> | void {
  // A closed pipe (`| head`) ends the output quietly, as Unix tools do.
  if (!epipeHandled) (epipeHandled = true), process.stdout.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' ? process.exit(0) : process.stderr.write(`${e.message}\n`)));
  return (s: string) => {
    if (!process.stdout.write(s)) return new Promise<void>((res) => process.stdout.once('drain', () => res()));
  };
}

/** A plain-text table: columns padded to their widest cell (cells cut at `max`). */
export function textTable(header: string[], rows: unknown[][], max = 40): string {
  const cell = (v: unknown) => {
    const s = v == null ? '' : String(v).replace(/\s+/g, ' ');
    return s.length > max ? s.slice(0, max - 1) + '…' : s;
  };
  const all = [header, ...rows.map((r) => r.map(cell))];
  const w = header.map((_, i) => Math.max(...all.map((r) => String(r[i] ?? '').length)));
  return all.map((r) => r.map((c, i) => String(c ?? '').padEnd(w[i])).join('  ').trimEnd()).join('\n') + '\n';
}
