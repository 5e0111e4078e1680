import type { ConflictEvent, Doc, EventActor, Place } from '../../../doc.ts';
import type { Lexicon } from '../lexicon.ts';
import type { Figure } from '../figures.ts';

/**
 * The refiners run after the events stage has made one event per triggering clause, as chrono's
 * refiners run after its parsers: each is a small policy in a file of its own, listed in order in
 * ./index.ts, and each writes what it decided (and why) to `doc.debug.refiners`.
 */
export interface Mention {
  event: ConflictEvent;
  /** The priority of the rule that triggered it (0: a toll with no trigger word). */
  strength: number;
  /** The indices of the sentences it was read from. */
  sentences: number[];
  /**
   * Its place was written in its own sentences (not the document's focus), and its date too (not
   * the publication day, nor a date carried from the event before): only what a mention states
   * tells it apart from another. Unknown (undefined) counts as stated.
   */
  ownPlace?: boolean;
  ownDate?: boolean;
  /** Its trigger names only an outcome or an unspecified act ("killed", "attack"; a toll with no trigger word). */
  restates?: boolean;
  /** The roles whose actor is ACLED's default, not read from the text ("Unidentified Armed Group", an air force nobody named). */
  inferred?: EventActor['role'][];
  /** It says it is another incident: "Another air strike ...", "Five more civilians ...", "In a separate attack". */
  distinct?: boolean;
}

export interface RefineContext {
  doc: Doc;
  lex: Lexicon;
  /** The publication date (YYYY-MM-DD) or the document anchor, when known. */
  published: string | null;
  /** The places that can locate an event (not those naming an actor: "US-led", "Iraqi forces"). */
  places: Place[];
  /** What each refiner did: "<refiner>: <decision>". */
  log: string[];
  /** The document's figures with their units (figures.ts): a breakdown's tolls. */
  figures?: Figure[];
}

export interface EventRefiner {
  name: string;
  refine(mentions: Mention[], ctx: RefineContext): Mention[];
}
