import type { Scorer } from './types.ts';

/** Placeholder for the toponyms scorer. */
export const scorer: Scorer = {
  name: 'toponyms',
  applies: () => false,
  score: () => [],
};
