// One proposal (#/knowledge/{domain}/proposal/{id}): what it changes (a line diff of each file against
// the version it was proposed on), its shadow on archived runs (per run the findings, alarms and
// recommendations gained, lost or moved, each run linked to its run page), and the review — approve,
// approve monitor-only, reject — for leads and admins other than the author. Refusals show the
// server's problem as it gave it.
import { api } from './api.js';
import { h, clear, field, fmtTime, toast } from './dom.js';
import { can, session } from './roles.js';
import { base, statusPill, shadowText, selectionFields, problemBox } from './knowledge-common.js';
import { lineDiff, diffStat, diffTable } from './diff.js';

const OPEN = ['SUBMITTED', 'SHADOWING', 'SHADOWED', 'SHADOW_FAILED', 'MONITORING', 'MONITOR_STOPPED'];
const GROUPS = [['Findings', ['FINDING', 'SENSOR', 'DIAGNOSIS_FAULT']], ['Alarms', ['ALARM']], ['Recommendations and aborts', ['RECOMMENDATION', 'ABORT']]];

export async function proposalPage(main, domain, id) {
  let p = await api(`${base(domain)}/proposals/${encodeURIComponent(id)}`);
  const head = h('div', { id: 'proposal-head' });
  const shadowBox = h('section', { id: 'shadow', 'aria-labelledby': 'sh-h' });
  const diffBox = h('section', { id: 'diff', 'aria-labelledby': 'df-h' }, h('h3', { id: 'df-h' }, 'What changes'), h('p', { class: 'muted' }, 'Loading the files…'));
  const reviewBox = h('section', { id: 'review', class: 'card', 'aria-labelledby': 'rv-h' });
  main.append(h('p', {}, h('a', { href: `#/knowledge/${encodeURIComponent(domain)}` }, `← Knowledge of ${domain}`)), head, diffBox,
    h('div', { class: 'proposal-cols' }, shadowBox, reviewBox));

  let headKey = '';
  let shadowKey = '';
  let reviewKey = '';
  const render = () => {
    const hk = JSON.stringify([p.status, p.reviewer, p.activatedVersion]);
    if (hk !== headKey) { headKey = hk; renderHead(head, p); }
    const sk = JSON.stringify([p.status, p.shadow && [p.shadow.done, p.shadow.finished, p.shadow.error]]);
    if (sk !== shadowKey) { shadowKey = sk; renderShadow(shadowBox, domain, p, load); }
    // The review form is rebuilt only when it must change (closed, or monitor-only now): a typed comment stays.
    const rk = JSON.stringify([OPEN.includes(p.status), p.status === 'MONITORING']);
    if (rk !== reviewKey) {
      reviewKey = rk;
      renderReview(reviewBox, domain, p, load);
    } else {
      const hint = reviewBox.querySelector('.review-hint');
      if (hint) hint.textContent = reviewHint(p);
    }
  };
  const load = async () => {
    p = await api(`${base(domain)}/proposals/${encodeURIComponent(id)}`);
    render();
  };
  render();
  renderDiff(diffBox, domain, p).catch(e => clear(diffBox).append(h('h3', { id: 'df-h' }, 'What changes'), h('p', { class: 'error' }, 'Files: ' + e.message)));
  // While the shadow runs its progress is read every second; afterwards every 3 s (another reviewer may act).
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    try { await load(); } catch (e) { /* next time */ }
    if (!stopped) timer = setTimeout(tick, p.status === 'SHADOWING' ? 1000 : 3000);
  };
  let timer = setTimeout(tick, p.status === 'SHADOWING' ? 1000 : 3000);
  return () => { stopped = true; clearTimeout(timer); };
}

function renderHead(head, p) {
  clear(head).append(
    h('h2', {}, p.kind === 'ROLLBACK' ? `Rollback of ${p.domain} to version ${p.targetVersion}` : `Proposed change to ${p.domain}`, ' ', statusPill(p.status)),
    h('dl', { class: 'proposal-meta' },
      h('dt', {}, 'Proposal'), h('dd', { id: 'proposal-id' }, p.id),
      h('dt', {}, 'Author'), h('dd', { id: 'proposal-author' }, p.author),
      h('dt', {}, 'Created'), h('dd', {}, fmtTime(p.createdAt)),
      h('dt', {}, 'Reason'), h('dd', { id: 'proposal-reason' }, p.reason),
      h('dt', {}, 'Files'), h('dd', {}, (p.changedFiles || []).join(', ') || (p.kind === 'ROLLBACK' ? 'the shipped folder' : '—')),
      h('dt', {}, 'Proposed on'), h('dd', {}, `version ${p.baseVersion}`),
      h('dt', {}, 'Rule set'), h('dd', {}, h('code', {}, p.ruleSetVersion)),
      p.reviewer ? [h('dt', {}, 'Review'), h('dd', { id: 'proposal-review' }, `${p.status.toLowerCase()} by ${p.reviewer} at ${fmtTime(p.reviewedAt)}: “${p.reviewComment || ''}”`)] : null,
      p.activatedVersion != null ? [h('dt', {}, 'Activated as'), h('dd', { id: 'proposal-activated' },
        `version ${p.activatedVersion}${p.status === 'MONITORING' ? ' (monitor-only)' : p.status === 'MONITOR_STOPPED' ? ' (monitor-only, stopped)' : ''}`)] : null));
}

