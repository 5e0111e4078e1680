/**
 * The store interface: what every backend (SQLite now, PostgreSQL later) offers to the CLI, the
 * REST API and the dashboard. Every method is async so that a network database drops in without
 * changing callers; the SQLite backend simply resolves at once.
 *
 * Vocabulary
 * - document: one stored input (contract DocResult + its text), versioned per source.
 * - report:   one event as ONE document tells it (a contract ConflictEvent, with its document).
 * - event:    the real-world event: a cluster of reports from one or more documents. Event ids are
 *             stable (derived from the founding report), and are what exports and the change feed use.
 * - claim:    a numeric statement with who says it (contract Claim, with its document).
 * - contradiction: the same quantity for the same event or subject, differing beyond a tolerance
 *             between sources (see src/crossdoc/contradictions.ts for the rule).
 *
 * Review (accept / reject / edit / merge / split) writes an audit log; reviewed values override
 * machine values in queries and exports, while the machine values stay visible (`machine`).
 *
 * Contract tests for any backend: test/store/contract.ts `storeContract(name, factory)`.
 */
import type { EventValues } from '../crossdoc/summarise.ts';
import type {
  Claim,
  ConflictEvent,
  DocResult,
  ErrorRecord,
  InputKind,
  Span,
} from '../doc.ts';
import type { AccountStore } from './accounts.ts';
import type { WatchState } from './watch.ts';

/** One page of a list; pass `next` back as `cursor` to get the following page (null: no more). */
export interface Page<T> {
  items: T[];
  next: string | null;
}

// ---------------------------------------------------------------------------------------------
// Ingest

/** What a caller hands to `ingest`: the pipeline's result and the exact text its offsets index. */
export interface IngestInput {
  result: DocResult;
  /** The input text as read (every offset in `result` points into it). */
  text: string;
  /** Overrides result.source when given (e.g. the URL a dashboard user pasted). */
  source?: string;
  kind?: InputKind;
  /** When the bytes were fetched (ISO timestamp); defaults to the ingest time. */
  fetchedAt?: string | null;
}

export type IngestStatus = 'added' | 'unchanged' | 'new_version';

export interface IngestOutcome {
  status: IngestStatus;
  /** The stored document's key (see StoredDocument.id). */
  documentId: string;
  version: number;
  /** Events (clusters) this document added or changed; empty when unchanged. */
  events: string[];
}

export interface IngestRun {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  command: string | null;
  seen: number;
  added: number;
  unchanged: number;
  versions: number;
  skipped: number;
  skips: Array<{ source: string; documentId: string | null; code: string; message: string }>;
}

// ---------------------------------------------------------------------------------------------
// Documents

export interface DocumentQuery {
  source?: string;
  outlet?: string;
  /** Include superseded versions (default: current versions only). */
  allVersions?: boolean;
  /** Words that must all occur in the title, source or outlet (case-insensitive). */
  q?: string;
  /** Order (document-order.ts): `ingested` (the default), `-published`, `title`, `-events`, ... */
  sort?: import('./document-order.ts').DocumentSort;
  limit?: number;
  cursor?: string | null;
}

export interface StoredDocument {
  /** Store key: the contract id, suffixed `~vN` for later versions whose contract id collides. */
  id: string;
  /** The contract id (`DocResult.id`). */
  contractId: string;
  source: string;
  version: number;
  /** False once a newer version of the same source was ingested. */
  current: boolean;
  /** sha256 (hex) of the text as read, UTF-8 encoded: the dedupe key. */
  contentHash: string;
  outlet: string | null;
  title: string | null;
  published: { value: string; precision: string } | null;
  fetchedAt: string | null;
  ingestedAt: string;
  runId: number | null;
  counts: { mentions: number; places: number; times: number; events: number; claims: number };
}

/** A document with its text and every span layer (the stored DocResult). */
export interface StoredDocumentFull extends StoredDocument {
  text: string;
  result: DocResult;
}

// ---------------------------------------------------------------------------------------------
// Events (clusters of reports)

export type Grade = 'confirmed' | 'fair' | 'weak' | 'contested';

export interface Corroboration {
  reports: number;
  /** Independent outlets (distinct outlets, wire copies counted once; a document with no outlet counts as its own). */
  outlets: number;
  /** Groups of outlets that ran the same text (a wire copy), each counted once in `outlets`. */
  copies?: Array<{ outlets: string[]; documents: string[] }>;
  grade: Grade;
  /** Why this grade, in words (the rule that fired). */
  reason: string;
}

export type ReviewStatus = 'unreviewed' | 'accepted' | 'rejected' | 'edited';

/** Fields an analyst may edit; an edit stores an override, the machine value stays in `machine`. */
export interface EditableEventFields extends EventValues {
  notes: string | null;
}

