import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync, symlinkSync, openSync, writeSync, closeSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { WARCRecord, WARCSerializer } from 'warcio';
import { readInputs, readerFor, sniff, sniffKind, textDoc, registerReader, type ReadItem } from '../../src/read/index.ts';
import { Doc } from '../../src/doc.ts';
import { DEV, ROOT, skipNoShared, tempDir } from '../helpers.ts';

async function all(paths: string[], opts = {}): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const x of readInputs(paths, opts)) out.push(x);
  return out;
}
const code = (x: ReadItem) => (x instanceof Doc ? 'doc' : x.error.code);

test('bad files become error records and the batch goes on: empty, binary, huge, unreadable', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a-empty.txt'), '');
  writeFileSync(join(dir, 'b-binary.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3]));
  // 50 MB: refused by size before it is read.
  const fd = openSync(join(dir, 'c-huge.txt'), 'w');
  const block = Buffer.alloc(1024 * 1024, 'word ');
  for (let i = 0; i < 50; i++) writeSync(fd, block);
  closeSync(fd);
  writeFileSync(join(dir, 'd-latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]));
  writeFileSync(join(dir, 'e-empty.html'), '<html><head><title></title></head><body><script>x</script></body></html>');
  writeFileSync(join(dir, 'f-good.txt'), 'A plain report.');
  symlinkSync(join(dir, 'nowhere'), join(dir, 'g-dangling.txt'));
  const items = await all([dir, join(dir, 'missing.txt')]);
  assert.deepEqual(items.map(code), ['empty', 'binary', 'too_large', 'doc', 'empty', 'doc', 'unreadable', 'unreadable']);
  const latin = items[3] as Doc;
  assert.equal(latin.text, 'café ok');
  assert.equal(latin.debug.encoding, 'windows-1252');
});

test('--reference-date reaches plain-text documents as given.referenceDate', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'x.txt'), 'Clashes broke out on Friday.');
  const [d] = await all([join(dir, 'x.txt')], { referenceDate: '2024-05-01' });
  assert.ok(d instanceof Doc);
  assert.equal(d.given.referenceDate, '2024-05-01');
});

test('readers are registered by extension; the old API still works', () => {
  for (const ext of ['a.txt', 'a.html', 'a.htm', 'a.rss', 'a.atom', 'a.xml', 'a.json', 'a.jsonl', 'a.warc', 'a.warc.gz', 'a.jsonl.gz']) assert.ok(readerFor(ext), ext);
  assert.equal(readerFor('a.pdf'), undefined);
  const d = textDoc('hello', 'src', Buffer.from('hello'));
  assert.equal(d.kind, 'text');
  registerReader(['.sitrep-test'], function* () {});
  assert.ok(readerFor('x.sitrep-test'));
});

test('sniffing input with no name (stdin): HTML, feed, JSONL, JSON, WARC, text', () => {
  assert.equal(sniffKind(Buffer.from('  <!DOCTYPE html><html>')), '.html');
  assert.equal(sniffKind(Buffer.from('<!-- c --><div>x</div>')), '.html');
  assert.equal(sniffKind(Buffer.from('<?xml version="1.0"?>\n<rss version="2.0">')), '.rss');
  assert.equal(sniffKind(Buffer.from('{"id": 1, "text": "x"}\n{"id": 2}')), '.jsonl');
  assert.equal(sniffKind(Buffer.from('[{"id": 1}]')), '.json');
  assert.equal(sniffKind(Buffer.from('{\n  "id": 1\n}')), '.json');
  assert.equal(sniffKind(Buffer.from('WARC/1.0\r\nWARC-Type: warcinfo')), '.warc');
  assert.equal(sniffKind(Buffer.from([0x1f, 0x8b, 8, 0])), '.warc.gz');
  assert.equal(sniffKind(Buffer.from('BEIRUT: Plain text news.')), undefined);
  assert.equal(typeof sniff(Buffer.from('plain')), 'function');
});

function cli(args: string[], input?: Buffer | string) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/sitrep.js'), ...args], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, lines: r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l)), stderr: r.stderr };
}

/** Read standard input with the real readers only (a child process; the pipeline is not loaded). */
function readStdin(input: Buffer | string): Array<{ source: string; kind?: string; id?: string; code?: string; view?: string; body?: { start: number; end: number } }> {
  const script = `
    const { readInputs } = await import(${JSON.stringify(join(ROOT, 'src/read/index.ts'))});
    for await (const d of readInputs(['-'])) console.log(JSON.stringify('error' in d ? { source: d.source, code: d.error.code } : { source: d.source, kind: d.kind, id: d.id, view: d.view.text, body: d.meta.body }));
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { input, encoding: 'utf8', cwd: ROOT });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

test('stdin: text, HTML, JSONL and WARC are recognised', async () => {
  // (plain text takes the same buffered path as HTML; sniffKind is tested above.)
  const [html] = readStdin('<html><body><p>Fish &amp; chips were sold at the market on Monday, traders said.</p></body></html>');
  assert.equal(html.kind, 'html');
  assert.equal(html.view, 'Fish & chips were sold at the market on Monday, traders said.');
  const jsonl = readStdin('{"id":"s1","text":"One."}\n{"id":"s2","text":"Two."}\nnot json\n');
  assert.deepEqual(jsonl.map((l) => l.id ?? l.code), ['s1', 's2', 'bad_json']);
  assert.equal(jsonl[0].source, '-#1');
  const rec = WARCRecord.create(
    { url: 'https://x.example/1', date: '2024-01-02T03:04:05Z', type: 'response', warcVersion: 'WARC/1.1', httpHeaders: { 'Content-Type': 'text/html' } },
    (async function* () {
      yield new TextEncoder().encode('<html><body><p>The road was reopened on Tuesday after the floods receded.</p></body></html>');
    })(),
  );
  const warc = readStdin(Buffer.from(await WARCSerializer.serialize(rec, { gzip: true })));
  assert.deepEqual(warc.map((l) => l.source), ['https://x.example/1']);
});

test('CLI on a dev gold file: one output line per record, with the gold id', { skip: skipNoShared }, () => {
  const f = join(DEV, 'tr-news.jsonl');
  const gold = readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string });
  const r = cli(['extract', f]);
  assert.equal(r.lines.length, gold.length);
  assert.deepEqual(
    r.lines.map((l) => l.id),
    gold.map((g) => g.id),
  );
});

test('a directory walk skips unknown extensions; an unknown extension given by name is sniffed', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'a.txt'), 'Text one.');
  writeFileSync(join(dir, 'notes.md'), 'Skipped in a walk.');
  writeFileSync(join(dir, 'page.php'), '<html><body><p>Served by PHP.</p></body></html>');
  assert.deepEqual((await all([dir])).map((x) => x.source.split('/').pop()), ['a.txt']);
  const [php] = await all([join(dir, 'page.php')]);
  assert.ok(php instanceof Doc && php.kind === 'html');
});
