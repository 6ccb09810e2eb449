// Charts of a run: one uPlot per chosen sensor with its reading (drawn amber beyond the warning line
// and red beyond the redline), expected value nominal·θ^k, the deviation band, warning (amber) and
// redline (red) lines as the profile defines them, an optional reference run, and vertical markers
// for alarms, findings (red/amber, clickable) and route changes (cyan). θ comes from the throttle
// channel of the same frame; limits apply from mainstage on, as in the rules. The whole run is kept:
// while live the charts follow the last 60 s; drag to zoom, double-click to go back, the arrows pan.
import { h, clear } from './dom.js';

const FOLLOW_SECONDS = 60;
const KEEP_ROWS = 400000;

/** Display decimals of a sensor: its noise sets the precision its readings carry. */
export function decimals(sensor) {
  if (!sensor || !(sensor.noise > 0)) return 1;
  return Math.max(0, Math.min(4, Math.ceil(-Math.log10(sensor.noise)) + 1));
}

/** A reading rounded to its sensor's precision, with the unit. */
export function fmtValue(v, sensor, unitSuffix = '') {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (typeof v !== 'number') return String(v);
  return v.toFixed(decimals(sensor)) + (sensor && sensor.unit ? ' ' + sensor.unit + unitSuffix : '');
}

export class LiveData {
  constructor(profile, channels) {
    this.profile = profile;
    this.channels = channels;
    this.index = Object.fromEntries(channels.map((c, i) => [c, i]));
    this.sensors = Object.fromEntries(profile.sensors.map(s => [s.id, s]));
    this.t = [];
    this.seq = [];
    this.values = channels.map(() => []);
    this.lastSeq = -1;
    this.markers = [];
    this.reference = null; // {label, t: [], values: {sensor: []}}
  }

  /** rows: [[seq, t, v0, v1, ...]] in channel order; older or repeated seqs are ignored. */
  addRows(rows) {
    let added = 0;
    for (const r of rows) {
      if (r[0] <= this.lastSeq) continue;
      this.lastSeq = r[0];
      this.seq.push(r[0]);
      this.t.push(r[1]);
      for (let i = 0; i < this.channels.length; i++) this.values[i].push(r[2 + i] ?? null);
      added++;
    }
    if (this.t.length > KEEP_ROWS) {
      const drop = this.t.length - KEEP_ROWS;
      this.t.splice(0, drop);
      this.seq.splice(0, drop);
      this.values.forEach(v => v.splice(0, drop));
    }
    return added;
  }

  /** Stored frames as the REST API returns them ({seq, t, values: {id: v}}). */
  addFrames(frames) {
    return this.addRows(frames.map(f => [f.seq, f.t, ...this.channels.map(c => f.values[c] ?? null)]));
  }

  get tEnd() { return this.t.length ? this.t[this.t.length - 1] : 0; }

  theta(i) {
    const p = this.profile;
    const k = this.index[p.throttleChannel];
    const v = k === undefined ? null : this.values[k][i];
    return v === null || v === undefined ? null : v / p.throttleScale;
  }

  /** The latest reading of a sensor, with its limit state ('red', 'warn' or ''). */
  current(sensorId) {
    const idx = this.index[sensorId];
    const n = this.t.length;
    if (idx === undefined || !n) return { value: null, state: '' };
    const cols = this.series(sensorId, n - 1);
    const v = cols[1][0];
    return { value: v, t: this.t[n - 1], state: stateOf(v, cols, 0) };
  }

