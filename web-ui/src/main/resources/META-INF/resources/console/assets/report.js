// Quick-look report of one run (#/report/{runId}): what the engineer reviews after a hot fire.
// Charts are drawn by the server (the same PNGs as in the PDF); the PDF is the record.
import { api } from './api.js';
import { h, fmtTime, fmtNum } from './dom.js';
import { loadImage, download } from './images.js';

function sev(s) {
  return h('span', { class: 'sev sev-' + String(s).toLowerCase() }, s);
}

function evidenceText(ev) {
  if (!ev) return '';
  const s = JSON.stringify(ev);
  return s.length > 300 ? s.slice(0, 300) + '…' : s;
}

function actions(a) {
  const out = [];
  if (a.acknowledgedBy) out.push(`acknowledged by ${a.acknowledgedBy} ${fmtTime(a.acknowledgedAt)}`);
  if (a.shelvedBy) out.push(`shelved by ${a.shelvedBy} ${fmtTime(a.shelvedAt)}${a.shelveReason ? ': ' + a.shelveReason : ''}`);
  if (a.assignee) out.push(`assigned to ${a.assignee} by ${a.assignedBy} ${fmtTime(a.assignedAt)}`);
  for (const c of a.comments || []) out.push(`${c.author} ${fmtTime(c.createdAt)}: ${c.text}`);
  return out.length ? out.map(t => h('div', {}, t)) : 'none';
}

