import type { StoredEvent, StoredEventDetail } from '../store/types.ts';
import { country } from './countries.ts';
import { csvLine } from './csv.ts';
import { dateWindow } from '../crossdoc/dates.ts';

/**
 * ACLED-style CSV: ACLED's own column names and meanings (https://acleddata.com, "ACLED
 * Codebook"), so existing ACLED tooling reads the file, followed by sitrep's columns: our stable
 * event id, the fatality range, corroboration, the source documents and the evidence text.
 * Actors are written with their ACLED-style names and classes (`acledName`, `inter`, from the events
 * stage) when the event has them; `interaction` is ACLED's two-digit code of the pair. Columns ACLED
 * fills by hand that we cannot know (admin2/admin3, region, source_scale) are left empty rather
 * than guessed.
 */
export const ACLED_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type',
  'actor1', 'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting',
  'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude', 'geo_precision',
  'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
] as const;

export const SITREP_COLUMNS = [
  'sitrep_event_id', 'fatalities_low', 'fatalities_high', 'counts', 'corroboration', 'n_reports', 'n_outlets',
  'review_status', 'source_documents', 'source_urls', 'evidence',
] as const;

export const CSV_COLUMNS = [...ACLED_COLUMNS, ...SITREP_COLUMNS];

const DISORDER: Record<string, string> = {
  Battles: 'Political violence',
  'Explosions/Remote violence': 'Political violence',
  'Violence against civilians': 'Political violence',
  Protests: 'Demonstrations',
  Riots: 'Demonstrations',
  'Strategic developments': 'Strategic developments',
};

/** ACLED time precision: 1 the day is known, 2 the week or a few days, 3 only the month or longer. */
export function timePrecision(p: string | null | undefined): number | '' {
  if (!p) return '';
  if (p === 'day' || p === 'time') return 1;
  if (p === 'week') return 2;
  return 3;
}

function names(actors: StoredEvent['actors'], roles: string[]): string[] {
  return actors.filter((a) => roles.includes(a.role)).map((a) => a.acledName || a.name || a.entity);
}

function interOf(actors: StoredEvent['actors'], roles: string[]): number | null {
  const a = actors.find((x) => roles.includes(x.role));
  return typeof a?.inter === 'number' ? a.inter : null;
}

/** ACLED's interaction code: the two actors' classes, the lower first (17, 12, 18); one actor alone is its class times ten. */
export function interaction(inter1: number | null, inter2: number | null): number | '' {
  if (inter1 == null) return inter2 == null ? '' : inter2 * 10;
  if (inter2 == null) return inter1 * 10;
  return Math.min(inter1, inter2) * 10 + Math.max(inter1, inter2);
}

export function acledRow(e: StoredEvent | StoredEventDetail): Record<(typeof CSV_COLUMNS)[number], unknown> {
  const c = country(e.location?.country);
  const a1 = names(e.actors, ['actor1']);
  const a2 = names(e.actors, ['actor2', 'target']);
  const assoc = names(e.actors, ['associated']);
  const inter1 = interOf(e.actors, ['actor1']);
  const inter2 = interOf(e.actors, ['actor2', 'target']);
  const reports = 'reports' in e ? e.reports : [];
  const evidence = reports.map((r) => `[${r.outlet ?? r.source}] ${r.evidence.map((s) => s.text.replace(/\s+/g, ' ').trim()).join(' … ')}`).join('\n');
  // ACLED always gives a calendar day; a coarser date becomes its first day, flagged by time_precision.
  const v = e.date?.value ?? '';
  const day = /^\d{4}$/.test(v) ? `${v}-01-01` : /^\d{4}-\d{2}$/.test(v) ? `${v}-01` : /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : (dateWindow(e.date)?.lo ?? '');
  const ts = Math.floor(Date.parse(e.updatedAt) / 1000);
  return {
    event_id_cnty: `${c?.alpha3 ?? 'XXX'}${e.id.replace(/^ev_/, '').toUpperCase()}`,
    event_date: day,
    year: day.slice(0, 4),
    time_precision: timePrecision(e.date?.precision),
    disorder_type: DISORDER[e.type] ?? '',
    event_type: e.type,
    sub_event_type: e.subtype,
    actor1: a1[0] ?? '',
    assoc_actor_1: [...a1.slice(1), ...assoc].join('; '),
    inter1: inter1 ?? '',
    actor2: a2[0] ?? '',
    assoc_actor_2: a2.slice(1).join('; '),
    inter2: inter2 ?? '',
    interaction: interaction(inter1, inter2),
    civilian_targeting: e.type === 'Violence against civilians' ? 'Civilian targeting' : '',
    iso: c?.numeric ?? '',
    region: '',
    country: c?.name ?? e.location?.country ?? '',
    admin1: e.location?.admin1 ?? '',
    admin2: '',
    admin3: '',
    location: e.location?.name ?? '',
    latitude: e.location?.lat ?? '',
    longitude: e.location?.lon ?? '',
    geo_precision: e.location?.precision ?? '',
    source: [...new Set(e.sources.map((s) => s.outlet ?? s.source))].join('; '),
    source_scale: '',
    notes: e.notes ?? (reports[0]?.evidence.map((s) => s.text.replace(/\s+/g, ' ').trim()).join(' ') ?? ''),
    fatalities: e.fatalities?.best ?? 0,
    tags: e.corroboration.grade,
    timestamp: Number.isFinite(ts) ? ts : '',
    sitrep_event_id: e.id,
    fatalities_low: e.fatalities?.low ?? '',
    fatalities_high: e.fatalities?.high ?? '',
    counts: Object.fromEntries(Object.entries(e.counts).filter(([, v]) => v != null)),
    corroboration: e.corroboration.grade,
    n_reports: e.corroboration.reports,
    n_outlets: e.corroboration.outlets,
    review_status: e.review.status,
    source_documents: e.sources.map((s) => s.documentId).join('; '),
    source_urls: e.sources.map((s) => s.source).join('; '),
    evidence,
  };
}

export function acledHeader(): string {
  return csvLine([...CSV_COLUMNS]);
}

export function acledCsvLine(e: StoredEvent | StoredEventDetail): string {
  const row = acledRow(e);
  return csvLine(CSV_COLUMNS.map((k) => row[k]));
}
