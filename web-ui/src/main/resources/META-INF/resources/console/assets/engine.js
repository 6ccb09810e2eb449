// Engine units: #/engines lists them; #/engine/{serial} shows one unit's runs, life consumed,
// indicator trends (charts drawn by the server, trend findings marked) and links to each run's report.
import { api } from './api.js';
import { h, fmtTime, fmtNum } from './dom.js';
import { loadImage } from './images.js';

export async function enginesPage(main) {
  const units = await api('/api/v1/units');
  main.append(h('h1', {}, 'Engine units'),
    units.length === 0 ? h('p', { class: 'muted' }, 'No run names an engine unit yet.') :
      h('table', { class: 'grid', id: 'units' },
        h('thead', {}, h('tr', {}, ['unit', 'engine', 'runs', 'last run'].map(x => h('th', {}, x)))),
        h('tbody', {}, units.map(u => h('tr', {},
          h('td', {}, h('a', { href: '#/engine/' + encodeURIComponent(u.unit) }, u.unit)), h('td', {}, u.engine),
          h('td', {}, u.runs), h('td', {}, fmtTime(u.lastRunAt)))))));
}

export async function enginePage(main, serial) {
  const u = await api('/api/v1/units/' + encodeURIComponent(serial));
  main.append(h('h1', {}, 'Engine unit ', u.unit),
    h('p', { class: 'muted' }, `${u.engine} · ${u.runs} runs (${u.endedRuns} ended) · ${u.starts} starts · ${fmtNum(u.firingSeconds)} s hot fire`));

  main.append(h('h2', {}, 'Life consumed'),
    h('table', { class: 'grid', id: 'unit-life' },
      h('thead', {}, h('tr', {}, ['component', 'measure', 'used', 'limit', 'consumed', 'source'].map(x => h('th', {}, x)))),
      h('tbody', {}, u.life.map(l => h('tr', { class: l.fraction >= u.nearFraction ? 'error' : '' },
        h('td', {}, l.name), h('td', {}, l.measure === 'starts' ? 'starts' : 'hot-fire seconds'),
        h('td', {}, fmtNum(l.used)), h('td', {}, fmtNum(l.limit)),
        h('td', {}, h('meter', { min: '0', max: '1', high: String(u.nearFraction), value: String(Math.min(1, l.fraction)), 'aria-label': `${l.name} ${l.measure}` }),
          ` ${(100 * l.fraction).toFixed(0)} %${l.fraction >= u.nearFraction ? ' — near its limit' : ''}`),
        h('td', { class: 'muted' }, l.source))))));

  const findings = u.history.flatMap(r => r.trends.map(t => ({ run: r, t })));
  main.append(h('h2', {}, 'Trend findings'),
    findings.length === 0 ? h('p', { class: 'muted', id: 'unit-trends' }, 'No trend finding on this unit.') :
      h('ul', { id: 'unit-trends' }, findings.map(({ run, t }) => h('li', {},
        h('strong', {}, t.code), ` (${t.severity}, `, t.rules.map(id => h('a', { href: '#/rules?q=' + encodeURIComponent(id), class: 'rule' }, id)),
        `) at run ${run.testId || run.runId.slice(0, 8)}: ${t.message}`))));

  const charts = h('div', { class: 'cards', id: 'unit-charts' });
  main.append(h('h2', {}, 'Indicator trends'), charts);
  for (const i of u.indicators) {
    const img = h('img', { alt: `${i.name} over the unit's runs`, class: 'report-chart', width: '900', height: '300' });
    charts.append(h('figure', { class: 'card' }, img,
      h('figcaption', { class: 'muted' }, `${i.id}: judged ${i.direction === 'UP' ? 'rising' : 'falling'} over ${i.runs} runs by ≥ ${(100 * i.minChange).toFixed(1)} %; red = trend finding`)));
    loadImage(img, `/api/v1/units/${encodeURIComponent(u.unit)}/charts/${encodeURIComponent(i.id)}.png`);
  }

  main.append(h('h2', {}, 'Runs'),
    h('table', { class: 'grid', id: 'unit-runs' },
      h('thead', {}, h('tr', {}, ['run', 'stand', 'created', 'starts', 'hot fire, s', ...u.indicators.map(i => i.id), 'report'].map(x => h('th', {}, x)))),
      h('tbody', {}, u.history.map(r => h('tr', {},
        h('td', {}, h('a', { href: '#/run/' + r.runId }, r.testId || r.runId.slice(0, 8)), r.maintenanceBefore ? h('div', { class: 'muted' }, 'after maintenance') : null),
        h('td', {}, r.stand || '—'), h('td', {}, fmtTime(r.createdAt)),
        h('td', {}, r.endedAt ? r.starts : 'in progress'), h('td', {}, r.endedAt ? fmtNum(r.firingSeconds) : '—'),
        ...u.indicators.map(i => {
          const v = r.indicators.find(x => x.indicator === i.id);
          return h('td', { title: v && v.value == null ? v.missingReason : '' }, !r.endedAt ? '—' : !v || v.value == null ? 'missing' : fmtNum(v.value, 4));
        }),
        h('td', {}, h('a', { href: '#/report/' + r.runId, class: 'report-link' }, 'report')))))));

  if (u.maintenance.length) {
    main.append(h('h2', {}, 'Maintenance'), h('ul', {}, u.maintenance.map(m => h('li', {}, `${fmtTime(m.at)} ${m.by}: ${m.note}`))));
  }
}
