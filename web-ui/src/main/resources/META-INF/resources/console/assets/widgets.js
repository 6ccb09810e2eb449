// Small pieces shared by the console's pages: severity badges, refusals in words, rule links, alarm counts.
import { api, ApiError } from './api.js';
import { h, clear } from './dom.js';
import { PRIORITIES } from './alarmlist.js';

export function severityBadge(sev) {
  return h('span', { class: 'sev sev-' + String(sev).toLowerCase() }, sev);
}

/** A refusal in words: the problem's detail and what it names (field, file, line, rule, sensor). */
export function problemText(e) {
  if (!(e instanceof ApiError)) return String(e.message || e);
  const p = e.problem || {};
  const named = ['field', 'file', 'line', 'rule', 'sensor'].filter(k => p[k] !== undefined && p[k] !== null).map(k => `${k}: ${p[k]}`);
  return e.message + (named.length ? ` (${named.join(', ')})` : '');
}

/** Unacknowledged alarm counts by priority, written and coloured. */
export function renderCounts(el, c, strip) {
  const parts = PRIORITIES.filter(p => c.unacknowledged[p] > 0).map(p => h('span', { class: 'count sev sev-' + p.toLowerCase(), 'data-priority': p }, `${c.unacknowledged[p]} ${p}`));
  clear(el).append(strip ? 'Unacknowledged alarms: ' : '', ...(parts.length ? parts : [h('span', { class: 'count none' }, 'none')]),
    c.shelved ? h('span', { class: 'muted' }, ` · ${c.shelved} shelved`) : '');
}

export async function refreshHeaderCount() {
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

export function ruleLinks(rules) {
  return h('span', { class: 'rules' }, (rules || []).map(id => h('a', { href: '#/rules?q=' + encodeURIComponent(id), class: 'rule' }, id)));
}
