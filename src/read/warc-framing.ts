/**
 * Record framing for an uncompressed WARC, checked before warcio sees the bytes.
 *
 * warcio reads a record's headers up to the first blank line. When a record is cut inside its
 * headers (a crawler killed mid-write, two files concatenated), the next record's `WARC/1.0` line
 * and headers become part of the cut record's headers, its Content-Length turns into "301, 476"
 * (NaN) and the block then runs to the end of the file: every record after the cut is lost.
 *
 * This pass frames records itself: a header block starts at a `WARC/x.y` line and ends at a blank
 * line; a `WARC/x.y` line inside a header block means the record before it was cut there. A cut
 * record, or one whose Content-Length is not a number, is dropped (and reported); the framer then
 * looks for the next `WARC/` line. Well-framed records pass through byte for byte, their blocks
 * streamed (never buffered whole), so memory stays bounded.
 */

export interface FramingProblem {
  /** Ordinal of the broken record in the file, from 1. */
  record: number;
  /** How many records were passed on to the parser before this one. */
  passedBefore: number;
  code: 'truncated' | 'bad_warc';
  message: string;
  uri?: string;
}

/** A header block longer than this is not one (a WARC record's headers are a few hundred bytes). */
const MAX_HEADER_BYTES = 1 << 16;
const VERSION_LINE = /^WARC\/\d+\.\d+\r?$/;
/** A header line that ends in a version line: the record was cut there and the next one begins. */
const VERSION_AT_END = /WARC\/\d+\.\d+\r?$/;

export class WarcFramer {
  readonly problems: FramingProblem[] = [];
  /** File ordinal (from 1) of each record passed on, in order. */
  readonly ordinals: number[] = [];
  /** Records seen so far, broken ones included. */
  ordinal = 0;

  /** The input with broken records cut out. */
  async *frame(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    let buf: Buffer = Buffer.alloc(0);
    const it = chunks[Symbol.asyncIterator]();
    let ended = false;
    const more = async (): Promise<boolean> => {
      if (ended) return false;
      const r = await it.next();
      if (r.done) {
        ended = true;
        return false;
      }
      buf = buf.length ? Buffer.concat([buf, r.value]) : Buffer.from(r.value);
      return true;
    };

    let resyncing = false;
    for (;;) {
      // Between records: blank lines pass; anything else up to the next `WARC/` line is junk.
      let start = -1;
      let junk = false;
      for (;;) {
        start = findVersionLine(buf, 0);
        if (start !== -1 && lineEnd(buf, start) !== -1) break;
        if (start === -1 && buf.length > MAX_HEADER_BYTES) {
          // Junk is dropped as it streams; the tail is kept in case a version line starts in it.
          junk ||= /\S/.test(buf.toString('latin1'));
          buf = buf.subarray(buf.length - 16);
        }
        if (!(await more())) break;
      }
      junk ||= /\S/.test(buf.subarray(0, start === -1 ? buf.length : start).toString('latin1'));
      // Right after a record that could not be framed its own bytes are the junk: reported once.
      if (junk && !resyncing) this.problem('bad_warc', start === -1 ? 'bytes after the last record are no WARC record' : 'bytes between records are no WARC record');
      resyncing = false;
      if (start === -1) return;
      buf = buf.subarray(start);

      // The header block, up to its blank line; a new version line inside it means a cut.
      let pos = lineEnd(buf, 0) + 1;
      let headEnd = -1;
      let cutAt = -1;
      while (headEnd === -1 && cutAt === -1) {
        const nl = lineEnd(buf, pos);
        if (nl === -1) {
          if (buf.length > MAX_HEADER_BYTES || !(await more())) break;
          continue;
        }
        const line = buf.subarray(pos, nl).toString('latin1');
        if (line === '' || line === '\r') headEnd = nl + 1;
        else if (VERSION_LINE.test(line)) cutAt = pos;
        else if (VERSION_AT_END.test(line)) cutAt = pos + line.search(VERSION_AT_END); // cut mid-line
        else pos = nl + 1;
        if (pos > MAX_HEADER_BYTES) break;
      }
      this.ordinal++;
      if (headEnd === -1) {
        const head = buf.subarray(0, cutAt === -1 ? Math.min(buf.length, MAX_HEADER_BYTES) : cutAt).toString('latin1');
        const uri = header(head, 'WARC-Target-URI');
        if (cutAt !== -1) {
          this.problem('truncated', `WARC record ${this.ordinal} is cut inside its headers (the next record starts there)`, uri);
          buf = buf.subarray(cutAt);
          continue;
        }
        if (ended) {
          this.problem('truncated', `WARC record ${this.ordinal} is cut inside its headers (the file ends there)`, uri);
          return;
        }
        this.problem('bad_warc', `WARC record ${this.ordinal} has a header block over ${MAX_HEADER_BYTES} bytes`, uri);
        buf = buf.subarray(lineEnd(buf, 0) + 1); // resynchronise at the next version line
        resyncing = true;
        continue;
      }
      const head = buf.subarray(0, headEnd).toString('latin1');
      const lengthField = header(head, 'Content-Length');
      if (lengthField === undefined || !/^\d{1,15}$/.test(lengthField)) {
        this.problem('bad_warc', `WARC record ${this.ordinal} has ${lengthField === undefined ? 'no Content-Length' : `a bad Content-Length (${lengthField.slice(0, 40)})`}`, header(head, 'WARC-Target-URI'));
        buf = buf.subarray(headEnd);
        resyncing = true;
        continue;
      }
      this.ordinals.push(this.ordinal);
      yield buf.subarray(0, headEnd);
      buf = buf.subarray(headEnd);
      // The block, streamed through as it comes.
      let owed = Number(lengthField);
      for (;;) {
        const take = Math.min(owed, buf.length);
        if (take) yield buf.subarray(0, take);
        buf = buf.subarray(take);
        owed -= take;
        if (owed === 0) break;
        if (!(await more())) return; // cut short by the end of the file: the parser reports it
      }
    }
  }

  private problem(code: FramingProblem['code'], message: string, uri?: string): void {
    // A URI cut short ("htt") names nothing: the record is then named by its place in the file.
    const named = uri && /^[a-z][a-z0-9+.-]*:\/\/\S+/i.test(uri) ? uri : undefined;
    this.problems.push({ record: this.ordinal || 1, passedBefore: this.ordinals.length, code, message, uri: named });
  }
}

/** Index of the `\n` ending the line that starts at `from`, or -1. */
function lineEnd(buf: Buffer, from: number): number {
  return buf.indexOf(10, from);
}

/** Start of the first line at or after `from` that is a WARC version line (the line may be incomplete). */
function findVersionLine(buf: Buffer, from: number): number {
  for (let at = buf.indexOf('WARC/', from, 'latin1'); at !== -1; at = buf.indexOf('WARC/', at + 1, 'latin1')) {
    // Not only at a line start: a record cut mid-line is followed by the next record's version
    // line on the same line ("WARC-Target-URI: https://exWARC/1.1").
    const nl = lineEnd(buf, at);
    if (nl === -1) {
      if (buf.length - at <= 32) return at; // wait for the rest of the line
      continue;
    }
    if (VERSION_LINE.test(buf.subarray(at, nl).toString('latin1'))) return at;
  }
  return -1;
}

function header(head: string, name: string): string | undefined {
  const m = new RegExp(`^${name}[ \\t]*:[ \\t]*(.*?)\\r?$`, 'im').exec(head);
  return m ? m[1].trim() : undefined;
}
