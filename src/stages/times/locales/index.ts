import type { Locale } from '../types.ts';
import { english } from './en/index.ts';

/** Locales by language code; a language without one is read with English (dates in news are often English-like). */
export const LOCALES: Record<string, Locale> = { en: english };

export function localeFor(language: string | undefined): Locale {
  return LOCALES[(language ?? 'en').slice(0, 2).toLowerCase()] ?? english;
}
