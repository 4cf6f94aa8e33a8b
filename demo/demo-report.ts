/**
 * The demo's HTML report: a summary table and four plots over the weekend's simulated time,
 * drawn here as inline SVG (one self-contained file: no script, no stylesheet or font fetched).
 */

export interface Series {
  /** Simulated minutes since the weekend started. */
  x: number[];
  y: Array<number | null>;
}

export interface Plot {
  id: string;
  title: string;
  unit: string;
  series: Series;
}

/** A stretch of simulated time to shade: the spike, the ERP outage. */
export interface Band {
  label: string;
  from: number;
  to: number;
  color: string;
}

export interface ReportInput {
  title: string;
  subtitle: string;
  plots: Plot[];
  bands: Band[];
  /** Rows of the summary: what, the figure, and whether it is as it should be (null: no judgement). */
  summary: Array<{ what: string; value: string; ok: boolean | null }>;
}

const W = 560;
const H = 220;
const PAD = { left: 56, right: 16, top: 16, bottom: 34 };

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const fmt = (n: number) => (Math.abs(n) >= 100 || Number.isInteger(n) ? String(Math.round(n)) : n.toFixed(1));

/** Round axis maximum: 1, 2 or 5 times a power of ten, at least `max`. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * power).find((v) => v >= max)!;
}

function hhmm(minutes: number): string {
  const total = Math.round(minutes);
  return `${String(Math.floor(total / 60) + 10).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

function chart(plot: Plot, bands: Band[], xMax: number): string {
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const values = plot.series.y.filter((v): v is number => v !== null);
  const yMax = niceMax(Math.max(0, ...values));
  const sx = (x: number) => PAD.left + (x / xMax) * innerW;
  const sy = (y: number) => PAD.top + innerH - (y / yMax) * innerH;
  const shaded = bands
    .map(
      (b) =>
        `<rect class="band" x="${sx(b.from).toFixed(1)}" y="${PAD.top}" width="${(sx(b.to) - sx(b.from)).toFixed(1)}" height="${innerH}" fill="${b.color}"><title>${escape(b.label)}</title></rect>`,
    )
    .join('');
  const yTicks = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (f) =>
        `<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${sy(f * yMax)}" y2="${sy(f * yMax)}"/><text x="${PAD.left - 6}" y="${sy(f * yMax) + 4}" text-anchor="end">${fmt(f * yMax)}</text>`,
    )
    .join('');
  const step = xMax > 90 ? 30 : 15;
  const xTicks = Array.from({ length: Math.floor(xMax / step) + 1 }, (_, k) => k * step)
    .map((x) => `<text x="${sx(x)}" y="${H - PAD.bottom + 16}" text-anchor="middle">${hhmm(x)}</text>`)
    .join('');
  // Gaps (no reading) break the line instead of drawing through them.
  const runs: string[][] = [[]];
  plot.series.x.forEach((x, k) => {
    const y = plot.series.y[k];
    if (y === null) runs.push([]);
    else runs.at(-1)!.push(`${sx(x).toFixed(1)},${sy(y).toFixed(1)}`);
  });
  const lines = runs
    .filter((points) => points.length > 0)
    .map((points) => `<polyline class="line" points="${points.join(' ')}"/>`)
    .join('');
  return `<figure id="${plot.id}"><figcaption>${escape(plot.title)} <span class="unit">(${escape(plot.unit)})</span></figcaption>
<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escape(plot.title)}">${shaded}${yTicks}${xTicks}
<line class="axis" x1="${PAD.left}" x2="${W - PAD.right}" y1="${PAD.top + innerH}" y2="${PAD.top + innerH}"/>${lines}</svg></figure>`;
}

export function renderReport(input: ReportInput): string {
  const xMax = Math.max(1, ...input.plots.flatMap((p) => p.series.x));
  const legend = input.bands.map((b) => `<span class="key"><i style="background:${b.color}"></i>${escape(b.label)}</span>`).join(' ');
  const rows = input.summary
    .map(
      (r) => `<tr class="${r.ok === null ? '' : r.ok ? 'ok' : 'bad'}"><th>${escape(r.what)}</th><td>${escape(r.value)}</td><td>${r.ok === null ? '' : r.ok ? '✓' : '✗'}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(input.title)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d2430;max-width:1200px}
h1{font-size:20px;margin:0 0 4px}.sub{color:#5b6675;margin:0 0 16px}
.plots{display:grid;grid-template-columns:repeat(2,${W}px);gap:12px 24px}
figure{margin:0}figcaption{font-weight:600;margin-bottom:2px}.unit{font-weight:400;color:#5b6675}
svg text{font-size:11px;fill:#5b6675}.grid{stroke:#e4e8ee}.axis{stroke:#9aa4b2}
.line{fill:none;stroke:#2458c5;stroke-width:1.8}.band{opacity:.35}
.key{margin-right:16px}.key i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px;opacity:.6}
table{border-collapse:collapse;margin:16px 0}th,td{text-align:left;padding:3px 12px 3px 0;border-bottom:1px solid #eef0f3}
th{font-weight:500}tr.ok td:last-child{color:#1a7f37}tr.bad td:last-child,tr.bad td{color:#c62828}
</style></head>
<body><h1>${escape(input.title)}</h1><p class="sub">${escape(input.subtitle)}</p>
<table id="summary">${rows}</table>
<p>${legend}</p>
<div class="plots">${input.plots.map((p) => chart(p, input.bands, xMax)).join('\n')}</div>
</body></html>
`;
}
