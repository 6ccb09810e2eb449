// The engineer console: hash-routed pages over the Hotfire REST API. Plain ES modules, no framework.
// Each page lives in its own module and is called with the <main> element; a page that keeps timers or
// streams returns a function that stops them, called when the page is left.
import { api } from './api.js';
import { h, clear, field, fmtTime, toast } from './dom.js';
import { PRIORITIES } from './alarmlist.js';
import { session, can } from './roles.js';
import { severityBadge, problemText, refreshHeaderCount } from './widgets.js';
import { runPage } from './run.js';
import { alarmsPage } from './alarms.js';
import { auditPage } from './audit.js';
import { rulesPage } from './rules.js';
import { reportPage } from './report.js';
import { enginesPage, enginePage } from './engine.js';
import { knowledgePage } from './knowledge.js';

const main = document.getElementById('main');
let leave = () => {};
let generation = 0;
window.__hotfire = { drawn: [] };

function params(hash) {
  const q = hash.indexOf('?');
  return new URLSearchParams(q < 0 ? '' : hash.slice(q + 1));
}

function page(path, q) {
  if (path.startsWith('#/run/')) return runPage(main, path.slice(6), q);
  if (path.startsWith('#/report/')) return reportPage(main, path.slice(9));
  if (path === '#/engines') return enginesPage(main);
  if (path.startsWith('#/engine/')) return enginePage(main, decodeURIComponent(path.slice(9)));
  if (path === '#/alarms') return alarmsPage(main);
  if (path === '#/audit') return auditPage(main, q);
  if (path === '#/rules') return rulesPage(main, q);
  if (path === '#/knowledge' || path.startsWith('#/knowledge/')) return knowledgePage(main, path.slice('#/knowledge'.length).split('/').filter(Boolean), q);
  return runsPage(q);
}

async function route() {
  leave();
  leave = () => {};
  const mine = ++generation;
  const hash = location.hash || '#/runs';
  const path = hash.split('?')[0];
  const q = params(hash);
  document.querySelectorAll('[data-nav]').forEach(a => a.setAttribute('aria-current', path.startsWith('#/' + a.dataset.nav) ? 'page' : 'false'));
  clear(main);
  try {
    const stop = await page(path, q);
    if (typeof stop === 'function') {
      // A page still loading when the next one was asked for stops at once.
      if (mine === generation) leave = stop; else stop();
    }
  } catch (e) {
    main.append(h('p', { class: 'error', role: 'alert' }, 'Could not load this page: ' + e.message));
  }
  main.focus({ preventScroll: true });
}

// ---------------------------------------------------------------- runs
async function runsPage(q) {
  const [runs, feeds, engines, outcomes] = await Promise.all([api('/api/v1/runs?limit=1000'), api('/api/v1/feeds'), api('/api/v1/engines'),
    api('/api/v1/runs/outcomes').catch(() => [])]);
  const feedOf = Object.fromEntries(feeds.map(f => [f.runId, f]));
  const outcomeOf = Object.fromEntries(outcomes.map(o => [o.runId, o]));
  const search = h('input', { type: 'search', id: 'run-search', size: '40', placeholder: 'test id, run id, engine, fault…', value: q.get('q') || '' });
  const engineFilter = h('select', { id: 'run-engine' }, h('option', { value: '' }, 'all'), [...new Set(runs.map(r => r.engine))].map(e => h('option', { value: e }, e)));
  const outcomeFilter = h('select', { id: 'run-outcome' }, [['', 'all'], ['abort', 'aborted'], ['findings', 'with findings'], ['nominal', 'no finding, no abort']]
    .map(([v, l]) => h('option', { value: v, selected: q.get('outcome') === v }, l)));
  const severityFilter = h('select', { id: 'run-severity' }, h('option', { value: '' }, 'any'), PRIORITIES.map(p => h('option', { value: p }, 'at least ' + p)));
  const tbody = h('tbody');
  const render = () => {
    const needle = search.value.trim().toLowerCase();
    clear(tbody);
    if (!runs.length) tbody.append(h('tr', {}, h('td', { colspan: '7', class: 'muted' }, 'No runs yet.')));
    for (const r of runs) {
      const o = outcomeOf[r.id];
      const hay = [r.id, r.engine, r.testId, JSON.stringify(r.metadata || {}), ...(o ? o.findings : [])].join(' ').toLowerCase();
      if (needle && !hay.includes(needle)) continue;
      if (engineFilter.value && r.engine !== engineFilter.value) continue;
      if (outcomeFilter.value === 'abort' && !(o && o.aborted)) continue;
      if (outcomeFilter.value === 'findings' && !(o && o.findings.length)) continue;
      if (outcomeFilter.value === 'nominal' && o && (o.aborted || o.findings.length)) continue;
      if (severityFilter.value && !(o && o.maxSeverity && PRIORITIES.indexOf(o.maxSeverity) <= PRIORITIES.indexOf(severityFilter.value))) continue;
      const f = feedOf[r.id];
      tbody.append(h('tr', { 'data-run': r.id },
        h('td', {}, h('a', { href: '#/run/' + r.id }, r.testId || r.id.slice(0, 8))),
        h('td', {}, r.engine),
        h('td', {}, fmtTime(r.createdAt)),
        h('td', { class: 'num' }, r.lastT === null ? '—' : r.lastT.toFixed(1) + ' s'),
        h('td', { class: 'outcome' }, !o ? h('span', { class: 'muted' }, 'no finding') : [
          o.aborted ? h('strong', { class: 'sev sev-severe' }, `ABORT ${o.abortT.toFixed(1)} s`) : null, ' ',
          o.findings.length ? `${o.findings.join(', ')}${o.firstFindingT !== null ? ` (first ${o.firstFindingT.toFixed(1)} s)` : ''}` : 'alarms only']),
        h('td', {}, o && o.maxSeverity ? severityBadge(o.maxSeverity) : '—'),
        h('td', {}, f ? `${f.kind} ${f.state}${f.state === 'running' ? ` (${Math.round(100 * f.sentFrames / f.totalFrames)} %)` : ''}` : (r.metadata && r.metadata.source) || 'stand')));
    }
  };
  for (const el of [search, engineFilter, outcomeFilter, severityFilter]) el.addEventListener(el === search ? 'input' : 'change', render);
  render();
  main.append(h('section', { 'aria-labelledby': 'runs-h' },
    h('h2', { id: 'runs-h' }, 'Runs'),
    h('div', { class: 'filters' }, field('Search runs', search), field('Engine', engineFilter), field('Outcome', outcomeFilter), field('Worst severity', severityFilter)),
    h('table', { class: 'grid', id: 'runs' },
      h('thead', {}, h('tr', {}, ['Test', 'Engine', 'Created', 'Run time', 'Outcome', 'Worst', 'Source'].map(c => h('th', { scope: 'col' }, c)))),
      tbody)));
  if (can.ingest()) main.append(startForms(engines));
}

