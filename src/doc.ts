/**
 * The Doc and the contract's types: the one place that defines them.
 *
 * A Doc holds the input text exactly as read (after decoding, nothing else) and, layer by layer,
 * what each pipeline stage found in it. Every stage works on `doc.view.text`: for plain text that
 * is the input itself; for HTML it is the visible text with a map back to the raw HTML, so that
 * every offset in the output still points into the original input (see `toRaw`).
 */

/** A half-open range [start, end) of UTF-16 code units. */
export interface Range {
  start: number;
  end: number;
}

export interface Span extends Range {
  text: string;
}

/** Metadata a caller already knows about a document (from a JSONL record, a WARC header, a flag). */
export interface GivenMeta {
  /** The record's own id; replaces the hash id in the output when present. */
  id?: string;
  title?: string;
  outlet?: string;
  url?: string;
  /** ISO date (YYYY-MM-DD or a longer ISO timestamp) of publication, from the record. */
  published?: string;
  /** When the page was fetched (WARC-Date, scraper time). Never a publication date. */
  crawled?: string;
  /** A date to resolve relative expressions against when the document gives none. */
  referenceDate?: string;
  language?: string;
}

/**
 * A metadata value found in the input's markup (an HTML <title> or <meta>, JSON-LD) rather than in
 * the article text. The reader puts the value into the view (outside the content ranges) so that
 * it has a view range and therefore raw offsets like any span.
 */
export interface MarkupMeta extends Range {
  /** e.g. 'title', 'og:title', 'og:site_name', 'article:published_time', 'ld:datePublished'. */
  key: string;
  value: string;
}

/** What kind of bytes a document was read from; decides the view and the cleaner. */
export type InputKind = 'text' | 'html' | 'record';

/**
 * The text the stages read, with a map back to the raw input. View character i came from raw
 * range [map.starts[i], map.ends[i]) (an HTML entity such as `&amp;` is one view character from
 * five raw ones). `map: null` means the view is the raw text itself.
 */
export interface View {
  text: string;
  map: { starts: Int32Array; ends: Int32Array } | null;
}

export type EntityType = 'PERSON' | 'ORG' | 'GPE' | 'LOC' | 'FAC' | 'NORP';

export interface Mention extends Span {
  type: EntityType;
  /** Canonical id `kind:slug` from a pack, or a stable id from the normalised name. */
  entity: string;
  name: string;
  /** Role or title for a person ("spokesman for CJTF-OIR"), rank ("Col."), when found. */
  role?: string;
  /** Which rule or model produced the mention. */
  source?: string;
}

export type PlaceKind = 'city' | 'admin1' | 'admin2' | 'country' | 'region' | 'feature';

export interface Place extends Span {
  name: string;
  lat: number;
  lon: number;
  country: string | null;
  admin1: string | null;
  geonameid: number | null;
  kind: PlaceKind;
  /** True when the text names the place through its people ("Iraqi", "Kurdish"): a modifier, not a location. */
  demonym?: boolean;
}

export type TimeType = 'DATE' | 'TIME' | 'DURATION' | 'SET';
export type TimePrecision = 'day' | 'week' | 'month' | 'quarter' | 'year' | 'decade' | 'time' | 'none';

export interface TimeExpr extends Span {
  type: TimeType;
  /** TIMEX3-style value: 2019-03-23, 2019-W12, 2024-Q1, 2017-11, P3D, PAST_REF... */
  value: string;
  precision: TimePrecision;
  /** TIMEX3 mod where the words narrow or hedge the value: START, MID, END, APPROX, LESS_THAN, MORE_THAN, ON_OR_AFTER... */
  mod?: string;
  /** An open range's last day ("since Saturday" runs to the document date): YYYY-MM-DD. */
  until?: string;
}

export interface PublishedDate extends Span {
  value: string;
  precision: 'day' | 'month' | 'year';
}

/** The publication date when it came from the record, not from a span in the text. */
export interface GivenDate {
  value: string;
  precision: 'day' | 'month' | 'year';
  evidence: 'record' | 'flag';
}

export interface Meta {
  outlet: string | null;
  title: string | null;
  published: PublishedDate | GivenDate | null;
  body: Range;
  dateline?: Span | null;
}

export type EventType =
  | 'Battles'
  | 'Explosions/Remote violence'
  | 'Violence against civilians'
  | 'Protests'
  | 'Riots'
  | 'Strategic developments';

export type Modality = 'asserted' | 'claimed' | 'denied' | 'hypothetical' | 'future';

export interface EventActor {
  entity: string;
  name?: string;
  role: 'actor1' | 'actor2' | 'target' | 'associated';
  /** ACLED's actor class: 1 state forces, 2 rebels, 3 political militias, 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces. */
  inter?: number;
  /** ACLED-style actor name: "Military Forces of Syria", "Protesters (Iraq)", "Islamic State (Syria)". */
  acledName?: string;
}

