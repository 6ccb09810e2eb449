// Alarm lists after ISA-18.2: one compact row per condition (the server folds escalations into it),
// newest first and never re-sorted while the operator reads (a row keeps its place; new rows go on
// top), the run's first-out alarm marked, details on demand, acknowledge selected or all of one
// priority, shelving with a reason and its expiry shown, and shelved or suppressed alarms in a list
// of their own. Updates change rows in place: nothing the operator is typing in, has open, selected
// or focused is ever rebuilt.
import { api, ApiError } from './api.js';
import { h, clear, fmtTime, toast } from './dom.js';

export const PRIORITIES = ['SEVERE', 'CRITICAL', 'DISTRESS', 'WARNING', 'WATCH'];
export const UNACKED = new Set(['UNACKNOWLEDGED', 'RETURNED_UNACKNOWLEDGED']);

function problemText(e) {
  return e instanceof ApiError ? e.message + (e.problem && e.problem.field ? ` (field: ${e.problem.field})` : '') : String(e.message || e);
}

export function alarmName(a) {
  return `${a.code || a.key}${a.sensor ? ' ' + a.sensor : ''}`;
}

/** Says something to screen readers (and shows it as a toast). */
export function announce(text) {
  toast(text);
  const live = document.getElementById('announcer');
  if (live) live.textContent = text;
}

export class AlarmList {
  /**
   * @param opts.can       {operate, unshelve}
   * @param opts.runName   (runId) => test id or short id, named in toasts and announcements
   * @param opts.showRun   link each row to its run (the summary across runs)
   * @param opts.refresh   () => Promise: reload after an action
   * @param opts.onJump    (alarm) => void: show the alarm's moment on the charts
   * @param opts.id        element id of the open list
   */
  constructor(opts) {
    this.opts = opts;
    this.rows = new Map();
    this.known = null; // alarm id -> notified severity, for announcements (null until the first load)
    this.bar = h('div', { class: 'alarm-bar', role: 'toolbar', 'aria-label': 'Alarm actions' });
    this.open = h('ul', { class: 'alarms', id: opts.id || 'alarm-list', 'aria-label': 'Open alarms, newest first' });
    this.empty = h('p', { class: 'muted' }, 'No alarms.');
    this.shelvedList = h('ul', { class: 'alarms shelved', id: (opts.id || 'alarm-list') + '-shelved' });
    this.shelvedCount = h('span', {}, '0');
    this.shelvedBox = h('details', { class: 'shelved-box' }, h('summary', {}, 'Shelved and suppressed (', this.shelvedCount, ')'), this.shelvedList);
    this.el = h('div', { class: 'alarm-panel' }, this.bar, this.empty, this.open, this.shelvedBox);
  }

  /** Applies a fresh list from the server; rows are updated in place, new ones go on top. */
  update(list) {
    const disqualified = new Set(list.filter(a => a.source === 'SENSOR' && a.conditionActive && a.sensor).map(a => a.sensor));
    const seen = new Set();
    const announcements = [];
    for (const a of list.slice().sort((x, y) => x.id - y.id)) {
      seen.add(a.id);
      const suppressed = a.source !== 'SENSOR' && a.sensor && disqualified.has(a.sensor) ? `${a.sensor} disqualified` : null;
      let row = this.rows.get(a.id);
      const home = a.shelved || suppressed ? this.shelvedList : this.open;
      if (!row) {
        row = new AlarmRow(a, this);
        this.rows.set(a.id, row);
        home.prepend(row.li);
      } else if (row.li.parentNode !== home && !row.li.contains(document.activeElement)) {
        // Moving between the open and the shelved list: newest first within the list it joins.
        const after = [...home.children].find(li => Number(li.dataset.alarm) < a.id);
        home.insertBefore(row.li, after || null);
      }
      row.update(a, suppressed);
      if (this.known) {
        const before = this.known.get(a.id);
        if (!a.shelved && (before === undefined || PRIORITIES.indexOf(a.severity) < PRIORITIES.indexOf(before)) && UNACKED.has(a.state)) {
          announcements.push(`${before === undefined ? 'New' : 'Escalated'} ${a.severity} alarm ${alarmName(a)} — run ${this.opts.runName(a.runId)}`);
        }
      }
    }
    for (const [id, row] of this.rows) {
      if (!seen.has(id) && !row.li.contains(document.activeElement)) { row.li.remove(); this.rows.delete(id); }
    }
    this.known = new Map(list.map(a => [a.id, UNACKED.has(a.state) ? a.severity : 'WATCH']));
    if (announcements.length) announce(announcements.slice(-3).join('; '));
    this.empty.hidden = this.open.children.length > 0;
    this.shelvedCount.textContent = String(this.shelvedList.children.length);
    this.renderBar();
  }

  selected() {
    return [...this.rows.values()].filter(r => r.check && r.check.checked && UNACKED.has(r.a.state)).map(r => r.a);
  }

