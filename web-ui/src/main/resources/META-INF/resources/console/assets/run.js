// The run page (#/run/{id}): status strip, alarms, findings, charts, intake and explanation of one run,
// live while data arrives. Returns the function that stops its stream and timers.
import { api, stream } from './api.js';
import { h, clear, fmtTime, toast } from './dom.js';
import { LiveData, Charts } from './live.js';
import { AlarmList } from './alarmlist.js';
import { can } from './roles.js';
import { problemText, renderCounts, refreshHeaderCount, ruleLinks } from './widgets.js';
import { findingCard, whyNotForm, intakePanel, explanationPanel, monitorPanel } from './findings.js';

const SEVERITY_RANK = { SEVERE: 0, CRITICAL: 1, DISTRESS: 2, WARNING: 3, WATCH: 4 };
const RUN_STATE_TEXT = { live: 'LIVE', ended: 'ENDED', aborted: 'ABORTED', connecting: 'connecting…' };

export async function runPage(main, runId, q) {
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

  const monitor = monitorPanel(run.engine, runId);
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
        h('section', { 'aria-labelledby': 'dx-h' }, h('h3', { id: 'dx-h' }, 'Findings'), findingsBox, adviceBox, whyNotForm(runId, profile)), monitor.el),
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
      label: e.type === 'ROUTE' ? 'route: ' + e.code + (e.code === 'OUT_OF_DISTRIBUTION' && e.evidence && e.evidence.decidedBy ? ` (by ${e.evidence.decidedBy})` : '') : e.type === 'ALARM' ? `${e.code} ${e.severity}` : e.code,
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
  monitor.refresh();
  const poll = setInterval(() => { refreshAlarms(); loadFeed(); monitor.refresh(); }, 5000);
  return () => { abort.abort(); clearInterval(poll); window.removeEventListener('resize', onResize); charts.destroy(); };
}

