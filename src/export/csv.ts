/**
 * RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled. Text that a
 * spreadsheet would run as a formula is defused first (see `defuseFormula`); numbers stay numbers.
 */
export function csvField(v: unknown): string {
  if (v == null) return '';
  const s = typeof v === 'number' || typeof v === 'boolean' ? String(v) : defuseFormula(typeof v === 'string' ? v : JSON.stringify(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * OWASP's CSV-injection rule: a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is read by Excel, LibreOffice and Sheets as a formula (`=HYPERLINK(...)`, `=cmd|...`), so
 * such text gets a leading single quote, which they show as plain text. Text from articles (an
 * outlet name, an actor, a note) is attacker-controlled, so every text cell goes through this. A
 * plain decimal number written as text ("-3.5") is left alone: it cannot hold a formula, and
 * quoting it would turn a coordinate into text.
 */
export function defuseFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? "'" + s : s;
}

export function csvLine(values: unknown[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/** Parse CSV text (RFC 4180) into rows: used by tests and by anyone re-reading an export. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) (row.push(field), rows.push(row));
  return rows;
}
