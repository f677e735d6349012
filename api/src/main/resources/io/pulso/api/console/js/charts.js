// Charts drawn by uPlot: a run's activity timeline and its pages over time, and rows and durations over a table's last runs.

import { uPlot } from './vendor.js';
import { el } from './dom.js';

const COLOURS = ['#0969da', '#1a7f37', '#9a6700', '#cf222e', '#8250df', '#bc4c00', '#57606a'];
const WIDTH = 900;

function holder(id, title) {
  return el('div', { class: 'chart', id, role: 'img', 'aria-label': title });
}

/** Frames to wait for a chart's node to be put in the page (its caller may still await other requests). */
const FRAMES_TO_WAIT = 300;

/** Draws once the node is in the page (uPlot measures its parent); a node dropped meanwhile is never drawn. */
function draw(node, opts, data) {
  const attempt = (framesLeft) => requestAnimationFrame(() => {
    if (!node.isConnected) {
      if (framesLeft > 0) attempt(framesLeft - 1);
      return;
    }
    const width = Math.min(WIDTH, Math.max(320, node.parentElement.clientWidth - 20));
    // eslint-disable-next-line no-new
    new uPlot({ ...opts, width }, data, node);
  });
  attempt(FRAMES_TO_WAIT);
  return node;
}

/**
 * One horizontal bar per activity from its start to its end (now, while it runs), on a shared time axis; the y axis
 * names the activity and its attempts.
 */
export function timelineChart(history) {
  const steps = history.activities.filter((a) => a.startedAt || a.scheduledAt);
  const node = holder('timeline-chart', 'timeline of the run\'s activities');
  if (!steps.length) return el('p', { class: 'muted' }, 'no activity has started yet');
  const now = Date.now() / 1000;
  const spans = steps.map((a) => {
    const start = Date.parse(a.startedAt || a.scheduledAt) / 1000;
    const end = a.closedAt ? Date.parse(a.closedAt) / 1000 : now;
    return [start, Math.max(end, start)];
  });
  const xs = [...new Set(spans.flat())].sort((a, b) => a - b);
  const labels = steps.map((a, i) => (i + 1) + '. ' + a.type + (a.attempts > 1 ? ' ×' + a.attempts : ''));
  const series = [{}];
  const data = [xs];
  steps.forEach((a, i) => {
    const [start, end] = spans[i];
    data.push(xs.map((x) => (x >= start && x <= end ? i + 1 : null)));
    series.push({
      label: labels[i] + ' (' + (a.outcome || 'running') + ')', stroke: COLOURS[i % COLOURS.length], width: 10,
      points: { show: true, size: 10, fill: COLOURS[i % COLOURS.length] }, spanGaps: false,
    });
  });
  return draw(node, {
    height: 60 + 28 * steps.length,
    scales: { x: { time: true }, y: { range: [0, steps.length + 1] } },
    axes: [{}, { size: 170, splits: () => steps.map((_, i) => i + 1), values: (_u, vals) => vals.map((v) => labels[v - 1] || '') }],
    series,
    legend: { show: true },
  }, data);
}

/**
 * Pages loaded over time (from the page ledger): the rows committed so far by outcome, one point per page at its
 * commit time, so a stall or a slow stretch of the load shows as a flat or shallow run of points.
 */
export function pagesChart(pages) {
  if (!pages.length) return el('p', { class: 'muted', id: 'pages-none' }, 'no page committed yet');
  const outcomes = ['inserted', 'updated', 'unchanged'];
  const totals = { inserted: 0, updated: 0, unchanged: 0 };
  const xs = [];
  const ys = outcomes.map(() => []);
  pages.forEach((p) => {
    xs.push(Date.parse(p.committedAt) / 1000);
    outcomes.forEach((o, i) => {
      totals[o] += p[o];
      ys[i].push(totals[o]);
    });
  });
  return draw(holder('pages-chart', 'rows committed over time, by outcome'), {
    title: 'Rows committed over time (' + pages.length + (pages.length === 1 ? ' page)' : ' pages)'), height: 240,
    // A run of one page (or pages within one second) has no time span: give the axis one on either side.
    scales: { x: { time: true, range: (_u, min, max) => (max - min < 1 ? [min - 1, max + 1] : [min, max]) } },
    series: [{}, ...outcomes.map((o, i) => ({ label: o, stroke: COLOURS[i], width: 2, points: { show: true } }))],
  }, [xs, ...ys]);
}

/** Rows by outcome over runs (oldest first), one line per outcome. */
export function rowsChart(runs) {
  const outcomes = ['inserted', 'updated', 'unchanged', 'deleted', 'kept'];
  return draw(holder('rows-chart', 'rows loaded by outcome over the last runs'), {
    title: 'Rows per run by outcome', height: 280,
    scales: runScales(runs),
    axes: runAxes(),
    series: [runSeries(runs), ...outcomes.map((o, i) => ({ label: o, stroke: COLOURS[i], width: 2, points: { show: true } }))],
  }, [sequence(runs), ...outcomes.map((o) => runs.map((r) => r.rows[o]))]);
}

export function durationChart(runs) {
  return draw(holder('duration-chart', 'run duration over the last runs'), {
    title: 'Run duration (seconds)', height: 220,
    scales: { ...runScales(runs), y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
    axes: runAxes(),
    series: [runSeries(runs), { label: 'duration s', stroke: COLOURS[0], width: 2, points: { show: true } },
      { label: 'failed/held run', stroke: COLOURS[3], width: 0, points: { show: true, size: 9, fill: COLOURS[3] } }],
  }, [sequence(runs), runs.map((r) => (r.durationMs === null ? null : r.durationMs / 1000)),
    runs.map((r) => (['failed', 'held', 'abandoned'].includes(r.status) ? (r.durationMs || 0) / 1000 : null))]);
}

/** Runs are evenly spaced by their order (1 = oldest shown), so a drift reads the same however far apart they ran. */
function sequence(runs) {
  return runs.map((_r, i) => i + 1);
}

function runScales(runs) {
  return { x: { time: false, range: () => [0.5, runs.length + 0.5] } };
}

function runAxes() {
  return [{ label: 'run (oldest first)', values: (_u, vals) => vals.map((v) => (Number.isInteger(v) ? '#' + v : '')) }, {}];
}

/** The legend's x value names the run: its number, start time and status. */
function runSeries(runs) {
  return {
    label: 'run',
    value: (_u, v) => {
      const r = runs[v - 1];
      return r ? '#' + v + ' ' + new Date(r.startedAt).toISOString().slice(0, 19).replace('T', ' ') + ' ' + r.status : '--';
    },
  };
}
