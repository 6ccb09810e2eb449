// The alarm summary across runs (#/alarms) and the announcements feed; refreshed every 5 s while shown.
import { api } from './api.js';
import { h, clear, field, fmtTime } from './dom.js';
import { AlarmList } from './alarmlist.js';
import { can } from './roles.js';
import { severityBadge, renderCounts, refreshHeaderCount } from './widgets.js';

export async function alarmsPage(main) {
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
  return () => clearInterval(timer);
}

