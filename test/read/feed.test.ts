import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readInputs, type ReadItem } from '../../src/read/index.ts';
import { Doc } from '../../src/doc.ts';
import { Context } from '../../src/context.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { clean } from '../../src/stages/clean/index.ts';
import { meta } from '../../src/stages/meta/index.ts';
import { toResult } from '../../src/result.ts';
import { tempDir } from '../helpers.ts';

async function read(name: string, content: string): Promise<ReadItem[]> {
  const f = join(tempDir(), name);
  writeFileSync(f, content);
  const out: ReadItem[] = [];
  for await (const x of readInputs([f])) out.push(x);
  return out;
}

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Example Wire</title>
  <link>https://wire.example/</link>
  <item>
    <title>Convoy hit by roadside bomb</title>
    <link>https://wire.example/a/1</link>
    <pubDate>Sat, 06 Apr 2024 21:30:00 -0400</pubDate>
    <description><![CDATA[<p>A roadside bomb struck a supply convoy on the highway on Saturday, wounding two drivers &amp; a guard.</p><p>No group claimed the attack.</p>]]></description>
  </item>
  <item>
    <title>Second item</title>
    <pubDate>not a date</pubDate>
    <description>&lt;p&gt;Officials said the &lt;b&gt;bridge&lt;/b&gt; reopened on Sunday after repairs.&lt;/p&gt;</description>
  </item>
  <item><title>Empty item</title></item>
</channel>
</rss>`;

test('RSS: each item is a document; its HTML is the input, pubDate is given, link or FILE#N is the source', async () => {
  const items = await read('news.rss', RSS);
  assert.equal(items.length, 3);
  const [a, b, c] = items;
  assert.ok(a instanceof Doc && b instanceof Doc);
  assert.equal(a.source, 'https://wire.example/a/1');
  assert.equal(a.kind, 'html');
  assert.ok(a.text.startsWith('<p>A roadside bomb'));
  assert.equal(a.view.text, 'A roadside bomb struck a supply convoy on the highway on Saturday, wounding two drivers & a guard.\n\nNo group claimed the attack.');
  assert.equal(a.given.published, '2024-04-06', 'the date as written, not shifted to UTC');
  assert.ok(b.source.endsWith('news.rss#2'));
  assert.equal(b.given.published, undefined);
  assert.ok(!(c instanceof Doc) && c.error.code === 'no_text');
  const ctx = new Context();
  runPipeline(a, ctx, { stages: [clean, meta] });
  const r = toResult(a);
  assert.deepEqual(r.meta.published, { value: '2024-04-06', precision: 'day', evidence: 'record' });
  assert.equal(r.meta.title, 'Convoy hit by roadside bomb');
  assert.equal(a.anchor, '2024-04-06');
  assert.equal(a.text.slice(r.meta.body.start, r.meta.body.end), 'A roadside bomb struck a supply convoy on the highway on Saturday, wounding two drivers &amp; a guard.</p><p>No group claimed the attack.');
});

test('Atom feed, and a .xml file that is a feed', async () => {
  const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title>
  <entry><title>Talks resume</title><link rel="alternate" href="https://atom.example/2"/><published>2023-11-02T08:00:00Z</published>
  <content type="html">&lt;p&gt;Negotiators met again on Thursday in the capital.&lt;/p&gt;</content></entry></feed>`;
  for (const name of ['feed.atom', 'feed.xml']) {
    const [d] = await read(name, atom);
    assert.ok(d instanceof Doc, JSON.stringify(d));
    assert.equal(d.source, 'https://atom.example/2');
    assert.equal(d.view.text, 'Negotiators met again on Thursday in the capital.');
    assert.equal(d.given.published, '2023-11-02');
  }
});

test('malformed feeds and non-feed XML become one error record each', async () => {
  const [bad] = await read('broken.rss', '<rss><channel><item><title>x</title></channel>');
  assert.ok(!(bad instanceof Doc) && bad.error.code === 'bad_feed');
  const [notFeed] = await read('sitemap.xml', '<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>');
  assert.ok(!(notFeed instanceof Doc) && notFeed.error.code === 'unsupported');
  const [empty] = await read('empty.rss', '<rss><channel><title>Nothing</title></channel></rss>');
  assert.ok(!(empty instanceof Doc) && empty.error.code === 'empty');
});
