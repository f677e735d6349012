// One run: facts, counts, the error in full, its retry chain, the actions that fit its status, its timeline and its
// pages over time.

import { ApiError, get, query } from '../api.js';
import { badge, clear, el, externalLink, runLink } from '../dom.js';
import { RETRYABLE_STATUSES, duration, number, time } from '../format.js';
import { pagesChart, timelineChart } from '../charts.js';
import { act } from './actions.js';

const COUNTS = ['extracted', 'inserted', 'updated', 'unchanged', 'deleted', 'duplicates', 'kept'];
const CHAIN_LIMIT = 20;

export function mount(root, runId, _params, ctx) {
  const head = el('div');
  const facts = el('div');
  const actions = el('div', { class: 'actions', id: 'run-actions' });
  const chain = el('div', { id: 'run-chain' });
  const timeline = el('div', { id: 'run-timeline' });
  const pages = el('div', { id: 'run-pages' });
  root.append(el('h2', {}, 'Run ', el('code', { id: 'run-id' }, runId || '')), head, actions, facts, chain,
    el('h3', {}, 'Timeline (Temporal history)'), timeline, el('h3', {}, 'Pages loaded over time (page ledger)'), pages);
  let finished = null;
  return {
    async refresh(stillShown) {
      if (!runId) throw new ApiError(400, { error: 'no_run', message: 'no run id in the address' });
      const run = await get('/runs/' + encodeURIComponent(runId));
      if (!stillShown()) return;
      clear(head).append(headLine(run));
      clear(actions).append(...buttons(ctx, run));
      clear(facts).append(details(run));
      // A finished run no longer changes: its chain and history are read once more after it ends, then kept.
      if (finished === 'done') return;
      const [links, history, loaded] = await Promise.all([retryChain(run), historyOf(run.runId), pagesOf(run.runId)]);
      if (!stillShown()) return;
      clear(chain).append(links);
      clear(timeline).append(history);
      clear(pages).append(loaded);
      if (run.status !== 'running' && run.status !== 'starting') finished = 'done';
    },
  };
}

function headLine(run) {
  return el('p', {},
    el('span', { id: 'run-status', dataset: { status: run.status } }, badge(run.status)), ' · ',
    el('span', { id: 'run-table' }, run.table), ' · ', run.mode || '', ' · trigger ', run.trigger || '',
    run.temporalUiUrl ? [' · ', externalLink(run.temporalUiUrl, 'open in the Temporal UI')] : '');
}

function buttons(ctx, run) {
  const list = [];
  const path = '/runs/' + encodeURIComponent(run.runId);
  if (RETRYABLE_STATUSES.includes(run.status)) {
    list.push(el('button', { type: 'button', id: 'run-retry', onclick: () => act(ctx, 'Retry', 'POST', path + '/retry') }, 'Retry'));
  }
  if (run.status === 'held') {
    list.push(el('button', {
      type: 'button', id: 'run-retry-allow-deletion',
      onclick: () => act(ctx, 'Retry allowing deletions', 'POST', path + '/retry', { allowDeletion: 'all' }),
    }, 'Retry allowing all deletions'));
  }
  if (run.status === 'running' || run.status === 'starting') {
    list.push(el('button', { type: 'button', id: 'run-cancel', onclick: () => act(ctx, 'Cancel', 'POST', path + '/cancel') }, 'Cancel'));
  }
  return list;
}

