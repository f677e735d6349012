// Tables: one row per table with freshness, last run, watermark, schedule time and live progress.

import { get } from '../api.js';
import { badge, clear, el, runLink } from '../dom.js';
import { ago, freshness, interval, number, time } from '../format.js';
import { act, refreshForm } from './actions.js';

export function mount(root, _arg, _params, ctx) {
  const body = el('tbody', { id: 'tables-body' });
  const formSlot = el('div');
  root.append(el('h2', {}, 'Tables'), formSlot,
    el('table', { id: 'tables' },
      el('thead', {}, el('tr', {}, ['Table', 'Freshness', 'Last run', 'Watermark', 'Last success', 'Next due',
        'Extracted', 'Inserted', 'Updated', 'Unchanged', 'Deleted', 'Rows in table', 'Progress', 'Actions']
        .map((h) => el('th', {}, h)))),
      body),
    el('p', { class: 'muted' }, 'Freshness: fresh = last success within the refresh interval, due = within two intervals, '
      + 'stale = older or never loaded, failing = the latest run failed, was abandoned or was held by the deletion guard.'));
  let config = null;
  return {
    async refresh(stillShown) {
      if (!config) {
        config = await get('/config/tables');
        formSlot.append(refreshForm(ctx, config.tables.map((t) => t.name)));
      }
      const statuses = await Promise.all(config.tables.map((t) => get('/status/table/' + encodeURIComponent(t.name))));
      if (!stillShown()) return;
      clear(body);
      const now = Date.now();
      config.tables.forEach((table, i) => body.append(row(ctx, table, statuses[i], now)));
    },
  };
}

function row(ctx, table, status, now) {
  const fresh = freshness(status, table.refreshIntervalSeconds, now);
  const last = status.lastRun;
  const rows = last ? last.rows : null;
  const count = (name) => el('td', { class: 'num', dataset: { count: name } }, rows ? number(rows[name]) : '—');
  return el('tr', { dataset: { table: table.name, freshness: fresh.state } },
    el('td', {}, el('a', { href: '#/charts/' + encodeURIComponent(table.name) }, table.name),
      el('div', { class: 'muted' }, 'every ' + interval(table.refreshInterval))),
    el('td', { class: 'freshness' }, badge(fresh.state, fresh.label)),
    el('td', { class: 'last-run' }, last ? [badge(last.status), ' ', runLink(last.runId, ago(last.startedAt, now))] : 'never run'),
    el('td', {}, status.watermark || '—'),
    el('td', {}, status.lastSuccessAt ? el('span', { title: time(status.lastSuccessAt) }, ago(status.lastSuccessAt, now)) : '—'),
    el('td', {}, status.nextScheduledAt ? [ago(status.nextScheduledAt, now), status.overdue ? ' (overdue)' : ''] : '—'),
    count('extracted'), count('inserted'), count('updated'), count('unchanged'), count('deleted'),
    el('td', { class: 'num', dataset: { rowsInTable: '' } }, status.rowsInTable === undefined || status.rowsInTable === null
      ? '—' : number(status.rowsInTable)),
    el('td', { class: 'progress' }, progress(status)),
    el('td', {}, el('button', {
      type: 'button', class: 'refresh-table', onclick: () => act(ctx, 'Refresh ' + table.name, 'POST',
        '/refresh/table/' + encodeURIComponent(table.name), { mode: 'incremental' }),
    }, 'Refresh')));
}

function progress(status) {
  const running = status.running;
  if (!running) return status.warnings && status.warnings.length ? el('span', { class: 'muted' }, status.warnings.join('; ')) : '';
  const p = running.progress;
  if (!p) return [badge('starting'), ' ', runLink(running.runId, 'open')];
  const loaded = p.counts ? p.counts.extracted : 0;
  const bar = p.totalRows > 0 ? el('progress', { max: p.totalRows, value: Math.min(loaded, p.totalRows) }) : el('progress', {});
  return el('div', { dataset: { phase: p.phase } }, badge('running', p.phase), ' ', bar,
    el('div', { class: 'muted' }, p.pagesLoaded + ' pages, ' + number(loaded) + (p.totalRows >= 0 ? ' of ' + number(p.totalRows) : '') + ' rows'),
    runLink(running.runId, 'open run'));
}
