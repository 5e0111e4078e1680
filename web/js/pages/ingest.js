import { h, mount, link, clear } from '../dom.js';
import { api } from '../api.js';
import { sessionReady, needLogin, errorBox } from '../ui.js';

/**
 * Add articles from the browser: files (text, HTML, feeds, JSONL) or pasted text. Each file is
 * sent and extracted in turn, with a progress bar and a line per document saying what was found
 * or what went wrong.
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
      const line = h('li', { class: 'pending' }, job.name, ': working…');
      results.append(line);
      try {
        const params = { filename: job.pasted ? undefined : job.name, source: job.name, referenceDate: refDate.value.trim() || undefined };
        const res = await api('/ingest', { method: 'POST', params, raw: await job.body(), contentType: job.pasted ? job.type + '; charset=utf-8' : 'application/octet-stream' });
        mount(line, job.name, ': ', res.documents.map((d, k) => describe(d, k)));
        const bad = res.documents.filter((d) => d.error).length;
        failed += bad;
        ok += res.documents.length - bad;
        events += res.documents.reduce((n, d) => n + (d.result?.events.length ?? 0), 0);
        line.className = bad ? 'failed' : 'done';
      } catch (err) {
        failed++;
        mount(line, job.name, ': ', errorBox(err));
        line.className = 'failed';
      }
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

function describe(d, k) {
  const sep = k ? '; ' : '';
  if (d.error) return [sep, h('span', { class: 'err' }, `failed (${d.error.code}): ${d.error.message}`)];
  const r = d.result;
  const what = `${d.outcome.status}, ${r.events.length} event(s), ${r.places.length} place(s), ${r.mentions.length} name(s), ${r.claims.length} figure(s)`;
  return [sep, h('a', { href: link('documents', d.outcome.documentId) }, r.meta.title || d.outcome.documentId), ' — ', what];
}
