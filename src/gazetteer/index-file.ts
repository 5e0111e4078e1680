import type { GazetteerData } from './data.ts';
import type { Codes } from './codes.ts';

/**
 * The place index as one binary file, read with typed-array views over the file's bytes: loading is
 * reading a file, not parsing and folding 190k rows and half a million spellings (which took ~0.7 s
 * and ~200 MB at every start).
 *
 * Layout: "SITREPGZ", u32 format version, u32 length of a JSON header, the header, then 8-byte-aligned
 * sections the header lists by name as [offset, byte length]:
 *   - the record table, one column per section: id (i32), lat/lon (f32), population (f64), kind (u8),
 *     feature code / country / admin1 code (u32 indexes into the header's vocabularies), names
 *     (UTF-8 bytes with u32 offsets);
 *   - geonameid lookup: ids sorted (i32) and their rows (u32);
 *   - two key tables (KeyTable): folded names -> readings, and transliteration-folded names ->
 *     rows, for every row (a pack's loose countries filter them at lookup time).
 * The header also carries the small maps (admin1 names, ACLED's admin1 spellings) and the
 * fingerprint of what the index was built from, so a stale file is never used (build-index.ts).
 */
const MAGIC = 'SITREPGZ';
export const FORMAT_VERSION = 1;

type Column = Int32Array | Uint32Array | Float32Array | Float64Array | Uint8Array;

interface Header {
  fingerprint: string;
  size: number;
  vocab: { fcode: string[]; cc: string[]; admin1: string[] };
  admin1Names: Array<[string, string]>;
  acledAdmin1: Array<[string, string]>;
  sections: Record<string, [number, number]>;
}

/**
 * Sorted ASCII keys, each with a run of u32 codes, found through an open-addressing hash table over
 * the key ordinals. Keys are `nameKey`/`looseKey` output: always [a-z0-9 ], so one byte a character.
 */
export class KeyTable {
  constructor(
    private readonly bytes: Uint8Array,
    private readonly keyStart: Uint32Array,
    private readonly codeStart: Uint32Array,
    private readonly codes: Uint32Array,
    private readonly slots: Int32Array,
  ) {}

  get size(): number {
    return this.keyStart.length - 1;
  }

  /** The key's ordinal, or -1. */
  find(key: string): number {
    const n = key.length;
    let h = 0x811c9dc5;
    for (let i = 0; i < n; i++) {
      const c = key.charCodeAt(i);
      if (c > 127) return -1;
      h = Math.imul(h ^ c, 0x01000193);
    }
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const k = this.slots[s];
      if (k < 0) return -1;
      const a = this.keyStart[k];
      if (this.keyStart[k + 1] - a !== n) continue;
      let i = 0;
      while (i < n && this.bytes[a + i] === key.charCodeAt(i)) i++;
      if (i === n) return k;
    }
  }

  has(key: string): boolean {
    return this.find(key) >= 0;
  }

  /** The codes under a key, in the order they were added, or undefined. */
  get(key: string): number[] | undefined {
    const k = this.find(key);
    if (k < 0) return undefined;
    const out: number[] = [];
    for (let i = this.codeStart[k], e = this.codeStart[k + 1]; i < e; i++) out.push(this.codes[i]);
    return out;
  }
}

/** The record table and key tables of a loaded index file. */
export class PlaceTable {
  readonly size: number;
  readonly fingerprint: string;
  readonly id: Int32Array;
  readonly lat: Float32Array;
  readonly lon: Float32Array;
  readonly pop: Float64Array;
  /** Index into KINDS. */
  readonly kind: Uint8Array;
  /** "CC.code" -> admin1 name. */
  readonly admin1Names: Map<string, string>;
  /** "CC.code" -> ACLED's name of that admin1 ("SY.12" -> "Idleb"), where it differs or is known. */
  readonly acledAdmin1: Map<string, string>;
  /** nameKey -> readings (row << MATCH_BITS | match). */
  readonly names: KeyTable;
  /** looseKey -> readings of every row; callers keep those of their loose countries. */
  readonly loose: KeyTable;
  private readonly vocab: Header['vocab'];
  private readonly fcodeOf: Uint32Array;
  private readonly ccOf: Uint32Array;
  private readonly admin1Of: Uint32Array;
  private readonly nameBytes: Buffer;
  private readonly nameStart: Uint32Array;
  private readonly decoded: Array<string | undefined>;
  private readonly idSorted: Int32Array;
  private readonly idRow: Uint32Array;

