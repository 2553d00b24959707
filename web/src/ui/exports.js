// Downloads of the last run (CSV, JSON) and of charts (PNG), and the data
// tables shown beside each canvas. Text goes in through textContent only.
// Figures are exported in the light (paper) colours whatever the page's theme.
import { inLightScheme } from './charts.js';

export function download(name, content, type) {
  const url = content.startsWith?.('data:') ? content : URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  if (!url.startsWith('data:')) setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function csvCell(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(columns, rows) {
  return [columns, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

/** Fills a <table> with a header row and body rows. */
export function fillTable(table, columns, rows) {
  table.replaceChildren();
  const head = table.createTHead().insertRow();
  for (const column of columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = column;
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const value of row) tr.insertCell().textContent = value === null ? '—' : String(value);
  }
}

// Figure exports for papers: a PNG drawn at 2× and an SVG, each with a
// caption naming the figure's spec and the code version (set on <body> by
// main.js from the module). Both are layout only: the SVG places the chart's
// own data with the chart's own scales (Chart.js getPixelForValue), so every
// number in it is one the chart shows.

const codeVersion = () => {
  const { version, variant } = document.body.dataset;
  return version ? `damlab ${version}${variant ? ` (${variant} build)` : ''}` : 'damlab';
};

/** Caption lines: the figure's own lines, then the code version. */
const captionLines = (caption) => [...[caption].flat().filter(Boolean), codeVersion()];

/** Splits text into lines no wider than width (measure: text -> width). */
function wrap(text, width, measure) {
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

const captionFont = 12; // CSS pixels

/**
 * A PNG of a chart at scale× its on-screen size (re-rendered at that pixel
 * ratio, not upscaled), with its caption below. Returns a data: URL.
 */
export function chartPng(chart, caption = [], scale = 2) {
  return inLightScheme(chart, () => drawPng(chart, caption, scale));
}

function drawPng(chart, caption, scale) {
  const ratio = chart.options.devicePixelRatio;
  chart.options.devicePixelRatio = scale;
  chart.resize();
  try {
    const { width, height } = chart; // CSS pixels
    const measure = document.createElement('canvas').getContext('2d');
    measure.font = `${captionFont}px sans-serif`;
    const lines = captionLines(caption).flatMap((text) => wrap(text, width - 16, (t) => measure.measureText(t).width));
    const lineHeight = captionFont * 1.4;
    const out = document.createElement('canvas');
    out.width = Math.round(width * scale);
    out.height = Math.round((height + lines.length * lineHeight + 12) * scale);
    const context = out.getContext('2d');
    context.scale(scale, scale);
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, out.height / scale);
    context.drawImage(chart.canvas, 0, 0, width, height);
    context.fillStyle = '#222';
    context.font = `${captionFont}px sans-serif`;
    context.textBaseline = 'top';
    lines.forEach((line, i) => context.fillText(line, 8, height + 6 + i * lineHeight));
    return out.toDataURL('image/png');
  } finally {
    chart.options.devicePixelRatio = ratio;
    chart.resize();
  }
}

const escapeXml = (text) =>
  String(text).replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]);
const fixed = (value) => Math.round(value * 100) / 100; // pixel positions, 0.01 px

/** An SVG marker of a Chart.js point style at (x, y). */
function marker(style, x, y, r, rotation, stroke, fill) {
  const paint = `stroke="${stroke}" fill="${fill}" stroke-width="1"`;
  const turn = rotation ? ` transform="rotate(${rotation} ${fixed(x)} ${fixed(y)})"` : '';
  const path = (d) => `<path d="${d}" ${paint}${turn}/>`;
  const s = r * Math.SQRT1_2;
  switch (style) {
    case false:
    case 'line':
    case 'dash':
      return '';
    case 'triangle': {
      const w = r * Math.sin(Math.PI / 3);
      return path(`M${fixed(x)} ${fixed(y - r)}L${fixed(x + w)} ${fixed(y + r / 2)}L${fixed(x - w)} ${fixed(y + r / 2)}Z`);
    }
    case 'rect':
    case 'rectRounded':
      return `<rect x="${fixed(x - s)}" y="${fixed(y - s)}" width="${fixed(2 * s)}" height="${fixed(2 * s)}"${style === 'rectRounded' ? ` rx="${fixed(s / 2)}"` : ''} ${paint}${turn}/>`;
    case 'rectRot':
      return path(`M${fixed(x)} ${fixed(y - r)}L${fixed(x + r)} ${fixed(y)}L${fixed(x)} ${fixed(y + r)}L${fixed(x - r)} ${fixed(y)}Z`);
    case 'cross':
      return path(`M${fixed(x)} ${fixed(y - r)}V${fixed(y + r)}M${fixed(x - r)} ${fixed(y)}H${fixed(x + r)}`);
    case 'crossRot':
      return path(`M${fixed(x - s)} ${fixed(y - s)}L${fixed(x + s)} ${fixed(y + s)}M${fixed(x - s)} ${fixed(y + s)}L${fixed(x + s)} ${fixed(y - s)}`);
    case 'star':
      return path(
        `M${fixed(x)} ${fixed(y - r)}V${fixed(y + r)}M${fixed(x - r)} ${fixed(y)}H${fixed(x + r)}` +
          `M${fixed(x - s)} ${fixed(y - s)}L${fixed(x + s)} ${fixed(y + s)}M${fixed(x - s)} ${fixed(y + s)}L${fixed(x + s)} ${fixed(y - s)}`,
      );
    default:
      return `<circle cx="${fixed(x)}" cy="${fixed(y)}" r="${fixed(r)}" ${paint}/>`;
  }
}

// A dataset option that may be scriptable (a function of the point).
const option = (value, context) => (typeof value === 'function' ? value(context) : value);

/**
 * An SVG of a chart as drawn now: axes with the chart's ticks and titles,
 * each visible dataset as its line (colour, dash) and markers (point style,
 * rotation, hollow where the chart draws them hollow), a legend and the
 * caption. Returns the SVG text.
 */
export function chartSvg(chart, caption = []) {
  return inLightScheme(chart, () => drawSvg(chart, caption));
}

function drawSvg(chart, caption) {
  const { width, height, chartArea: area, scales } = chart;
  const font = 'font-family="sans-serif"';
  const parts = [];
  const text = (x, y, content, extra = '') => `<text x="${fixed(x)}" y="${fixed(y)}" ${font} ${extra}>${escapeXml(content)}</text>`;
  parts.push(`<rect width="100%" height="100%" fill="#fff"/>`);
  // Axes: the frame, ticks with their labels, titles.
  parts.push(`<rect x="${fixed(area.left)}" y="${fixed(area.top)}" width="${fixed(area.right - area.left)}" height="${fixed(area.bottom - area.top)}" fill="none" stroke="#888"/>`);
  for (const scale of Object.values(scales)) {
    const horizontal = scale.isHorizontal();
    scale.ticks.forEach((tick, i) => {
      const label = [tick.label ?? tick.value].flat().join(' ');
      const at = scale.getPixelForTick(i);
      if (horizontal) {
        parts.push(`<line x1="${fixed(at)}" y1="${fixed(area.bottom)}" x2="${fixed(at)}" y2="${fixed(area.bottom + 4)}" stroke="#888"/>`);
        parts.push(text(at, area.bottom + 16, label, 'font-size="11" text-anchor="middle"'));
      } else {
        parts.push(`<line x1="${fixed(area.left - 4)}" y1="${fixed(at)}" x2="${fixed(area.left)}" y2="${fixed(at)}" stroke="#888"/>`);
        parts.push(text(area.left - 6, at + 4, label, 'font-size="11" text-anchor="end"'));
      }
    });
    const title = scale.options.title?.display ? scale.options.title.text : '';
    if (!title) continue;
    if (horizontal) parts.push(text((area.left + area.right) / 2, area.bottom + 34, title, 'font-size="12" text-anchor="middle"'));
    else {
      const x = 14;
      const y = (area.top + area.bottom) / 2;
      parts.push(text(x, y, title, `font-size="12" text-anchor="middle" transform="rotate(-90 ${x} ${fixed(y)})"`));
    }
  }
  // Data: clipped to the chart area like the canvas (with room for markers).
  parts.push(`<clipPath id="area"><rect x="${fixed(area.left - 6)}" y="${fixed(area.top - 6)}" width="${fixed(area.right - area.left + 12)}" height="${fixed(area.bottom - area.top + 12)}"/></clipPath>`);
  const legend = [];
  chart.data.datasets.forEach((dataset, d) => {
    if (!chart.isDatasetVisible(d)) return;
    const meta = chart.getDatasetMeta(d);
    const x = scales[meta.xAxisID];
    const y = scales[meta.yAxisID];
    const color = dataset.borderColor ?? '#000';
    const dash = (dataset.borderDash ?? []).join(' ');
    const points = dataset.data.map((p) => [x.getPixelForValue(p.x), y.getPixelForValue(p.y)]);
    const lined = chart.config.type === 'line' ? dataset.showLine !== false : Boolean(dataset.showLine);
    const group = [];
    if (lined && points.length > 1)
      group.push(`<polyline points="${points.map(([a, b]) => `${fixed(a)},${fixed(b)}`).join(' ')}" fill="none" stroke="${color}" stroke-width="${dataset.borderWidth ?? 1}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    const radius = dataset.pointRadius ?? 3;
    if (radius > 0)
      dataset.data.forEach((raw, i) => {
        const context = { raw, dataIndex: i, datasetIndex: d, dataset };
        const fill = option(dataset.pointBackgroundColor ?? color, context);
        group.push(marker(dataset.pointStyle ?? 'circle', points[i][0], points[i][1], radius, dataset.pointRotation ?? 0, color, fill === 'transparent' ? 'none' : fill));
      });
    parts.push(`<g clip-path="url(#area)">${group.join('')}</g>`);
    legend.push({ label: dataset.label ?? '', color, dash, style: dataset.pointStyle ?? 'circle', rotation: dataset.pointRotation ?? 0 });
  });
  // Legend and caption below the chart.
  const rows = [];
  let x = 10;
  let row = [];
  for (const item of legend) {
    const w = 34 + item.label.length * 6.5;
    if (x + w > width && row.length) rows.push(row), (row = []), (x = 10);
    row.push({ ...item, x });
    x += w;
  }
  if (row.length) rows.push(row);
  let top = height + 8;
  for (const items of rows) {
    for (const item of items) {
      parts.push(`<line x1="${item.x}" y1="${top}" x2="${item.x + 22}" y2="${top}" stroke="${item.color}"${item.dash ? ` stroke-dasharray="${item.dash}"` : ''}/>`);
      parts.push(marker(item.style, item.x + 11, top, 4, item.rotation, item.color, item.color));
      parts.push(text(item.x + 28, top + 4, item.label, 'font-size="11"'));
    }
    top += 18;
  }
  const lines = captionLines(caption).flatMap((line) => wrap(line, width - 16, (t) => t.length * 6.5));
  lines.forEach((line, i) => parts.push(text(8, top + 10 + i * 17, line, 'font-size="12" fill="#222"')));
  const total = top + 14 + lines.length * 17;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${fixed(width)}" height="${fixed(total)}" viewBox="0 0 ${fixed(width)} ${fixed(total)}">` +
    `<title>${escapeXml(captionLines(caption)[0])}</title>${parts.join('')}</svg>\n`
  );
}
