// The engineer console: hash-routed pages over the Hotfire REST API. Plain ES modules, no framework.
import { api, stream, ApiError } from './api.js';
import { h, clear, field, fmtTime, fmtNum, toast } from './dom.js';
import { LiveData, Charts, fmtValue } from './live.js';
import { AlarmList, PRIORITIES } from './alarmlist.js';
import { reportPage } from './report.js';
import { enginesPage, enginePage } from './engine.js';

const main = document.getElementById('main');
const SEVERITY_RANK = { SEVERE: 0, CRITICAL: 1, DISTRESS: 2, WARNING: 3, WATCH: 4 };
let me = { roles: [] };
let leave = () => {};
window.__hotfire = { drawn: [] };

const can = {
  ingest: () => me.roles.some(r => r === 'ingest' || r === 'engineer'),
  operate: () => me.roles.some(r => r === 'engineer' || r === 'lead'),
  unshelve: () => me.roles.some(r => r === 'lead' || r === 'admin'),
  audit: () => me.roles.includes('auditor'),
  whyNot: () => me.roles.some(r => ['engineer', 'lead', 'auditor', 'admin'].includes(r)),
  note: () => me.roles.some(r => r === 'engineer' || r === 'lead'),
};

function params(hash) {
  const q = hash.indexOf('?');
  return new URLSearchParams(q < 0 ? '' : hash.slice(q + 1));
}

async function route() {
  leave();
  leave = () => {};
  const hash = location.hash || '#/runs';
  const path = hash.split('?')[0];
  const q = params(hash);
  document.querySelectorAll('[data-nav]').forEach(a => a.setAttribute('aria-current', path.startsWith('#/' + a.dataset.nav) ? 'page' : 'false'));
  clear(main);
  try {
    if (path.startsWith('#/run/')) await runPage(path.slice(6), q);
    else if (path.startsWith('#/report/')) await reportPage(main, path.slice(9));
    else if (path === '#/engines') await enginesPage(main);
    else if (path.startsWith('#/engine/')) await enginePage(main, decodeURIComponent(path.slice(9)));
    else if (path === '#/alarms') await alarmsPage();
    else if (path === '#/audit') await auditPage(q);
    else if (path === '#/rules') await rulesPage(q);
    else await runsPage(q);
  } catch (e) {
    main.append(h('p', { class: 'error', role: 'alert' }, 'Could not load this page: ' + e.message));
  }
  main.focus({ preventScroll: true });
}

function severityBadge(sev) {
  return h('span', { class: 'sev sev-' + String(sev).toLowerCase() }, sev);
}

