import type { Stage } from '../../stage.ts';

/** Placeholder: filled in by the entities stage's own work. */
export const entities: Stage = {
  name: 'entities',
  needs: [],
  run() {},
};
