// The engineer console: hash-routed pages over the Hotfire REST API. Plain ES modules, no framework.
import { api, stream, ApiError } from './api.js';
import { h, clear, field, fmtTime, fmtNum, toast } from './dom.js';
import { LiveData, Charts } from './live.js';

const main = document.getElementById('main');
const SEVERITY_RANK = { SEVERE: 0, CRITICAL: 1, DISTRESS: 2, WARNING: 3, WATCH: 4 };
const UNACKED = new Set(['UNACKNOWLEDGED', 'RETURNED_UNACKNOWLEDGED']);
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
  const [runs, feeds, engines] = await Promise.all([api('/api/v1/runs?limit=1000'), api('/api/v1/feeds'), api('/api/v1/engines')]);
  const feedOf = Object.fromEntries(feeds.map(f => [f.runId, f]));
  const search = h('input', { type: 'search', id: 'run-search', size: '40', placeholder: 'test id, run id, engine, fault…', value: q.get('q') || '' });
  const tbody = h('tbody');
  const render = () => {
    const needle = search.value.trim().toLowerCase();
    clear(tbody);
    if (!runs.length) tbody.append(h('tr', {}, h('td', { colspan: '6', class: 'muted' }, 'No runs yet.')));
    for (const r of runs) {
      const hay = [r.id, r.engine, r.testId, JSON.stringify(r.metadata || {})].join(' ').toLowerCase();
      if (needle && !hay.includes(needle)) continue;
      const f = feedOf[r.id];
      tbody.append(h('tr', {},
        h('td', {}, h('a', { href: '#/run/' + r.id }, r.testId || r.id.slice(0, 8))),
        h('td', {}, r.engine),
        h('td', {}, fmtTime(r.createdAt)),
        h('td', { class: 'num' }, r.frameCount),
        h('td', { class: 'num' }, r.lastT === null ? '—' : r.lastT.toFixed(1) + ' s'),
        h('td', {}, f ? `${f.kind} ${f.state}${f.state === 'running' ? ` (${Math.round(100 * f.sentFrames / f.totalFrames)} %)` : ''}` : (r.metadata && r.metadata.source) || 'stand')));
    }
  };
  search.addEventListener('input', render);
  render();
  main.append(h('section', { 'aria-labelledby': 'runs-h' },
    h('h2', { id: 'runs-h' }, 'Runs'),
    field('Search runs', search),
    h('table', { class: 'grid', id: 'runs' },
      h('thead', {}, h('tr', {}, ['Test', 'Engine', 'Created', 'Frames', 'Run time', 'Source'].map(c => h('th', { scope: 'col' }, c)))),
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
async function runPage(runId, q) {
  const run = await api('/api/v1/runs/' + runId);
  const profile = await api(`/api/v1/runs/${runId}/profile`);
  const data = new LiveData(profile, run.channels);
  const chosen = (q.get('sensors') || '').split(',').filter(s => data.sensors[s]);
  let selected = chosen.length ? chosen : (profile.charts || []).filter(s => data.sensors[s]);
  // Until the engineer picks sensors, a sensor that a finding names joins the charts: the faulty channel is the one to watch.
  let userChose = chosen.length > 0;
  const status = h('span', { id: 'live-status', class: 'pill' }, 'connecting…');
  const routeBadge = h('p', { id: 'route-badge', class: 'route route-none', role: 'status' });
  const chartsBox = h('div', { id: 'charts', class: 'charts' });
  const alarmsBox = h('div', { id: 'run-alarms' });
  const findingsBox = h('div', { id: 'findings' });
  const adviceBox = h('section', { id: 'advice', class: 'advice', 'aria-labelledby': 'adv-h', hidden: true });
  const recommendation = h('p', { id: 'recommendation', class: 'recommendation' }, 'Recommendation: none yet');
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
  main.append(
    h('div', { class: 'runhead' },
      h('h2', {}, 'Run ', h('span', { id: 'run-title' }, run.testId || run.id), ' ', status),
      h('p', { class: 'meta' }, `engine ${run.engine} · id ${run.id} · created ${fmtTime(run.createdAt)} · `,
        h('span', { id: 'frame-count' }, ''))),
    routeBadge,
    h('div', { class: 'live' },
      h('section', { class: 'plots', 'aria-label': 'Live charts' }, h('details', {}, h('summary', {}, 'Choose sensors'), picker), chartsBox,
        h('p', { class: 'legend' }, h('span', { class: 'k-value' }, '— reading'), h('span', { class: 'k-exp' }, '- - expected'),
          h('span', { class: 'k-band' }, '▮ band'), h('span', { class: 'k-warn' }, '- - warning'), h('span', { class: 'k-red' }, '— redline'),
          h('span', { class: 'k-find' }, '| finding'), h('span', { class: 'k-route' }, '¦ route change'))),
      h('aside', { class: 'side' },
        h('section', { 'aria-labelledby': 'al-h' }, h('h3', { id: 'al-h' }, 'Alarms'), alarmsBox),
        h('section', { 'aria-labelledby': 'dx-h' }, h('h3', { id: 'dx-h' }, 'Diagnosis'), recommendation, findingsBox, adviceBox, whyNotForm(runId)))),
    h('div', { class: 'lower' }, intakePanel(runId), explanationPanel(runId)));
  const charts = new Charts(chartsBox, data);
  charts.show(selected);
  window.__hotfire.drawn = charts.drawn;
  const events = new Map();
  const frameCount = document.getElementById('frame-count');

  const renderEvents = () => {
    const list = [...events.values()].sort((a, b) => a.t - b.t || a.id - b.id);
    data.markers = list.filter(e => e.type === 'FINDING' || e.type === 'ABORT' || e.type === 'ROUTE').map(e => ({
      t: e.t, kind: e.type === 'ROUTE' ? 'route' : 'finding', label: e.type === 'ROUTE' ? 'route: ' + e.code : e.code,
      color: e.type === 'ROUTE' ? '#35d0e0' : (SEVERITY_RANK[e.severity] <= 1 ? '#ff4d4d' : '#ffb000'),
    }));
    const routeEv = list.filter(e => e.type === 'ROUTE').pop();
    routeBadge.className = 'route ' + (routeEv ? (routeEv.code === 'OUT_OF_DISTRIBUTION' ? 'route-ood' : 'route-in') : 'route-none');
    routeBadge.textContent = routeEv ? routeEv.message : 'Rules authoritative: no learned model routes this run (no route change reported).';
    const rec = list.filter(e => e.type === 'RECOMMENDATION' || e.type === 'ABORT').pop();
    clear(recommendation).append('Recommendation: ', rec ? h('strong', { class: 'sev-' + rec.severity.toLowerCase() }, rec.code) : 'CONTINUE (none issued)',
      rec ? ` at ${rec.t.toFixed(1)} s — ${rec.message} ` : '', rec ? ruleLinks(rec.rules) : '');
    clear(findingsBox);
    const findings = list.filter(e => e.type === 'FINDING' || e.type === 'ABORT' || e.type === 'SENSOR');
    if (!findings.length) findingsBox.append(h('p', { class: 'muted' }, 'No findings.'));
    for (const e of findings.slice().reverse()) findingsBox.append(findingCard(e, runId));
    // The learned model's advice is shown apart from the rule findings: it never sets severity or recommendation.
    const advice = list.filter(e => e.type === 'ADVICE');
    clear(adviceBox).hidden = !advice.length;
    if (advice.length) {
      adviceBox.append(h('h4', { id: 'adv-h' }, 'Learned advice (advisory only)'),
        h('p', { class: 'muted' }, routeEv && routeEv.code === 'OUT_OF_DISTRIBUTION'
          ? 'Now out of distribution: the learned model is silent and the rules above decide.'
          : 'In distribution: the learned pattern model suggests; the rules above decide severity and recommendation.'));
      for (const e of advice.slice(-5).reverse()) adviceBox.append(findingCard(e, runId));
    }
    if (!userChose) {
      const named = [...new Set(findings.map(e => e.sensor).filter(x => x && data.sensors[x] && !selected.includes(x)))];
      if (named.length) {
        selected = [...selected, ...named];
        for (const x of named) { const box = document.getElementById('pick-' + x); if (box) box.checked = true; }
        charts.show(selected);
      }
    }
    const focus = q.get('event') && findingsBox.querySelector(`[data-event="${CSS.escape(q.get('event'))}"]`);
    if (focus) { focus.classList.add('focused'); focus.querySelector('details').open = true; }
    charts.schedule();
  };
  const addEvents = list => { for (const e of list) events.set(e.id, e); if (list.length) { renderEvents(); refreshAlarms(); } };

  let alarmTimer = null;
  const refreshAlarms = () => {
    clearTimeout(alarmTimer);
    alarmTimer = setTimeout(async () => {
      try { renderAlarms(alarmsBox, await api(`/api/v1/runs/${runId}/alarms`), refreshAlarms); } catch (e) { /* next refresh */ }
    }, 150);
  };

  // Subscribe first, then read the history: what arrives meanwhile is merged by seq and event id.
  const abort = new AbortController();
  const buffered = [];
  let live = false;
  let hello;
  const helloSeen = new Promise(res => { hello = res; });
  const onMessage = (name, msg) => {
    if (name === 'hello') { status.textContent = 'live'; status.className = 'pill on'; hello(); return; }
    if (name !== 'batch') return;
    if (!live) { buffered.push(msg); return; }
    apply(msg);
  };
  const apply = msg => {
    if (data.addRows(msg.frames)) charts.schedule();
    frameCount.textContent = `${data.lastSeq + 1} frames`;
    addEvents(msg.events);
  };
  stream(`/api/v1/runs/${runId}/stream`, onMessage, abort.signal)
    .then(() => { status.textContent = 'stream ended'; status.className = 'pill'; })
    .catch(e => { if (!abort.signal.aborted) { status.textContent = 'disconnected: ' + e.message; status.className = 'pill bad'; } });
  await Promise.race([helloSeen, new Promise(res => setTimeout(res, 3000))]);
  const from = Math.max(0, (run.lastSeq ?? -1) - Math.round(profile.sampleRateHz * 60));
  const [frames, history] = await Promise.all([
    api(`/api/v1/runs/${runId}/frames?from=${from}&limit=10000`),
    api(`/api/v1/runs/${runId}/events?limit=10000`)]);
  data.addFrames(frames);
  frameCount.textContent = `${data.lastSeq + 1} frames`;
  addEvents(history);
  live = true;
  buffered.splice(0).forEach(apply);
  renderEvents();
  refreshAlarms();
  const onResize = () => charts.resize();
  window.addEventListener('resize', onResize);
  const poll = setInterval(refreshAlarms, 5000);
  leave = () => { abort.abort(); clearInterval(poll); window.removeEventListener('resize', onResize); charts.destroy(); };
}

function ruleLinks(rules) {
  return h('span', { class: 'rules' }, (rules || []).map(id => h('a', { href: '#/rules?q=' + encodeURIComponent(id), class: 'rule' }, id)));
}

function evidenceList(ev) {
  if (!ev || typeof ev !== 'object') return null;
  return h('dl', { class: 'evidence' }, Object.entries(ev).flatMap(([k, v]) => [h('dt', {}, k),
    h('dd', {}, typeof v === 'object' ? JSON.stringify(v) : fmtNum(v, 4))]));
}

function findingCard(e, runId) {
  const members = e.evidence && Array.isArray(e.evidence.members) ? e.evidence.members : [];
  return h('article', { class: 'finding sev-border-' + e.severity.toLowerCase(), 'data-event': e.id, 'data-code': e.code },
    h('header', {}, severityBadge(e.severity), ' ', h('strong', {}, e.type === 'FINDING' ? e.code : `${e.type} ${e.code}`), ` at ${e.t.toFixed(2)} s`,
      e.sensor ? ` · ${e.sensor}` : ''),
    h('p', {}, e.message),
    members.length > 1 ? h('p', { class: 'ambiguity' }, 'Ambiguity group — the evidence fits each of: ', members.join(', ')) : null,
    h('details', {}, h('summary', {}, 'Evidence'), evidenceList(e.evidence)),
    h('p', { class: 'links' }, (e.rules || []).length ? ['Rules: ', ruleLinks(e.rules), ' · '] : null,
      can.audit() ? h('a', { href: '#/audit?target=' + encodeURIComponent('event/' + e.id) }, 'audit records') : null,
      ' ', h('button', { type: 'button', class: 'link', onclick: () => explain(runId, e.id) }, 'Explain')));
}

function whyNotForm(runId) {
  if (!can.whyNot()) return null;
  const code = h('input', { id: 'whynot-code', type: 'text', placeholder: 'e.g. TP_ROTOR_WHIRL', required: true });
  const t = h('input', { id: 'whynot-t', type: 'number', step: '0.1', min: '0', required: true });
  const out = h('div', { id: 'whynot-out' });
  return h('form', { class: 'whynot', onsubmit: async ev => {
    ev.preventDefault();
    clear(out);
    try {
      const a = await api(`/api/v1/runs/${runId}/why-not?code=${encodeURIComponent(code.value.trim())}&t=${t.value}`);
      out.append(h('p', {}, `Why not ${a.code} at ${a.t} s (window ending ${a.windowT} s):`),
        h('ul', {}, (a.rules || []).map(r => h('li', { class: r.fired ? 'fired' : 'not-fired' },
          h('a', { href: '#/rules?q=' + encodeURIComponent(r.rule) }, r.rule), ` — ${r.name}: `,
          r.fired ? h('strong', {}, 'fired') : ['did not fire; first unmet condition: ', h('code', {}, r.failed || '—')],
          (r.held || []).length ? h('span', { class: 'muted' }, ' · held: ' + r.held.join('; ')) : null))));
    } catch (e) { out.append(h('p', { class: 'error' }, problemText(e))); }
  } }, h('h4', {}, 'Why not…?'), field('Fault code', code), field('Run time [s]', t), h('button', { type: 'submit' }, 'Ask'), out);
}

// ---------------------------------------------------------------- alarms
function sortAlarms(list) {
  return list.slice().sort((a, b) => (UNACKED.has(b.state) - UNACKED.has(a.state))
    || (SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]) || (b.lastT - a.lastT));
}

// runNames (run id → test id) is given on the all-runs summary, where each alarm links to its run.
function renderAlarms(box, list, refresh, runNames) {
  clear(box);
  if (!list.length) { box.append(h('p', { class: 'muted' }, 'No alarms.')); return; }
  const ul = h('ul', { class: 'alarms' });
  for (const a of sortAlarms(list)) ul.append(alarmItem(a, refresh, runNames));
  box.append(ul);
}

function alarmItem(a, refresh, runNames) {
  const act = async (path, body, what) => {
    try {
      await api(`/api/v1/alarms/${a.id}/${path}`, { method: 'POST', json: body });
      toast(`${what}: ${a.code || a.key}`);
      refresh();
    } catch (e) { toast(`${what} refused: ${problemText(e)}`, 'error'); }
  };
  const label = `${a.code || ''} ${a.sensor || ''}`.trim();
  const controls = [];
  if (can.operate()) {
    if (UNACKED.has(a.state)) controls.push(h('button', { type: 'button', class: 'ack', 'aria-label': 'Acknowledge ' + label, onclick: () => act('ack', {}, 'Acknowledged') }, 'Acknowledge'));
    if (!a.latching && !a.shelved) {
      const dur = h('select', { 'aria-label': 'Shelve duration for ' + label }, ['5m', '10m', '15m', 'until-unshelved'].map(d => h('option', { value: d }, d)));
      controls.push(dur, h('button', { type: 'button', 'aria-label': 'Shelve ' + label, onclick: () => act('shelve', { duration: dur.value, reason: 'shelved from the console' }, 'Shelved') }, 'Shelve'));
    }
    const who = h('input', { type: 'text', size: '8', 'aria-label': 'Assign ' + label + ' to', placeholder: 'assignee', value: a.assignee || '' });
    controls.push(who, h('button', { type: 'button', onclick: () => act('assign', { assignee: who.value.trim() || null }, 'Assigned') }, 'Assign'));
    const text = h('input', { type: 'text', size: '14', 'aria-label': 'Comment on ' + label, placeholder: 'comment' });
    controls.push(text, h('button', { type: 'button', onclick: () => text.value.trim() && act('comment', { text: text.value.trim() }, 'Commented') }, 'Comment'));
  }
  if (a.shelved && can.unshelve()) controls.push(h('button', { type: 'button', onclick: () => act('unshelve', undefined, 'Unshelved') }, 'Unshelve'));
  return h('li', { class: 'alarm state-' + a.state.toLowerCase() + ' sev-border-' + a.severity.toLowerCase(), 'data-alarm': a.id, 'data-state': a.state },
    h('div', {}, severityBadge(a.severity), ' ', h('strong', {}, label || a.key), ' ', h('span', { class: 'state' }, a.state.replace(/_/g, ' ').toLowerCase()),
      a.shelved ? h('span', { class: 'pill' }, 'shelved') : null, a.latching ? h('span', { class: 'pill' }, 'latching') : null,
      runNames && a.runId ? [' · run ', h('a', { href: '#/run/' + a.runId, class: 'run-link' }, runNames[a.runId] || String(a.runId).slice(0, 8))] : (a.runId ? null : ' · system')),
    h('div', { class: 'muted' }, `${a.message || ''} · raised ${a.raisedT.toFixed(1)} s · ×${a.occurrences}`,
      a.acknowledgedBy ? ` · acknowledged by ${a.acknowledgedBy}` : '', a.assignee ? ` · assigned to ${a.assignee}` : ''),
    controls.length ? h('div', { class: 'controls' }, controls) : null);
}

async function alarmsPage() {
  const box = h('div', { id: 'all-alarms' });
  const state = h('select', { id: 'alarm-state' }, ['open', 'unacknowledged', 'acknowledged', 'shelved', 'cleared', 'all'].map(s => h('option', { value: s }, s)));
  const feed = h('ol', { id: 'notifications', reversed: true });
  const load = async () => {
    const [alarms, runs] = await Promise.all([api('/api/v1/alarms?limit=500&state=' + state.value), api('/api/v1/runs?limit=1000')]);
    renderAlarms(box, alarms, load, Object.fromEntries(runs.map(r => [r.id, r.testId || r.id.slice(0, 8)])));
    const notes = await api('/api/v1/alarms/notifications?limit=1000');
    clear(feed);
    for (const n of notes.slice(-20).reverse()) {
      feed.append(h('li', {}, severityBadge(n.severity), ` ${n.code || n.key}${n.sensor ? ' ' + n.sensor : ''} — ${n.reason} at ${n.t.toFixed(1)} s · ${fmtTime(n.createdAt)}`));
    }
  };
  state.addEventListener('change', load);
  main.append(h('div', { class: 'two' },
    h('section', {}, h('h2', {}, 'Alarm summary'), h('p', { class: 'muted' }, 'Unacknowledged first, then by severity and time.'),
      field('Show', state), box),
    h('section', { 'aria-labelledby': 'nt-h' }, h('h3', { id: 'nt-h' }, 'Announcements'),
      h('p', { class: 'muted' }, 'Each alarm is announced when raised and again only when its severity climbs (shelved alarms are not announced).'), feed)));
  await load();
  const timer = setInterval(load, 5000);
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
      hypotheses.append(h('h4', {}, 'Learned / LLM hypotheses (advisory)'),
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
    clear(explanationBox).append(
      h('p', { class: 'model' }, 'Written by ', h('strong', { id: 'explanation-model' }, x.model), x.source === 'template' ? ' (template, no LLM)' : ' (LLM, checked by guardrails)',
        x.fallbackReason ? ` — fallback: ${x.fallbackReason}` : ''),
      h('p', {}, x.whatHappened), h('p', {}, h('strong', {}, 'Recommendation: '), x.recommendation || '—'),
      x.routeText ? h('p', { class: 'route-text' }, x.routeText) : null,
      h('h4', {}, 'Evidence (from the diagnosis, not from the model)'),
      h('ul', { class: 'evidence' }, (x.evidence || []).map(e => h('li', {}, h('strong', {}, e.finding || ''), ' ', evidenceText(e)))),
      h('p', {}, 'Rules: ', ruleLinks(x.rules)), x.guardrail ? h('p', { class: 'muted' }, 'Guardrail: ' + x.guardrail) : null);
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
})();
