import type { Parser } from '../../../types.ts';
import { MODIFIER, modOf, textBefore, wordPattern } from '../words.ts';

/**
 * A year on its own: "in 2019", "since 2014", "mid-2014", "early 1990", "the end of 1990",
 * "fiscal 1989", "1994 or later". A four-digit number is a year only when the words around it
 * say so (a preposition or modifier before it, punctuation or a verb after it), not "2000 people".
 */
const BEFORE_OK = /(?:\b(?:in|since|of|by|until|till|from|to|through|throughout|during|before|after|between|and|or|early|late|mid|fiscal|year|the|last|this|next|for|circa|c\.|that|his|her|its|their|our|my|a|an|spring|summer|autumn|fall|winter)\s*|[(\-–])$/i;
/** Words that count things: "2000 people" and "1500 km" are amounts even before a singular noun. */
const COUNTED = /^\s+(?:people|persons|men|women|children|police|personnel|staff|troops|cattle|head|km|kilometres|kilometers|miles|metres|meters|feet|tonnes|tons|kg|barrels|acres|hectares|sq|square|hours|hrs|local|more|other|new|of|or|and|to)\b/i;
/** A year used as a modifier: "his 1996 campaign", "the 2014 offensive" (a singular noun after it). */
const NOUN_AFTER = /^\s+[a-z]{3,}(?<!s)\b/;
const AFTER_OK = /^(?:\s*(?:[.,;:)!?'"”’–-]|$)|\s+(?:and|or|to|was|is|has|had|saw|will|when|after|before|until|as|in|on|at|the|but|onwards|onward)\b)/i;

export const year: Parser = {
  name: 'year',
  trigger: /\b(?:1[89]|20)\d\d\b/,
  pattern: wordPattern(`(?:(${MODIFIER}|fiscal(?:\\s+year)?|FY)\\s*)?(?<![$€£#.,\\d])(1[89]\\d\\d|20\\d\\d)(?![\\d,.]\\d)(\\s+(?:or\\s+(?:later|earlier|before|after)|and\\s+(?:beyond|later|after|earlier|before)))?`),
  extract(m, ctx) {
    const [, mod, digits, tail] = m;
    const end = m.index + m[0].length;
    const after = ctx.text.slice(end);
    const before = textBefore(ctx.text, m.index);
    if (/^\s*(?:GMT|UTC|hours|hrs|local|BST|CET)\b/i.test(after)) return null;
    // A number that names something: "resolution 2043", "Flight 1907", "No. 2001", "Route 1980".
    if (/\b(?:resolutions?|no\.?|nos\.?|numbers?|#|flights?|routes?|highway|models?|codes?|articles?|laws?|decrees?|units?|rooms?|brigades?|battalions?|regiments?|divisions?|squadrons?|versions?|page|pages|box|suite)\s*$/i.test(before)) return null;
    const modifier = NOUN_AFTER.test(after) && !COUNTED.test(after) && /\b(?:the|a|an|his|her|its|their|our|my|this|that|[a-z]+(?:ful|ive|al|ic|ous|ed))\s+$/i.test(before);
    if (!mod && !BEFORE_OK.test(before) && !AFTER_OK.test(after) && !modifier) return null;
    let modV = modOf(mod);
    if (tail) modV = /later|after|beyond/i.test(tail) ? 'ON_OR_AFTER' : 'ON_OR_BEFORE';
    // "fiscal 1989" keeps its own year: fiscal calendars differ and the text names the year.
    return { type: 'DATE', value: digits, mod: modV };
  },
};