  /** Bulk bar: acknowledge the selected rows, or all unacknowledged rows of one priority in the open list. */
  renderBar() {
    if (!this.opts.can.operate()) { this.bar.hidden = true; return; }
    const open = [...this.rows.values()].filter(r => r.li.parentNode === this.open && UNACKED.has(r.a.state)).map(r => r.a);
    const want = ['selected', ...PRIORITIES.filter(p => open.some(a => a.severity === p))];
    const have = [...this.bar.children].map(b => b.dataset.bulk);
    if (want.join() !== have.join()) {
      const focused = document.activeElement && this.bar.contains(document.activeElement) ? document.activeElement.dataset.bulk : null;
      clear(this.bar);
      for (const w of want) {
        const b = h('button', { type: 'button', class: w === 'selected' ? '' : 'ack sev-btn-' + w.toLowerCase(), dataset: { bulk: w },
          onclick: () => this.ackAll(w === 'selected' ? this.selected() : this.ofPriority(w), w) });
        this.bar.append(b);
        if (w === focused) b.focus();
      }
    }
    for (const b of this.bar.children) {
      const w = b.dataset.bulk;
      if (w === 'selected') { const n = this.selected().length; b.textContent = `Acknowledge selected (${n})`; b.disabled = n === 0; }
      else b.textContent = `Acknowledge all ${w} (${this.ofPriority(w).length})`;
    }
  }

  ofPriority(p) {
    return [...this.rows.values()].filter(r => r.li.parentNode === this.open && UNACKED.has(r.a.state) && r.a.severity === p).map(r => r.a);
  }

  async ackAll(alarms, what) {
    if (!alarms.length) return;
    try {
      const r = await api('/api/v1/alarms/ack', { method: 'POST', json: { ids: alarms.map(a => a.id) } });
      const runs = [...new Set(alarms.map(a => this.opts.runName(a.runId)))].join(', ');
      const skipped = Object.keys(r.skipped || {}).length;
      toast(`Acknowledged ${r.acknowledged.length} ${what === 'selected' ? 'selected' : what} alarm${r.acknowledged.length === 1 ? '' : 's'}`
        + ` (${r.acknowledged.map(alarmName).join(', ')}) — run ${runs}${skipped ? `; ${skipped} already acknowledged` : ''}`);
      for (const row of this.rows.values()) if (row.check) row.check.checked = false;
      await this.opts.refresh();
    } catch (e) { toast('Acknowledge refused: ' + problemText(e), 'error'); }
  }

  async act(a, path, body, what) {
    try {
      await api(`/api/v1/alarms/${a.id}/${path}`, { method: 'POST', json: body });
      toast(`${what}: ${alarmName(a)} (${a.severity}) — run ${this.opts.runName(a.runId)}`);
      await this.opts.refresh();
      return true;
    } catch (e) { toast(`${what} refused: ${alarmName(a)} — ${problemText(e)}`, 'error'); return false; }
  }
}

