import { openSync, readSync, fstatSync, closeSync, createReadStream } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import { Readable } from 'node:stream';

/**
 * Just enough of the ZIP format to stream one member out of a GeoNames download (`UA.zip` holds
 * `UA.txt` and `readme.txt`, deflated). A dependency would do more than this needs: the central
 * directory names each member with its size and offset; the member is a deflate stream.
 */
export interface ZipMember {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the member's local header. */
  headerOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The members listed in the archive's central directory. Throws when the file is no ZIP archive. */
export function zipMembers(file: string): ZipMember[] {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    // The end-of-central-directory record sits in the last 22 bytes plus a comment of at most 64 KB.
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLen);
    readSync(fd, tail, 0, tailLen, size - tailLen);
    let at = -1;
    for (let i = tailLen - 22; i >= 0; i--) if (tail.readUInt32LE(i) === EOCD) { at = i; break; }
    if (at < 0) throw new Error(`${file}: not a ZIP archive`);
    const count = tail.readUInt16LE(at + 10);
    const dirSize = tail.readUInt32LE(at + 12);
    const dirOffset = tail.readUInt32LE(at + 16);
    if (dirOffset === 0xffffffff) throw new Error(`${file}: ZIP64 archives are not supported (unzip it and add the .txt)`);
    const dir = Buffer.alloc(dirSize);
    readSync(fd, dir, 0, dirSize, dirOffset);
    const out: ZipMember[] = [];
    let p = 0;
    for (let k = 0; k < count && p + 46 <= dir.length; k++) {
      if (dir.readUInt32LE(p) !== CENTRAL) throw new Error(`${file}: damaged ZIP directory`);
      const nameLen = dir.readUInt16LE(p + 28);
      const extraLen = dir.readUInt16LE(p + 30);
      const commentLen = dir.readUInt16LE(p + 32);
      out.push({
        method: dir.readUInt16LE(p + 10),
        compressedSize: dir.readUInt32LE(p + 20),
        size: dir.readUInt32LE(p + 24),
        headerOffset: dir.readUInt32LE(p + 42),
        name: dir.toString('utf8', p + 46, p + 46 + nameLen),
      });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return out;
  } finally {
    closeSync(fd);
  }
}

/** A stream of one member's uncompressed bytes (stored or deflated members). */
export function openZipMember(file: string, m: ZipMember): Readable {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(30);
  try {
    readSync(fd, head, 0, 30, m.headerOffset);
  } finally {
    closeSync(fd);
  }
  if (head.readUInt32LE(0) !== LOCAL) throw new Error(`${file}: damaged ZIP member ${m.name}`);
  const start = m.headerOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
  if (m.compressedSize === 0) return Readable.from([]);
  const raw = createReadStream(file, { start, end: start + m.compressedSize - 1 });
  if (m.method === 0) return raw;
  if (m.method !== 8) throw new Error(`${file}: ZIP member ${m.name} uses compression method ${m.method} (only deflate is supported)`);
  const inflate = createInflateRaw();
  raw.on('error', (e) => inflate.destroy(e));
  return raw.pipe(inflate);
}
