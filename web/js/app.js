import { mount } from './dom.js';
import { errorBox, sessionReady, clearError, loading, needLogin } from './ui.js';
import { dashboard } from './pages/dashboard.js';
import { eventPage } from './pages/event.js';
import { documentsPage, documentPage } from './pages/documents.js';
import { entitiesPage, entityPage } from './pages/entities.js';
import { contradictionsPage } from './pages/contradictions.js';
import { reviewPage } from './pages/review.js';
import { ingestPage } from './pages/ingest.js';
import { loginPage, logout } from './pages/login.js';
import { notFoundPage } from './pages/not-found.js';

/**
 * Hash routes (`#/events/<id>`): the server serves one static page and the API; each route is a
 * page function `(main, params, query) => Promise<void>` that fills the main element.
 */
const ROUTES = [
  [/^\/?$/, dashboard, 'dashboard'],
  [/^\/events\/([^/]+)$/, eventPage, 'dashboard'],
  [/^\/documents$/, documentsPage, 'documents'],
  [/^\/documents\/([^/]+)$/, documentPage, 'documents'],
  [/^\/entities$/, entitiesPage, 'entities'],
  [/^\/entities\/([^/]+)$/, entityPage, 'entities'],
  [/^\/contradictions$/, contradictionsPage, 'contradictions'],
  [/^\/review$/, reviewPage, 'review'],
  [/^\/ingest$/, ingestPage, 'ingest'],
  [/^\/login$/, loginPage, 'login'],
  [/^\/logout$/, logout, 'login'],
];

let generation = 0;

async function route() {
  const gen = ++generation;
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, search] = hash.split('?');
  const query = new URLSearchParams(search ?? '');
  const main = document.getElementById('app');
  clearError();
  for (const [re, page, nav] of ROUTES) {
    const m = re.exec(path);
    if (!m) continue;
    for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.dataset.nav === nav);
    mount(main, loading());
    document.title = 'sitrep';
    try {
      await page(main, m.slice(1).map(decodeURIComponent), query, () => gen === generation);
    } catch (e) {
      // A server with closed reading answers 401 to anonymous visitors: offer the login instead.
      if (gen === generation) {
        if (e.status === 401) mount(main, needLogin('browse this server'));
        else if (e.status === 404) notFoundPage(main, path, e.message);
        else mount(main, errorBox(e));
      }
    }
    return;
  }
  for (const a of document.querySelectorAll('nav a')) a.classList.remove('active');
  notFoundPage(main, path);
}

window.addEventListener('hashchange', route);
window.addEventListener('unhandledrejection', (e) => {
  // Errors are shown, not swallowed.
  import('./ui.js').then(({ showError }) => showError(e.reason));
});
sessionReady();
route();
