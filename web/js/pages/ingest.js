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
    bar.hidden = false;
    bar.max = jobs.length;
    bar.value = 0;
    clear(results);
    let ok = 0, failed = 0, events = 0;
    for (const [i, job] of jobs.entries()) {
      mount(status, `Extracting ${i + 1} of ${jobs.length}: ${job.name}…`);
      const summary = h('span', null, 'working…');
      const records = h('div', { class: 'ingest-records' });
      const line = h('li', { class: 'pending' }, job.name, ': ', summary, records);
      results.append(line);
      let stored = 0, bad = 0, shown = 0;
      try {
        const params = { filename: job.pasted ? undefined : job.name, source: job.name, referenceDate: refDate.value.trim() || undefined };
        const end = await streamIngest(params, await job.body(), job.pasted ? job.type + '; charset=utf-8' : 'application/octet-stream', (rec) => {
          if (rec.type === 'document') stored++, (events += rec.found.events);
          else bad++;
          // A WARC may hold thousands of documents: list the first ones, count them all.
          if (shown++ < MAX_LISTED) records.append(h('div', { class: rec.type === 'document' ? 'record' : 'record err' }, describe(rec)));
          mount(summary, `${stored + bad} document(s) so far…`);
          mount(status, `Extracting ${i + 1} of ${jobs.length}: ${job.name} — document ${stored + bad}…`);
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
      bar.value = i + 1;
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
