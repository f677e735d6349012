// The console's shell: hash routes (#/tables, #/runs?…, #/run/<id>, #/charts/<table>, #/schedules), the key form,
// the notice that shows every action's answer, and polling of the page on show.

import { apiKey, forgetApiKey, setApiKey } from './api.js';
import { append, clear, el } from './dom.js';
import * as tables from './pages/tables.js';
import * as runs from './pages/runs.js';
import * as run from './pages/run.js';
import * as charts from './pages/charts.js';
import * as schedules from './pages/schedules.js';

const POLL_MS = 3000;
const PAGES = { tables, runs, run, charts, schedules };

let current = null;
let generation = 0;
let busy = false;

/** Shows an action's answer (or error) in words; parts may be text or nodes, never HTML. */
export function notify(kind, ...parts) {
  const notice = document.getElementById('notice');
  notice.className = kind;
  clear(notice);
  append(notice, parts);
}

function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [pathPart, search = ''] = hash.split('?');
  const [name, ...rest] = pathPart.split('/');
  const page = PAGES[name] ? name : 'tables';
  return { page, arg: rest.length ? decodeURIComponent(rest.join('/')) : null, params: new URLSearchParams(search) };
}

async function show() {
  const { page, arg, params } = route();
  generation++;
  const root = clear(document.getElementById('page'));
  for (const link of document.querySelectorAll('#nav a')) {
    link.classList.toggle('current', link.dataset.page === page || (page === 'run' && link.dataset.page === 'runs'));
  }
  document.body.dataset.page = page;
  current = PAGES[page].mount(root, arg, params, { notify, reload: refresh });
  await refresh();
}

/** Re-reads the page's data; a poll never overlaps the previous one, and a page left meanwhile is not redrawn. */
async function refresh() {
  if (!current || busy) return;
  busy = true;
  const mine = generation;
  const updated = document.getElementById('updated');
  try {
    await current.refresh(() => mine === generation);
    if (mine === generation) {
      updated.textContent = 'updated ' + new Date().toLocaleTimeString('en-GB') + ' · refreshes every ' + POLL_MS / 1000 + ' s';
      updated.dataset.state = 'ok';
    }
  } catch (e) {
    if (mine === generation) {
      const hint = e.status === 401 ? ' (enter the API key above: this API needs it for reads)' : '';
      updated.textContent = 'update failed: ' + e.message + hint;
      updated.dataset.state = 'error';
    }
  } finally {
    busy = false;
  }
}

function keyState() {
  document.getElementById('key-state').textContent = apiKey() ? 'key set for this browser tab' : 'no key';
}

function start() {
  document.getElementById('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = document.getElementById('key-input');
    if (input.value.trim()) setApiKey(input.value.trim());
    input.value = '';
    keyState();
    refresh();
  });
  document.getElementById('key-forget').addEventListener('click', () => {
    forgetApiKey();
    keyState();
  });
  keyState();
  window.addEventListener('hashchange', show);
  setInterval(() => {
    if (!document.hidden) refresh();
  }, POLL_MS);
  show();
}

start();