export interface EventLocation {
  name: string;
  lat: number | null;
  lon: number | null;
  country: string | null;
  admin1: string | null;
  /** ACLED geo-precision: 1 the named place, 2 near it / its district, 3 only the province. */
  precision: 1 | 2 | 3;
  geonameid?: number | null;
}

export interface EventCounts {
  killed: number | null;
  injured: number | null;
  detained: number | null;
  strikes: number | null;
  operations: number | null;
  [unit: string]: number | null;
}

export interface Fatalities {
  low: number;
  best: number;
  high: number;
}

export interface ConflictEvent {
  id: string;
  type: EventType;
  subtype: string;
  date: { value: string; precision: string; fromPublication?: boolean; /** Last day of a range the date opens ("since Saturday"). */ until?: string } | null;
  location: EventLocation | null;
  actors: EventActor[];
  fatalities: Fatalities | null;
  counts: EventCounts;
  modality: Modality;
  attribution: string | null;
  evidence: Range[];
  /** The words that set the type and subtype ("air strike", "clashed"); absent when a toll alone made the event. */
  trigger?: Range;
  /** True for a report over a period ("94 operations in the first quarter"), not one event. */
  aggregate?: boolean;
  negated?: boolean;
  /** Entity id of the claimant named by `attribution`, when the entity stage found one. */
  attributionEntity?: string | null;
}

export interface Claim extends Span {
  value: number;
  low: number;
  high: number;
  unit: string;
  subject: string | null;
  claimant: string | null;
  approximate: boolean;
  evidence: Range;
  /** The claimant as written ("Col. John Smith", "the coalition"), also when no entity id was found. */
  claimantName?: string | null;
}

export interface Sentence extends Range {}

export interface Token extends Range {
  text: string;
}

/** The per-document output of CONTRACT.md. */
export interface DocResult {
  id: string;
  source: string;
  meta: {
    outlet: string | null;
    title: string | null;
    published: PublishedDate | GivenDate | null;
    body: Range;
    dateline?: Span | null;
  };
  mentions: Mention[];
  places: Place[];
  times: TimeExpr[];
  events: ConflictEvent[];
  claims: Claim[];
  debug?: Record<string, unknown>;
}

export interface ErrorRecord {
  source: string;
  id?: string;
  error: { code: string; message: string };
}

export class Doc {
  /** sha256 of the raw bytes, first 16 hex chars (or the record's own id). */
  id: string;
  source: string;
  /** The input as read: the string every output offset points into. */
  text: string;
  kind: InputKind;
  given: GivenMeta;
  view: View;

  // Layers, filled by stages in pipeline order.
  meta: Meta;
  /** Ranges of the view that hold the article (title, body); later stages read only these. */
  content: Range[] = [];
  /** Page furniture inside the content (tag lists, captions, tweets, credits): read by no stage after clean. */
  furniture: Array<Range & { why: string }> = [];
  sentences: Sentence[] = [];
  tokens: Token[] = [];
  mentions: Mention[] = [];
  places: Place[] = [];
  times: TimeExpr[] = [];
  events: ConflictEvent[] = [];
  claims: Claim[] = [];
  /** Which rule decided what, for people debugging a result. Goes to the output's `debug`. */
  debug: Record<string, unknown> = {};
  /** Metadata the reader found in the markup (HTML meta tags, JSON-LD), as view ranges. */
  markup: MarkupMeta[] = [];
  /** The date relative expressions resolve against: publication date, else reference, else null. */
  anchor: string | null = null;

  constructor(init: { id: string; source: string; text: string; kind: InputKind; given?: GivenMeta; view?: View }) {
    this.id = init.id;
    this.source = init.source;
    this.text = init.text;
    this.kind = init.kind;
    this.given = init.given ?? {};
    this.view = init.view ?? { text: init.text, map: null };
    this.meta = { outlet: null, title: null, published: null, body: { start: 0, end: this.view.text.length } };
  }

  /** A view range as a raw range: what the output reports. */
  toRaw(r: Range): Range {
    const m = this.view.map;
    if (!m) return { start: r.start, end: r.end };
    const n = this.view.text.length;
    if (r.start >= n) return { start: m.ends[n - 1] ?? 0, end: m.ends[n - 1] ?? 0 };
    if (r.end <= r.start) return { start: m.starts[r.start], end: m.starts[r.start] };
    return { start: m.starts[r.start], end: m.ends[r.end - 1] };
  }

  /** A view range as an output span: raw offsets and the raw text between them. */
  rawSpan(r: Range): Span {
    const raw = this.toRaw(r);
    return { start: raw.start, end: raw.end, text: this.text.slice(raw.start, raw.end) };
  }

  /** The view text of a range. */
  slice(r: Range): string {
    return this.view.text.slice(r.start, r.end);
  }
}
