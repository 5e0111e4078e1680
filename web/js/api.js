/**
 * JSON calls to the sitrep API. Every failure becomes an Error carrying the server's message
 * (and HTTP status), so pages can show it instead of swallowing it. A refusal that names its
 * field (`fields.actors[0].role`) carries it as `field`, so a form can show it there.
 */
export class ApiError extends Error {
  constructor(status, message, field) {
    super(message);
    this.status = status;
    if (field) this.field = field;
  }
}

export function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v == null || v === '' || (Array.isArray(v) && !v.length)) continue;
    u.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const s = u.toString();
  return s ? '?' + s : '';
}

export async function api(path, { method = 'GET', params, body, raw, contentType, signal } = {}) {
  const headers = {};
  let payload;
  if (raw !== undefined) {
    payload = raw;
    headers['content-type'] = contentType ?? 'text/plain; charset=utf-8';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  let res;
  try {
    res = await fetch('/api' + path + qs(params), { method, headers, body: payload, credentials: 'same-origin', signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'The server cannot be reached (' + e.message + ')');
  }
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok && !(res.status === 422 && data)) {
    throw new ApiError(res.status, (data && data.message) || `${res.status} ${res.statusText}`, data && typeof data.field === 'string' ? data.field : undefined);
  }
  return data;
}

export const get = (path, params, opts) => api(path, { params, ...opts });
export const post = (path, body, opts) => api(path, { method: 'POST', body, ...opts });
