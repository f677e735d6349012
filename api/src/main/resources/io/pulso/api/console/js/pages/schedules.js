// Schedules: one per table; pause, resume, trigger, and an edit form (interval or cron, time zone, paused).

import { get } from '../api.js';
import { badge, clear, el, runLink } from '../dom.js';
import { ago, interval, time } from '../format.js';
import { act } from './actions.js';

export function mount(root, _arg, _params, ctx) {
  const body = el('tbody', { id: 'schedules-body' });
  const backend = el('p', { class: 'muted', id: 'schedules-backend' });
  const table = el('select', { id: 'schedule-edit-table' });
  const every = el('input', { id: 'schedule-edit-interval', placeholder: 'PT2H or seconds' });
  const cron = el('input', { id: 'schedule-edit-cron', placeholder: '0 */2 * * *' });
  const zone = el('input', { id: 'schedule-edit-zone', placeholder: 'America/Lima' });
  const paused = el('input', { id: 'schedule-edit-paused', type: 'checkbox' });
  const form = el('form', { class: 'inline', id: 'schedule-edit' }, el('label', {}, 'Table', table),
    el('label', {}, 'Interval', every), el('label', {}, 'or cron', cron), el('label', {}, 'Time zone', zone),
    el('label', {}, 'Paused', paused), el('button', { type: 'submit' }, 'Save schedule'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const bodyJson = { paused: paused.checked };
    const text = every.value.trim();
    if (text) bodyJson.interval = /^\d+$/.test(text) ? Number(text) : text;
    if (cron.value.trim()) bodyJson.cron = cron.value.trim();
    if (zone.value.trim()) bodyJson.timeZone = zone.value.trim();
    act(ctx, 'Save schedule of ' + table.value, 'PUT', '/schedules/' + encodeURIComponent(table.value), bodyJson);
  });
  root.append(el('h2', {}, 'Schedules'), backend,
    el('table', { id: 'schedules' }, el('thead', {}, el('tr', {}, ['Table', 'State', 'Every', 'Time zone', 'Next firing',
      'Last firing', 'Fired (started / skipped / failed)', 'Actions'].map((h) => el('th', {}, h)))), body),
    el('h3', {}, 'Create or edit a schedule'), form);
  // Fills the form from a schedule's row; the form is not redrawn by the polls, so what is typed stays.
  const edit = (s) => {
    table.value = s.table;
    every.value = s.cron ? '' : (s.interval || '');
    cron.value = s.cron || '';
    zone.value = s.timeZone || '';
    paused.checked = s.paused;
    every.focus();
  };
  let tablesLoaded = false;
  return {
    async refresh(stillShown) {
      if (!tablesLoaded) {
        const config = await get('/config/tables');
        for (const t of config.tables) table.append(el('option', { value: t.name }, t.name));
        tablesLoaded = true;
      }
      const list = await get('/schedules');
      if (!stillShown()) return;
      backend.textContent = 'Backend: ' + list.backend + (list.backend === 'cron-workflow'
        ? ' (the embedded Temporal has no Schedules API: a timer workflow per table, intervals only)' : '');
      clear(body);
      for (const s of list.schedules) body.append(row(ctx, s, edit));
      if (!list.schedules.length) body.append(el('tr', {}, el('td', { colspan: 8, class: 'muted' }, 'no schedules')));
    },
  };
}

function row(ctx, s, edit) {
  const path = '/schedules/' + encodeURIComponent(s.table);
  const f = s.firings || {};
  const button = (label, cls, action) => el('button', { type: 'button', class: cls,
    onclick: () => act(ctx, label + ' ' + s.table, 'POST', path + '/' + action) }, label);
  return el('tr', { dataset: { table: s.table, paused: String(s.paused) } },
    el('td', {}, s.table),
    el('td', { class: 'schedule-state' }, s.paused ? badge('paused') : badge('active')),
    el('td', {}, s.cron ? 'cron ' + s.cron : interval(s.interval)),
    el('td', {}, s.timeZone || '—'),
    el('td', {}, s.paused ? '— (paused)' : s.nextFireAt ? [ago(s.nextFireAt), ' · ', time(s.nextFireAt)] : '—'),
    el('td', {}, f.lastFiredAt ? [ago(f.lastFiredAt), ' ', f.lastOutcome || '', f.lastRunId ? [' ', runLink(f.lastRunId, 'run')] : '']
      : 'never'),
    el('td', {}, (f.started || 0) + ' / ' + (f.skipped || 0) + ' / ' + (f.failed || 0)),
    el('td', {}, s.paused ? button('Resume', 'schedule-resume', 'resume') : button('Pause', 'schedule-pause', 'pause'), ' ',
      button('Trigger', 'schedule-trigger', 'trigger'), ' ',
      el('button', { type: 'button', class: 'schedule-edit', onclick: () => edit(s) }, 'Edit')));
}