/** A stored event (a cluster of reports); its actors carry canonical entity ids and names. */
export interface StoredEvent extends EditableEventFields {
  id: string;
  corroboration: Corroboration;
  /** The documents reporting this event. */
  /** The reports' documents; `copyOf`: the document whose wire text this one runs (counted once). */
  sources: Array<{ documentId: string; source: string; outlet: string | null; published: string | null; copyOf?: string }>;
  review: { status: ReviewStatus; overridden: string[] };
  /** The machine values of overridden fields (present only when some field is overridden). */
  machine?: Partial<EditableEventFields>;
  /** Bumped on every change; the change feed reports it. */
  revision: number;
  createdAt: string;
  updatedAt: string;
}

/** One source's report of an event, with its evidence text. */
export interface EventReport {
  id: string;
  eventId: string;
  documentId: string;
  source: string;
  outlet: string | null;
  published: string | null;
  event: ConflictEvent;
  evidence: Span[];
  /**
   * Why this report is in this event: the clustering decision when it was filed (the event it was
   * compared with, the similarity score against the threshold, each feature's contribution, or the
   * veto that made it found its own event). Null for reports stored before decisions were kept.
   */
  match?: import('../crossdoc/similarity.ts').PairDecision | null;
}

export interface StoredEventDetail extends StoredEvent {
  reports: EventReport[];
}

export interface EventQuery {
  /** Inclusive ISO date bounds on the event date. */
  since?: string;
  until?: string;
  type?: string | string[];
  subtype?: string;
  /** Entity id (`org:isis`) or a name fragment (case-insensitive). */
  actor?: string;
  /** A name or alias fragment (case-insensitive), apart from `actor` so both can be given. */
  actorName?: string;
  /** First-level division of the event location, matched case-insensitively. */
  admin1?: string;
  near?: { lat: number; lon: number; km: number };
  /** ISO 3166 alpha-2 code. */
  country?: string;
  grade?: Grade | Grade[];
  /** Rejected events are hidden unless asked for. */
  includeRejected?: boolean;
  /** Order (event-order.ts): `-date` (newest first, the default), `fatalities`, `-reports`, `place`, ... */
  sort?: import('./event-order.ts').EventSort;
  limit?: number;
  cursor?: string | null;
}

// ---------------------------------------------------------------------------------------------
// Claims, contradictions, entities

export interface StoredClaim extends Claim {
  id: string;
  documentId: string;
  source: string;
  outlet: string | null;
  published: string | null;
  /** The event (cluster) whose evidence holds this claim, when one does. */
  eventId: string | null;
  /** Canonical names of subject and claimant. */
  subjectName: string | null;
  claimantName: string | null;
}

export interface ClaimQuery {
  unit?: string;
  subject?: string;
  claimant?: string;
  documentId?: string;
  eventId?: string;
  limit?: number;
  cursor?: string | null;
}

export interface ContradictionValue {
  value: number;
  low: number;
  high: number;
  text: string;
  claimant: string | null;
  claimantName: string | null;
  outlet: string | null;
  source: string;
  documentId: string;
  published: string | null;
  /** The words that say it (raw offsets into the document). */
  evidence: Span;
}

export interface Contradiction {
  /** Stable id from what is contradicted (kind, event or subject, unit). */
  id: string;
  /** 'event': reports of one event disagree; 'subject': claims about one subject disagree. */
  kind: 'event' | 'subject';
  unit: string;
  eventId: string | null;
  subject: string | null;
  subjectName: string | null;
  /** Who says what, ordered by value. */
  values: ContradictionValue[];
  min: number;
  max: number;
  /** The event's date (a subject contradiction: its latest publication date), for the date filter. */
  date?: string | null;
  /** The event's place name, first-level division and country (null for subject contradictions). */
  place?: string | null;
  admin1?: string | null;
  country?: string | null;
}

export interface ContradictionQuery {
  unit?: string;
  eventId?: string;
  subject?: string;
  kind?: 'event' | 'subject';
  /** Inclusive ISO date bounds on the contradiction's date. */
  since?: string;
  until?: string;
  /** A fragment of the event's place name, first-level division or country code (case-insensitive). */
  place?: string;
}

export interface StoredEntity {
  /** `kind:slug` from a pack, or a stable id from the normalised name; places `geo:<geonameid>`. */
  id: string;
  kind: 'actor' | 'place';
  type: string;
  name: string;
  /** Surface forms seen in documents. */
  aliases: string[];
  mentions: number;
  documents: number;
  lat?: number | null;
  lon?: number | null;
  country?: string | null;
}

export interface EntityQuery {
  kind?: 'actor' | 'place';
  type?: string;
  /** Name or alias fragment, case-insensitive. */
  q?: string;
  /** `id` (the default) or `mentions`: the most often named first. */
  sort?: 'id' | 'mentions';
  limit?: number;
  cursor?: string | null;
}

