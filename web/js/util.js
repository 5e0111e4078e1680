/** Days since 1970-01-01 of an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), -1 when unreadable. */
export function dayNumber(iso) {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso ?? '');
  if (!m) return -1;
  const t = Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1);
  return Number.isFinite(t) ? Math.floor(t / 86400000) : -1;
}
