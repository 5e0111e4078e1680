import type { Stage } from '../../stage.ts';

/** Placeholder: filled in by the events stage's own work. */
export const events: Stage = {
  name: 'events',
  needs: [],
  run() {},
};
