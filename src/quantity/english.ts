/**
 * English number vocabulary: the language's own words for quantities, not knowledge about any
 * conflict (that lives in the pack: which nouns count fatalities, how vague words are coded).
 */

export const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};

export const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

/** Multipliers written as words or abbreviations after a number ("4mn", "2.3 million", "5bn", "10k"). */
export const SCALES: Record<string, number> = {
  hundred: 100, thousand: 1e3, k: 1e3, million: 1e6, millions: 1e6, mn: 1e6, mln: 1e6, m: 1e6, billion: 1e9, bn: 1e9, b: 1e9,
};

/** Words before a number that make it approximate or one-sided, and how. */
export const MODIFIERS: Array<{ words: string; kind: 'approx' | 'min' | 'max' }> = [
  { words: 'more than', kind: 'min' },
  { words: 'over', kind: 'min' },
  { words: 'upwards of', kind: 'min' },
  { words: 'at least', kind: 'min' },
  { words: 'no fewer than', kind: 'min' },
  { words: 'no less than', kind: 'min' },
  { words: 'in excess of', kind: 'min' },
  { words: 'fewer than', kind: 'max' },
  { words: 'less than', kind: 'max' },
  { words: 'up to', kind: 'max' },
  { words: 'as many as', kind: 'max' },
  { words: 'at most', kind: 'max' },
  { words: 'nearly', kind: 'max' },
  { words: 'almost', kind: 'max' },
  { words: 'approximately', kind: 'approx' },
  { words: 'approx.', kind: 'approx' },
  { words: 'about', kind: 'approx' },
  { words: 'around', kind: 'approx' },
  { words: 'roughly', kind: 'approx' },
  { words: 'some', kind: 'approx' },
  { words: 'an estimated', kind: 'approx' },
  { words: 'estimated', kind: 'approx' },
  { words: 'close to', kind: 'approx' },
  { words: 'nearly', kind: 'approx' },
];

/** Nouns after a number that make it a time span, a date or a clock time: not a claim. */
export const TIME_NOUNS = new Set([
  'year', 'years', 'month', 'months', 'week', 'weeks', 'day', 'days', 'hour', 'hours', 'minute', 'minutes', 'second', 'seconds',
  'decade', 'decades', 'century', 'centuries', 'am', 'pm', 'a.m', 'p.m', 'gmt', 'utc', 'o\'clock', 'night', 'nights', 'year-old',
  'years-old', 'yr', 'yrs', 'hrs', 'mins', 'bst', 'est',
]);

export const MONTHS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/** Words before a number that make it a label, not a quantity ("Resolution 2254", "Route 47"). */
export const LABEL_WORDS = new Set([
  'no', 'no.', 'number', 'nos', 'route', 'highway', 'road', 'resolution', 'article', 'chapter', 'section', 'page', 'flight', 'room',
  'brigade', 'division', 'regiment', 'battalion', 'corps', 'unit', 'street', 'st', 'block', 'camp', 'gate', 'phase', 'level', 'grade',
  'model', 'version', 'covid', 'platoon', 'squad', 'sector', 'zone', 'district', 'area', 'hill', 'point', 'checkpoint', 'base',
  'building', 'apartment', 'floor', 'line', 'exit', 'junction', 'kilometre', 'kilometer', 'km', 'hour', 'day', 'week', 'vol', 'issue',
]);