  /**
   * uPlot data for one sensor: [t, value, expected, bandLow, bandHigh, warnLow, warnHigh, redLow, redHigh,
   * beyondWarning, beyondRedline, reference], from row {@code from} on.
   */
  series(sensorId, from = 0) {
    const s = this.sensors[sensorId];
    const idx = this.index[sensorId];
    const n = this.t.length - from;
    const t = from ? this.t.slice(from) : this.t;
    const value = from ? this.values[idx].slice(from) : this.values[idx];
    const cols = [t, value];
    for (let c = 0; c < 10; c++) cols.push(new Array(n).fill(null));
    const windowRoot = Math.sqrt(this.profile.windowSize || 1);
    for (let j = 0; j < n; j++) {
      const i = j + from;
      const th = this.theta(i);
      if (th === null) continue;
      const thk = s.k === 0 ? 1 : Math.pow(s.k < 0 ? Math.max(th, 0.1) : Math.max(th, 0), s.k);
      const exp = s.nominal * thk;
      const half = Math.max(s.band.relative * Math.abs(exp), s.band.absolute, s.band.sigmas * s.noise / windowRoot);
      cols[2][j] = exp;
      cols[3][j] = exp - half;
      cols[4][j] = exp + half;
      const main = this.t[i] >= this.profile.mainstageAfter;
      const line = l => (!main || !l) ? null : (l.basis === 'ABSOLUTE' ? l.value : l.value * exp);
      cols[5][j] = line(s.limits.warnLow);
      cols[6][j] = line(s.limits.warnHigh);
      cols[7][j] = line(s.limits.redLow);
      cols[8][j] = line(s.limits.redHigh);
    }
    // The reading again where it is beyond a line (with the neighbouring samples, so the segment joins the trace).
    for (let j = 0; j < n; j++) {
      const st = stateOf(value[j], cols, j);
      if (!st) continue;
      const target = st === 'red' ? 10 : 9;
      for (const k of [j - 1, j, j + 1]) if (k >= 0 && k < n) cols[target][k] = value[k];
    }
    const ref = this.reference;
    if (ref && ref.values[sensorId]) {
      const rv = ref.values[sensorId];
      let k = 0;
      for (let j = 0; j < n; j++) {
        while (k + 1 < ref.t.length && Math.abs(ref.t[k + 1] - t[j]) <= Math.abs(ref.t[k] - t[j])) k++;
        cols[11][j] = ref.t.length && Math.abs(ref.t[k] - t[j]) < 0.5 ? rv[k] : null;
      }
    }
    return cols;
  }
}

function stateOf(v, cols, j) {
  if (v === null || v === undefined) return '';
  if ((cols[8][j] !== null && v > cols[8][j]) || (cols[7][j] !== null && v < cols[7][j])) return 'red';
  if ((cols[6][j] !== null && v > cols[6][j]) || (cols[5][j] !== null && v < cols[5][j])) return 'warn';
  return '';
}

const COLORS = { value: '#e8f1ff', expected: '#7fa7d9', band: 'rgba(127,167,217,0.18)', warn: '#ffb000', red: '#ff4d4d', ref: '#b58cff' };
const STATE_TEXT = { red: 'BEYOND REDLINE', warn: 'beyond warning', '': 'within limits' };

function markerPlugin(data, sensorId) {
  return {
    hooks: {
      draw: [u => {
        const ctx = u.ctx;
        const { left, top, width, height } = u.bbox;
        ctx.save();
        ctx.font = `${Math.round(11 * devicePixelRatio)}px sans-serif`;
        ctx.textAlign = 'left';
        ctx.textBaseline = 'top';
        let lastX = -Infinity;
        let row = 0;
        for (const m of markersFor(data, sensorId)) {
          const x = u.valToPos(m.t, 'x', true);
          if (x < left || x > left + width) continue;
          ctx.strokeStyle = m.color;
          ctx.lineWidth = (m.kind === 'alarm' ? 1.5 : 2) * devicePixelRatio;
          ctx.setLineDash(m.kind === 'route' ? [6, 4] : m.kind === 'alarm' ? [2, 3] : []);
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
          // Labels of markers close together are stacked, not drawn over each other.
          row = x - lastX < 160 * devicePixelRatio ? row + 1 : 0;
          lastX = row === 0 ? x : lastX;
          if (row < 4) {
            const text = row === 3 ? '…' : m.label;
            const y = top + (2 + 13 * row) * devicePixelRatio;
            ctx.fillStyle = 'rgba(11,17,23,0.85)';
            ctx.fillRect(x + 3, y - 1, ctx.measureText(text).width + 4, 13 * devicePixelRatio);
            ctx.fillStyle = m.color;
            ctx.fillText(text, x + 5, y);
          }
        }
        ctx.restore();
      }],
    },
  };
}