function problemText(e) {
  return e instanceof ApiError ? e.message + (e.problem && e.problem.field ? ` (field: ${e.problem.field})` : '') : String(e.message || e);
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

// ---------------------------------------------------------------- live run
const RUN_STATE_TEXT = { live: 'LIVE', ended: 'ENDED', aborted: 'ABORTED', connecting: 'connecting…' };

async function runPage(runId, q) {
  const run = await api('/api/v1/runs/' + runId);
  const profile = await api(`/api/v1/runs/${runId}/profile`);
  const data = new LiveData(profile, run.channels);
  const runName = run.testId || run.id.slice(0, 8);
  const chosen = (q.get('sensors') || '').split(',').filter(s => data.sensors[s]);
  let selected = chosen.length ? chosen : (profile.charts || []).filter(s => data.sensors[s]);
  // Until the engineer picks sensors, a sensor that a finding names joins the charts, on top: the faulty channel is the one to watch.
  let userChose = chosen.length > 0;

  // The status strip stays in view on every run page: recommendation, route, unacknowledged alarms, run state.
  const status = h('span', { id: 'live-status', class: 'pill' }, 'connecting…');
  const runState = h('span', { id: 'run-state', class: 'runstate', 'data-state': 'connecting' }, 'connecting…');
  const recommendation = h('p', { id: 'recommendation', class: 'recommendation' }, 'Recommendation: CONTINUE (none issued)');
  const routeBadge = h('p', { id: 'route-badge', class: 'route route-none', role: 'status' });
  const counts = h('p', { id: 'strip-counts', class: 'counts' });
  const strip = h('section', { id: 'status-strip', class: 'strip', 'aria-label': 'Run status' },
    h('div', { class: 'strip-head' }, h('strong', { id: 'run-title' }, runName), ' ', runState, ' ', status), counts,
    recommendation, routeBadge);

  const chartsBox = h('div', { id: 'charts', class: 'charts' });
  const alarmsBox = h('div', { id: 'run-alarms' });
  const findingsBox = h('div', { id: 'findings' });
  const noFindings = h('p', { class: 'muted' }, 'No findings.');
  findingsBox.append(noFindings);
  const adviceBox = h('section', { id: 'advice', class: 'advice', 'aria-labelledby': 'adv-h', hidden: true });
  const picker = h('fieldset', { class: 'picker' }, h('legend', {}, 'Sensors shown'),
    run.channels.map(c => {
      const box = h('input', { type: 'checkbox', value: c, id: 'pick-' + c, checked: selected.includes(c) });
      box.addEventListener('change', () => {
        selected = run.channels.filter(x => document.getElementById('pick-' + x).checked);
        userChose = true;
        charts.show(selected);
      });
      return h('label', { for: 'pick-' + c, class: 'pick' }, box, c);
    }));
  const refSelect = h('select', { id: 'reference-run', 'aria-label': 'Reference run to overlay' }, h('option', { value: '' }, 'none'));
  const jumpT = h('input', { id: 'jump-t', type: 'number', step: '0.1', min: '0', size: '6', 'aria-label': 'Jump to run time [s]' });
  const toolbar = h('div', { class: 'chart-tools', role: 'toolbar', 'aria-label': 'Chart navigation' },
    h('button', { type: 'button', 'aria-label': 'Pan earlier', onclick: () => charts.pan(-0.25) }, '◀'),
    h('button', { type: 'button', 'aria-label': 'Pan later', onclick: () => charts.pan(0.25) }, '▶'),
    h('button', { type: 'button', id: 'zoom-reset', onclick: () => charts.setRange(null) }, 'Whole run / follow live'),
    h('form', { class: 'inline', onsubmit: ev => { ev.preventDefault(); if (jumpT.value !== '') showMoment(Number(jumpT.value)); } },
      jumpT, h('button', { type: 'submit' }, 'Go to time')),
    h('label', { class: 'inline' }, 'Reference run ', refSelect),
    h('span', { class: 'muted hint' }, 'Drag on a chart to zoom, double-click to go back; click a marker for its evidence.'));
  const announcer = h('p', { id: 'announcer', class: 'sr-only', 'aria-live': 'assertive' });

  main.append(strip, announcer,
    h('p', { class: 'meta' }, `engine ${run.engine} · id ${run.id} · created ${fmtTime(run.createdAt)} · `, h('span', { id: 'frame-count' }, '')),
    h('div', { class: 'live' },
      h('aside', { class: 'side' },
        h('section', { 'aria-labelledby': 'al-h', class: 'alarms-section' }, h('h3', { id: 'al-h' }, 'Alarms ', h('span', { class: 'muted small' }, 'newest first')), alarmsBox),
        h('section', { 'aria-labelledby': 'dx-h' }, h('h3', { id: 'dx-h' }, 'Findings'), findingsBox, adviceBox, whyNotForm(runId, profile))),
      h('section', { class: 'plots', 'aria-label': 'Charts' }, toolbar, h('details', {}, h('summary', {}, 'Choose sensors'), picker), chartsBox,
        h('p', { class: 'legend' }, h('span', { class: 'k-value' }, '— reading'), h('span', { class: 'k-warn' }, '━ beyond warning'),
          h('span', { class: 'k-red' }, '━ beyond redline'), h('span', { class: 'k-exp' }, '- - expected'),
          h('span', { class: 'k-band' }, '▮ band'), h('span', { class: 'k-warn' }, '- - warning'), h('span', { class: 'k-red' }, '— redline'),
          h('span', { class: 'k-find' }, '| finding'), h('span', { class: 'k-warn' }, '┆ alarm'), h('span', { class: 'k-route' }, '¦ route change'),
          h('span', { class: 'k-ref' }, '⋯ reference run')))),
    h('div', { class: 'lower' }, intakePanel(runId), explanationPanel(runId)));

  const charts = new Charts(chartsBox, data);
  charts.live = true;
  charts.show(selected);
  window.__hotfire.drawn = charts.drawn;
  window.__hotfire.charts = charts;
  const events = new Map();
  const cards = new Map();
  const frameCount = document.getElementById('frame-count');
  let lastFrameAt = 0;
  let feed = null;

  // Shows run time t on the charts (±5 s) and scrolls them into view.
  const showMoment = t => {
    charts.setRange(Math.max(0, t - 5), t + 5);
    chartsBox.scrollIntoView({ block: 'nearest' });
  };
  // A marker or a link opens the evidence: the finding's card, or the alarm's details.
  const openEvidence = m => {
    const card = cards.get(m.eventId);
    if (card) { focusCard(card); return; }
    const li = m.sensor && [...alarmsBox.querySelectorAll('li.alarm')].find(x => x.querySelector('.name').textContent.endsWith(' ' + m.sensor));
    if (li) { li.querySelector('details').open = true; li.scrollIntoView({ block: 'center' }); li.querySelector('summary').focus({ preventScroll: true }); }
  };
  const focusCard = card => {
    findingsBox.querySelectorAll('.focused').forEach(x => x.classList.remove('focused'));
    card.classList.add('focused');
    card.querySelector('details').open = true;
    card.scrollIntoView({ block: 'center' });
    card.querySelector('summary').focus({ preventScroll: true });
  };
  charts.onMarker = openEvidence;

  const alarmList = new AlarmList({ id: 'alarm-list', can, runName: () => runName, refresh: () => refreshAlarms(true),
    onJump: a => showMoment(a.raisedT) });
  alarmsBox.append(alarmList.el);

  const updateState = () => {
    const aborted = [...events.values()].some(e => e.type === 'ABORT');
    const live = (feed && feed.state === 'running') || Date.now() - lastFrameAt < 5000;
    const st = aborted ? 'aborted' : live ? 'live' : 'ended';
    runState.dataset.state = st;
    runState.dataset.live = String(live);
    runState.className = 'runstate runstate-' + st;
    runState.textContent = RUN_STATE_TEXT[st] + (aborted && live ? ' · data still arriving' : '') + (!live && data.t.length ? ` · last data ${data.tEnd.toFixed(1)} s` : '');
    if (charts.live !== live) { charts.live = live; charts.schedule(); }
  };

  const renderEvents = fresh => {
    const list = [...events.values()].sort((a, b) => a.t - b.t || a.id - b.id);
    data.markers = list.filter(e => ['FINDING', 'ABORT', 'ROUTE', 'ALARM', 'SENSOR'].includes(e.type)).map(e => ({
      t: e.t, eventId: e.id, sensor: e.sensor, kind: e.type === 'ROUTE' ? 'route' : e.type === 'ALARM' ? 'alarm' : 'finding',
      label: e.type === 'ROUTE' ? 'route: ' + e.code : e.type === 'ALARM' ? `${e.code} ${e.severity}` : e.code,
      color: e.type === 'ROUTE' ? '#35d0e0' : (SEVERITY_RANK[e.severity] <= 1 ? '#ff4d4d' : '#ffb000'),
    }));
    const routeEv = list.filter(e => e.type === 'ROUTE').pop();
    routeBadge.className = 'route ' + (routeEv ? (routeEv.code === 'OUT_OF_DISTRIBUTION' ? 'route-ood' : 'route-in') : 'route-none');
    routeBadge.textContent = 'Route: ' + (routeEv ? `${routeEv.message} (at ${routeEv.t.toFixed(1)} s)` : 'rules authoritative — no learned model routes this run (no route change reported).');
    const rec = list.filter(e => e.type === 'RECOMMENDATION' || e.type === 'ABORT').pop();
    clear(recommendation).append('Recommendation: ', rec ? h('strong', { class: 'sev-' + rec.severity.toLowerCase() + ' rec-code' }, rec.type === 'ABORT' ? 'ABORT' : rec.code) : h('strong', {}, 'CONTINUE'),
      ...(rec ? [` at ${rec.t.toFixed(1)} s · rule `, ruleLinks(rec.rules), ' — ', h('span', { class: 'rec-msg', title: rec.message }, rec.message)] : [' (none issued)']));
    // Findings: new cards on top; a card once shown is never rebuilt (its open details, focus and buttons stay).
    const findings = list.filter(e => e.type === 'FINDING' || e.type === 'ABORT' || e.type === 'SENSOR');
    for (const e of findings) {
      if (cards.has(e.id)) continue;
      const card = findingCard(e, runId, data, showMoment);
      cards.set(e.id, card);
      const after = [...findingsBox.querySelectorAll('article.finding')].find(x => Number(x.dataset.t) < e.t || (Number(x.dataset.t) === e.t && Number(x.dataset.event) < e.id));
      findingsBox.insertBefore(card, after || null);
    }
    noFindings.hidden = findings.length > 0;
    // The learned model's advice is shown apart from the rule findings: it never sets severity or recommendation.
    const advice = list.filter(e => e.type === 'ADVICE');
    adviceBox.hidden = !advice.length;
    if (advice.length && (fresh || adviceBox.dataset.n !== String(advice.length)) && !adviceBox.contains(document.activeElement)) {
      adviceBox.dataset.n = String(advice.length);
      clear(adviceBox).append(h('h4', { id: 'adv-h' }, 'Learned advice (advisory only)'),
        h('p', { class: 'muted' }, routeEv && routeEv.code === 'OUT_OF_DISTRIBUTION'
          ? 'Now out of distribution: the learned model is silent and the rules above decide.'
          : 'In distribution: the learned pattern model suggests; the rules above decide severity and recommendation.'));
      for (const e of advice.slice(-5).reverse()) adviceBox.append(findingCard(e, runId, data, showMoment));
    }
    if (!userChose) {
      const named = [...new Set(findings.map(e => e.sensor).filter(x => x && data.sensors[x] && !selected.includes(x)))];
      if (named.length) {
        selected = [...named, ...selected];
        for (const x of named) { const box = document.getElementById('pick-' + x); if (box) box.checked = true; }
        charts.show(selected, named[0]);
      }
    }
    const focusId = q.get('event');
    if (focusId && cards.has(Number(focusId)) && !cards.get(Number(focusId)).classList.contains('focused')) {
      const card = cards.get(Number(focusId));
      focusCard(card);
      showMoment(Number(card.dataset.t));
    }
    updateState();
    charts.schedule();
  };
  const addEvents = list => { for (const e of list) events.set(e.id, e); if (list.length) { renderEvents(); refreshAlarms(); } };

  // Refreshes are debounced; every caller's promise resolves when the refresh that covers it is done
  // (a later call replaces the timer but never strands an earlier caller).
  let alarmTimer = null;
  let waiting = [];
  const refreshAlarms = now => new Promise(resolve => {
    waiting.push(resolve);
    clearTimeout(alarmTimer);
    alarmTimer = setTimeout(async () => {
      const done = waiting;
      waiting = [];
      try {
        const [list, c] = await Promise.all([api(`/api/v1/runs/${runId}/alarms`), api(`/api/v1/alarms/counts?run=${runId}`)]);
        alarmList.update(list);
        renderCounts(counts, c, true);
        refreshHeaderCount();
      } catch (e) { /* next refresh */ }
      done.forEach(r => r());
    }, now === true ? 0 : 150);
  });

  // Subscribe first, then read the history: what arrives meanwhile is merged by seq and event id.
  const abort = new AbortController();
  const buffered = [];
  let live = false;
  let hello;
  const helloSeen = new Promise(res => { hello = res; });
  const onMessage = (name, msg) => {
    if (name === 'hello') { status.textContent = 'stream connected'; status.className = 'pill on'; hello(); return; }
    if (name !== 'batch') return;
    if (!live) { buffered.push(msg); return; }
    apply(msg);
  };
  const apply = msg => {
    if (msg.frames.length) lastFrameAt = Date.now();
    if (data.addRows(msg.frames)) charts.schedule();
    frameCount.textContent = `${data.lastSeq + 1} frames`;
    addEvents(msg.events);
  };
  stream(`/api/v1/runs/${runId}/stream`, onMessage, abort.signal)
    .then(() => { status.textContent = 'stream ended'; status.className = 'pill'; })
    .catch(e => { if (!abort.signal.aborted) { status.textContent = 'disconnected: ' + e.message; status.className = 'pill bad'; } });
  await Promise.race([helloSeen, new Promise(res => setTimeout(res, 3000))]);
  // The whole run (paged): an ended run can be navigated from its start.
  for (let from = 0; ;) {
    const frames = await api(`/api/v1/runs/${runId}/frames?from=${from}&limit=10000`);
    data.addFrames(frames);
    if (frames.length < 10000) break;
    from = frames[frames.length - 1].seq + 1;
  }
  const history = await api(`/api/v1/runs/${runId}/events?limit=10000`);
  frameCount.textContent = `${data.lastSeq + 1} frames`;
  addEvents(history);
  live = true;
  buffered.splice(0).forEach(apply);
  renderEvents(true);
  await refreshAlarms(true);
  const loadFeed = async () => {
    try { feed = (await api('/api/v1/feeds')).find(f => f.runId === runId) || null; } catch (e) { feed = null; }
    updateState();
  };
  await loadFeed();
  // Reference runs: other runs of the same engine, overlaid on the charts by run time.
  api('/api/v1/runs?limit=1000').then(runs => {
    for (const r of runs.filter(x => x.engine === run.engine && x.id !== run.id && x.frameCount > 0).slice(0, 200)) {
      refSelect.append(h('option', { value: r.id }, `${r.testId || r.id.slice(0, 8)} (${fmtTime(r.createdAt)})`));
    }
  }).catch(() => {});
  refSelect.addEventListener('change', async () => {
    if (!refSelect.value) { data.reference = null; charts.schedule(); return; }
    try {
      const ref = { t: [], values: Object.fromEntries(run.channels.map(c => [c, []])) };
      for (let from = 0; ;) {
        const frames = await api(`/api/v1/runs/${refSelect.value}/frames?from=${from}&limit=10000`);
        for (const f of frames) { ref.t.push(f.t); for (const c of run.channels) ref.values[c].push(f.values[c] ?? null); }
        if (frames.length < 10000) break;
        from = frames[frames.length - 1].seq + 1;
      }
      data.reference = ref;
      charts.schedule();
      toast(`Reference run ${refSelect.selectedOptions[0].textContent} overlaid`);
    } catch (e) { toast('Reference run: ' + problemText(e), 'error'); }
  });
  const onResize = () => charts.resize();
  window.addEventListener('resize', onResize);
  const poll = setInterval(() => { refreshAlarms(); loadFeed(); }, 5000);
  leave = () => { abort.abort(); clearInterval(poll); window.removeEventListener('resize', onResize); charts.destroy(); };
}

/** Unacknowledged alarm counts by priority, written and coloured. */
function renderCounts(el, c, strip) {
  const parts = PRIORITIES.filter(p => c.unacknowledged[p] > 0).map(p => h('span', { class: 'count sev sev-' + p.toLowerCase(), 'data-priority': p }, `${c.unacknowledged[p]} ${p}`));
  clear(el).append(strip ? 'Unacknowledged alarms: ' : '', ...(parts.length ? parts : [h('span', { class: 'count none' }, 'none')]),
    c.shelved ? h('span', { class: 'muted' }, ` · ${c.shelved} shelved`) : '');
}

async function refreshHeaderCount() {
  const nav = document.querySelector('[data-nav=alarms]');
  if (!nav) return;
  let badge = document.getElementById('unacked-count');
  if (!badge) { badge = h('span', { id: 'unacked-count', class: 'navcount' }); nav.append(' ', badge); }
  try {
    const c = await api('/api/v1/alarms/counts');
    const n = Object.values(c.unacknowledged).reduce((x, y) => x + y, 0);
    const worst = PRIORITIES.find(p => c.unacknowledged[p] > 0);
    badge.textContent = String(n);
    badge.className = 'navcount' + (worst ? ' sev-' + worst.toLowerCase() : '');
    badge.setAttribute('aria-label', `${n} unacknowledged alarm${n === 1 ? '' : 's'}${worst ? ', worst ' + worst : ''}`);
    badge.title = PRIORITIES.filter(p => c.unacknowledged[p] > 0).map(p => `${c.unacknowledged[p]} ${p}`).join(', ') || 'no unacknowledged alarms';
  } catch (e) { /* next time */ }
}

function ruleLinks(rules) {
  return h('span', { class: 'rules' }, (rules || []).map(id => h('a', { href: '#/rules?q=' + encodeURIComponent(id), class: 'rule' }, id)));
}

// Evidence in engineering words: each item as value, expected and band (or limit) with the sensor's unit and precision.
const FEATURE_WORDS = { mean: 'mean', slope: 'rate of change', difference: 'difference between the pair', disqualified: 'disqualified', 'ood-gate': 'distribution gate' };

function evidenceItem(x, data) {
  const s = data && x.sensor && data.sensors[String(x.sensor).split('/')[0]];
  const v = (n, suffix = '') => typeof n === 'number' ? fmtValue(n, s, suffix) : String(n);
  const f = String(x.feature || '');
  if (f === 'slope') {
    return `${x.sensor}: rate of change ${v(x.value, '/s')} (${x.direction === 'HIGH' ? 'rising' : x.direction === 'LOW' ? 'falling' : 'steady'}`
      + `${x.windows ? `, ${x.windows} windows` : ''}); level expected ${v(x.expected)}`;
  }
  if (f === 'mean') {
    const dev = typeof x.value === 'number' && typeof x.expected === 'number' ? x.value - x.expected : null;
    return `${x.sensor}: mean ${v(x.value)}, expected ${v(x.expected)} ± ${v(x.band)}`
      + (dev === null ? '' : ` — ${dev >= 0 ? 'above' : 'below'} by ${v(Math.abs(dev))}`) + (x.windows ? ` for ${x.windows} windows` : '');
  }
  if (/^(WARNING|REDLINE)_(HIGH|LOW)$/.test(f)) {
    const [level, side] = f.split('_');
    return `${x.sensor}: peak ${v(x.value)} ${side === 'HIGH' ? 'above' : 'below'} the ${level.toLowerCase()} ${v(x.limit)}`
      + (x.samples ? ` for ${x.samples} consecutive samples` : '');
  }
  if (f === 'difference') return `${x.sensor}: difference ${v(x.value)}, allowed ${v(x.limit)}`;
  if (f === 'disqualified') return `${x.sensor}: disqualified (${x.value})`;
  if (f === '|POS-CMD|') return `${x.sensor}: position off its command by ${v(x.value)}${x.seconds ? ` for ${x.seconds} s` : ''}`;
  if (f === 'ood-gate') return `distribution gate: p = ${typeof x.value === 'number' ? x.value.toPrecision(2) : x.value}${x.topFeatures ? ' · ' + [].concat(x.topFeatures).join(', ') : ''}`;
  if (x.observation) return `observation ${x.code}${x.present === false ? ' (absent)' : ''}: “${x.quote || ''}”`;
  return Object.entries(x).filter(([, val]) => val !== null && val !== undefined)
    .map(([k, val]) => `${k} ${typeof val === 'number' ? fmtNum(val, 4) : typeof val === 'object' ? JSON.stringify(val) : val}`).join(' · ');
}

function evidenceList(ev, data, sensor) {
  if (!ev || typeof ev !== 'object') return null;
  const items = Array.isArray(ev.evidence) ? ev.evidence : null;
  const s = data && sensor && data.sensors[sensor];
  const rows = [];
  if (items) rows.push(...items.map(x => h('li', {}, evidenceItem(x, data))));
  if (Array.isArray(ev.observations)) rows.push(...ev.observations.map(x => h('li', {}, evidenceItem(x, data))));
  if (!items && ev.value !== undefined) {
    rows.push(h('li', {}, `${ev.sensor || sensor || ''}: value ${fmtValue(ev.value, s)}${ev.limit !== undefined ? `, limit ${fmtValue(ev.limit, s)}` : ''}`
      + (ev.t !== undefined ? ` at ${Number(ev.t).toFixed(2)} s` : '')));
  }
  if (!items && ev.detail) rows.push(h('li', {}, `${ev.sensor || ''}: ${ev.detail}${ev.since !== undefined ? ` since ${Number(ev.since).toFixed(2)} s` : ''}`));
  if (!rows.length) return h('p', { class: 'muted' }, 'No evidence recorded.');
  return h('ul', { class: 'evidence' }, rows);
}

function findingCard(e, runId, data, showMoment) {
  const members = e.evidence && Array.isArray(e.evidence.members) ? e.evidence.members : [];
  return h('article', { class: 'finding sev-border-' + e.severity.toLowerCase(), 'data-event': e.id, 'data-code': e.code, 'data-t': e.t },
    h('header', {}, severityBadge(e.severity), ' ', h('strong', {}, e.type === 'FINDING' ? e.code : `${e.type} ${e.code}`), ' at ',
      h('button', { type: 'button', class: 'link', 'aria-label': `Show ${e.code} at ${e.t.toFixed(2)} s on the charts`, onclick: () => showMoment && showMoment(e.t) }, `${e.t.toFixed(2)} s`),
      e.sensor ? ` · ${e.sensor}` : ''),
    h('p', {}, e.message),
    members.length > 1 ? h('p', { class: 'ambiguity' }, 'Ambiguity group — the evidence fits each of: ', members.join(', ')) : null,
    h('details', {}, h('summary', {}, 'Evidence'), evidenceList(e.evidence, data, e.sensor)),
    h('p', { class: 'links' }, (e.rules || []).length ? ['Rules: ', ruleLinks(e.rules), ' · '] : null,
      can.audit() ? h('a', { href: '#/audit?target=' + encodeURIComponent('event/' + e.id) }, 'audit records') : null,
      ' ', h('button', { type: 'button', class: 'link', onclick: () => explain(runId, e.id) }, 'Explain')));
}

// "Why not?" from a fault picker: each rule that could conclude the fault, in its sentence, with the
// evidence it looked at when its first unmet condition failed — no rule source shown.
function whyNotForm(runId, profile) {
  if (!can.whyNot()) return null;
  const code = h('select', { id: 'whynot-code', required: true }, h('option', { value: '' }, 'choose a fault…'));
  api('/api/v1/rules').then(set => {
    const codes = [...new Set(set.rules.filter(r => r.stage !== 'recommendation').flatMap(r => r.faultCodes || []))].sort();
    code.append(...codes.map(c => h('option', { value: c }, c)));
  }).catch(() => {});
  const t = h('input', { id: 'whynot-t', type: 'number', step: '0.1', min: '0', required: true });
  const out = h('div', { id: 'whynot-out', 'aria-live': 'polite' });
  const sensorOf = id => profile.sensors.find(s => s.id === id);
  const words = cond => {
    const channels = [...String(cond).matchAll(/"([A-Za-z][A-Za-z0-9_]*)"/g)].map(m => m[1]);
    const dir = /Direction\.HIGH|"HIGH"/.test(cond) ? ' high' : /Direction\.LOW|"LOW"/.test(cond) ? ' low' : '';
    return channels.length ? `${channels.join(', ')}${dir}` : 'a condition on other evidence';
  };
  return h('form', { class: 'whynot', onsubmit: async ev => {
    ev.preventDefault();
    clear(out).append(h('p', { class: 'muted' }, 'Asking…'));
    try {
      const a = await api(`/api/v1/runs/${runId}/why-not?code=${encodeURIComponent(code.value)}&t=${t.value}`);
      clear(out).append(h('p', {}, `Why not ${a.code} at ${a.t} s (window ending ${Number(a.windowT).toFixed(2)} s):`),
        h('ul', {}, (a.rules || []).map(r => h('li', { class: r.fired ? 'fired' : 'not-fired' },
          h('a', { href: '#/rules?q=' + encodeURIComponent(r.rule) }, r.rule), ` “${r.name}” — `,
          r.fired ? h('strong', {}, 'fired') : [`did not fire: ${(r.held || []).length} condition${(r.held || []).length === 1 ? '' : 's'} held, then not met: ${words(r.failed)}`,
            h('ul', { class: 'evidence' }, Object.entries(r.values || {}).map(([ch, v]) => h('li', {},
              evidenceItem({ sensor: ch, feature: v.direction !== 'NONE' && v.slope && Math.abs(v.slope) > 0 && /slope|fast/i.test(r.failed || '') ? 'slope' : 'mean',
                value: /slope|fast/i.test(r.failed || '') ? v.slope : v.value, expected: v.expected, band: v.band, direction: v.direction, windows: v.windows },
              { sensors: { [ch]: sensorOf(ch) } }))))]))));
    } catch (e) { clear(out).append(h('p', { class: 'error' }, problemText(e))); }
  } }, h('h4', {}, 'Why not…?'), field('Fault', code), field('Run time [s]', t), h('button', { type: 'submit' }, 'Ask'), out);
}

// ---------------------------------------------------------------- alarms
async function alarmsPage() {
  const state = h('select', { id: 'alarm-state' }, ['open', 'unacknowledged', 'acknowledged', 'shelved', 'cleared', 'all'].map(s => h('option', { value: s }, s)));
  const feed = h('ol', { id: 'notifications', reversed: true });
  const countsEl = h('p', { id: 'summary-counts', class: 'counts' });
  let runNames = {};
  let list = null;
  const makeList = () => new AlarmList({ id: 'summary-alarms', can, showRun: true, runName: id => runNames[id] || String(id).slice(0, 8), refresh: () => load() });
  const box = h('div', { id: 'all-alarms' });
  const load = async () => {
    const [alarms, runs, c] = await Promise.all([api('/api/v1/alarms?limit=500&state=' + state.value), api('/api/v1/runs?limit=1000'), api('/api/v1/alarms/counts')]);
    runNames = Object.fromEntries(runs.map(r => [r.id, r.testId || r.id.slice(0, 8)]));
    if (!list) { list = makeList(); box.append(list.el); }
    list.update(alarms);
    renderCounts(countsEl, c, true);
    refreshHeaderCount();
    const notes = await api('/api/v1/alarms/notifications?limit=1000');
    clear(feed);
    for (const n of notes.slice(-20).reverse()) {
      feed.append(h('li', {}, severityBadge(n.severity), ` ${n.code || n.key}${n.sensor ? ' ' + n.sensor : ''} — ${n.reason.toLowerCase()} at ${n.t.toFixed(1)} s in run `,
        h('a', { href: '#/run/' + n.runId }, n.testId || String(n.runId).slice(0, 8)), ` · ${fmtTime(n.createdAt)}`));
    }
  };
  state.addEventListener('change', () => { clear(box); list = null; load(); });
  main.append(h('div', { class: 'two' },
    h('section', {}, h('h2', {}, 'Alarm summary'), countsEl, h('p', { class: 'muted' }, 'Newest first; rows keep their place while you read.'),
      field('Show', state), box),
    h('section', { 'aria-labelledby': 'nt-h' }, h('h3', { id: 'nt-h' }, 'Announcements'),
      h('p', { class: 'muted' }, 'Each alarm is announced when raised and again only when its severity climbs (shelved alarms are not announced).'), feed)));
  await load();
  const timer = setInterval(() => load().catch(() => {}), 5000);
  leave = () => clearInterval(timer);
}

// ---------------------------------------------------------------- intake & explanation
function intakePanel(runId) {
  const list = h('div', { id: 'notes' });
  const text = h('textarea', { id: 'note-text', rows: '3', maxlength: '4000', placeholder: 'What did you see or hear? e.g. "loud whine from the TP at 12 s"' });
  const time = h('input', { id: 'note-time', type: 'number', step: '0.1', min: '0' });
  const load = async () => {
    try {
      const notes = await api(`/api/v1/runs/${runId}/notes`);
      clear(list);
      for (const n of notes.slice().reverse()) list.append(noteCard(runId, n, load));
    } catch (e) {
      clear(list).append(h('p', { class: 'muted' }, e.status === 404 ? 'Notes are not available on this server.' : 'Notes: ' + problemText(e)));
    }
  };
  setTimeout(load, 0);
  return h('section', { class: 'intake', 'aria-labelledby': 'in-h' }, h('h3', { id: 'in-h' }, 'Intake: engineer notes'),
    can.note() ? h('form', { id: 'note-form', onsubmit: async ev => {
      ev.preventDefault();
      const body = { text: text.value };
      if (time.value !== '') body.runTime = Number(time.value);
      try {
        await api(`/api/v1/runs/${runId}/notes`, { method: 'POST', json: body });
        text.value = '';
        toast('Note added');
        load();
      } catch (e) { toast('Note refused: ' + problemText(e), 'error'); }
    } }, field('Note', text), field('Run time [s] (optional)', time), h('button', { type: 'submit' }, 'Submit note')) : null,
    list);
}

function highlighted(text, observations) {
  const spans = observations.filter(o => o.quote && o.quote.end > o.quote.start).map(o => o.quote).sort((a, b) => a.start - b.start);
  const out = [];
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    out.push(text.slice(at, s.start), h('mark', {}, text.slice(s.start, s.end)));
    at = s.end;
  }
  out.push(text.slice(at));
  return out;
}

