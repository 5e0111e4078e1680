import type { ConflictEvent, Doc, Place } from '../../../doc.ts';
import type { Lexicon } from '../lexicon.ts';

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
}

export interface EventRefiner {
  name: string;
  refine(mentions: Mention[], ctx: RefineContext): Mention[];
}
