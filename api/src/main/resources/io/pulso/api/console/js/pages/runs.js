// Runs: the execution log, newest first, filtered by table, status, trigger and start date, paged.

import { get, query } from '../api.js';
import { badge, clear, el, options, runLink } from '../dom.js';
import { duration, number, time } from '../format.js';

const PAGE_SIZE = 25;
const STATUSES = ['running', 'succeeded', 'failed', 'held', 'cancelled', 'abandoned'];
const TRIGGERS = ['api', 'schedule', 'retry'];

export function mount(root, _arg, params) {
  const filters = {
    table: params.get('table') || '', status: params.get('status') || '', trigger: params.get('trigger') || '',
    from: params.get('from') || '', to: params.get('to') || '',
  };
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const table = el('select', { name: 'table', id: 'runs-table' });
  const status = options(el('select', { name: 'status', id: 'runs-status' }), [['', 'any status'], ...STATUSES.map((s) => [s, s])], filters.status);
  const trigger = options(el('select', { name: 'trigger', id: 'runs-trigger' }), [['', 'any trigger'], ...TRIGGERS.map((t) => [t, t])], filters.trigger);
  const from = el('input', { type: 'date', name: 'from', id: 'runs-from', value: filters.from });
  const to = el('input', { type: 'date', name: 'to', id: 'runs-to', value: filters.to });
  const form = el('form', { class: 'inline', id: 'runs-filter' },
    el('label', {}, 'Table', table), el('label', {}, 'Status', status), el('label', {}, 'Trigger', trigger),
    el('label', {}, 'Started from', from), el('label', {}, 'to', to), el('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = '#/runs' + query({ table: table.value, status: status.value, trigger: trigger.value, from: from.value, to: to.value });
  });
  const body = el('tbody', { id: 'runs-body' });
  const pager = el('div', { class: 'pager', id: 'runs-pager' });
  root.append(el('h2', {}, 'Runs'), form,
    el('table', { id: 'runs' }, el('thead', {}, el('tr', {}, ['Started', 'Table', 'Status', 'Mode', 'Trigger', 'Extracted',
      'Inserted', 'Updated', 'Unchanged', 'Deleted', 'Kept', 'Duration', 'Run'].map((h) => el('th', {}, h)))), body), pager);
  let tablesLoaded = false;
  return {
    async refresh(stillShown) {
      if (!tablesLoaded) {
        const config = await get('/config/tables');
        options(table, [['', 'any table'], ...config.tables.map((t) => [t.name, t.name])], filters.table);
        tablesLoaded = true;
      }
      const page = await get('/runs' + query({ ...filters, limit: PAGE_SIZE, offset }));
      if (!stillShown()) return;
      clear(body);
      for (const run of page.runs) body.append(row(run));
      if (!page.runs.length) body.append(el('tr', {}, el('td', { colspan: 13, class: 'muted' }, 'no runs match')));
      clear(pager);
      const link = (to, text) => el('a', { href: '#/runs' + query({ ...filters, offset: to || '' }) }, text);
      pager.append(
        offset > 0 ? link(Math.max(0, offset - PAGE_SIZE), '← newer') : '',
        el('span', { id: 'runs-range' }, page.total === 0 ? '0 runs'
          : (offset + 1) + '–' + (offset + page.runs.length) + ' of ' + page.total),
        offset + page.runs.length < page.total ? link(offset + PAGE_SIZE, 'older →') : '');
    },
  };
}

function row(run) {
  const n = (v) => el('td', { class: 'num' }, number(v));
  return el('tr', { dataset: { runId: run.runId, status: run.status } },
    el('td', {}, time(run.startedAt)), el('td', {}, run.table), el('td', {}, badge(run.status)), el('td', {}, run.mode),
    el('td', {}, run.trigger), n(run.rows.extracted), n(run.rows.inserted), n(run.rows.updated), n(run.rows.unchanged),
    n(run.rows.deleted), n(run.rows.kept), el('td', { class: 'num' }, duration(run.durationMs)),
    el('td', {}, runLink(run.runId, 'open')));
}