function noteCard(runId, n, reload) {
  const decide = async (o, verdict) => {
    try {
      await api(`/api/v1/runs/${runId}/observations/${o.id}/${verdict}`, { method: 'POST', json: {} });
      reload();
    } catch (e) { toast(`${verdict} refused: ${problemText(e)}`, 'error'); }
  };
  return h('article', { class: 'note', 'data-note': n.id },
    h('p', { class: 'quote' }, highlighted(n.text, n.observations || [])),
    h('p', { class: 'muted' }, `${n.author} · ${fmtTime(n.createdAt)}${n.runTime != null ? ` · at ${n.runTime} s` : ''} · extracted by ${n.model}`,
      n.fallbackReason ? ` (fallback: ${n.fallbackReason})` : ''),
    h('ul', { class: 'observations' }, (n.observations || []).map(o => h('li', { 'data-observation': o.id, 'data-status': o.status },
      h('strong', {}, o.code), ` ${o.present === false ? '(absent) ' : ''}— ${o.description || ''} · confidence ${fmtNum(o.confidence, 2)} · `,
      h('span', { class: 'status' }, o.status), ' ',
      can.note() && o.status === 'PROPOSED' ? [h('button', { type: 'button', onclick: () => decide(o, 'accept') }, 'Accept'),
        h('button', { type: 'button', onclick: () => decide(o, 'reject') }, 'Reject')] : null))));
}

