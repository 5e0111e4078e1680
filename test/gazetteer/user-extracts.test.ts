import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { existsSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { main } from '../../src/cli/main.ts';
import { dumpRow, readDump } from '../../src/gazetteer/geonames-dump.ts';
import { withUserPlaces, userGazetteerDir } from '../../src/gazetteer/user.ts';
import { ROOT, tempDir } from '../helpers.ts';

/**
 * `sitrep gazetteer add/list/remove` end to end on a small GeoNames-format dump written here: an
 * invented Sudanese village (not in the bundled gazetteer), a district, a division the bundled data
 * has under the same GeoNames id (its alternate names are merged in), and rows of kinds that are
 * not kept (a mountain, a historical place).
 */
const cols = (...f: Array<string | number>) => {
  assert.equal(f.length, 19);
  return f.join('\t');
};
const DUMP = [
  // geonameid name asciiname alternatenames lat lon fclass fcode cc cc2 admin1 admin2 admin3 admin4 pop elev dem tz modified
  cols(99999001, 'Qurb Ali Zabur', 'Qurb Ali Zabur', 'Gurb Ali Zabour,قرب علي زبور', 13.91, 25.31, 'P', 'PPL', 'SD', '', '55', '', '', '', 0, '', 812, 'Africa/Khartoum', '2024-01-01'),
  cols(99999002, 'Wadi Zabur Locality', 'Wadi Zabur Locality', '', 13.95, 25.2, 'A', 'ADM2', 'SD', '', '55', '9001', '', '', 0, '', 800, 'Africa/Khartoum', '2024-01-01'),
  cols(408666, 'Northern Darfur', 'Northern Darfur', 'North Darfur,Shamal Darfur,ولاية شمال دارفور', 17.1, 25.5, 'A', 'ADM1', 'SD', '', '55', '', '', '', 0, '', 700, 'Africa/Khartoum', '2024-01-01'),
  cols(99999003, 'Jebel Zabur', 'Jebel Zabur', '', 13.8, 25.4, 'T', 'MT', 'SD', '', '55', '', '', '', 0, 1200, 1190, 'Africa/Khartoum', '2024-01-01'),
  cols(99999004, 'Old Zabur', 'Old Zabur', '', 13.7, 25.4, 'P', 'PPLH', 'SD', '', '55', '', '', '', 0, '', 700, 'Africa/Khartoum', '2024-01-01'),
].join('\n') + '\n';

/** A one-member ZIP archive (deflated), as download.geonames.org serves `SD.zip`. */
function writeZip(file: string, member: string, text: string): void {
  const data = Buffer.from(text, 'utf8');
  const packed = deflateRawSync(data);
  const name = Buffer.from(member, 'utf8');
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const dirOffset = local.length + name.length + packed.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(dirOffset, 16);
  writeFileSync(file, Buffer.concat([local, name, packed, central, name, end]));
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/** Run `sitrep ARGS` in this process, capturing what it writes. */
async function sitrep(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const w1 = process.stdout.write.bind(process.stdout);
  const w2 = process.stderr.write.bind(process.stderr);
  (process.stdout as any).write = (s: string | Uint8Array, ...rest: any[]) => (typeof s === 'string' ? ((out += s), true) : w1(s, ...rest));
  (process.stderr as any).write = (s: string | Uint8Array, ...rest: any[]) => (typeof s === 'string' ? ((err += s), true) : w2(s, ...rest));
  try {
    return { code: await main(args), out, err };
  } finally {
    (process.stdout as any).write = w1;
    (process.stderr as any).write = w2;
  }
}

/** `sitrep extract FILE` in a fresh process (the gazetteer is read once per process). */
function extract(home: string, file: string): any {
  const out = execFileSync(process.execPath, [join(ROOT, 'bin/sitrep.js'), 'extract', file], {
    env: { ...process.env, SITREP_HOME: home, SITREP_GAZETTEER_DIR: '' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return JSON.parse(out.trim().split('\n')[0]);
}

const tmp = tempDir('sitrep-gaz-');
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('GeoNames dump rows', () => {
  it('keeps populated places and divisions, drops other kinds and non-Latin alternates', () => {
    const rows = DUMP.trim().split('\n').map((l) => dumpRow(l.split('\t')));
    assert.equal(rows[0]?.row, '99999001\tQurb Ali Zabur\t13.91\t25.31\tcity\tPPL\tSD\t55\t0\tGurb Ali Zabour');
    assert.equal(rows[1]?.kind, 'admin2');
    assert.equal(rows[2]?.kind, 'admin1');
    assert.equal(rows[3], null, 'a mountain is no populated place');
    assert.equal(rows[4], null, 'a historical place is no reading of today');
  });

  it('reads a .txt, a .gz and a .zip alike; refuses a file of another format', async () => {
    const txt = join(tmp, 'SD.txt');
    writeFileSync(txt, DUMP);
    const gz = join(tmp, 'SD.txt.gz');
    writeFileSync(gz, gzipSync(DUMP));
    const zip = join(tmp, 'SD.zip');
    writeZip(zip, 'SD.txt', DUMP);
    for (const f of [txt, gz, zip]) {
      const d = await readDump(f);
      assert.deepEqual([d.places, d.divisions, d.skipped, d.countries.SD], [1, 2, 2, 3], f);
    }
    const csv = join(tmp, 'events.csv');
    writeFileSync(csv, 'a,b,c\n1,2,3\n4,5,6\n7,8,9\n1,1,1\n2,2,2\n');
    await assert.rejects(readDump(csv), /not a GeoNames dump/);
  });

  it('merges an extract into the bundled rows: new places appended, known ids gain alternate names', () => {
    const dir = join(tmp, 'merge');
    const home = join(dir, 'gazetteer');
    execFileSync('mkdir', ['-p', home]);
    writeFileSync(join(home, 'SD.tsv.gz'), gzipSync('408666\tNorthern Darfur\t17.1\t25.5\tadmin1\tADM1\tSD\t55\t0\tNorth Darfur\n5\tNew\t1\t2\tcity\tPPL\tSD\t55\t0\t\n'));
    const base = ['408666\tNorthern Darfur\t17.1\t25.5\tadmin1\tADM1\tSD\t55\t0\t', '7\tOld\t1\t2\tcity\tPPL\tSD\t55\t10\tOld Town'];
    const merged = withUserPlaces(base, home);
    assert.deepEqual(merged, ['408666\tNorthern Darfur\t17.1\t25.5\tadmin1\tADM1\tSD\t55\t0\tNorth Darfur', base[1], '5\tNew\t1\t2\tcity\tPPL\tSD\t55\t0\t']);
    assert.equal(withUserPlaces(base, join(dir, 'absent')), base, 'no extracts: the bundled rows as they are');
  });

  it('finds the data folder from the environment', () => {
    assert.equal(userGazetteerDir({ SITREP_HOME: '/x' }), '/x/gazetteer');
    assert.equal(userGazetteerDir({ SITREP_GAZETTEER_DIR: '/y', SITREP_HOME: '/x' }), '/y');
    assert.equal(userGazetteerDir({ XDG_DATA_HOME: '/d', HOME: '/h' }), '/d/sitrep/gazetteer');
  });
});

describe('sitrep gazetteer add / extract / remove', () => {
  const home = join(tmp, 'home');
  const text = join(tmp, 'report.txt');
  writeFileSync(text, 'Shelling hit the village of Qurb Ali Zabur in North Darfur on Monday, killing three civilians.\n');
  const saved = { home: process.env.SITREP_HOME, dir: process.env.SITREP_GAZETTEER_DIR };
  after(() => {
    if (saved.home === undefined) delete process.env.SITREP_HOME;
    else process.env.SITREP_HOME = saved.home;
    if (saved.dir === undefined) delete process.env.SITREP_GAZETTEER_DIR;
    else process.env.SITREP_GAZETTEER_DIR = saved.dir;
  });

  it('add: the dump is indexed in the data folder; list shows it', async () => {
    process.env.SITREP_HOME = home;
    delete process.env.SITREP_GAZETTEER_DIR;
    const zip = join(tmp, 'SD.zip');
    writeZip(zip, 'SD.txt', DUMP);
    const r = await sitrep('gazetteer', 'add', zip);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^SD: 1 populated places, 2 divisions, 3 alternate names \(SD\)/);
    assert.ok(existsSync(join(home, 'gazetteer', 'SD.tsv.gz')));
    const l = await sitrep('gazetteer', 'list');
    assert.match(l.out, /^SD\t1 places\t2 divisions/);
    const bad = await sitrep('gazetteer', 'add', join(tmp, 'missing.zip'));
    assert.equal(bad.code, 1);
    assert.match(bad.err, /no such file/);
  });

  it('extract: a village of the dump is placed there, in its division', () => {
    const doc = extract(home, text);
    const p = doc.places.find((x: any) => x.text === 'Qurb Ali Zabur');
    assert.ok(p, JSON.stringify(doc.places));
    assert.equal(p.geonameid, 99999001);
    assert.equal(p.country, 'SD');
    const ev = doc.events[0];
    assert.equal(ev.location?.name, 'Qurb Ali Zabur');
    assert.equal(ev.location?.precision, 1);
    assert.equal(ev.location?.admin1, 'North Darfur', 'ACLED spelling of the division');
  });

  it('remove: the place is gone again', async () => {
    const r = await sitrep('gazetteer', 'remove', 'SD');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(readdirSync(join(home, 'gazetteer')).filter((f) => f.endsWith('.tsv.gz')), []);
    assert.equal((await sitrep('gazetteer', 'remove', 'SD')).code, 1);
    const doc = extract(home, text);
    assert.ok(!doc.places.some((x: any) => x.geonameid === 99999001));
  });
});
