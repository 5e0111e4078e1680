/**
 * Lines that are page furniture, not article text: as data, one pattern per kind of widget.
 * Each pattern matches a whole trimmed line (case-insensitive). They describe how web pages are
 * built (share buttons, comment forms, tag lists), never one outlet or one article.
 *
 * - `footer`: a section that is not the article starts here (comment sections, related links,
 *   copyright); a body never continues past one of these. `tail` marks the ones that only come
 *   after an article (comments, copyright), as opposed to link lists that may also stand above it.
 * - `boiler`: furniture anywhere (widgets, labels, form fields); skipped, but does not end the body.
 */
export interface BoilerPattern {
  kind: 'footer' | 'boiler';
  tail?: boolean;
  why: string;
  re: RegExp;
}

export const BOILERPLATE: BoilerPattern[] = [
  // Comment sections and forms.
  { kind: 'footer', tail: true, why: 'comment section', re: /^(\d+\s+)?(comments?|responses?|replies|discussion)(\s*\(\d+\))?:?$/i },
  { kind: 'footer', tail: true, why: 'comment form', re: /^(add|post|leave|write|submit)\s+(a|your)\s+(comment|reply|response)\b.*$/i },
  { kind: 'footer', tail: true, why: 'comment policy', re: /^.{0,40}\bmoderates? (all )?comments\b.*$/i },
  { kind: 'footer', tail: true, why: 'comment count', re: /^(no|be the first to|\d+)\s+comments?\b.*$/i },
  // Related content and recirculation.
  { kind: 'footer', why: 'related links', re: /^(related|more)(\s+(story|stories|articles?|news|posts?|topics?|coverage|from \S+.*))?:?$/i },
  { kind: 'footer', why: 'recirculation', re: /^(you (may|might) (also )?like|recommended( for you)?|most (read|popular|viewed)|trending( now)?|latest (news|stories)|top stories|editor'?s picks|don'?t miss|what to read next)\b.{0,40}$/i },
  // Copyright and site footers.
  { kind: 'footer', tail: true, why: 'copyright', re: /^(copyright\b|©|\(c\)\s*\d{4}|all rights reserved).*$/i },
  { kind: 'footer', tail: true, why: 'copy protection', re: /^(error|alert|warning)\s*:\s*content is protected.*$/i },
  // Widgets, labels and forms anywhere.
  { kind: 'boiler', why: 'font size widget', re: /^(a\s*[+-]\s*){2,3}$/i },
  { kind: 'boiler', why: 'share widget', re: /^((share|print|e-?mail|tweet|whatsapp|facebook|twitter|telegram|linkedin|reddit|pinterest|copy link|save|x)(\s+(this|on|via|article|story))?\s*[|,:/·•-]?\s*){1,10}$/i },
  { kind: 'boiler', why: 'follow widget', re: /^(follow us|follow|subscribe|sign up|sign in|log in|register|newsletter|join us|download (our|the) app)\b.{0,80}$/i },
  { kind: 'boiler', why: 'tag list', re: /^(tags?|topics?|keywords?|categories|category|filed under)\s*:.*$/i },
  { kind: 'boiler', why: 'read-also link', re: /^(read (more|also)|also read|see also|more on this|more:)\b.{0,150}$/i },
  { kind: 'boiler', why: 'form field', re: /^(required( fields are marked)?|name|e-?mail|website|message|search|submit|cancel|send)\s*\*?:?$/i },
  { kind: 'boiler', why: 'email notice', re: /^your e-?mail address will not be published.*$/i },
  { kind: 'boiler', why: 'advertisement', re: /^(advertisement|advertising|sponsored( content)?|ad|promoted|scroll to continue)$/i },
  { kind: 'boiler', why: 'cookie notice', re: /^.{0,80}\b(we use cookies|this (web)?site uses cookies|cookie (policy|settings))\b.*$/i },
  { kind: 'boiler', why: 'navigation', re: /^(home|menu|skip to (main )?content|back to top|go to top|next|previous|prev|close|open)$/i },
  { kind: 'boiler', why: 'image credit', re: /^(photo|image|picture|file photo|credit)s?\s*:.{0,120}$/i },
  { kind: 'boiler', why: 'reading time', re: /^\d+\s+min(ute)?s?\s+read$/i },
];

/** Lines that label a date (bylines, "Last Modified:"): not article text, but the meta stage reads them. */
export const DATE_LABEL = /^(last\s+)?(modified|updated|published|posted|created|released|issued|date)\b(\s+on)?\s*:?/i;
/** A label with nothing after it but a colon ("Published:"), its date on the next line. */
export const DATE_LABEL_ALONE = /^(last\s+)?(modified|updated|published|posted|created|released|issued|date)(\s+on)?\s*:$/i;

/** A byline: "By Jane Doe", "By Jane Doe and John Roe, Reuters". */
export const BYLINE = /^(by|written by|reporting by|from)\s+[A-Z][\p{L}.'’-]+(\s+[A-Z\p{Lu}][\p{L}.'’-]+){0,4}([,|]\s*.{0,40}|\s+and\s+.{0,60})?$/u;

export function boilerplateOf(line: string): BoilerPattern | undefined {
  return BOILERPLATE.find((p) => p.re.test(line));
}