/** Findings, aborts and route changes on every chart; an alarm only on the chart of its sensor. */
function markersFor(data, sensorId) {
  return data.markers.filter(m => m.kind !== 'alarm' || m.sensor === sensorId).sort((a, b) => a.t - b.t);
}

export class Charts {
  constructor(container, data) {
    this.container = container;
    this.data = data;
    this.plots = new Map();
    this.pending = false;
    this.drawn = [];
    this.onDrawn = null;
    this.onMarker = null; // (marker) => void: a click on a marker opens its evidence
    this.zoom = null; // [min, max] chosen by the user; null: follow (live) or whole run (ended)
    this.follow = true; // while live, the last 60 s
    this.syncing = false;
    this.cache = new Map();
  }

  /** A sensor's chart data, extended with the rows added since the last draw instead of recomputed for the whole run. */
  seriesOf(id) {
    const d = this.data;
    const n = d.t.length;
    let c = this.cache.get(id);
    if (!c || c.ref !== d.reference || n < c.n || c.first !== d.t[0]) {
      const cols = d.series(id);
      cols[0] = cols[0].slice();
      cols[1] = cols[1].slice();
      c = { cols, n, ref: d.reference, first: d.t[0] };
      this.cache.set(id, c);
      return c.cols;
    }
    if (n > c.n) {
      const from = Math.max(0, c.n - 1);
      const part = d.series(id, from);
      for (let k = 0; k < c.cols.length; k++) {
        const col = c.cols[k];
        col.length = from;
        for (const v of part[k]) col.push(v);
      }
      c.n = n;
    }
    return c.cols;
  }

  show(sensorIds, highlight) {
    for (const p of this.plots.values()) p.plot.destroy();
    this.plots.clear();
    clear(this.container);
    const width = Math.max(320, this.container.clientWidth - 8);
    for (const id of sensorIds) {
      const s = this.data.sensors[id];
      if (!s) continue;
      const now = h('span', { class: 'now', 'data-now': id });
      const hover = h('span', { class: 'hover muted', 'aria-live': 'off' });
      const box = h('figure', { class: 'chart' + (highlight === id ? ' named' : ''), 'data-sensor': id },
        h('figcaption', {}, h('strong', {}, id), ` — ${s.description} [${s.unit}] `, now, ' ', hover));
      this.container.append(box);
      const opts = {
        width, height: 170,
        legend: { show: false },
        cursor: { drag: { x: true, y: false, setScale: true }, sync: { key: 'hotfire-x', setSeries: false } },
        scales: { x: { time: false } },
        axes: [
          { stroke: '#9fb3c8', grid: { stroke: '#24313f' }, ticks: { stroke: '#24313f' }, label: 'run time [s]', labelSize: 14, size: 36 },
          { stroke: '#9fb3c8', grid: { stroke: '#24313f' }, ticks: { stroke: '#24313f' }, size: 60 },
        ],
        series: [
          {},
          { label: id, stroke: COLORS.value, width: 1.5, spanGaps: false },
          { label: 'expected', stroke: COLORS.expected, width: 1, dash: [4, 4] },
          { label: 'band low', stroke: 'rgba(127,167,217,0.5)', width: 1 },
          { label: 'band high', stroke: 'rgba(127,167,217,0.5)', width: 1 },
          { label: 'warn low', stroke: COLORS.warn, width: 1.2, dash: [8, 4] },
          { label: 'warn high', stroke: COLORS.warn, width: 1.2, dash: [8, 4] },
          { label: 'redline low', stroke: COLORS.red, width: 1.5 },
          { label: 'redline high', stroke: COLORS.red, width: 1.5 },
          { label: 'beyond warning', stroke: COLORS.warn, width: 3, spanGaps: false },
          { label: 'beyond redline', stroke: COLORS.red, width: 3.5, spanGaps: false },
          { label: 'reference run', stroke: COLORS.ref, width: 1.2, dash: [3, 3], spanGaps: false },
        ],
        bands: [{ series: [4, 3], fill: COLORS.band }],
        plugins: [markerPlugin(this.data, id)],
        hooks: {
          setCursor: [u => this.hover(u, id, hover)],
          setSelect: [],
          setScale: [(u, key) => this.scaleChanged(u, key)],
        },
      };
      const plot = new uPlot(opts, this.seriesOf(id), box);
      plot.over.addEventListener('dblclick', () => { this.zoom = null; this.follow = true; this.schedule(); });
      plot.over.addEventListener('click', ev => this.clickMarker(plot, id, ev));
      this.plots.set(id, { plot, box, now });
    }
    this.schedule();
  }

