import type { TimeType } from '../../doc.ts';
import type { YMD } from './calendar.ts';

/**
 * The pieces a locale is made of (chrono's model): parsers, each a pattern and an `extract` that
 * turns one match into a temporal expression; refiners that clean up the parsers' joint output;
 * and a reading of tense, which decides whether "Monday" is last Monday or next Monday.
 */

/** Which way an expression leans: news defaults to the past ("said Tuesday"). */
export type Tense = 'past' | 'future' | 'unknown';

/** What a parser knows while it reads one sentence. */
export interface ParseContext {
  /** The sentence text; match offsets are relative to it. */
  text: string;
  /** The document date relative expressions resolve against, or null (leave them unresolved). */
  anchor: YMD | null;
  /** The last day named explicitly earlier in the document ("10:35 a.m." happened on it), else the anchor. */
  lastDay: YMD | null;
  /** The last quarter or half named in an earlier sentence (2019-Q1), for "from a year earlier". */
  focusPeriod?: string | null;
  /** Tense around a span of this sentence. */
  tense(start: number, end: number): Tense;
}

/** A parser's answer for one match. Offsets, when given, are relative to the sentence. */
export interface Extracted {
  type: TimeType;
  value: string;
  start?: number;
  end?: number;
  /** TIMEX3 mod (START, END, MID, APPROX, LESS_THAN, MORE_THAN...) where the words give one. */
  mod?: string;
  /** The value's day was taken from context (the last day named), not from the phrase itself. */
  dayFromContext?: boolean;
  /** A comparison "a year earlier": this many years before the period in focus, if one is. */
  yearsBack?: number;
}

export interface Parser {
  name: string;
  /** A global regular expression run over each sentence. */
  pattern: RegExp;
  /** A cheap test a sentence must pass before the pattern runs on it (a keyword the pattern needs). */
  trigger?: RegExp;
  extract(match: RegExpExecArray, ctx: ParseContext): Extracted | null;
}

/** A found expression, in sentence offsets, with the parser that found it. */
export interface Found extends Extracted {
  start: number;
  end: number;
  parser: string;
  /** The parser's place in its locale's list: earlier wins a tie between equal spans. */
  rank?: number;
}

/** A parser that reads a whole sentence at once (a library such as chrono). */
export interface SentenceParser {
  name: string;
  find(ctx: ParseContext): Found[];
}

export type Refiner = (found: Found[], ctx: ParseContext) => Found[];

export interface Locale {
  name: string;
  parsers: Parser[];
  sentenceParsers: SentenceParser[];
  refiners: Refiner[];
  tense(text: string, start: number, end: number): Tense;
  /**
   * Words just before a day that make it the day of the report, not of the story ("said on
   * Saturday"): such a day does not become the day later clock times and "that day" refer to.
   */
  reportingCue?: RegExp;
}
