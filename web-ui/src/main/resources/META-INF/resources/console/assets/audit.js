// Audit review (#/audit, auditors only): filters, chain verification, CSV / JSON-lines export.
import { api } from './api.js';
import { h, clear, field, fmtTime, toast } from './dom.js';
import { can } from './roles.js';
import { problemText } from './widgets.js';

export async function auditPage(main, q) {
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