function details(run) {
  const dl = el('dl', { class: 'facts' });
  const fact = (label, value, id) => dl.append(el('dt', {}, label), el('dd', id ? { id } : {}, value));
  const w = run.window || {};
  fact('Window', !w.from && !w.to ? 'everything the source has' : (w.from || 'the beginning') + ' to ' + (w.to || 'the newest'));
  fact('Watermark', run.watermark ? (run.watermark.before || '—') + ' → ' + (run.watermark.after || (run.finishedAt ? 'unmoved' : '…')) : '—');
  fact('Started', time(run.startedAt));
  fact('Finished', time(run.finishedAt));
  fact('Duration', duration(run.durationMs));
  fact('Pages', number(run.pages));
  fact('Attempts', number(run.attempts));
  if (run.overrides && (run.overrides.allowDeletion || run.overrides.rewindWatermark)) {
    fact('Overrides', 'allowDeletion ' + (run.overrides.allowDeletion || '—') + ', rewindWatermark ' + run.overrides.rewindWatermark);
  }
  if (run.notes) fact('Notes', run.notes, 'run-notes');
  const counts = el('table', { id: 'run-counts' },
    el('thead', {}, el('tr', {}, COUNTS.map((c) => el('th', { class: 'num' }, c)))),
    el('tbody', {}, el('tr', {}, COUNTS.map((c) => el('td', { class: 'num', dataset: { count: c } },
      run.rows ? String(run.rows[c]) : '—')))));
  const progress = run.progress ? el('p', { id: 'run-progress' }, 'Live: ', run.progress.phase, ', ', run.progress.pagesLoaded + ' pages, ',
    number(run.progress.counts ? run.progress.counts.extracted : 0), ' rows loaded',
    run.progress.totalRows >= 0 ? ' of ' + number(run.progress.totalRows) : '') : '';
  const error = run.error ? [el('h3', {}, 'Error'), el('pre', { class: 'error', id: 'run-error' }, run.error)] : '';
  return el('div', {}, dl, el('h3', {}, 'Rows'), counts, progress, error);
}

/** Older runs through retryOf, newer ones by looking for retries of this run among the table's retries. */
async function retryChain(run) {
  const older = [];
  let cursor = run;
  while (cursor.retryOf && older.length < CHAIN_LIMIT) {
    try {
      cursor = await get('/runs/' + encodeURIComponent(cursor.retryOf));
    } catch {
      older.push({ runId: cursor.retryOf, status: 'unknown' });
      break;
    }
    older.push(cursor);
  }
  const retries = await get('/runs' + query({ table: run.table, trigger: 'retry', limit: 100 }));
  const newer = retries.runs.filter((r) => r.retryOf === run.runId);
  if (!older.length && !newer.length) return el('p', { class: 'muted' }, 'Retry chain: this run is no retry and has none.');
  const item = (r, role) => el('li', { dataset: { role } }, role + ': ', runLink(r.runId), ' ', badge(r.status));
  return el('div', {}, el('h3', {}, 'Retry chain'), el('ul', {},
    older.map((r) => item(r, 'retry of')), newer.map((r) => item(r, 'retried by'))));
}

async function pagesOf(runId) {
  try {
    const answer = await get('/runs/' + encodeURIComponent(runId) + '/pages');
    return pagesChart(answer.pages);
  } catch (e) {
    return el('p', { class: 'muted', id: 'pages-missing' }, 'No pages: ' + e.message);
  }
}

async function historyOf(runId) {
  let history;
  try {
    history = await get('/runs/' + encodeURIComponent(runId) + '/history');
  } catch (e) {
    return el('p', { class: 'muted', id: 'history-missing' }, 'No history: ' + e.message);
  }
  const rows = history.activities.map((a) => el('tr', {},
    el('td', {}, a.type), el('td', { class: 'num' }, String(a.attempts)), el('td', {}, time(a.startedAt || a.scheduledAt)),
    el('td', { class: 'num' }, duration(a.durationMs)), el('td', {}, a.outcome || ''),
    el('td', {}, a.failure || a.lastAttemptFailure || '')));
  return el('div', {},
    el('p', {}, history.workflowType + ' · ' + history.status + ' · ' + history.events + ' events · ' + duration(history.durationMs)),
    timelineChart(history),
    el('table', { id: 'history-activities' }, el('thead', {}, el('tr', {}, ['Activity', 'Attempts', 'Started', 'Duration',
      'Outcome', 'Failure'].map((h) => el('th', {}, h)))), el('tbody', {}, rows)),
    history.failure ? el('pre', { class: 'error' }, history.failure) : '');
}
