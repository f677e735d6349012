// The public JSON API, with the key the user typed. The key lives in this module and in sessionStorage (this tab
// only, gone when the tab or browser closes); it is never put in a URL, a cookie or local storage.

export const BASE = '/api/v1/etl';
const STORAGE = 'pulso.apiKey';
let key = null;

export function apiKey() {
  if (key !== null) return key;
  try {
    return sessionStorage.getItem(STORAGE);
  } catch {
    return null;
  }
}

export function setApiKey(value) {
  key = value;
  try {
    sessionStorage.setItem(STORAGE, value);
  } catch {
    // Storage refused (private mode): the key stays in memory until the page closes.
  }
}

export function forgetApiKey() {
  key = null;
  try {
    sessionStorage.removeItem(STORAGE);
  } catch {
    // nothing stored
  }
}

export class ApiError extends Error {
  constructor(status, body, text) {
    const code = body && body.error ? body.error : 'http_' + status;
    const message = body && body.message ? body.message : (text || 'no answer body');
    super(status + ' ' + code + ': ' + message);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

/** Calls the API; resolves to the parsed JSON (and the status), rejects with an ApiError in words. */
export async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  const current = apiKey();
  if (current) headers.Authorization = 'Bearer ' + current;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(BASE + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store', credentials: 'omit', redirect: 'error',
    });
  } catch (e) {
    throw new ApiError(0, { error: 'unreachable', message: 'the API did not answer (' + e.message + ')' });
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) throw new ApiError(response.status, json, text);
  return { status: response.status, body: json };
}

export async function get(path) {
  return (await call('GET', path)).body;
}

/** Query string from the set values only. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? '?' + text : '';
}