  hover(u, id, out) {
    const i = u.cursor.idx;
    if (i === null || i === undefined) { out.textContent = ''; return; }
    const s = this.data.sensors[id];
    const d = u.data;
    const parts = [`t ${d[0][i].toFixed(2)} s`, `${id} ${fmtValue(d[1][i], s)}`, `expected ${fmtValue(d[2][i], s)}`];
    if (d[8][i] !== null) parts.push(`redline ${fmtValue(d[8][i], s)}`);
    else if (d[7][i] !== null) parts.push(`redline ${fmtValue(d[7][i], s)}`);
    if (d[11][i] !== null && d[11][i] !== undefined) parts.push(`reference ${fmtValue(d[11][i], s)}`);
    out.textContent = '· ' + parts.join(' · ');
  }

  clickMarker(plot, id, ev) {
    if (!this.onMarker) return;
    const rect = plot.over.getBoundingClientRect();
    const x = ev.clientX - rect.left;
    let best = null;
    for (const m of markersFor(this.data, id)) {
      const dx = Math.abs(plot.valToPos(m.t, 'x') - x);
      if (dx <= 6 && (!best || dx < best.dx)) best = { m, dx };
    }
    if (best) this.onMarker(best.m);
  }

  scaleChanged(u, key) {
    if (key !== 'x' || this.syncing) return;
    const { min, max } = u.scales.x;
    // A user's zoom (drag) differs from the range we set ourselves.
    if (this.expected && Math.abs(min - this.expected[0]) < 1e-6 && Math.abs(max - this.expected[1]) < 1e-6) return;
    this.zoom = [min, max];
    this.follow = false;
    this.syncing = true;
    for (const p of this.plots.values()) if (p.plot !== u) p.plot.setScale('x', { min, max });
    this.syncing = false;
  }

  /** Shows run time [min, max] on every chart (null: follow live / the whole run). */
  setRange(min, max) {
    this.zoom = min === null ? null : [min, max];
    this.follow = min === null;
    this.schedule();
  }

  /** Moves the shown range by a fraction of its width (negative: earlier). */
  pan(fraction) {
    const r = this.range();
    if (!r) return;
    const w = r[1] - r[0];
    this.setRange(r[0] + w * fraction, r[1] + w * fraction);
  }

  range() {
    if (this.zoom) return this.zoom;
    const t = this.data.t;
    if (!t.length) return null;
    const end = t[t.length - 1];
    return this.live && this.follow ? [Math.max(t[0], end - FOLLOW_SECONDS), end] : [t[0], end];
  }

  /** Redraws on the next animation frame (at most once per frame) and records when each seq was drawn. */
  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      const r = this.range();
      this.expected = r;
      this.syncing = true;
      for (const [id, p] of this.plots) {
        p.plot.batch(() => {
          p.plot.setData(this.seriesOf(id), false);
          if (r && r[1] > r[0]) p.plot.setScale('x', { min: r[0], max: r[1] });
        });
        const c = this.data.current(id);
        const s = this.data.sensors[id];
        p.now.textContent = c.value === null ? '' : `now ${fmtValue(c.value, s)} — ${STATE_TEXT[c.state]}`;
        p.now.className = 'now state-' + (c.state || 'ok');
        p.box.dataset.state = c.state || 'ok';
      }
      this.syncing = false;
      const seq = this.data.lastSeq;
      if (seq >= 0) {
        const at = performance.timeOrigin + performance.now();
        this.drawn.push([seq, at]);
        if (this.drawn.length > 20000) this.drawn.splice(0, 10000);
        if (this.onDrawn) this.onDrawn(seq, at);
      }
    });
  }

  resize() {
    const width = Math.max(320, this.container.clientWidth - 8);
    for (const p of this.plots.values()) p.plot.setSize({ width, height: 170 });
  }

  destroy() {
    for (const p of this.plots.values()) p.plot.destroy();
    this.plots.clear();
  }
}
