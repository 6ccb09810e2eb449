// Pieces shared by the knowledge pages: API paths, status pills, the shadow's run selection, problem details.
import { h, field } from './dom.js';
import { ApiError } from './api.js';

export const base = domain => '/api/v1/domains/' + encodeURIComponent(domain);
export const proposalHref = (domain, id) => `#/knowledge/${encodeURIComponent(domain)}/proposal/${id}`;

const STATUS_WORDS = {
  SUBMITTED: 'submitted, no shadow yet', SHADOWING: 'shadow running', SHADOWED: 'shadow done, awaiting review',
  SHADOW_FAILED: 'shadow failed', MONITORING: 'monitor-only', MONITOR_STOPPED: 'monitor-only, stopped', APPROVED: 'approved', REJECTED: 'rejected',
};

export function statusPill(status) {
  return h('span', { class: 'pill kstatus kstatus-' + String(status).toLowerCase(), 'data-status': status, title: STATUS_WORDS[status] || status },
    String(status).replace('_', ' '));
}

/** Shadow progress in words: "3 of 4 runs", and when finished how many changed. */
export function shadowText(p) {
  const s = p.shadow;
  if (!s) return 'not run';
  if (p.status === 'SHADOWING') return `${s.done} of ${s.total} runs…`;
  if (s.error) return 'failed: ' + s.error;
  return `${s.done} of ${s.total} runs${s.finished ? ' · done' : ''}`;
}

/**
 * The archived runs a shadow replays: runs of an engine unit, created in a date range, the newest N.
 * Returns {el, value()} — value() is the selection body of the API.
 */
export function selectionFields(prefix, limit = 20) {
  const unit = h('input', { id: prefix + '-unit', type: 'text', size: '14', placeholder: 'any unit' });
  const from = h('input', { id: prefix + '-from', type: 'datetime-local' });
  const to = h('input', { id: prefix + '-to', type: 'datetime-local' });
  const max = h('input', { id: prefix + '-limit', type: 'number', min: '1', max: '10000', step: '1', value: String(limit) });
  const el = h('fieldset', { class: 'selection' }, h('legend', {}, 'Shadow on archived runs'),
    field('Engine unit (serial)', unit), field('Created from (local time)', from), field('Created before (local time)', to),
    field('At most, newest first', max));
  return {
    el,
    value() {
      const s = {};
      if (unit.value.trim()) s.unit = unit.value.trim();
      if (from.value) s.from = new Date(from.value).toISOString();
      if (to.value) s.to = new Date(to.value).toISOString();
      if (max.value) s.limit = Number(max.value);
      return s;
    },
  };
}

/** A refusal as the server gave it: its detail, then type, file, line, rule, sensor, field and every error listed. */
export function problemBox(box, e) {
  box.replaceChildren();
  box.hidden = false;
  if (!(e instanceof ApiError)) { box.append(h('p', {}, String(e.message || e))); return; }
  const p = e.problem || {};
  const rows = [['type', p.type ? String(p.type).replace('urn:hotfire:problem:', '') : null], ['file', p.file], ['line', p.line],
    ['rule', p.rule], ['sensor', p.sensor], ['field', p.field], ['status', p.status ?? e.status]]
    .filter(([, v]) => v !== undefined && v !== null && v !== '');
  box.append(...[h('p', { class: 'problem-detail' }, h('strong', {}, (p.title || 'Refused') + ': '), e.message),
    h('dl', { class: 'problem' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', { 'data-member': k }, String(v))])),
    Array.isArray(p.errors) && p.errors.length ? h('ul', { class: 'problem-errors' }, p.errors.slice(0, 20).map(x => h('li', {},
      typeof x === 'string' ? x : Object.entries(x).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => `${k}: ${v}`).join(' · ')))) : null]
    .filter(Boolean));
}
