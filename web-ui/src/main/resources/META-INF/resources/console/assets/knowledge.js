// Governed knowledge changes (#/knowledge...; docs/knowledge-changes.md): per domain the proposals with
// their shadow progress, the version history with rollback, and the monitor-only version with its
// events kept apart. The proposal page and the propose form are in their own modules.
import { api } from './api.js';
import { h, clear, field, fmtTime, toast } from './dom.js';
import { can } from './roles.js';
import { problemText } from './widgets.js';
import { base, proposalHref, statusPill, shadowText, selectionFields, problemBox } from './knowledge-common.js';
import { proposalPage } from './knowledge-proposal.js';
import { proposePage } from './knowledge-propose.js';

/** #/knowledge → domains; #/knowledge/{d} → the domain; .../propose[?file=]; .../proposal/{id}. */
export async function knowledgePage(main, parts, q) {
  if (!can.readKnowledge()) { main.append(h('p', { class: 'error' }, 'Knowledge changes are for engineers, leads, auditors and admins.')); return; }
  const domain = parts[0] ? decodeURIComponent(parts[0]) : null;
  if (!domain) return domainsPage(main);
  if (parts[1] === 'propose') return proposePage(main, domain, q);
  if (parts[1] === 'proposal' && parts[2]) return proposalPage(main, domain, parts[2]);
  return domainPage(main, domain, q);
}

async function domainsPage(main) {
  const engines = await api('/api/v1/engines');
  main.append(h('section', {}, h('h2', {}, 'Knowledge of each domain'),
    h('p', { class: 'muted' }, 'Rules, limits and vocabulary change through proposals: compiled and validated at once, shadowed on archived runs, '
      + 'approved by a second lead or admin, activated on every instance without a restart, rolled back the same way.'),
    h('ul', { id: 'knowledge-domains' }, engines.map(e => h('li', {}, h('a', { href: '#/knowledge/' + encodeURIComponent(e.id) }, e.id), ` — ${e.name}, rule set `,
      h('code', {}, e.ruleSetVersion))))));
}

