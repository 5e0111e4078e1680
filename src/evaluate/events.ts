import type { Scorer } from './types.ts';

/** Placeholder for the events scorer. */
export const scorer: Scorer = {
  name: 'events',
  applies: () => false,
  score: () => [],
};
