// Live charts of a run: one uPlot per chosen sensor with its reading, expected value nominal·θ^k,
// the deviation band, warning (amber) and redline (red) lines as the profile defines them, and
// vertical markers for findings (red/amber) and route changes (cyan). θ comes from the throttle
// channel of the same frame; limits apply from mainstage on, as in the rules.
import { h, clear } from './dom.js';

const KEEP_SECONDS = 60;

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
    const tEnd = this.t.length ? this.t[this.t.length - 1] : 0;
    let drop = 0;
    while (drop < this.t.length && this.t[drop] < tEnd - KEEP_SECONDS) drop++;
    if (drop > 500 || (drop > 0 && this.t.length > 8000)) {
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

  theta(i) {
    const p = this.profile;
    const k = this.index[p.throttleChannel];
    const v = k === undefined ? null : this.values[k][i];
    return v === null || v === undefined ? null : v / p.throttleScale;
  }

  /** uPlot data for one sensor: [t, value, expected, bandLow, bandHigh, warnLow, warnHigh, redLow, redHigh]. */
  series(sensorId) {
    const s = this.sensors[sensorId];
    const idx = this.index[sensorId];
    const n = this.t.length;
    const cols = [this.t, this.values[idx]];
    for (let c = 0; c < 7; c++) cols.push(new Array(n));
    const windowRoot = Math.sqrt(this.profile.windowSize || 1);
    for (let i = 0; i < n; i++) {
      const th = this.theta(i);
      if (th === null) {
        for (let c = 2; c < 9; c++) cols[c][i] = null;
        continue;
      }
      const thk = s.k === 0 ? 1 : Math.pow(s.k < 0 ? Math.max(th, 0.1) : Math.max(th, 0), s.k);
      const exp = s.nominal * thk;
      const half = Math.max(s.band.relative * Math.abs(exp), s.band.absolute, s.band.sigmas * s.noise / windowRoot);
      cols[2][i] = exp;
      cols[3][i] = exp - half;
      cols[4][i] = exp + half;
      const main = this.t[i] >= this.profile.mainstageAfter;
      const line = l => (!main || !l) ? null : (l.basis === 'ABSOLUTE' ? l.value : l.value * exp);
      cols[5][i] = line(s.limits.warnLow);
      cols[6][i] = line(s.limits.warnHigh);
      cols[7][i] = line(s.limits.redLow);
      cols[8][i] = line(s.limits.redHigh);
    }
    return cols;
  }
}

const COLORS = { value: '#e8f1ff', expected: '#7fa7d9', band: 'rgba(127,167,217,0.18)', warn: '#ffb000', red: '#ff4d4d' };

function markerPlugin(data) {
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
        const markers = data.markers.slice().sort((a, b) => a.t - b.t);
        for (const m of markers) {
          const x = u.valToPos(m.t, 'x', true);
          if (x < left || x > left + width) continue;
          ctx.strokeStyle = m.color;
          ctx.lineWidth = 2 * devicePixelRatio;
          ctx.setLineDash(m.kind === 'route' ? [6, 4] : []);
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

export class Charts {
  constructor(container, data) {
    this.container = container;
    this.data = data;
    this.plots = new Map();
    this.pending = false;
    this.drawn = [];
    this.onDrawn = null;
  }

  show(sensorIds) {
    for (const p of this.plots.values()) p.plot.destroy();
    this.plots.clear();
    clear(this.container);
    const width = Math.max(320, this.container.clientWidth - 8);
    for (const id of sensorIds) {
      const s = this.data.sensors[id];
      if (!s) continue;
      const box = h('figure', { class: 'chart', 'data-sensor': id },
        h('figcaption', {}, h('strong', {}, id), ` — ${s.description} [${s.unit}]`));
      this.container.append(box);
      const opts = {
        width, height: 170,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
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
        ],
        bands: [{ series: [4, 3], fill: COLORS.band }],
        plugins: [markerPlugin(this.data)],
      };
      const plot = new uPlot(opts, this.data.series(id), box);
      this.plots.set(id, { plot, box });
    }
  }

  /** Redraws on the next animation frame (at most once per frame) and records when each seq was drawn. */
  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      for (const [id, p] of this.plots) p.plot.setData(this.data.series(id));
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
