import type { Scorer } from './types.ts';

/** Placeholder for the timex scorer. */
export const scorer: Scorer = {
  name: 'timex',
  applies: () => false,
  score: () => [],
};
