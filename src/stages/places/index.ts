import type { Stage } from '../../stage.ts';

/** Placeholder: filled in by the places stage's own work. */
export const places: Stage = {
  name: 'places',
  needs: [],
  run() {},
};