const explanationBox = h('div', { id: 'explanation-out' });
function explanationPanel(runId) {
  clear(explanationBox);
  const hypotheses = h('div', { id: 'hypotheses' });
  setTimeout(async () => {
    try {
      const x = await api(`/api/v1/runs/${runId}/hypotheses`);
      hypotheses.append(h('h4', {}, 'Learned / LLM hypotheses (advisory, not rule conclusions)'),
        h('p', { class: 'muted' }, `${x.status}${x.detail ? ' — ' + x.detail : ''}${x.model ? ' · model ' + x.model : ''}`),
        h('ul', {}, (x.hypotheses || []).map(hy => h('li', {}, h('strong', {}, hy.code), ` ${fmtNum(hy.confidence, 2)} — ${hy.reason}`))));
    } catch (e) { /* no hypotheses endpoint on this server */ }
  }, 0);
  return h('section', { class: 'explanation', 'aria-labelledby': 'ex-h' }, h('h3', { id: 'ex-h' }, 'Explanation'),
    h('button', { type: 'button', onclick: () => explain(runId, null) }, 'Explain this run'), explanationBox, hypotheses);
}

// One evidence row of an explanation ({finding, sensor, feature, value, limit, ...}) as "key value" pairs.
function evidenceText(e) {
  if (typeof e === 'string') return e;
  return Object.entries(e).filter(([k, v]) => k !== 'finding' && v !== null && v !== undefined)
    .map(([k, v]) => `${k} ${typeof v === 'number' ? fmtNum(v, 4) : typeof v === 'object' ? JSON.stringify(v) : v}`).join(' · ');
}