export async function reportPage(main, runId) {
  const r = await api('/api/v1/runs/' + encodeURIComponent(runId) + '/report');
  const title = r.run.testId || r.run.id.slice(0, 8);
  const pdfButton = h('button', { id: 'report-pdf', onclick: () => download(`/api/v1/runs/${r.run.id}/report.pdf`, `hotfire-report-${title}.pdf`) }, 'Export PDF');
  main.append(
    h('h1', {}, 'Quick-look report — ', title),
    h('p', { id: 'report-status', class: r.inProgress ? 'error' : 'muted', role: 'status' }, r.status),
    h('p', {}, pdfButton, ' ', h('a', { href: '#/run/' + r.run.id }, 'live view'), ' · ',
      r.run.unit ? h('a', { href: '#/engine/' + encodeURIComponent(r.run.unit), id: 'report-unit' }, 'engine unit ' + r.run.unit)
        : h('span', { id: 'report-unit' }, 'unit unknown')),
    h('table', { class: 'grid', id: 'report-run' }, h('tbody', {},
      [['run id', r.run.id], ['engine', r.run.engine], ['engine unit', r.unit], ['stand', r.run.stand || '—'],
        ['created', fmtTime(r.run.createdAt)], ['ended', r.run.endedAt ? fmtTime(r.run.endedAt) : 'in progress'],
        ['frames', r.run.frameCount + (r.run.lastT == null ? '' : `, up to t = ${r.run.lastT} s`)]]
        .map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v))))));

  const charts = h('div', { class: 'cards', id: 'report-charts' });
  main.append(h('h2', {}, 'Key channels against expected value, band and limits'), charts);
  for (const c of r.channels) {
    const img = h('img', { alt: `${c.sensor} against expected value, band and limits`, class: 'report-chart', width: '900', height: '300' });
    charts.append(h('figure', { class: 'card' }, img,
      h('figcaption', { class: 'muted' }, `${c.sensor} — ${c.description} [${c.unit}]: min ${fmtNum(c.min)}, mean ${fmtNum(c.mean)}, max ${fmtNum(c.max)}; expected ${fmtNum(c.expectedAtLevel)}`)));
    loadImage(img, c.chart);
  }

  main.append(h('h2', {}, 'Findings timeline (the rules\' words)'),
    r.timeline.length === 0 ? h('p', { class: 'muted' }, 'No finding, abort or recommendation.') :
      h('table', { class: 'grid', id: 'report-timeline' },
        h('thead', {}, h('tr', {}, ['t, s', 'event', 'severity', 'rules', 'message', 'evidence'].map(x => h('th', {}, x)))),
        h('tbody', {}, r.timeline.map(e => h('tr', {},
          h('td', {}, fmtNum(e.t)), h('td', {}, e.type, ' ', h('strong', {}, e.code)), h('td', {}, sev(e.severity)),
          h('td', {}, (e.rules || []).map(id => h('a', { href: '#/rules?q=' + encodeURIComponent(id), class: 'rule' }, id, ' '))),
          h('td', {}, e.message), h('td', { class: 'muted' }, evidenceText(e.evidence)))))));

  main.append(h('h2', {}, 'Alarms and operator actions'),
    r.alarms.length === 0 ? h('p', { class: 'muted' }, 'No alarm.') :
      h('table', { class: 'grid', id: 'report-alarms' },
        h('thead', {}, h('tr', {}, ['alarm', 'severity', 'state', 'who and when'].map(x => h('th', {}, x)))),
        h('tbody', {}, r.alarms.map(a => h('tr', {},
          h('td', {}, a.code, a.sensor ? ' ' + a.sensor : '', h('div', { class: 'muted' }, `raised t = ${fmtNum(a.raisedT)} s`)),
          h('td', {}, sev(a.severity)), h('td', {}, a.state + (a.shelved ? ', shelved' : '')), h('td', {}, actions(a)))))));

  main.append(h('h2', {}, 'Notes and observations'),
    r.notes.length === 0 ? h('p', { class: 'muted' }, 'No note.') :
      h('ul', { id: 'report-notes' }, r.notes.map(n => h('li', {}, `${n.author}, ${fmtTime(n.createdAt)}: ${n.text}`,
        h('ul', {}, n.observations.map(o => h('li', { class: o.status === 'ACCEPTED' ? '' : 'muted' },
          `${o.status}: ${o.code}${o.present ? '' : ' (absent)'}${o.quote ? ' — "' + o.quote.text + '"' : ''}${o.decidedBy ? ' — by ' + o.decidedBy : ''}`)))))));

  main.append(h('h2', {}, 'Explanation'),
    h('section', { id: 'report-explanation', class: 'card' },
      h('p', { class: 'route' }, h('strong', {}, r.explanation.label)),
      r.explanation.text ? h('p', {}, r.explanation.text) : null));

  const end = r.end;
  main.append(h('h2', {}, 'Engine unit: life used and health indicators'),
    !end ? h('p', { class: 'muted', id: 'report-end' }, 'Run in progress: life usage and indicators are fixed when the run is ended.') :
      h('div', { id: 'report-end' },
        h('p', {}, `${r.unit}: ${end.starts} start(s), ${fmtNum(end.firingSeconds)} s hot fire in this run.`),
        h('table', { class: 'grid' },
          h('thead', {}, h('tr', {}, ['indicator', 'value', 'samples / missing reason'].map(x => h('th', {}, x)))),
          h('tbody', {}, end.indicators.map(v => h('tr', {}, h('td', {}, v.indicator),
            h('td', {}, v.value == null ? 'missing' : fmtNum(v.value, 4)),
            h('td', {}, v.value == null ? v.missingReason : `${v.samples} samples, t ${fmtNum(v.fromT)}–${fmtNum(v.toT)} s`))))),
        end.trends.map(t => h('p', {}, h('strong', {}, `Trend finding ${t.code}`), ` (${t.severity}, ${t.rules.join(', ')}): ${t.message}`))));

  main.append(h('h2', {}, 'Versions and audit'),
    h('table', { class: 'grid', id: 'report-versions' }, h('tbody', {},
      Object.entries(r.versions).map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, h('code', {}, Array.isArray(v) ? v.join(', ') : String(v))))),
      h('tr', {}, h('th', {}, 'last audit record'), h('td', {}, r.audit.seq == null ? 'none' : `seq ${r.audit.seq} (${r.audit.action}, ${fmtTime(r.audit.recordedAt)})`)),
      h('tr', {}, h('th', {}, 'its SHA-256 hash'), h('td', {}, h('code', { id: 'report-audit-hash' }, r.audit.hash || '—'))))));
}
