// Formatting and the freshness rule, in one place so every page says the same.

export const FAILING_STATUSES = ['failed', 'abandoned', 'held'];
export const RETRYABLE_STATUSES = ['failed', 'cancelled', 'abandoned', 'held'];

/**
 * A table's freshness from its status: failing when the latest run failed, was abandoned or was held by the deletion
 * guard; otherwise by the age of the last success against the refresh interval: fresh up to one interval, due up to
 * two, stale beyond (or never loaded).
 */
export function freshness(status, intervalSeconds, now = Date.now()) {
  if (status && FAILING_STATUSES.includes(status.lastStatus)) {
    return { state: 'failing', label: status.lastStatus === 'held' ? 'failing (held)' : 'failing' };
  }
  if (!status || !status.lastSuccessAt) return { state: 'stale', label: 'stale (never loaded)' };
  const age = (now - Date.parse(status.lastSuccessAt)) / 1000;
  if (age <= intervalSeconds) return { state: 'fresh', label: 'fresh' };
  if (age <= 2 * intervalSeconds) return { state: 'due', label: 'due' };
  return { state: 'stale', label: 'stale' };
}

export function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

export function ago(iso, now = Date.now()) {
  if (!iso) return '—';
  const s = Math.round((now - Date.parse(iso)) / 1000);
  const future = s < 0;
  const a = Math.abs(s);
  const text = a < 90 ? a + ' s' : a < 5400 ? Math.round(a / 60) + ' min' : a < 172800 ? Math.round(a / 3600) + ' h'
    : Math.round(a / 86400) + ' d';
  return future ? 'in ' + text : text + ' ago';
}

export function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return ms + ' ms';
  if (ms < 120000) return (ms / 1000).toFixed(1) + ' s';
  return Math.round(ms / 60000) + ' min';
}

export function number(n) {
  return n === null || n === undefined ? '—' : Number(n).toLocaleString('en-US');
}

export function interval(iso) {
  return iso ? iso.replace(/^PT/, '').toLowerCase() : '—';
}
