import type { EntityType } from '../../doc.ts';

/** A mention being built: where it is, what it is, and which rule found it. */
export interface Candidate {
  start: number;
  end: number;
  type: EntityType;
  /** Pack id when a pack alias matched; otherwise null until ids are assigned. */
  entity: string | null;
  name: string;
  role?: string;
  source: 'pack' | 'model' | 'coref' | 'acronym' | 'repeat' | 'phrase';
  /** Sentence index and token range [a, b) in that sentence's NER tokens. */
  sent: number;
  a: number;
  b: number;
  /** Where the name itself starts (after a title), as a token index; a when no title. */
  nameA?: number;
  /** Where the name itself ends (before a group noun), as a token index; b when not grouped. */
  nameB?: number;
  /** Extended over a group noun ("ISIS fighters"). */
  grouped?: boolean;
}

export function overlaps(x: { start: number; end: number }, y: { start: number; end: number }): boolean {
  return x.start < y.end && y.start < x.end;
}

export function within(x: { start: number; end: number }, y: { start: number; end: number }): boolean {
  return x.start >= y.start && x.end <= y.end;
}