// ---------------------------------------------------------------- diff
async function renderDiff(box, domain, p) {
  const [before, target] = await Promise.all([api(`${base(domain)}/files?version=${p.baseVersion}`),
    p.kind === 'ROLLBACK' ? api(`${base(domain)}/files?version=${p.targetVersion}`) : Promise.resolve(null)]);
  const old = Object.fromEntries(before.files.map(f => [f.path, f.text]));
  const proposed = target ? Object.fromEntries(target.files.map(f => [f.path, f.text])) : Object.assign({}, old, p.files || {});
  const paths = [...new Set([...Object.keys(old), ...Object.keys(proposed)])].sort().filter(x => old[x] !== proposed[x]);
  clear(box).append(h('h3', { id: 'df-h' }, 'What changes'),
    h('p', { class: 'muted' }, `Each changed file against version ${p.baseVersion}, the version the proposal was made on`,
      before.active !== p.baseVersion && OPEN.includes(p.status)
        ? h('strong', { class: 'error' }, ` — version ${before.active} is active now: approval will be refused as out of date; propose the change again on top of it.`) : '.'));
  if (!paths.length) box.append(h('p', {}, 'No file differs.'));
  for (const path of paths) {
    const ops = lineDiff(old[path] ?? '', proposed[path] ?? '');
    const st = diffStat(ops);
    box.append(h('details', { open: true, class: 'diff-file', 'data-file': path },
      h('summary', {}, h('code', {}, path), ` — ${st.added} line${st.added === 1 ? '' : 's'} added, ${st.removed} removed`,
        old[path] === undefined ? ' (new file)' : ''),
      diffTable(ops, 3, { 'aria-label': `Changes to ${path}` })));
  }
}

// ---------------------------------------------------------------- shadow
function changeItem(c) {
  const t = x => x == null ? '?' : `${Number(x).toFixed(2)} s`;
  const what = `${c.code}${c.sensor ? ' ' + c.sensor : ''}`;
  const words = c.kind === 'GAINED' ? ['+ gained ', what, ` at ${t(c.candidateT)}`] : c.kind === 'LOST' ? ['− lost ', what, ` (was at ${t(c.liveT)})`]
    : ['↔ moved ', what, ` ${t(c.liveT)} → ${t(c.candidateT)}`];
  return h('li', { class: 'chg chg-' + c.kind.toLowerCase(), 'data-key': c.key, 'data-kind': c.kind }, h('strong', {}, words[0]), words[1], words[2]);
}