async function explain(runId, eventId) {
  clear(explanationBox).append(h('p', { class: 'muted' }, 'Asking…'));
  try {
    const x = await api(`/api/v1/runs/${runId}/explanation` + (eventId ? '?finding=' + eventId : ''));
    // Recommendation, severity, fault codes and route come from the diagnosis (rule trace); the
    // LLM's prose is shown apart, labelled as such, and only as the claims the checker accepted.
    clear(explanationBox).append(
      h('p', {}, x.whatHappened), h('p', {}, h('strong', {}, 'Recommendation (rules): '), x.recommendation || '—'),
      x.routeText ? h('p', { class: 'route-text' }, x.routeText) : null,
      h('h4', {}, 'Evidence (from the diagnosis, not from the model)'),
      h('ul', { class: 'evidence' }, (x.evidence || []).map(e => h('li', {}, h('strong', {}, e.finding || ''), ' ', evidenceText(e)))),
      h('p', {}, 'Rules: ', ruleLinks(x.rules)),
      x.llmText ? h('div', { class: 'llm-prose', id: 'explanation-llm' },
        h('h4', {}, 'LLM prose (advisory; not a rule conclusion)'),
        h('p', { class: 'model' }, 'Written by ', h('strong', { id: 'explanation-model' }, x.model),
          ' — each claim checked against the events it cites'),
        h('ul', { class: 'claims' }, (x.claims || []).map(c => h('li', {}, c.text)))) :
        h('p', { class: 'model muted' }, 'No LLM text: ', h('strong', { id: 'explanation-model' }, x.model),
          x.fallbackReason ? ` — ${x.fallbackReason}` : ''),
      x.guardrail ? h('p', { class: 'muted' }, 'Claim checker: ' + x.guardrail) : null);
  } catch (e) {
    clear(explanationBox).append(h('p', { class: 'muted' }, e.status === 404 ? 'Explanations are not available on this server.' : problemText(e)));
  }
}

