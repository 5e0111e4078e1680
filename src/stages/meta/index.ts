import type { Stage } from '../../stage.ts';

/** Placeholder: filled in by the meta stage's own work. */
export const meta: Stage = {
  name: 'meta',
  needs: [],
  run() {},
};
