// Charts per table over its last N finished runs: rows by outcome and duration.

import { get, query } from '../api.js';
import { clear, el, options } from '../dom.js';
import { durationChart, rowsChart } from '../charts.js';

export function mount(root, tableArg, params) {
  const last = Math.min(500, Math.max(2, Number(params.get('last')) || 30));
  const table = el('select', { id: 'charts-table' });
  const count = el('input', { id: 'charts-last', type: 'number', min: 2, max: 500, value: String(last) });
  const form = el('form', { class: 'inline', id: 'charts-form' }, el('label', {}, 'Table', table),
    el('label', {}, 'Last runs', count), el('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = '#/charts/' + encodeURIComponent(table.value) + query({ last: count.value });
  });
  const area = el('div', { id: 'charts-area' });
  root.append(el('h2', {}, 'Charts'), form, area);
  let drawnFor = null;
  return {
    async refresh(stillShown) {
      if (!table.options.length) {
        const config = await get('/config/tables');
        options(table, config.tables.map((t) => [t.name, t.name]), tableArg || config.tables[0].name);
      }
      const page = await get('/runs' + query({ table: table.value, limit: last }));
      const runs = page.runs.filter((r) => r.status !== 'running').reverse();
      const key = runs.map((r) => r.runId + r.status).join();
      // Redraw only when a run finished: charts keep their zoom and hover between polls.
      if (!stillShown() || key === drawnFor) return;
      drawnFor = key;
      clear(area);
      if (runs.length < 1) {
        area.append(el('p', { class: 'muted' }, 'no finished runs of ' + table.value + ' yet'));
        return;
      }
      area.append(el('p', { id: 'charts-caption' }, table.value + ': the last ' + runs.length + ' finished runs, oldest left'),
        rowsChart(runs), durationChart(runs));
    },
  };
}
