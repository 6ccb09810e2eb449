// A line diff computed in the browser (longest common subsequence after the common head and tail are
// cut off) and its rendering as a table with old and new line numbers, changes in context.
import { h } from './dom.js';

/** The most cells the LCS table may have; beyond it the changed middle is shown as removed, then added. */
const MAX_CELLS = 4_000_000;

function lines(text) {
  const l = String(text ?? '').split('\n');
  if (l.length > 1 && l[l.length - 1] === '') l.pop();
  return l;
}

/** [{op: ' ' | '-' | '+', a: old line no or null, b: new line no or null, text}] from old text a to new text b. */
export function lineDiff(oldText, newText) {
  const a = lines(oldText);
  const b = lines(newText);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const out = [];
  for (let i = 0; i < head; i++) out.push({ op: ' ', a: i + 1, b: i + 1, text: a[i] });
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const n = am.length;
  const m = bm.length;
  if (n * m > MAX_CELLS || n === 0 || m === 0) {
    am.forEach((t, i) => out.push({ op: '-', a: head + i + 1, b: null, text: t }));
    bm.forEach((t, j) => out.push({ op: '+', a: null, b: head + j + 1, text: t }));
  } else {
    // len[i][j]: longest common subsequence of am[i..] and bm[j..]
    const w = m + 1;
    const len = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        len[i * w + j] = am[i] === bm[j] ? len[(i + 1) * w + j + 1] + 1 : Math.max(len[(i + 1) * w + j], len[i * w + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && am[i] === bm[j]) { out.push({ op: ' ', a: head + i + 1, b: head + j + 1, text: am[i] }); i++; j++; }
      else if (i < n && (j === m || len[(i + 1) * w + j] >= len[i * w + j + 1])) { out.push({ op: '-', a: head + i + 1, b: null, text: am[i] }); i++; }
      else { out.push({ op: '+', a: null, b: head + j + 1, text: bm[j] }); j++; }
    }
  }
  const shift = b.length - a.length;
  for (let k = tail; k > 0; k--) out.push({ op: ' ', a: a.length - k + 1, b: a.length - k + 1 + shift, text: a[a.length - k] });
  return out;
}

/** How many lines were added and removed. */
export function diffStat(ops) {
  return { added: ops.filter(o => o.op === '+').length, removed: ops.filter(o => o.op === '-').length };
}

/** The diff as a table: changed lines with `context` unchanged lines around them, gaps marked. */
export function diffTable(ops, context = 3, attrs = {}) {
  const keep = new Array(ops.length).fill(false);
  ops.forEach((o, k) => {
    if (o.op === ' ') return;
    for (let x = Math.max(0, k - context); x <= Math.min(ops.length - 1, k + context); x++) keep[x] = true;
  });
  const rows = [];
  let skipped = 0;
  const gap = () => {
    if (skipped) rows.push(h('tr', { class: 'gap' }, h('td', { colspan: '4' }, `⋯ ${skipped} unchanged line${skipped === 1 ? '' : 's'}`)));
    skipped = 0;
  };
  ops.forEach((o, k) => {
    if (!keep[k]) { skipped++; return; }
    gap();
    const cls = o.op === '+' ? 'add' : o.op === '-' ? 'del' : 'ctx';
    rows.push(h('tr', { class: cls },
      h('td', { class: 'ln' }, o.a ?? ''), h('td', { class: 'ln' }, o.b ?? ''),
      h('td', { class: 'sign', 'aria-label': o.op === '+' ? 'added' : o.op === '-' ? 'removed' : 'unchanged' }, o.op === ' ' ? '' : o.op === '-' ? '−' : '+'),
      h('td', { class: 'code' }, o.text)));
  });
  gap();
  if (!ops.some(o => o.op !== ' ')) rows.push(h('tr', { class: 'gap' }, h('td', { colspan: '4' }, 'no change')));
  return h('table', Object.assign({ class: 'diff' }, attrs),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'old'), h('th', { scope: 'col' }, 'new'), h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'change')),
      h('th', { scope: 'col' }, 'text'))),
    h('tbody', {}, rows));
}
