import { h, mount, link, clear } from '../dom.js';
import { ApiError, qs } from '../api.js';
import { sessionReady, needLogin, errorBox } from '../ui.js';

/**
 * Add articles from the browser: files (text, HTML, feeds, JSONL, WARC) or pasted text. Each file
 * is sent and extracted in turn, with a progress bar over the files. A file may hold many
 * documents (a JSONL line, a feed item, a WARC record is each its own document): the server
 * streams a line per document as it is stored (POST /api/ingest?stream=1, NDJSON), so each shows
 * here as it comes, saying what was found or what went wrong.
 */
export async function ingestPage(main, _p, _q, current) {
  document.title = 'sitrep · ingest';
  const session = await sessionReady();
  if (!current()) return;
  if (!session.user) return mount(main, h('h1', null, 'Ingest'), needLogin('add articles'));

  const files = h('input', { type: 'file', name: 'files', multiple: true, accept: '.txt,.text,.html,.htm,.xml,.rss,.atom,.json,.jsonl,.warc,.gz' });
  const paste = h('textarea', { name: 'text', rows: 8, placeholder: 'Or paste an article here (plain text or HTML)' });
  const source = h('input', { name: 'source', placeholder: 'Source name or URL for the pasted text (optional)' });
  const refDate = h('input', { name: 'referenceDate', placeholder: 'YYYY-MM-DD', size: 11 });
  const bar = h('progress', { max: 1, value: 0, hidden: true });
  const status = h('div', { class: 'ingest-status', role: 'status' });
  const results = h('ol', { class: 'ingest-results' });
  const go = h('button', { type: 'submit' }, 'Extract and store');

  const form = h('form', { class: 'ingest', on: { submit: async (e) => {
    e.preventDefault();
    const jobs = [];
    for (const f of files.files) jobs.push({ name: f.name, body: () => f.arrayBuffer(), type: f.type });
    if (paste.value.trim()) jobs.push({ name: source.value.trim() || 'pasted text', body: async () => paste.value, type: /^\s*</.test(paste.value) ? 'text/html' : 'text/plain', pasted: true });
    if (!jobs.length) return mount(status, errorBox(new Error('Choose files or paste some text first.')));
    go.disabled = true;
    clear(results);
    mount(status, 'Reading the files…');
    // The bar counts records (a JSONL line, a feed item, a WARC record), not files: each file's
    // records are counted here first, so a 500-line JSONL is 500 steps. A count is an estimate
    // (a WARC record with an image is no document); the bar grows if a file holds more.
    for (const job of jobs) {
      job.bytes = await job.body();
      job.expected = job.pasted ? 1 : await countRecords(job.name, job.bytes);
    }
    let finished = 0;
    bar.hidden = false;
    bar.max = Math.max(1, jobs.reduce((n, j) => n + j.expected, 0));
    bar.value = 0;
    let ok = 0, failed = 0, events = 0;
    for (const [i, job] of jobs.entries()) {
      const fileBar = h('progress', { class: 'file-progress', max: job.expected, value: 0, 'aria-label': 'records of ' + job.name });
      mount(status, `Extracting ${i + 1} of ${jobs.length}: ${job.name}…`);
      const summary = h('span', null, 'working…');
      const records = h('div', { class: 'ingest-records' });
      const line = h('li', { class: 'pending' }, job.name, ': ', summary, job.expected > 1 ? fileBar : null, records);
      results.append(line);
      let stored = 0, bad = 0, shown = 0;
      try {
        const params = { filename: job.pasted ? undefined : job.name, source: job.name, referenceDate: refDate.value.trim() || undefined };
        const end = await streamIngest(params, job.bytes, job.pasted ? job.type + '; charset=utf-8' : 'application/octet-stream', (rec) => {
          if (rec.type === 'document') stored++, (events += rec.found.events);
          else bad++;
          // A WARC may hold thousands of documents: list the first ones, count them all.
          if (shown++ < MAX_LISTED) records.append(h('div', { class: rec.type === 'document' ? 'record' : 'record err' }, describe(rec)));
          const seen = stored + bad;
          finished++;
          if (seen > job.expected) (job.expected = seen), (bar.max += 1), (fileBar.max = seen);
          fileBar.value = seen;
          bar.value = finished;
          const of = job.expected > 1 ? ` of ${job.expected}` : '';
          mount(summary, `${seen}${of} document(s) so far…`);
          mount(status, `Extracting ${i + 1} of ${jobs.length}: ${job.name} — record ${seen}${of} (${finished} of ${Math.round(bar.max)} in all)…`);
        });
        if (end.type === 'failed') throw new Error(end.error.message);
        if (stored + bad === 1) {
          // One article: its line says it all.
          mount(summary, ...records.firstChild.childNodes);
          records.remove();
        } else {
          const parts = [`${end.added} new`];
          if (end.versions) parts.push(`${end.versions} new version(s)`);
          if (end.unchanged) parts.push(`${end.unchanged} already stored`);
          if (bad) parts.push(`${bad} failed`);
          if (shown > MAX_LISTED) parts.push(`the first ${MAX_LISTED} listed`);
          mount(summary, `${stored + bad} document(s): ${parts.join(', ')}`);
        }
        line.className = bad ? 'failed' : 'done';
      } catch (err) {
        bad++;
        mount(summary, errorBox(err));
        line.className = 'failed';
      }
      ok += stored;
      failed += bad;
      // Records counted that were no document (an image in a WARC) leave the bar here.
      const unseen = Math.max(0, job.expected - (stored + bad));
      bar.max = Math.max(1, bar.max - unseen);
      bar.value = finished;
      fileBar.value = fileBar.max = Math.max(1, stored + bad);
    }
    mount(status, `Done: ${ok} document(s) stored, ${events} event report(s) found${failed ? `, ${failed} failed (see below)` : ''}. `, h('a', { href: '#/' }, 'See them on the map'), ' · ', h('a', { href: '#/documents' }, 'documents'));
    go.disabled = false;
  } } },
    h('label', { class: 'wide' }, 'Files ', files),
    h('label', { class: 'wide' }, paste),
    h('label', { class: 'wide' }, source),
    h('label', null, 'Resolve relative dates against (when the article has no date) ', refDate),
    go,
  );
  mount(main, h('h1', null, 'Ingest'), h('p', null, 'Articles are extracted on the server (names, places, times, events, figures) and stored; the same text ingested twice is kept once.'), form, bar, status, results);
}