async function domainPage(main, domain, q) {
  const status = h('p', { id: 'knowledge-status', class: 'kstatusline' });
  const filter = h('select', { id: 'proposal-status' }, [['', 'all'], ['SHADOWED', 'awaiting review'], ['SHADOWING', 'shadow running'],
    ['SUBMITTED', 'no shadow yet'], ['MONITORING', 'monitor-only'], ['MONITOR_STOPPED', 'monitor-only, stopped'], ['APPROVED', 'approved'], ['REJECTED', 'rejected'], ['SHADOW_FAILED', 'shadow failed']]
    .map(([v, l]) => h('option', { value: v, selected: (q.get('status') || '') === v }, l)));
  const proposals = h('tbody');
  const versionsBox = h('div', { id: 'versions-box' });
  const monitorBox = h('section', { id: 'monitor', class: 'monitor-only', 'aria-labelledby': 'mon-h' });
  main.append(h('section', { 'aria-labelledby': 'kn-h' },
    h('h2', { id: 'kn-h' }, `Knowledge — ${domain}`), status,
    can.changeKnowledge() ? h('p', {}, h('a', { href: `#/knowledge/${encodeURIComponent(domain)}/propose`, id: 'propose-link', class: 'button' }, 'Propose a change')) : null,
    h('h3', {}, 'Proposals'), field('Show', filter),
    h('table', { class: 'grid', id: 'proposals' }, h('thead', {}, h('tr', {}, ['Proposal', 'Created', 'Kind', 'Status', 'Author', 'Reason', 'Files', 'Shadow', 'Review']
      .map(c => h('th', { scope: 'col' }, c)))), proposals),
    h('h3', {}, 'Version history'), versionsBox),
  monitorBox);

  // Every part is rebuilt only when what it shows changed: focus, open forms and typed text survive the refresh.
  let statusKey = '';
  let proposalsKey = '';
  let versionsKey = '';
  let monitorKey = '';
  let loads = 0;
  const load = async () => {
    const [list, v] = await Promise.all([api(`${base(domain)}/proposals${filter.value ? '?status=' + filter.value : ''}`), api(`${base(domain)}/versions`)]);
    const sk = JSON.stringify([v.active, v.loaded, v.loadedRuleSet, v.monitor, v.loadedMonitor]);
    if (sk !== statusKey) renderStatus(v);
    statusKey = sk;
    const pk = JSON.stringify([filter.value, list.map(p => [p.id, p.status, p.shadow && p.shadow.done, p.reviewer])]);
    if (pk !== proposalsKey) renderProposals(list);
    proposalsKey = pk;
    // The history and the monitor box hold forms: rebuilt only when what they show changed and no form is open.
    const vk = JSON.stringify([v.active, v.monitor, v.versions.map(x => [x.version, x.endedAt])]);
    if (vk !== versionsKey && !versionsBox.querySelector('details[open]')) {
      versionsKey = vk;
      clear(versionsBox).append(versionsTable(domain, v));
    }
    const mk = JSON.stringify([v.monitor, v.loadedMonitor]);
    if (mk !== monitorKey && !monitorBox.contains(document.activeElement)) {
      monitorKey = mk;
      await renderMonitor(monitorBox, domain, v, load);
    } else if (++loads % 5 === 0) {
      await refreshMonitorEvents(domain); // up to 10 000 rows: not on every refresh
    }
  };
  const renderStatus = v => {
    // h() flattens the nested parts (the DOM's own append would write an array as text).
    clear(status).append(h('span', {}, `Active version ${v.active}`, v.active === 0 ? ' (the shipped folder)' : '', ' · this instance runs ',
      h('strong', { id: 'loaded-version', 'data-version': v.loaded }, `version ${v.loaded}`), ' (rule set ', h('code', {}, v.loadedRuleSet), ')',
      v.monitor != null ? [' · ', h('span', { class: 'monitor-label' }, 'monitor-only'), ': ', h('strong', { id: 'monitor-version' }, `version ${v.monitor}`),
        v.loadedMonitor === v.monitor ? ' (running here)' : ' (not yet running here)'] : null));
  };
  const renderProposals = list => {
    clear(proposals);
    if (!list.length) proposals.append(h('tr', {}, h('td', { colspan: '9', class: 'muted' }, 'No proposals.')));
    for (const p of list) {
      proposals.append(h('tr', { 'data-proposal': p.id, 'data-status': p.status },
        h('td', {}, h('a', { href: proposalHref(domain, p.id) }, p.id.slice(0, 8))),
        h('td', { class: 'nowrap' }, fmtTime(p.createdAt)),
        h('td', {}, p.kind === 'ROLLBACK' ? `rollback to ${p.targetVersion}` : 'change', h('div', { class: 'muted small' }, `on version ${p.baseVersion}`)),
        h('td', {}, statusPill(p.status), p.activatedVersion != null ? h('div', { class: 'muted small' }, `→ version ${p.activatedVersion}`) : null),
        h('td', {}, p.author), h('td', { class: 'reason' }, p.reason), h('td', {}, (p.changedFiles || []).join(', ') || '—'),
        h('td', {}, p.status === 'SHADOWING' && p.shadow
          ? h('progress', { max: String(p.shadow.total), value: String(p.shadow.done), 'aria-label': 'shadow progress' }) : null, ' ', shadowText(p)),
        h('td', {}, p.reviewer ? `${p.reviewer}: ${p.reviewComment || ''}` : '—')));
    }
  };
  filter.addEventListener('change', () => load().catch(e => toast(problemText(e), 'error')));
  await load();
  const timer = setInterval(() => load().catch(() => {}), 3000);
  return () => clearInterval(timer);
}

