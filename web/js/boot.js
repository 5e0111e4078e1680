// Starts the dashboard's two big requests while the modules load (a classic script runs before
// module scripts are fetched and parsed): the first paint then waits for one round trip, not two.
(function () {
  var hash = location.hash.replace(/^#/, '') || '/';
  var parts = hash.split('?');
  if (parts[0] !== '/' && parts[0] !== '') return;
  var q = new URLSearchParams(parts[1] || '');
  var keep = new URLSearchParams();
  // The same list as url-state.js API_FILTERS: the points are fetched with the filters only.
  ['type', 'grade', 'country', 'admin1', 'actor', 'actorName', 'near', 'review', 'includeRejected'].forEach(function (k) { if (q.get(k)) keep.set(k, q.get(k)); });
  var s = keep.toString();
  var json = function (r) { return r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status)); };
  window.__sitrepBoot = {
    key: s,
    points: fetch('/api/events/points' + (s ? '?' + s : ''), { credentials: 'same-origin' }).then(json),
    base: fetch('/api/basemap/110m', { credentials: 'same-origin' }).then(json),
  };
  // Unused promises must not report unhandled rejections; the dashboard re-fetches on failure.
  window.__sitrepBoot.points.catch(function () {});
  window.__sitrepBoot.base.catch(function () {});
})();