  constructor(file: Uint8Array) {
    // Views need their element size's alignment: a Buffer from a pool may sit at any offset.
    const buf = file.byteOffset % 8 === 0 ? file : new Uint8Array(file);
    const text = (a: number, b: number) => Buffer.from(buf.buffer, buf.byteOffset + a, b - a).toString('utf8');
    if (text(0, 8) !== MAGIC) throw new Error('not a sitrep place index');
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const version = dv.getUint32(8, true);
    if (version !== FORMAT_VERSION) throw new Error(`place index format ${version}, expected ${FORMAT_VERSION}`);
    const h = JSON.parse(text(16, 16 + dv.getUint32(12, true))) as Header;
    const view = <T extends Column>(name: string, C: { new (b: ArrayBuffer, o: number, n: number): T; BYTES_PER_ELEMENT: number }): T => {
      const [off, len] = h.sections[name];
      return new C(buf.buffer as ArrayBuffer, buf.byteOffset + off, len / C.BYTES_PER_ELEMENT);
    };
    this.size = h.size;
    this.fingerprint = h.fingerprint;
    this.vocab = h.vocab;
    this.admin1Names = new Map(h.admin1Names);
    this.acledAdmin1 = new Map(h.acledAdmin1);
    this.id = view('id', Int32Array);
    this.lat = view('lat', Float32Array);
    this.lon = view('lon', Float32Array);
    this.pop = view('pop', Float64Array);
    this.kind = view('kind', Uint8Array);
    this.fcodeOf = view('fcode', Uint32Array);
    this.ccOf = view('cc', Uint32Array);
    this.admin1Of = view('admin1', Uint32Array);
    const [nOff, nLen] = h.sections.nameBytes;
    this.nameBytes = Buffer.from(buf.buffer, buf.byteOffset + nOff, nLen);
    this.nameStart = view('nameStart', Uint32Array);
    this.decoded = new Array(h.size);
    this.idSorted = view('idSorted', Int32Array);
    this.idRow = view('idRow', Uint32Array);
    const keys = (p: string) => new KeyTable(view(`${p}Bytes`, Uint8Array), view(`${p}KeyStart`, Uint32Array), view(`${p}CodeStart`, Uint32Array), view(`${p}Codes`, Uint32Array), view(`${p}Slots`, Int32Array));
    this.names = keys('names');
    this.loose = keys('loose');
  }

  name(i: number): string {
    return (this.decoded[i] ??= this.nameBytes.toString('utf8', this.nameStart[i], this.nameStart[i + 1]));
  }

  fcode(i: number): string {
    return this.vocab.fcode[this.fcodeOf[i]];
  }

  cc(i: number): string {
    return this.vocab.cc[this.ccOf[i]];
  }

  admin1(i: number): string {
    return this.vocab.admin1[this.admin1Of[i]];
  }

  /** The row of a GeoNames id (the last row when an id repeats), or undefined. */
  rowById(id: number): number | undefined {
    const s = this.idSorted;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid] <= id) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && s[lo - 1] === id ? this.idRow[lo - 1] : undefined;
  }
}

