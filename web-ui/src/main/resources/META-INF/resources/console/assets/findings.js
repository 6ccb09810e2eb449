// The evidence side of a run page: finding cards with their evidence in engineering words, "why not",
// the intake of engineer notes and the explanation (LLM prose only apart and labelled).
import { api } from './api.js';
import { h, clear, field, fmtTime, fmtNum, toast } from './dom.js';
import { fmtValue } from './live.js';
import { can } from './roles.js';
import { severityBadge, problemText, ruleLinks } from './widgets.js';

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

export function findingCard(e, runId, data, showMoment) {
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
export function whyNotForm(runId, profile) {
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

// ---------------------------------------------------------------- intake & explanation
export function intakePanel(runId) {
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
export function explanationPanel(runId) {
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

// What a monitor-only knowledge version concluded on this run: apart from the run's own events, labelled,
// never an alarm (docs/knowledge-changes.md). Hidden while there is nothing.
export function monitorPanel(domain, runId) {
  const list = h('ul', { class: 'evidence' });
  const el = h('section', { id: 'run-monitor', class: 'monitor-only', 'aria-labelledby': 'rm-h', hidden: true },
    h('h3', { id: 'rm-h' }, h('span', { class: 'monitor-label' }, 'Monitor-only'), ' rules on this run'),
    h('p', { class: 'muted small' }, 'A candidate rule version running beside the active one: not alarms, not findings of this run. ',
      h('a', { href: '#/knowledge/' + encodeURIComponent(domain) }, 'Knowledge')), list);
  let key = '';
  const refresh = async () => {
    if (!can.whyNot()) return; // engineers, leads, auditors, admins read them
    try {
      const events = await api(`/api/v1/domains/${encodeURIComponent(domain)}/monitor-events?run=${runId}&limit=10000`);
      const k = events.length + '/' + (events.length ? events[events.length - 1].id : '');
      if (k === key) return;
      key = k;
      el.hidden = !events.length;
      clear(list).append(...events.slice(-50).reverse().map(e => h('li', { 'data-monitor-event': e.id },
        `${Number(e.t).toFixed(2)} s · version ${e.version} · ${e.type} ${e.code}${e.sensor ? ' ' + e.sensor : ''}`
          + `${e.severity ? ' (' + e.severity + ', monitor-only)' : ''} — ${e.message}`)));
    } catch (e) { /* not available to this role or server */ }
  };
  return { el, refresh };
}
