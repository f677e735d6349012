// Actions shared by the pages: each sends one request and shows the API's answer, errors included, in words.

import { call } from '../api.js';
import { el, runLink } from '../dom.js';

export async function act(ctx, label, method, path, body) {
  try {
    const { status, body: answer } = await call(method, path, body);
    ctx.notify('ok', label + ': ' + status + ' ', describe(answer));
    ctx.reload();
    return answer;
  } catch (e) {
    ctx.notify('error', label + ' failed: ' + e.message, details(e.body));
    return null;
  }
}

function describe(answer) {
  if (!answer) return 'done';
  const parts = [];
  const started = answer.started ? answer.started : answer.runId ? [answer] : [];
  for (const run of started) {
    parts.push(el('span', { class: 'started' }, 'started ' + run.table + ' ' + (run.mode || '') + ' run ', runLink(run.runId), ' '));
  }
  for (const run of answer.alreadyRunning || []) {
    parts.push(el('span', {}, run.table + ' was already running (', runLink(run.runId), ') '));
  }
  if (answer.action) parts.push(answer.action + ' ');
  if (answer.table && answer.paused !== undefined) parts.push(answer.table + ': ' + (answer.paused ? 'paused' : 'active'));
  if (answer.schedule && answer.schedule.table) {
    parts.push(answer.schedule.table + ': ' + (answer.schedule.paused ? 'paused' : 'active'));
  }
  if (answer.message) parts.push(answer.message);
  return parts.length ? parts : 'done';
}

/** The parts of an error body worth a second line: the run in the way (409), the allowed values (400). */
function details(body) {
  if (!body) return null;
  const running = body.runId || (body.running && body.running.runId);
  if (running) return el('div', {}, 'run in progress: ', runLink(running));
  if (body.knownTables) return el('div', {}, 'known tables: ' + body.knownTables.join(', '));
  return null;
}

/** The refresh form: a table or the dashboard group, a mode and its options. */
export function refreshForm(ctx, tableNames) {
  const target = el('select', { name: 'target', id: 'refresh-target' });
  target.append(el('option', { value: '' }, 'dashboard group (all tables)'));
  for (const name of tableNames) target.append(el('option', { value: name }, name));
  const mode = el('select', { name: 'mode', id: 'refresh-mode' },
    el('option', { value: 'incremental' }, 'incremental'),
    el('option', { value: 'full_refresh' }, 'full refresh'),
    el('option', { value: 'sliding_window' }, 'sliding window'),
    el('option', { value: 'backfill' }, 'backfill'));
  const days = el('input', { name: 'days', id: 'refresh-days', type: 'number', min: 1, max: 3650, placeholder: 'days' });
  const from = el('input', { name: 'from', id: 'refresh-from', type: 'date' });
  const to = el('input', { name: 'to', id: 'refresh-to', type: 'date' });
  const allow = el('select', { name: 'allowDeletion', id: 'refresh-allow-deletion' },
    el('option', { value: '' }, 'deletion guard on'),
    el('option', { value: 'all' }, 'allow all deletions'));
  const form = el('form', { class: 'inline', id: 'refresh-form' },
    el('label', {}, 'Refresh', target), el('label', {}, 'Mode', mode), el('label', {}, 'Days (sliding window)', days),
    el('label', {}, 'From (backfill)', from), el('label', {}, 'To (backfill)', to), el('label', {}, 'Guard', allow),
    el('button', { type: 'submit', id: 'refresh-start' }, 'Start refresh'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = { mode: mode.value };
    if (mode.value === 'sliding_window' && days.value) body.days = Number(days.value);
    if (mode.value === 'backfill') {
      if (from.value) body.from = from.value;
      if (to.value) body.to = to.value;
    }
    if (target.value) {
      if (allow.value) body.allowDeletion = allow.value;
      act(ctx, 'Refresh ' + target.value, 'POST', '/refresh/table/' + encodeURIComponent(target.value), body);
    } else {
      act(ctx, 'Refresh dashboard group', 'POST', '/refresh/dashboard', body);
    }
  });
  return form;
}