// The start forms are built from GET /api/v1/engines: any engine can replay a CSV, an engine whose domain has a
// digital twin can be simulated with its twin's faults. Nothing here names a domain.
function startForms(engines) {
  const twins = engines.filter(e => e.simulation);
  const engineSelect = (id, list) => h('select', { id, name: 'engine' }, list.map(e => h('option', { value: e.id }, `${e.id} — ${e.name}`)));
  const simEngine = engineSelect('sim-engine', twins);
  const fault = h('select', { id: 'sim-fault', name: 'fault' });
  const fillFaults = () => {
    const e = twins.find(x => x.id === simEngine.value);
    clear(fault).append(h('option', { value: '' }, 'none (nominal)'), ...(e ? e.simulation.faults : []).map(c => h('option', { value: c }, c)));
  };
  simEngine.addEventListener('change', fillFaults);
  fillFaults();
  const onset = h('input', { id: 'sim-onset', type: 'number', min: '4', step: '0.5', value: '10' });
  const duration = h('input', { id: 'sim-duration', type: 'number', min: '10', max: '600', step: '1', value: '40' });
  const speed = h('input', { id: 'sim-speed', type: 'number', min: '0.1', max: '100', step: '0.1', value: '1' });
  const testId = h('input', { id: 'sim-test', type: 'text', maxlength: '200', placeholder: 'optional' });
  const simulate = h('form', { id: 'simulate-form', class: 'card', onsubmit: async ev => {
    ev.preventDefault();
    const body = { engine: simEngine.value, duration: Number(duration.value), speed: Number(speed.value) };
    if (fault.value) { body.fault = fault.value; body.onset = Number(onset.value); }
    if (testId.value.trim()) body.testId = testId.value.trim();
    try {
      const f = await api('/api/v1/feeds/simulation', { method: 'POST', json: body });
      location.hash = '#/run/' + f.runId;
    } catch (e) { toast('Simulation refused: ' + problemText(e), 'error'); }
  } },
  h('h3', {}, 'Start a simulated live run (digital twin)'),
  field('Engine', simEngine), field('Injected fault', fault), field('Fault onset [s]', onset), field('Duration [s]', duration), field('Speed (1 = real time)', speed),
  field('Test id', testId), h('button', { type: 'submit' }, 'Start simulation'));

  const replayEngine = engineSelect('replay-engine', engines);
  const file = h('input', { id: 'replay-file', type: 'file', accept: '.csv,text/csv' });
  const rspeed = h('input', { id: 'replay-speed', type: 'number', min: '0.1', max: '100', step: '0.1', value: '1' });
  const rtest = h('input', { id: 'replay-test', type: 'text', maxlength: '200', placeholder: 'optional' });
  const replay = h('form', { id: 'replay-form', class: 'card', onsubmit: async ev => {
    ev.preventDefault();
    if (!file.files.length) { toast('Choose a CSV file first', 'error'); return; }
    const qs = new URLSearchParams({ engine: replayEngine.value, speed: rspeed.value });
    if (rtest.value.trim()) qs.set('testId', rtest.value.trim());
    try {
      const f = await api('/api/v1/feeds/replay?' + qs, { method: 'POST', body: file.files[0], headers: { 'Content-Type': 'text/csv' } });
      location.hash = '#/run/' + f.runId;
    } catch (e) { toast('Replay refused: ' + problemText(e), 'error'); }
  } },
  h('h3', {}, 'Replay a CSV as a live run'), field('Engine', replayEngine), field('CSV file (the engine\'s ICD format)', file), field('Speed (1 = real time)', rspeed), field('Test id', rtest),
  h('button', { type: 'submit' }, 'Start replay'));
  return h('section', { class: 'cards', 'aria-label': 'Start a run' }, twins.length ? simulate : null, replay);
}

// ---------------------------------------------------------------- start
(async () => {
  try { session.me = await api('/api/v1/me'); } catch (e) { main.textContent = 'Could not read the signed-in user: ' + e.message; return; }
  // data-role: one role; data-roles: any of several (space-separated).
  document.querySelectorAll('[data-role]').forEach(el => { if (!session.me.roles.includes(el.dataset.role)) el.remove(); });
  document.querySelectorAll('[data-roles]').forEach(el => { if (!el.dataset.roles.split(' ').some(r => session.me.roles.includes(r))) el.remove(); });
  window.addEventListener('hashchange', route);
  route();
  refreshHeaderCount();
  setInterval(refreshHeaderCount, 5000);
})();