/** FNV-1a over the key's bytes: the same as KeyTable.find computes over its characters. */
function hashKey(b: Uint8Array, a: number, e: number): number {
  let h = 0x811c9dc5;
  for (let i = a; i < e; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h;
}

function keySections(prefix: string, index: Map<string, Codes>): Record<string, Column> {
  const keys = [...index.keys()].sort();
  const keyStart = new Uint32Array(keys.length + 1);
  const codeStart = new Uint32Array(keys.length + 1);
  let chars = 0;
  let codes = 0;
  for (const k of keys) {
    if (!/^[\x00-\x7f]*$/.test(k)) throw new Error(`place index: key '${k}' is not ASCII`);
    chars += k.length;
    const c = index.get(k)!;
    codes += typeof c === 'number' ? 1 : c.length;
  }
  const bytes = new Uint8Array(chars);
  const codeArr = new Uint32Array(codes);
  chars = 0;
  codes = 0;
  keys.forEach((k, i) => {
    keyStart[i] = chars;
    codeStart[i] = codes;
    for (let j = 0; j < k.length; j++) bytes[chars++] = k.charCodeAt(j);
    const c = index.get(k)!;
    for (const x of typeof c === 'number' ? [c] : c) codeArr[codes++] = x;
  });
  keyStart[keys.length] = chars;
  codeStart[keys.length] = codes;
  let m = 1;
  while (m < keys.length * 2) m <<= 1;
  const slots = new Int32Array(m).fill(-1);
  for (let i = 0; i < keys.length; i++) {
    let s = hashKey(bytes, keyStart[i], keyStart[i + 1]) & (m - 1);
    while (slots[s] >= 0) s = (s + 1) & (m - 1);
    slots[s] = i;
  }
  return { [`${prefix}Bytes`]: bytes, [`${prefix}KeyStart`]: keyStart, [`${prefix}CodeStart`]: codeStart, [`${prefix}Codes`]: codeArr, [`${prefix}Slots`]: slots };
}

function vocabulary(values: string[]): { list: string[]; of: Uint32Array } {
  const at = new Map<string, number>();
  const of = new Uint32Array(values.length);
  values.forEach((v, i) => {
    let k = at.get(v);
    if (k === undefined) at.set(v, (k = at.size));
    of[i] = k;
  });
  return { list: [...at.keys()], of };
}

/** The file's bytes for gazetteer data and its two key indexes (build-index.ts builds them). */
export function encodePlaceIndex(data: GazetteerData, names: Map<string, Codes>, loose: Map<string, Codes>, fingerprint: string): Buffer {
  const n = data.size;
  const fcode = vocabulary(data.fcode.map((x) => x ?? ''));
  const cc = vocabulary(data.cc.map((x) => x ?? ''));
  const admin1 = vocabulary(data.admin1.map((x) => x ?? ''));
  const nameParts = data.name.map((s) => Buffer.from(s ?? '', 'utf8'));
  const nameStart = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) nameStart[i + 1] = nameStart[i] + nameParts[i].length;
  const order = Array.from(data.id.keys()).sort((a, b) => data.id[a] - data.id[b] || a - b);
  const columns: Record<string, Column> = {
    id: data.id, lat: data.lat, lon: data.lon, pop: data.pop, kind: data.kind,
    fcode: fcode.of, cc: cc.of, admin1: admin1.of,
    nameBytes: Buffer.concat(nameParts), nameStart,
    idSorted: Int32Array.from(order, (i) => data.id[i]), idRow: Uint32Array.from(order),
    ...keySections('names', names), ...keySections('loose', loose),
  };
  const sections: Header['sections'] = {};
  const header = (): Buffer => {
    const h: Header = {
      fingerprint, size: n, vocab: { fcode: fcode.list, cc: cc.list, admin1: admin1.list },
      admin1Names: [...data.admin1Names], acledAdmin1: [...data.acledAdmin1], sections,
    };
    return Buffer.from(JSON.stringify(h), 'utf8');
  };
  // Offsets depend on the header's length, which depends on the offsets: lay out twice, padding the
  // header to a fixed length the second time.
  const layout = (start: number) => {
    let at = start;
    for (const [name, col] of Object.entries(columns)) {
      sections[name] = [at, col.byteLength];
      at = (at + col.byteLength + 7) & ~7;
    }
    return at;
  };
  layout(0);
  const reserve = (header().length + 256 + 7) & ~7;
  const start = (16 + reserve + 7) & ~7;
  const total = layout(start);
  const json = header();
  if (json.length > reserve) throw new Error('place index: header outgrew its space');
  const out = Buffer.alloc(total);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(FORMAT_VERSION, 8);
  out.writeUInt32LE(json.length, 12);
  json.copy(out, 16);
  for (const [name, col] of Object.entries(columns)) out.set(new Uint8Array(col.buffer, col.byteOffset, col.byteLength), sections[name][0]);
  return out;
}