class AlarmRow {
  constructor(a, list) {
    this.list = list;
    this.a = a;
    const can = list.opts.can;
    const label = alarmName(a);
    this.badge = h('span', { class: 'sev' });
    this.first = h('span', { class: 'first-out', title: 'First-out: the first alarm of this run' }, 'FIRST-OUT');
    this.state = h('span', { class: 'state' });
    this.time = h('button', { type: 'button', class: 'link time', 'aria-label': 'Show on the charts: ' + label,
      onclick: () => list.opts.onJump && list.opts.onJump(this.a) });
    this.flags = h('span', { class: 'flags' });
    this.check = can.operate() ? h('input', { type: 'checkbox', 'aria-label': 'Select ' + label, onchange: () => list.renderBar() }) : null;
    this.ack = can.operate() ? h('button', { type: 'button', class: 'ack', 'aria-label': 'Acknowledge ' + label,
      onclick: () => list.act(this.a, 'ack', {}, 'Acknowledged') }, 'Ack') : null;
    this.message = h('p', { class: 'msg' });
    this.info = h('p', { class: 'muted info' });
    this.shelfInfo = h('p', { class: 'shelf-info' });
    const controls = [];
    if (can.operate()) {
      this.shelveDur = h('select', { 'aria-label': 'Shelve duration for ' + label }, ['5m', '10m', '15m', 'until-unshelved'].map(d => h('option', { value: d }, d)));
      this.shelveReason = h('input', { type: 'text', size: '18', maxlength: '500', 'aria-label': 'Reason for shelving ' + label, placeholder: 'reason (required)' });
      this.shelveBtn = h('button', { type: 'button', 'aria-label': 'Shelve ' + label, onclick: async () => {
        const reason = this.shelveReason.value.trim();
        if (!reason) { toast('Shelving needs a reason: ' + label, 'error'); this.shelveReason.focus(); return; }
        if (await list.act(this.a, 'shelve', { duration: this.shelveDur.value, reason }, 'Shelved')) this.shelveReason.value = '';
      } }, 'Shelve');
      this.shelveGroup = h('span', { class: 'group' }, this.shelveDur, this.shelveReason, this.shelveBtn);
      this.who = h('input', { type: 'text', size: '8', 'aria-label': 'Assign ' + label + ' to', placeholder: 'assignee', value: a.assignee || '',
        oninput: () => { this.who.dataset.dirty = '1'; } });
      const text = h('input', { type: 'text', size: '22', maxlength: '2000', 'aria-label': 'Comment on ' + label, placeholder: 'comment' });
      controls.push(this.shelveGroup,
        h('span', { class: 'group' }, this.who, h('button', { type: 'button', 'aria-label': 'Assign ' + label,
          onclick: async () => { if (await list.act(this.a, 'assign', { assignee: this.who.value.trim() || null }, 'Assigned')) delete this.who.dataset.dirty; } }, 'Assign')),
        h('span', { class: 'group' }, text, h('button', { type: 'button', 'aria-label': 'Add the comment to ' + label, onclick: async () => {
          if (text.value.trim() && await list.act(this.a, 'comment', { text: text.value.trim() }, 'Commented')) text.value = '';
        } }, 'Comment')));
    }
    this.unshelve = can.unshelve() ? h('button', { type: 'button', 'aria-label': 'Unshelve ' + label, onclick: () => list.act(this.a, 'unshelve', undefined, 'Unshelved') }, 'Unshelve') : null;
    this.details = h('details', { class: 'more' }, h('summary', { 'aria-label': 'Details of ' + label }, 'details'),
      this.message, this.info, this.shelfInfo, h('div', { class: 'controls' }, controls, this.unshelve));
    this.runLink = list.opts.showRun ? h('a', { href: '#/run/' + a.runId, class: 'run-link' }) : null;
    this.li = h('li', { class: 'alarm', 'data-alarm': a.id },
      h('div', { class: 'line' }, this.check, this.badge, ' ', h('strong', { class: 'name' }, label), ' ', this.first, this.flags, ' ',
        this.state, ' ', this.time, this.runLink ? [' · ', this.runLink] : null, h('span', { class: 'spacer' }), this.ack),
      this.details);
  }

  update(a, suppressed) {
    this.a = a;
    const sev = a.severity.toLowerCase();
    this.li.className = `alarm state-${a.state.toLowerCase()} sev-border-${sev}${a.firstOut ? ' first' : ''}`;
    this.li.dataset.state = a.state;
    this.li.dataset.severity = a.severity;
    this.li.dataset.key = a.key;
    this.badge.className = 'sev sev-' + sev;
    this.badge.textContent = a.severity;
    this.li.querySelector('.name').textContent = alarmName(a);
    this.first.hidden = !a.firstOut;
    this.state.textContent = a.state.replace(/_/g, ' ').toLowerCase() + (a.conditionActive ? '' : ' · condition gone');
    this.time.textContent = `${a.raisedT.toFixed(1)} s`;
    clear(this.flags).append(a.latching ? h('span', { class: 'pill' }, 'latching') : '', a.shelved ? h('span', { class: 'pill' }, 'shelved') : '',
      suppressed ? h('span', { class: 'pill' }, 'suppressed') : '');
    if (this.runLink) this.runLink.textContent = this.list.opts.runName(a.runId);
    if (this.ack) this.ack.hidden = !UNACKED.has(a.state);
    if (this.check) { this.check.hidden = !UNACKED.has(a.state); if (!UNACKED.has(a.state)) this.check.checked = false; }
    this.message.textContent = a.message || '';
    const members = Object.keys(a.members || {});
    this.info.textContent = `raised ${a.raisedT.toFixed(1)} s · last ${a.lastT.toFixed(1)} s · ×${a.occurrences}`
      + (members.length > 1 ? ` · holding it: ${members.join(', ')}` : '')
      + (a.acknowledgedBy ? ` · acknowledged by ${a.acknowledgedBy} at ${fmtTime(a.acknowledgedAt)}` : '')
      + (a.assignee ? ` · assigned to ${a.assignee}` : '');
    this.shelfInfo.textContent = a.shelved
      ? `Shelved by ${a.shelvedBy} — reason: ${a.shelveReason || 'none given'} — ${a.shelvedUntil ? 'until ' + fmtTime(a.shelvedUntil) : 'until un-shelved'}`
      : suppressed ? `Suppressed: ${suppressed} (its limit alarms cannot be trusted)` : '';
    this.shelfInfo.hidden = !this.shelfInfo.textContent;
    if (this.shelveGroup) this.shelveGroup.hidden = a.latching || a.shelved;
    if (this.unshelve) this.unshelve.hidden = !a.shelved;
    if (this.who && document.activeElement !== this.who && !this.who.dataset.dirty) this.who.value = a.assignee || '';
  }
}