function renderShadow(box, domain, p, reload) {
  const s = p.shadow;
  clear(box).append(h('h3', { id: 'sh-h' }, 'Shadow on archived runs'));
  if (!s) box.append(h('p', {}, 'No shadow has run: approval needs one.'));
  else if (p.status === 'SHADOWING') {
    box.append(h('p', { id: 'shadow-progress' }, h('progress', { max: String(s.total), value: String(s.done), 'aria-label': 'shadow progress' }),
      ` ${shadowText(p)} replayed with the old and the new rules (in the background, yielding to live data)`));
  } else if (s.error) {
    box.append(h('p', { class: 'error', id: 'shadow-error' }, 'The shadow failed: ' + s.error));
  }
  const r = s && s.result;
  if (r) {
    const c = r.changes || {};
    box.append(h('p', { id: 'shadow-summary' }, `${r.runs} run${r.runs === 1 ? '' : 's'}, ${r.frames} frames: `,
      h('strong', {}, `${r.changedRuns} changed`), ` — ${c.GAINED || 0} gained, ${c.LOST || 0} lost, ${c.MOVED || 0} moved by more than ${r.tolerance} s.`),
    h('p', { class: 'muted small' }, 'Rule set ', h('code', {}, r.baseRuleSet), ' → ', h('code', {}, r.candidateRuleSet),
      ` · finished ${fmtTime(s.finished)} · result SHA-256 `, h('code', { title: s.digest }, String(s.digest).slice(0, 16) + '…')));
    const only = h('input', { type: 'checkbox', id: 'shadow-only-changed' });
    const runs = [...r.perRun].sort((a, b) => (b.changes.length > 0) - (a.changes.length > 0));
    const tbody = h('tbody', {}, runs.map(x => h('tr', { 'data-run': x.runId, 'data-changed': String(x.changes.length > 0), class: x.changes.length ? '' : 'unchanged' },
      h('td', { class: 'nowrap' }, h('a', { href: '#/run/' + x.runId, class: 'run-link' }, x.testId || String(x.runId).slice(0, 8))),
      h('td', { class: 'nowrap' }, x.unit || '—'), h('td', { class: 'nowrap' }, fmtTime(x.createdAt)), h('td', { class: 'num' }, x.frames),
      ...GROUPS.map(([, types]) => {
        const cs = x.changes.filter(ch => types.includes(ch.type));
        return h('td', {}, cs.length ? h('ul', { class: 'changes' }, cs.map(changeItem)) : h('span', { class: 'muted' }, x.changes.length ? '—' : 'no change'));
      }))));
    only.addEventListener('change', () => tbody.querySelectorAll('tr.unchanged').forEach(tr => { tr.hidden = only.checked; }));
    box.append(h('label', { class: 'inline small' }, only, ' only runs that change'),
      h('table', { class: 'grid', id: 'shadow-table' }, h('thead', {}, h('tr', {}, ['Run', 'Unit', 'Created', 'Frames', ...GROUPS.map(g => g[0])]
        .map(x => h('th', { scope: 'col' }, x)))), tbody));
  }
  if (can.changeKnowledge() && ['SUBMITTED', 'SHADOWED', 'SHADOW_FAILED'].includes(p.status)) {
    const sel = selectionFields('reshadow');
    const out = h('div', { class: 'problem-box', role: 'alert', hidden: true });
    box.append(h('details', { id: 'reshadow' }, h('summary', {}, s ? 'Run the shadow again' : 'Run the shadow'),
      h('form', { onsubmit: async ev => {
        ev.preventDefault();
        try {
          await api(`${base(domain)}/proposals/${p.id}/shadow`, { method: 'POST', json: sel.value() });
          toast('Shadow started');
          reload();
        } catch (e) { problemBox(out, e); }
      } }, sel.el, h('button', { type: 'submit' }, 'Start the shadow'), out)));
  }
}

// ---------------------------------------------------------------- review
function reviewHint(p) {
  if (p.status === 'SHADOWING') return 'Approval needs the shadow to have finished.';
  if (p.status === 'SUBMITTED' || p.status === 'SHADOW_FAILED') return 'Approval needs a finished shadow: run it first.';
  if (p.status === 'MONITORING') return `Runs monitor-only as version ${p.activatedVersion}: approve to make it active, or reject to end it.`;
  if (p.status === 'MONITOR_STOPPED') return `Ran monitor-only as version ${p.activatedVersion}, now stopped: approve to make it active (or monitor-only again), or reject it.`;
  return 'Approve activates it on every instance at the next window; monitor-only runs it beside the active rules, never alarming.';
}

function renderReview(box, domain, p, reload) {
  clear(box).append(h('h3', { id: 'rv-h' }, 'Review'));
  if (!OPEN.includes(p.status)) {
    box.append(h('p', { id: 'review-done' }, `${p.status === 'APPROVED' ? 'Approved' : 'Rejected'} by ${p.reviewer}: “${p.reviewComment || ''}”`,
      p.activatedVersion != null ? ` — version ${p.activatedVersion}.` : ''));
    return;
  }
  if (!can.changeKnowledge()) { box.append(h('p', { class: 'muted' }, 'Leads and admins review proposals.')); return; }
  if (p.author === session.me.subject) {
    box.append(h('p', { id: 'own-proposal', class: 'own' }, 'You proposed this change: another lead or admin must review it (two-person rule).'));
    return;
  }
  const comment = h('textarea', { id: 'review-comment', rows: '3', maxlength: '2000', placeholder: 'why it may go live, or why not' });
  const out = h('div', { id: 'review-problem', class: 'problem-box', role: 'alert', hidden: true });
  const act = (verb, mode) => async () => {
    out.hidden = true;
    const body = { comment: comment.value };
    if (mode) body.mode = mode;
    try {
      const r = await api(`${base(domain)}/proposals/${p.id}/${verb}`, { method: 'POST', json: body });
      toast(verb === 'reject' ? 'Proposal rejected' : `Approved: version ${r.activatedVersion}${mode === 'MONITOR' ? ' runs monitor-only' : ' is active'}`);
      reload();
    } catch (e) { problemBox(out, e); }
  };
  box.append(h('p', { class: 'muted review-hint' }, reviewHint(p)), field('Comment', comment),
    h('div', { class: 'review-buttons' },
      h('button', { type: 'button', id: 'approve', onclick: act('approve', null) }, 'Approve and activate'),
      p.status !== 'MONITORING' ? h('button', { type: 'button', id: 'approve-monitor', onclick: act('approve', 'MONITOR') }, 'Approve as monitor-only') : null,
      h('button', { type: 'button', id: 'reject', class: 'danger', onclick: act('reject', null) }, 'Reject')), out);
}