function versionsTable(domain, v) {
  const rows = [...v.versions, { version: 0, kind: 'SHIPPED', mode: 'ACTIVE', files: [], ruleSetVersion: null, activatedBy: null }];
  return h('table', { class: 'grid', id: 'versions' },
    h('thead', {}, h('tr', {}, ['Version', 'Kind', 'Mode', 'Activated by', 'When', 'Effective', 'Files', 'Rule set', 'Ended', 'Proposal', '']
      .map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map(x => h('tr', { 'data-version': x.version, 'data-active': String(x.version === v.active), 'data-mode': x.mode, 'data-kind': x.kind,
      class: x.version === v.active ? 'active-version' : '' },
    h('td', { class: 'num' }, String(x.version), x.version === v.active ? h('div', { class: 'small' }, 'active') : null,
      x.version === v.monitor ? h('div', { class: 'small monitor-label' }, 'monitor-only') : null),
    h('td', {}, x.kind === 'SHIPPED' ? 'shipped folder' : x.kind === 'ROLLBACK' ? 'rollback' : 'change'),
    h('td', {}, x.mode === 'MONITOR' ? h('span', { class: 'monitor-label' }, 'MONITOR') : x.mode),
    h('td', {}, x.activatedBy || '—'), h('td', { class: 'nowrap' }, x.activatedAt ? fmtTime(x.activatedAt) : '—'),
    h('td', { class: 'nowrap' }, x.effectiveAt ? fmtTime(x.effectiveAt) : '—'),
    h('td', {}, x.files.length ? x.files.join(', ') : h('span', { class: 'muted' }, 'as shipped')),
    h('td', {}, x.ruleSetVersion ? h('code', {}, x.ruleSetVersion) : '—'),
    h('td', {}, x.endedAt ? `${fmtTime(x.endedAt)} by ${x.endedBy}` : '—'),
    h('td', {}, x.proposal ? h('a', { href: proposalHref(domain, x.proposal) }, x.proposal.slice(0, 8)) : '—'),
    h('td', {}, can.changeKnowledge() && x.version !== v.active && x.mode === 'ACTIVE' ? rollbackForm(domain, x.version) : null)))));
}

function rollbackForm(domain, version) {
  const reason = h('textarea', { id: `rollback-reason-${version}`, rows: '2', maxlength: '2000', placeholder: 'why go back' });
  const sel = selectionFields(`rollback-${version}`);
  const out = h('div', { class: 'problem-box', role: 'alert', hidden: true });
  return h('details', { class: 'rollback' }, h('summary', {}, `Roll back to version ${version}`),
    h('form', { 'data-rollback': version, onsubmit: async ev => {
      ev.preventDefault();
      try {
        const p = await api(`${base(domain)}/versions/${version}/rollback`, { method: 'POST', json: { reason: reason.value, shadow: sel.value() } });
        toast(`Rollback to version ${version} proposed; its shadow runs`);
        location.hash = proposalHref(domain, p.id);
      } catch (e) { problemBox(out, e); }
    } }, h('p', { class: 'muted small' }, 'A rollback is a proposal like any other: shadowed, then approved by another lead or admin.'),
    field('Reason', reason), sel.el, h('button', { type: 'submit' }, `Propose rollback to version ${version}`), out));
}

async function renderMonitor(box, domain, v, reload) {
  clear(box).append(h('h3', { id: 'mon-h' }, 'Monitor-only'),
    h('p', { class: 'muted' }, 'A version approved monitor-only runs beside the active one on live data. What it concludes is kept here, apart: '
      + 'it is not in the runs\' own events and never raises an alarm.'));
  if (v.monitor != null) {
    box.append(h('p', {}, h('span', { class: 'monitor-label' }, 'MONITOR-ONLY'), ` version ${v.monitor} runs beside active version ${v.active}`,
      v.loadedMonitor === v.monitor ? ' on this instance.' : ' (this instance has not loaded it yet).'));
    if (can.changeKnowledge()) {
      const comment = h('input', { id: 'monitor-stop-comment', type: 'text', size: '40', placeholder: 'why stop' });
      const out = h('div', { class: 'problem-box', role: 'alert', hidden: true });
      box.append(h('form', { id: 'monitor-stop', class: 'inline', onsubmit: async ev => {
        ev.preventDefault();
        try {
          await api(`${base(domain)}/monitor/stop`, { method: 'POST', json: { comment: comment.value } });
          toast(`Monitor-only version ${v.monitor} stopped`);
          document.activeElement.blur(); // the box is rebuilt only without focus inside
          reload();
        } catch (e) { problemBox(out, e); }
      } }, field('Comment', comment), h('button', { type: 'submit' }, 'Stop monitor-only'), out));
    }
  } else {
    box.append(h('p', {}, 'No monitor-only version runs now.'));
  }
  box.append(h('h4', {}, 'Monitor-only events (not alarms; newest first)'),
    h('table', { class: 'grid monitor-events', id: 'monitor-events' }, h('thead', {}, h('tr', {},
      ['Run', 'Version', 'Run time', 'Type', 'Code', 'Severity', 'Sensor', 'Message', 'Recorded'].map(c => h('th', { scope: 'col' }, c)))), h('tbody')));
  await refreshMonitorEvents(domain);
}

async function refreshMonitorEvents(domain) {
  const tbody = document.querySelector('#monitor-events tbody');
  if (!tbody) return;
  const events = await api(`${base(domain)}/monitor-events?order=newest&limit=200`);
  const key = events.length ? String(events[0].id) + '/' + events.length : '0';
  if (tbody.dataset.key === key) return;
  tbody.dataset.key = key;
  clear(tbody);
  if (!events.length) tbody.append(h('tr', {}, h('td', { colspan: '9', class: 'muted' }, 'No monitor-only events.')));
  for (const e of events) {
    tbody.append(h('tr', { 'data-event': e.id },
      h('td', {}, h('a', { href: '#/run/' + e.runId }, String(e.runId).slice(0, 8))), h('td', { class: 'num' }, e.version),
      h('td', { class: 'num' }, `${Number(e.t).toFixed(2)} s`), h('td', {}, e.type), h('td', {}, e.code),
      h('td', {}, e.severity ? h('span', { class: 'monitor-label' }, e.severity + ' (monitor-only)') : '—'),
      h('td', {}, e.sensor || '—'), h('td', {}, e.message), h('td', { class: 'nowrap' }, fmtTime(e.createdAt))));
  }
}
