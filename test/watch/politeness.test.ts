import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HostGate } from '../../src/watch/politeness.ts';
import { readList, parseSource } from '../../src/watch/watcher.ts';
import { feedItems } from '../../src/watch/feed-items.ts';
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers.ts';

/** The pieces: one request at a time per host, list files, source kinds, item keys. */
test('requests to one host never overlap and keep their order; other hosts are not held up', async () => {
  const gate = new HostGate(5);
  const log: string[] = [];
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const a1 = gate.run('http://a.test/1', async () => {
    log.push('a1 start');
    await held;
    log.push('a1 end');
  });
  const a2 = gate.run('http://a.test/2', async () => void log.push('a2 start'));
  const b1 = gate.run('http://b.test/1', async () => void log.push('b1 start'));
  await b1; // another host goes ahead while a.test is busy
  assert.deepEqual(log, ['a1 start', 'b1 start']);
  release();
  await Promise.all([a1, a2]);
  assert.deepEqual(log, ['a1 start', 'b1 start', 'a1 end', 'a2 start']);
});

test('list files, source kinds and item keys', () => {
  const dir = tempDir('sitrep-watch-list-');
  try {
    const list = join(dir, 'feeds.txt');
    writeFileSync(list, '# feeds\nhttps://a.test/rss\n\n  https://b.test/atom.xml   # b\nftp://x.test/\nnot a url\nhttps://a.test/rss\n');
    assert.deepEqual(readList(list), ['https://a.test/rss', 'https://b.test/atom.xml']);
    assert.equal(parseSource(list).kind, 'list');
    assert.equal(parseSource(dir).kind, 'folder');
    assert.deepEqual(parseSource('https://a.test/rss'), { kind: 'feed', url: 'https://a.test/rss' });
    assert.throws(() => parseSource(join(dir, 'missing')), /not a feed URL/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
    <entry><id>tag:x,2024:1</id><title>A</title><link rel="alternate" href="/a/1"/><summary>short</summary></entry>
    <entry><title>B</title><link href="https://x.test/b"/><content type="html">${'long text '.repeat(150)}</content></entry>
    <entry><title>C</title><summary>no link, no id</summary></entry></feed>`;
  const items = feedItems(atom, 'https://x.test/feed');
  assert.deepEqual(items.map((i) => [i.key, i.link, i.summaryOnly]), [
    ['tag:x,2024:1', 'https://x.test/a/1', true],
    ['https://x.test/b', 'https://x.test/b', false],
    [items[2].key, null, true],
  ]);
  assert.match(items[2].key, /^sha256:/);
});
