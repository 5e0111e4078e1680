import type { Stage } from '../../stage.ts';

/** Placeholder: filled in by the claims stage's own work. */
export const claims: Stage = {
  name: 'claims',
  needs: [],
  run() {},
};
