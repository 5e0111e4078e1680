import type { Stage } from '../../stage.ts';

/** Placeholder: filled in by the clean stage's own work. */
export const clean: Stage = {
  name: 'clean',
  needs: [],
  run() {},
};