const MAX_LISTED = 500;

/**
 * How many documents a file will give, as the server's readers split it: JSONL lines, feed items
 * (RSS <item>, Atom <entry>), WARC response/resource records (a .warc.gz is counted through the
 * browser's gzip decoder); anything else is one document.
 */
export async function countRecords(name, bytes) {
  const u8 = new Uint8Array(bytes);
  let text;
  if (u8[0] === 0x1f && u8[1] === 0x8b) {
    if (typeof DecompressionStream === 'undefined') return 1;
    text = await gunzipMembers(u8);
    if (text == null) return 1;
  } else text = new TextDecoder().decode(u8);
  const head = text.slice(0, 2000).trimStart();
  if (head.startsWith('WARC/')) return Math.max(1, count(text, /^WARC-Type:[ \t]*(?:response|resource)\b/gim));
  if (/\.(jsonl|ndjson)$/i.test(name) || (/^\{/.test(head) && /\}\s*\r?\n\s*\{/.test(text.slice(0, 200000)))) return Math.max(1, count(text, /^[ \t]*\{/gm));
  if (/^<\?xml|^<(rss|feed|rdf:RDF)\b/i.test(head) && /<(rss|feed|rdf:RDF)\b/i.test(head)) return Math.max(1, count(text, /<(?:item|entry)[\s>]/gi));
  return 1;
}

/**
 * A .warc.gz is one gzip member per record, and the browser's decoder stops after the first: cut
 * the bytes at each member header (1f 8b 08) and decode the pieces one by one; a piece that does
 * not decode (the three bytes happened to occur inside compressed data) is joined to the next.
 * Only the first 64 KB of each record is kept: the headers are what is counted.
 */
async function gunzipMembers(u8) {
  const starts = [];
  for (let i = 0; i + 2 < u8.length; i++) if (u8[i] === 0x1f && u8[i + 1] === 0x8b && u8[i + 2] === 0x08) starts.push(i);
  starts.push(u8.length);
  const parts = [];
  let from = 0;
  for (let k = 1; k < starts.length; k++) {
    const piece = u8.subarray(starts[from], starts[k]);
    try {
      const text = await new Response(new Blob([piece]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
      parts.push(text.slice(0, 65536));
      from = k;
    } catch {
      // Not a whole member yet: extend it to the next header.
    }
  }
  return parts.length ? parts.join('\n') : null;
}

function count(text, re) {
  let n = 0;
  re.lastIndex = 0;
  while (re.exec(text)) n++;
  return n;
}

/** One progress line of the stream: the stored document (linked) and what was found, or its error. */
function describe(rec) {
  if (rec.type !== 'document') return [h('code', null, rec.source), ' ', h('span', { class: 'err' }, `failed (${rec.error?.code ?? 'error'}): ${rec.error?.message ?? ''}`)];
  const f = rec.found;
  const what = `${rec.outcome.status}, ${f.events} event(s), ${f.places} place(s), ${f.mentions} name(s), ${f.claims} figure(s)`;
  return [h('a', { href: link('documents', rec.outcome.documentId) }, rec.title || rec.source), ' — ', what];
}

/**
 * POST /api/ingest?stream=1 and hand each NDJSON line to `onRecord` as it arrives; resolves with
 * the closing summary line (`done`, or `failed` when the server could not finish the upload).
 */
async function streamIngest(params, raw, contentType, onRecord) {
  let res;
  try {
    res = await fetch('/api/ingest' + qs({ ...params, stream: 1 }), { method: 'POST', headers: { 'content-type': contentType }, body: raw, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'The server cannot be reached (' + e.message + ')');
  }
  if (!res.ok) {
    const text = await res.text();
    let message = null;
    try {
      message = JSON.parse(text).message;
    } catch {}
    throw new ApiError(res.status, message || `${res.status} ${res.statusText}`);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  let end = null;
  const take = (l) => {
    if (!l.trim()) return;
    const rec = JSON.parse(l);
    if (rec.type === 'done' || rec.type === 'failed') end = rec;
    else onRecord(rec);
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += value;
    for (let nl = buf.indexOf('\n'); nl !== -1; nl = buf.indexOf('\n')) {
      take(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
    }
  }
  take(buf);
  if (!end) throw new ApiError(0, 'The upload was cut off before the server finished it; reload the documents to see what was stored.');
  return end;
}