// ---------------------------------------------------------------- audit
async function auditPage(q) {
  if (!can.audit()) { main.append(h('p', { class: 'error' }, 'The audit log is for auditors.')); return; }
  const inputs = {};
  const mk = (name, label, ph) => { inputs[name] = h('input', { id: 'audit-' + name, type: 'text', value: q.get(name) || '', placeholder: ph }); return field(label, inputs[name]); };
  const verifyOut = h('span', { id: 'verify-status', class: 'pill' }, 'not verified yet');
  const tbody = h('tbody');
  const filter = () => {
    const p = new URLSearchParams();
    for (const [k, el] of Object.entries(inputs)) if (el.value.trim()) p.set(k, el.value.trim());
    return p;
  };
  const exportCsv = h('a', { id: 'export-csv', href: '#' }, 'Export CSV');
  const exportJsonl = h('a', { id: 'export-jsonl', href: '#' }, 'Export JSON lines');
  const download = async (ev, fmt) => {
    ev.preventDefault();
    try {
      const text = await api(`/api/v1/audit/export.${fmt}?` + filter(), { headers: { Accept: '*/*' } });
      const blob = new Blob([typeof text === 'string' ? text : JSON.stringify(text)], { type: fmt === 'csv' ? 'text/csv' : 'application/jsonl' });
      const a = h('a', { href: URL.createObjectURL(blob), download: 'hotfire-audit.' + fmt });
      document.body.append(a); a.click(); a.remove();
    } catch (e) { toast('Export refused: ' + problemText(e), 'error'); }
  };
  exportCsv.addEventListener('click', ev => download(ev, 'csv'));
  exportJsonl.addEventListener('click', ev => download(ev, 'jsonl'));
  const load = async () => {
    const page = await api('/api/v1/audit?order=newest&limit=500&' + filter());
    clear(tbody);
    for (const r of page.items) {
      const ev = /^event\/(\d+)$/.exec(r.target || '');
      tbody.append(h('tr', { 'data-action': r.action, 'data-seq': r.seq },
        h('td', { class: 'num' }, r.seq), h('td', {}, fmtTime(r.recordedAt)), h('td', {}, r.actorName || r.actorSubject),
        h('td', {}, h('code', {}, r.action)),
        h('td', {}, ev && r.runId ? h('a', { href: `#/run/${r.runId}?event=${ev[1]}` }, r.target) : (r.target || '')),
        h('td', {}, r.route || ''), h('td', {}, r.summary),
        h('td', {}, h('code', { title: r.hash }, (r.hash || '').slice(0, 12)))));
    }
  };
  main.append(h('section', {}, h('h2', {}, 'Audit review'),
    h('form', { id: 'audit-filter', class: 'filters', onsubmit: ev => { ev.preventDefault(); load(); } },
      mk('actor', 'Actor', 'e.g. engineer'), mk('action', 'Action', 'e.g. alarm.*'), mk('run', 'Run id', ''), mk('target', 'Target', 'e.g. event/42'),
      mk('from', 'From (ISO time)', ''), mk('to', 'To (ISO time)', ''), h('button', { type: 'submit' }, 'Filter')),
    h('p', {}, h('button', { type: 'button', id: 'verify', onclick: async () => {
      try {
        const v = await api('/api/v1/audit/verify');
        verifyOut.textContent = v.ok ? `chain intact: ${v.checked} records, head ${v.headSeq} ${String(v.headHash).slice(0, 12)}…`
          : `BROKEN at seq ${v.broken.seq}: ${v.broken.problem} — ${v.broken.detail}`;
        verifyOut.className = 'pill ' + (v.ok ? 'ok' : 'bad');
      } catch (e) { verifyOut.textContent = problemText(e); }
    } }, 'Verify chain'), ' ', verifyOut, ' · ', exportCsv, ' · ', exportJsonl),
    h('table', { class: 'grid', id: 'audit' }, h('thead', {}, h('tr', {}, ['Seq', 'Recorded', 'Actor', 'Action', 'Target', 'Route', 'Summary', 'Hash'].map(c => h('th', { scope: 'col' }, c)))), tbody)));
  await load();
}

