// The rule catalogue (#/rules[?q=]): every rule of the active rule set with its sentence, codes, source and firings.
import { api } from './api.js';
import { h, clear, field } from './dom.js';

export async function rulesPage(main, q) {
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

