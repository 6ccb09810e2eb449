// The propose form (#/knowledge/{domain}/propose[?file=]): choose a file, edit its text (pre-filled with
// the active version's), as many files as needed, give a reason and the archived runs to shadow on.
// The server compiles and validates at once; a refusal is shown as its problem (file, line, rule), and
// the editor jumps to the line it names.
import { api } from './api.js';
import { h, clear, field, toast } from './dom.js';
import { can } from './roles.js';
import { base, proposalHref, selectionFields, problemBox } from './knowledge-common.js';
import { lineDiff, diffStat, diffTable } from './diff.js';

export async function proposePage(main, domain, q) {
  if (!can.changeKnowledge()) { main.append(h('p', { class: 'error' }, 'Leads and admins propose knowledge changes.')); return; }
  const active = await api(`${base(domain)}/files`);
  const original = Object.fromEntries(active.files.map(f => [f.path, f.text]));
  const edited = {};
  const chooser = h('select', { id: 'propose-file' }, active.files.map(f => h('option', { value: f.path, selected: q.get('file') === f.path },
    f.path + (f.changed ? ` (changed in version ${active.version})` : ''))));
  const text = h('textarea', { id: 'propose-text', class: 'code-editor', rows: '26', spellcheck: 'false', 'aria-label': 'File text' });
  const changedList = h('p', { id: 'propose-changed', class: 'muted' });
  const preview = h('div', { id: 'propose-preview' });
  const reason = h('textarea', { id: 'propose-reason', rows: '2', maxlength: '2000', placeholder: 'why: what was seen, which test, which source' });
  const sel = selectionFields('propose');
  const out = h('div', { id: 'propose-problem', class: 'problem-box', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', id: 'propose-submit' }, 'Submit the proposal');

  let shown = chooser.value;
  const changed = () => Object.keys(edited).filter(p => edited[p] !== original[p]);
  const refreshChanged = () => {
    const c = changed();
    changedList.textContent = c.length ? 'Changed: ' + c.join(', ') : 'No file changed yet.';
  };
  const show = path => {
    shown = path;
    text.value = edited[path] ?? original[path];
    clear(preview);
    refreshChanged();
  };
  chooser.addEventListener('change', () => show(chooser.value));
  text.addEventListener('input', () => { edited[shown] = text.value; refreshChanged(); });
  show(shown);

  const showDiff = h('button', { type: 'button', id: 'propose-diff' }, 'Show the diff of this file');
  showDiff.addEventListener('click', () => {
    const ops = lineDiff(original[shown], text.value);
    const st = diffStat(ops);
    clear(preview).append(h('p', { class: 'muted' }, `${shown}: ${st.added} added, ${st.removed} removed against version ${active.version}`),
      diffTable(ops, 3, { 'aria-label': `Changes to ${shown}` }));
  });

  // Puts the cursor on the line a refusal names, when it is in a file of the form.
  const jumpTo = (file, line) => {
    if (!file || !(file in original)) return;
    if (file !== shown) { chooser.value = file; show(file); }
    if (!line) return;
    const lines = text.value.split('\n');
    const at = lines.slice(0, Math.max(0, line - 1)).reduce((n, l) => n + l.length + 1, 0);
    text.focus();
    text.setSelectionRange(at, at + (lines[line - 1] || '').length);
    text.scrollTop = Math.max(0, (line - 5) * (text.scrollHeight / Math.max(1, lines.length)));
  };

  const form = h('form', { id: 'propose-form', onsubmit: async ev => {
    ev.preventDefault();
    out.hidden = true;
    const files = Object.fromEntries(changed().map(p => [p, edited[p]]));
    submit.disabled = true;
    submit.textContent = 'Compiling and validating…';
    try {
      const p = await api(`${base(domain)}/proposals`, { method: 'POST', json: { reason: reason.value, files } });
      // The shadow is started apart: a selection without runs is refused without losing the stored proposal.
      try {
        await api(`${base(domain)}/proposals/${p.id}/shadow`, { method: 'POST', json: sel.value() });
        toast('Proposal submitted; its shadow runs');
      } catch (e) {
        toast('Proposal submitted, but the shadow was refused: ' + e.message, 'error');
      }
      location.hash = proposalHref(domain, p.id);
    } catch (e) {
      problemBox(out, e);
      out.scrollIntoView({ block: 'nearest' });
      if (e.problem) jumpTo(e.problem.file, Number(e.problem.line) || 0);
    } finally {
      submit.disabled = false;
      submit.textContent = 'Submit the proposal';
    }
  } },
  h('div', { class: 'propose-grid' },
    h('div', {}, field('File', chooser), text, changedList, showDiff, preview),
    h('div', {}, field('Reason', reason), sel.el,
      h('p', { class: 'muted small' }, 'The change is compiled, checked (rule ids, sources, sensors) and the domain tests run before anything is stored.'),
      submit, out)));
  main.append(h('p', {}, h('a', { href: `#/knowledge/${encodeURIComponent(domain)}` }, `← Knowledge of ${domain}`)),
    h('h2', {}, `Propose a change to ${domain}`),
    h('p', { class: 'muted' }, `Edit the text of version ${active.version} (the active one). Files: profile.yaml, vocabulary.yaml, rules/*.drl.`), form);
}