// ---------------------------------------------------------------- rules
async function rulesPage(q) {
  const [set, firings] = await Promise.all([api('/api/v1/rules'), api('/api/v1/rules/firings')]);
  const search = h('input', { type: 'search', id: 'rule-search', size: '40', value: q.get('q') || '', placeholder: 'id, sentence, fault code, source…' });
  const tbody = h('tbody');
  const render = () => {
    const needle = search.value.trim().toLowerCase();
    clear(tbody);
    for (const r of set.rules) {
      const hay = [r.id, r.name, r.stage, r.source, r.severity, r.file, ...(r.faultCodes || [])].join(' ').toLowerCase();
      if (needle && !hay.includes(needle)) continue;
      const core = /(^|\/)core\//.test(r.file || '');
      tbody.append(h('tr', { id: 'rule-' + r.id, 'data-rule': r.id },
        h('td', { class: 'nowrap' }, h('code', {}, r.id)), h('td', {}, r.name), h('td', {}, (r.faultCodes || []).join(', ')), h('td', {}, r.stage),
        h('td', {}, r.source), h('td', {}, `${core ? 'CoreRulesTest' : 'Gg1RulesTest'}: positive and negative cases marked // ${r.id}`),
        h('td', { class: 'num' }, firings[r.id] || 0)));
    }
  };
  search.addEventListener('input', render);
  render();
  main.append(h('section', {}, h('h2', {}, `Rule catalogue — ${set.engine}, rule set ${String(set.version).slice(0, 12)}`),
    field('Search rules', search),
    h('table', { class: 'grid', id: 'rules' }, h('thead', {}, h('tr', {}, ['Id', 'Sentence', 'Fault codes', 'Stage', 'Source', 'Tests', 'Fired'].map(c => h('th', { scope: 'col' }, c)))), tbody)));
}

// ---------------------------------------------------------------- start
(async () => {
  try { me = await api('/api/v1/me'); } catch (e) { main.textContent = 'Could not read the signed-in user: ' + e.message; return; }
  document.querySelectorAll('[data-role]').forEach(el => { if (!me.roles.includes(el.dataset.role)) el.remove(); });
  window.addEventListener('hashchange', route);
  route();
  refreshHeaderCount();
  setInterval(refreshHeaderCount, 5000);
})();