// ---------------------------------------------------------------------------------------------
// Review

export type ReviewAction =
  | { action: 'accept'; eventId: string; reviewer: string; note?: string }
  | { action: 'reject'; eventId: string; reviewer: string; note?: string }
  | { action: 'edit'; eventId: string; reviewer: string; fields: Partial<EditableEventFields>; note?: string }
  /** Move every report of `eventIds` into `into` (default: the first id); the others are deleted. */
  | { action: 'merge'; eventIds: string[]; into?: string; reviewer: string; note?: string }
  /** Move `reportIds` out of `eventId` into a new event. */
  | { action: 'split'; eventId: string; reportIds: string[]; reviewer: string; note?: string }
  /** Take back the event's last accept, reject or edit (undo.ts); again to go further back. */
  | { action: 'undo'; eventId: string; reviewer: string; note?: string };

export interface ReviewResult {
  /** The events as they are after the action (a merge's absorbed events are not listed). */
  events: StoredEvent[];
  audit: AuditEntry[];
}

export interface AuditEntry {
  id: number;
  at: string;
  reviewer: string;
  action: ReviewAction['action'];
  eventId: string;
  field: string | null;
  before: unknown;
  after: unknown;
  note: string | null;
}

// ---------------------------------------------------------------------------------------------
// Change feed

export interface Change {
  /** Pass the last change's cursor (or ChangeFeed.cursor) as `since` to continue. */
  cursor: string;
  op: 'add' | 'update' | 'delete';
  eventId: string;
  revision: number;
  at: string;
  /** The event as it is now (null for a deletion). */
  event: StoredEvent | null;
}

export interface ChangeFeed {
  changes: Change[];
  /** Where the next call should resume (unchanged when there was nothing new). */
  cursor: string;
}

export interface StoreStats {
  documents: number;
  versions: number;
  reports: number;
  events: number;
  claims: number;
  entities: number;
  contradictions: number;
  eventsByType: Record<string, number>;
  topActors: Array<{ entity: string; name: string; events: number }>;
}

// ---------------------------------------------------------------------------------------------
// The interface

export interface Store {
  readonly backend: string;

  /** Start an ingest run (groups documents and skips for `sitrep ingest` and the API). */
  beginRun(command?: string): Promise<number>;
  /** Store one document in one transaction: no-op for known bytes, new version for a changed source. */
  ingest(input: IngestInput, runId?: number): Promise<IngestOutcome>;
  /**
   * If exactly this text is already stored, count it as unchanged in the run and return that
   * outcome; else null. Lets callers skip extraction of known bytes (re-ingest costs no pipeline).
   */
  ingestKnown(text: string, runId?: number): Promise<IngestOutcome | null>;
  /** Record an input that could not be extracted as a skip of the run. */
  recordSkip(runId: number, error: ErrorRecord): Promise<void>;
  finishRun(runId: number): Promise<IngestRun>;
  listRuns(limit?: number): Promise<IngestRun[]>;

  listDocuments(q?: DocumentQuery): Promise<Page<StoredDocument>>;
  /** A document with its text and spans; by store key or contract id (latest version). */
  getDocument(id: string): Promise<StoredDocumentFull | null>;

  listEvents(q?: EventQuery): Promise<Page<StoredEvent>>;
  getEvent(id: string): Promise<StoredEventDetail | null>;

  listClaims(q?: ClaimQuery): Promise<Page<StoredClaim>>;
  listContradictions(q?: ContradictionQuery): Promise<Contradiction[]>;

  listEntities(q?: EntityQuery): Promise<Page<StoredEntity>>;
  getEntity(id: string): Promise<StoredEntity | null>;

  review(action: ReviewAction): Promise<ReviewResult>;
  auditLog(q?: { eventId?: string; limit?: number }): Promise<AuditEntry[]>;

  /** Event additions, updates and deletions after `since` (null: from the beginning). */
  changes(since: string | null, limit?: number): Promise<ChangeFeed>;

  stats(): Promise<StoreStats>;

  /** The newest change's cursor as a number (0 when none): cheap, so caches can tell whether anything changed. */
  changeHead(): Promise<number>;
  /** Which event (cluster) each of a document's contract events was filed under, keyed by contract event id. */
  reportClusters(documentId: string): Promise<Record<string, string>>;

  /** The web server's users, login sessions and API tokens, kept in the same database. */
  readonly accounts: AccountStore;

  /** What `sitrep watch` knows of the sources it follows (validators, errors, handled items). */
  readonly watch: WatchState;

  close(): Promise<void>;
}

/** Opens a fresh, empty store for a test (the contract tests take one of these per backend). */
export type StoreFactory = () => Promise<Store>;
