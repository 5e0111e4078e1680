import type { Doc } from './doc.ts';
import type { Context } from './context.ts';

/**
 * A pipeline stage: a name, the stages whose layers it reads, and a function that adds its own
 * layer to the Doc. A stage reads earlier layers and never rewrites them.
 */
export interface Stage {
  name: string;
  needs: string[];
  run(doc: Doc, ctx: Context): void;
}
