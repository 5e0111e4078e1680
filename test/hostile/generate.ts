import { closeSync, copyFileSync, mkdirSync, openSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A corpus of hostile inputs (issue 18 item 9), generated into a folder so that none of it (25 MB
 * files, symlink loops, FIFOs, names with newlines) has to live in git. Each input says what a
 * correct reader does with it: `error` (a clear error record), `doc` (a clean result) or `any`
 * (either, as long as nothing crashes, hangs, leaks or points off the text).
 *
 * Run on its own to look at the files: `node --import tsx test/hostile/generate.ts DIR`.
 */

export interface HostileInput {
  /** File (or folder) name under the corpus folder. */
  name: string;
  what: string;
  expect: 'error' | 'doc' | 'any';
}

/** Appears only in the file the XXE feeds point at: it must never reach any output. */
export const SECRET_MARKER = 'SITREP-SECRET-7f3a9c1e-DO-NOT-LEAK';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const GOOD_ARTICLES = ['01-kirkuk-raid.txt', '02-deir-ezzor-ied.txt', '05-drone-strike.txt'].map((f) => join(ROOT, 'test/fixtures/articles', f));

/** A small seeded generator (mulberry32): the corpus is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ARTICLE =
  'Kirkuk, Iraq (AP) -- Gunmen attacked a police checkpoint near Kirkuk on Tuesday, killing three officers, ' +
  'the provincial police chief said. Islamic State claimed the attack in a statement.\n\n' +
  'The attack came a day after an air strike by the US-led coalition hit a weapons depot in Hawija.\n';

function warcRecord(headers: Record<string, string>, block: string): string {
  const body = Buffer.from(block, 'utf8');
  const head = Object.entries({ ...headers, 'Content-Length': String(body.length) })
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n');
  return `WARC/1.0\r\n${head}\r\n\r\n${block}\r\n\r\n`;
}

function warcResponse(uri: string, html: string, n: number): string {
  const http = `HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}`;
  return warcRecord(
    { 'WARC-Type': 'response', 'WARC-Record-ID': `<urn:uuid:00000000-0000-0000-0000-${String(n).padStart(12, '0')}>`, 'WARC-Date': '2024-05-01T10:00:00Z', 'WARC-Target-URI': uri, 'Content-Type': 'application/http; msgtype=response' },
    http,
  );
}

const page = (title: string, body: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1><p>${body}</p></article></body></html>`;

/** Write the corpus into `dir`; returns what each input is. */
export function generateHostile(dir: string, opts: { big?: boolean } = {}): HostileInput[] {
  mkdirSync(dir, { recursive: true });
  const rnd = seeded(18);
  const out: HostileInput[] = [];
  const put = (name: string, content: string | Buffer, what: string, expect: HostileInput['expect']) => {
    writeFileSync(join(dir, name), content);
    out.push({ name, what, expect });
  };

  // --- size and bytes ---
  put('empty.txt', '', 'an empty file', 'error');
  put('whitespace-only.txt', ' \n\t\r\n   \n', 'only whitespace', 'any');
  const bin = Buffer.alloc(4096);
  for (let i = 0; i < bin.length; i++) bin[i] = Math.floor(rnd() * 256);
  put('binary.txt', bin, 'random bytes', 'error');
  put('png-named.html', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), bin]), 'a PNG named .html', 'error');
  if (opts.big !== false) {
    const fd = openSync(join(dir, 'huge-25mb.txt'), 'w');
    const block = Buffer.from('word '.repeat(200_000)); // 1 MB
    for (let i = 0; i < 25; i++) writeSync(fd, block);
    closeSync(fd);
    out.push({ name: 'huge-25mb.txt', what: '25 MB of text', expect: 'error' });
  }
  put('one-line-5mb.txt', (ARTICLE.replace(/\n/g, ' ') + ' ').repeat(Math.ceil((5 << 20) / ARTICLE.length)).slice(0, 5 << 20), 'one 5 MB line', 'any');
  put('long-word-1mb.txt', 'x'.repeat(1 << 20), 'one 1 MB word', 'any');
  put('near-limit-450k.txt', ARTICLE.repeat(Math.floor(450_000 / ARTICLE.length)), 'prose just under the text limit', 'doc');
  put('many-newlines.txt', 'Kirkuk.\n'.repeat(200_000), '200k short lines', 'any');

  // --- encodings ---
  put('invalid-utf8.txt', Buffer.concat([Buffer.from('Clashes near Mosul '), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0xff, 0xfe]), Buffer.from(' killed four.\n')]), 'invalid UTF-8 sequences', 'any');
  const bomLe = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ARTICLE, 'utf16le')]);
  put('utf16le-bom.txt', bomLe, 'UTF-16LE with a BOM', 'doc');
  const be = Buffer.from(ARTICLE, 'utf16le');
  be.swap16();
  put('utf16be-bom.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'UTF-16BE with a BOM', 'doc');
  put('utf16le-bom.html', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(page('Raid in Kirkuk', ARTICLE), 'utf16le')]), 'UTF-16LE HTML with a BOM', 'doc');
  put('utf16-odd-length.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Mosul', 'utf16le'), Buffer.from([0x41])]), 'UTF-16 with an odd byte count', 'any');
  put('nul-bytes.txt', Buffer.from(`Clashes near Mosul\u0000 killed\u0000 four.\n${ARTICLE}`), 'NUL bytes in text', 'error');
  put('control-chars.txt', `${ARTICLE}\u0001\u0002\u0007\u001b[31m red \u001b[0m\u007f`, 'control characters and ANSI escapes', 'any');
  put('mojibake.txt', Buffer.from(Buffer.from(`${ARTICLE}The mayorâ€™s office said â€œthe cafÃ© is closedâ€\u009d.\n`, 'utf8')), 'mis-decoded UTF-8 (â€™ for ’)', 'doc');
  put('mojibake-whole.html', Buffer.from(new TextDecoder('windows-1252').decode(Buffer.from(page('Raid on Kirkuk’s café', `${ARTICLE} The mayor’s office said “no comment”.`))), 'utf8'), 'a whole page double-encoded', 'doc');
  put('bogus-charset.html', page('Raid', ARTICLE).replace('charset="utf-8"', 'charset="x-evil-charset"'), 'an unknown declared charset', 'doc');
  put('crlf-only.txt', ARTICLE.replace(/\n/g, '\r\n').replace(/\r\n/g, '\r'), 'old Mac line ends (CR only)', 'doc');

  // --- unicode in text ---
  put('rtl-zero-width.txt', `\u202eKirkuk\u202c attack: gun\u200bmen killed \u200dthree\u2066 officers\u2069 in Kir\u200ckuk\ufeff on Tuesday.\n${ARTICLE}\u061c\u200f`, 'bidi controls and zero-width characters', 'doc');
  put('astral.txt', `🔥 Breaking 🇮🇶: ${ARTICLE}𝐊𝐢𝐫𝐤𝐮𝐤 𝓜𝓸𝓼𝓾𝓵 😀😀 killed 👨‍👩‍👧 three. \ud83d\n`, 'astral characters, flags, ZWJ sequences, a lone surrogate', 'doc');
  put('combining.txt', `Ki\u0301rku\u0308k a\u0300\u0301\u0302\u0303\u0304\u0305ttack. ${ARTICLE}`, 'combining marks', 'doc');

  // --- HTML ---
  put('nested-divs.html', `<html><body>${'<div>'.repeat(100_000)}<p>${ARTICLE}</p>${'</div>'.repeat(100_000)}</body></html>`, '100k nested divs', 'any');
  put('nested-unclosed.html', `<html><body>${'<div><span><b>'.repeat(30_000)}${ARTICLE}`, '90k unclosed nested elements', 'any');
  put('script-only.html', `<html><head><script>${'var a = 1;'.repeat(10_000)}</script></head><body><script>alert(1)</script></body></html>`, 'script-only HTML', 'error');
  put(
    'hostile-markup.html',
    page('Raid', `${ARTICLE}<script>document.write("INJECTED-SCRIPT")</script><style>body{x:"INJECTED-STYLE"}</style><iframe src="javascript:alert(1)">INJECTED-IFRAME</iframe><img src=x onerror="alert('INJECTED-ONERROR')"><a href="javascript:alert(1)">link</a><svg><script>alert(2)</script></svg>`),
    'script, style, iframe, onerror, javascript: links',
    'doc',
  );
  put('malformed.html', `<html><head><title>Raid<body><p class="x>${ARTICLE}<p>More <b>bold <i>text</b></i> <!-- unclosed comment <p>after`, 'unclosed quotes, tags and comment', 'any');
  put('unclosed-script.html', `<html><body><p>${ARTICLE}</p><script>var x = "</scr" + "ipt>"; ${'x'.repeat(10000)}`, 'an unclosed script to the end', 'doc');
  put('entities.html', `<html><body><p>${'&amp;&#x1F525;&#0;&#xD800;&#1114112;&bogus;&lt;script&gt;'.repeat(20_000)} ${ARTICLE}</p></body></html>`, '140k entities, invalid code points', 'any');
  put('lt-soup.html', `<html><body><p>${'a < b <<< <! <? <3 '.repeat(20_000)}${ARTICLE}</p></body></html>`, 'stray < everywhere', 'any');
  put('attr-bomb.html', `<html><body><p ${'a=b '.repeat(100_000)}>${ARTICLE}</p><meta name="date" content="${'9'.repeat(50_000)}"></body></html>`, '100k attributes, a huge meta value', 'any');

  // --- feeds ---
  const laughs = ['<!ENTITY lol "lol">'];
  for (let i = 1; i <= 9; i++) laughs.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
  put('billion-laughs.rss', `<?xml version="1.0"?>\n<!DOCTYPE rss [\n${laughs.join('\n')}\n]>\n<rss version="2.0"><channel><title>&lol9;</title><item><title>Raid</title><description>&lol9; ${ARTICLE}</description></item></channel></rss>`, 'billion laughs', 'any');
  const secret = join(dir, 'secret-target.dat');
  writeFileSync(secret, `${SECRET_MARKER}\n`);
  put('xxe.rss', `<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://${secret}">]>\n<rss version="2.0"><channel><title>Feed &xxe;</title><item><title>Raid &xxe;</title><description>&xxe; ${ARTICLE}</description></item></channel></rss>`, 'an external entity pointing at a local file', 'any');
  put('xxe-param.atom', `<?xml version="1.0"?>\n<!DOCTYPE feed [<!ENTITY % ext SYSTEM "file://${secret}"> %ext;]>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><entry><title>Raid</title><content type="html">${ARTICLE}</content></entry></feed>`, 'a parameter entity pointing at a local file', 'any');
  put('malformed.rss', `<?xml version="1.0"?><rss version="2.0"><channel><item><title>Raid</title><description>${ARTICLE}</description></item><item><title>Cut`, 'a feed cut in the middle', 'error');
  put('no-items.rss', '<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title></channel></rss>', 'a feed with no items', 'error');
  put('feed-html-items.atom', `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><entry><title>A</title><content type="html"><![CDATA[<p>${ARTICLE}</p><script>alert(1)</script>]]></content></entry><entry><title>B</title></entry><entry><title>C</title><summary>&lt;p&gt;${ARTICLE}&lt;/p&gt;</summary></entry></feed>`, 'Atom items: CDATA HTML, empty, escaped HTML', 'any');
  put('not-a-feed.xml', `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><text>${ARTICLE}</text></svg>`, 'XML that is no feed', 'error');
  put('deep.rss', `<?xml version="1.0"?><rss version="2.0"><channel><item><title>T</title><description>${ARTICLE}</description>${'<x>'.repeat(20_000)}${'</x>'.repeat(20_000)}</item></channel></rss>`, '20k nested XML elements', 'any');

  // --- records ---
  const good = (id: string) => JSON.stringify({ id, title: 'Raid near Kirkuk', published: '2024-05-01', text: ARTICLE });
  put('broken.jsonl', [good('r1'), '{"id": "r2", "text": "cut', 'not json at all', '[1,2,3]', '{"id":"r5","text":42}', '{"id":"r6"}', '"a string"', 'null', '{"id":"r9","text":"   "}', good('r10'), '{"id":"r11","text":"\\ud800 lone surrogate \\u0000 nul"}', ''].join('\n'), 'broken JSONL lines among good ones', 'any');
  put('long-line-10mb.jsonl', `${good('before')}\n${JSON.stringify({ id: 'big', text: (ARTICLE + ' ').repeat(Math.ceil((10 << 20) / ARTICLE.length)) })}\n${good('after')}\n`, 'a 10 MB JSONL line between good ones', 'any');
  put('bom-crlf.jsonl', `\ufeff${good('c1')}\r\n${good('c2')}\r\n`, 'a JSONL with BOM and CRLF', 'doc');
  put('corrupt.jsonl.gz', gzipSync(`${good('g1')}\n${good('g2')}\n`).subarray(0, 40), 'a cut gzip JSONL', 'error');
  put('array.json', JSON.stringify([JSON.parse(good('a1')), 5, null, { text: ARTICLE, id: 'a4' }, []]), 'a .json that is an array, with bad members', 'any');
  put('scalar.json', '42', 'a .json that is a number', 'error');
  put('deep.json', '['.repeat(100_000) + ']'.repeat(100_000), 'a .json nested 100k deep', 'error');
  put('proto.json', '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}, "text": "Gunmen attacked Kirkuk.", "id": {"toString": 1}}', 'prototype-pollution keys', 'any');
  put('html-in-record.jsonl', JSON.stringify({ id: 'h1', text: `<div><p>${ARTICLE}</p><script>alert("INJECTED-SCRIPT")</script></div>` }) + '\n', 'a record whose text is hostile HTML', 'any');

  // --- WARC ---
  const w1 = warcResponse('http://example.com/one', page('One', ARTICLE), 1);
  const w2 = warcResponse('http://example.com/two', page('Two', ARTICLE.replace('Kirkuk', 'Mosul')), 2);
  put('truncated.warc', w1 + w2.slice(0, Math.floor(w2.length / 2)), 'a WARC cut inside its second record', 'any');
  const cutHead = w1.slice(0, w1.indexOf('WARC-Target-URI') + 20) + '\r\n';
  put('cut-headers.warc', cutHead + w2, 'a record cut inside its headers, then a good record', 'any');
  put('cut-headers-noblank.warc', w1.slice(0, w1.indexOf('Content-Type')) + w2, 'a record cut mid-header line, then a good record', 'any');
  put('corrupt.warc.gz', (() => {
    const gz = gzipSync(w1 + w2);
    for (let i = 20; i < gz.length - 20; i += 7) gz[i] ^= 0x5a;
    return gz;
  })(), 'a corrupt gzip WARC', 'error');
  put('truncated.warc.gz', Buffer.concat([gzipSync(w1), gzipSync(w2).subarray(0, 50)]), 'a gzip WARC with its second member cut', 'any');
  put('warc-huge-length.warc', w1.replace(/Content-Length: \d+/, 'Content-Length: 99999999999') , 'a WARC record claiming 100 GB', 'any');
  put('warc-negative-length.warc', w1.replace(/Content-Length: \d+/, 'Content-Length: -5') + w2, 'a WARC record with a negative length', 'any');
  put('garbage.warc', 'WARC/1.0\r\n' + 'x'.repeat(100_000), 'a WARC header line that never ends', 'error');

  // --- file system ---
  // The loops stay inside `loop/` (inner/up -> loop), so that the input is the folder alone.
  mkdirSync(join(dir, 'loop', 'inner'), { recursive: true });
  symlinkSync('..', join(dir, 'loop', 'inner', 'up'));
  symlinkSync('.', join(dir, 'loop', 'self'));
  writeFileSync(join(dir, 'loop', 'inside-loop.txt'), ARTICLE);
  out.push({ name: 'loop', what: 'a folder with symlink loops (self, parent)', expect: 'doc' });
  symlinkSync('link-b.txt', join(dir, 'link-a.txt'));
  symlinkSync('link-a.txt', join(dir, 'link-b.txt'));
  out.push({ name: 'link-a.txt', what: 'two links pointing at each other', expect: 'error' });
  symlinkSync('/dev/zero', join(dir, 'dev-zero.txt'));
  out.push({ name: 'dev-zero.txt', what: 'a link to /dev/zero', expect: 'error' });
  try {
    execFileSync('mkfifo', [join(dir, 'fifo.jsonl')]);
    out.push({ name: 'fifo.jsonl', what: 'a named pipe nobody writes to', expect: 'error' });
  } catch {
    /* no mkfifo: skip the case */
  }
  mkdirSync(join(dir, 'a-folder.txt'));
  copyFileSync(GOOD_ARTICLES[0], join(dir, 'a-folder.txt', 'inner.txt'));
  out.push({ name: 'a-folder.txt', what: 'a folder named like a text file', expect: 'doc' });
  for (const [name, what] of [
    ['with space.txt', 'a space in the name'],
    ['new\nline.txt', 'a newline in the name'],
    ['-leading-dash.txt', 'a leading dash'],
    ['ünïcödé-名前.txt', 'non-ASCII name'],
    ['emoji-🔥💥.txt', 'astral characters in the name'],
    ['rtl-\u202egnp.txt', 'a right-to-left override in the name'],
    ['zero\u200bwidth.txt', 'a zero-width space in the name'],
    ['quote"\'$(x)`;.txt', 'shell metacharacters in the name'],
  ] as const) put(name, ARTICLE, what, 'doc');
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: generate.ts DIR');
  const list = generateHostile(dir);
  for (const x of list) process.stdout.write(`${x.expect.padEnd(5)} ${JSON.stringify(x.name)}  ${x.what}\n`);
  process.stdout.write(`${list.length} inputs in ${dir}\n`);
}
