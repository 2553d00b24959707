// Chart.js set up for streamed, exact data: no animation (points arrive as
// workers finish; prefers-reduced-motion is respected for free), no parsing
// (data arrive as {x, y} already), update('none').
import {
  Chart,
  LineController,
  ScatterController,
  LineElement,
  PointElement,
  LinearScale,
  LogarithmicScale,
  Legend,
  Tooltip,
  Title,
} from 'chart.js';
import { drawPoint } from 'chart.js/helpers';

Chart.register(LineController, ScatterController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip, Title);

// Series are told apart by more than colour: a colour-blind-safe palette
// (Okabe & Ito, "Color Universal Design", 2008; black first, without its
// yellow, too faint on white) AND a marker shape, rotation and dash pattern
// per series, so a chart reads the same in greyscale or under deuteranopia. look(i) gives series i a combination no
// other series of the chart has (for up to 40 series).
// Every colour keeps 3:1 contrast against its chart background (WCAG 1.4.11,
// checked by tests/browser/theme.test.mjs): on white, orange, reddish purple
// and sky blue are Okabe–Ito's hues made darker; on the dark theme's
// background black becomes light grey and blue lighter. Datasets hold the
// light colours (exports, always drawn for paper, use them); the theme
// plugin below swaps them for the dark ones while the page is dark.
export const palette = ['#000000', '#BD8200', '#0072B2', '#D55E00', '#009E73', '#C474A0', '#4794BF'];
const darkPalette = ['#E6E6E6', '#E69F00', '#2A8AC2', '#E0701A', '#00A87B', '#CC79A7', '#56B4E9'];
export const theoryGrey = '#555555'; // theory lines
const toDark = new Map([...palette.map((c, i) => [c, darkPalette[i]]), [theoryGrey, '#8C8C8C']]);
const toLight = new Map([...toDark].map(([light, dark]) => [dark, light]));
export const markers = ['circle', 'triangle', 'rect', 'rectRot', 'star', 'crossRot', 'rectRounded', 'cross', 'triangle', 'triangle'];
const rotations = [0, 0, 0, 0, 0, 0, 0, 0, 180, 90]; // the last two: ▼ and ▶
export const dashes = [[], [6, 3], [2, 3], [10, 3, 2, 3]];
export const look = (i) => ({
  color: palette[i % palette.length],
  style: markers[i % markers.length],
  rotation: rotations[i % markers.length],
  dash: dashes[Math.floor(i / markers.length) % dashes.length],
});

// Chart.getChart for the browser tests and the console: window.damlabChart(canvas).
globalThis.damlabChart = (canvas) => Chart.getChart(canvas);

// Legend entries: a series drawn as a line shows its dash pattern and its
// marker together (a small image), so the legend tells series apart as the
// chart does; markers are filled (Chart.js would take each fill from the
// series' first point, hollow when that point is censored).
function swatch({ color, dash, style, rotation }) {
  const canvas = document.createElement('canvas');
  canvas.width = 28;
  canvas.height = 12;
  const context = canvas.getContext('2d');
  context.strokeStyle = color;
  context.fillStyle = color;
  context.lineWidth = 1.5;
  context.setLineDash(dash);
  context.beginPath();
  context.moveTo(0, 6);
  context.lineTo(28, 6);
  context.stroke();
  context.setLineDash([]);
  drawPoint(context, { pointStyle: style, rotation, radius: 4, borderWidth: 1 }, 14, 6);
  return canvas;
}

function legendLabels(chart) {
  return Chart.defaults.plugins.legend.labels.generateLabels(chart).map((item) => {
    const dataset = chart.data.datasets[item.datasetIndex];
    const lined = dataset.showLine ?? chart.config.type === 'line';
    const marked = (dataset.pointRadius ?? 3) > 0 && typeof dataset.pointStyle === 'string' && dataset.pointStyle !== 'line';
    const pointStyle =
      lined && marked
        ? swatch({ color: item.strokeStyle, dash: dataset.borderDash ?? [], style: dataset.pointStyle, rotation: dataset.pointRotation ?? 0 })
        : item.pointStyle;
    // The swatch holds the marker's rotation already (Chart.js would rotate the whole image).
    return { ...item, fillStyle: item.strokeStyle, pointStyle, ...(lined && marked ? { rotation: 0 } : {}) };
  });
}

const common = {
  animation: false,
  parsing: false,
  normalized: true,
  responsive: true,
  maintainAspectRatio: false,
  plugins: { legend: { position: 'bottom', labels: { usePointStyle: true, pointStyleWidth: 28, generateLabels: legendLabels } } },
};

// The chart colours follow the page's theme (prefers-color-scheme): text,
// grid and background are read from the CSS custom properties of style.css
// (--chart-text, --chart-grid, --chart-bg) whenever the charts are drawn,
// and every chart is redrawn when the system setting changes. Exports are
// drawn for paper: light, whatever the page shows (inLightScheme).
const darkQuery = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
let forcedLight = false;
const isDark = () => !forcedLight && Boolean(darkQuery?.matches);
const paper = { background: '#ffffff', text: '#333333', grid: 'rgba(0, 0, 0, 0.1)' };

function themeColors() {
  if (forcedLight) return paper;
  const css = getComputedStyle(document.documentElement);
  const read = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
  return { background: read('--chart-bg', paper.background), text: read('--chart-text', paper.text), grid: read('--chart-grid', paper.grid) };
}

function applyThemeDefaults() {
  const { text, grid } = themeColors();
  Chart.defaults.color = text;
  Chart.defaults.borderColor = grid;
}
applyThemeDefaults();

// Swaps each dataset's colours for the scheme's before every update (the
// datasets of a view may be replaced at any time).
const recolour = (color, map) => (typeof color === 'string' ? (map.get(color.toUpperCase()) ?? map.get(color) ?? color) : color);
Chart.register({
  id: 'theme',
  beforeUpdate(chart) {
    const map = isDark() ? toDark : toLight;
    for (const dataset of chart.data.datasets) {
      dataset.borderColor = recolour(dataset.borderColor, map);
      dataset.backgroundColor = recolour(dataset.backgroundColor, map);
    }
  },
});

// Error bars: a point with low and high (an interval the core computed, e.g.
// a 95% interval of a mean) gets a vertical bar with caps in its dataset's
// colour. Points without them are drawn as before.
Chart.register({
  id: 'errorBars',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    const y = chart.scales.y;
    chart.data.datasets.forEach((dataset, i) => {
      if (!chart.isDatasetVisible(i)) return;
      const elements = chart.getDatasetMeta(i).data;
      ctx.save();
      // A wide interval (few sets) stops at the plot's edges.
      const area = chart.chartArea;
      ctx.beginPath();
      ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
      ctx.clip();
      ctx.strokeStyle = dataset.borderColor;
      ctx.lineWidth = 1.2;
      dataset.data.forEach((point, j) => {
        if (point?.low == null || point?.high == null || !elements[j]) return;
        const x = elements[j].x, top = y.getPixelForValue(point.high), bottom = y.getPixelForValue(point.low);
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, bottom);
        ctx.moveTo(x - 3, top);
        ctx.lineTo(x + 3, top);
        ctx.moveTo(x - 3, bottom);
        ctx.lineTo(x + 3, bottom);
        ctx.stroke();
      });
      ctx.restore();
    });
  },
});

const redrawAll = () => {
  applyThemeDefaults();
  for (const chart of Object.values(Chart.instances)) chart.update('none');
};
darkQuery?.addEventListener('change', redrawAll);

/** Runs draw() with chart drawn in the light (paper) colours; its value. */
export function inLightScheme(chart, draw) {
  if (!isDark()) return draw();
  forcedLight = true;
  applyThemeDefaults();
  chart.update('none');
  try {
    return draw();
  } finally {
    forcedLight = false;
    applyThemeDefaults();
    chart.update('none');
  }
}

// The background: the theme's, never transparent (PNG exports).
const background = {
  id: 'background',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = themeColors().background;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** An empty chart of the given type with linear x and y axes (titles: text). */
function linearChart(canvas, type, x, y) {
  const axis = ({ title, ...rest }) => ({ type: 'linear', title: { display: true, text: title }, ...rest });
  return new Chart(canvas, {
    type,
    plugins: [background],
    data: { datasets: [] },
    options: { ...common, scales: { x: axis(x), y: axis(y) } },
  });
}

/** Retrieval profile: 1 when the first K patterns are all fixed points. */
export function profileChart(canvas) {
  return linearChart(
    canvas,
    'line',
    { title: 'K (first K patterns stored)', min: 1, max: 50 },
    {
      title: 'all first K retrieved',
      min: -0.05,
      max: 1.05,
      ticks: { stepSize: 1, callback: (v) => (v === 1 ? 'retrieved' : v === 0 ? 'not' : '') },
    },
  );
}

/** profile: undefined for models whose record has none (only the Kmax line is drawn, x up to S). */
export function setProfile(chart, profile, kmax, S = profile.length) {
  const points = Array.from(profile ?? '', (bit, i) => ({ x: i + 1, y: bit === '1' ? 1 : 0 }));
  chart.data.datasets = [
    { label: 'retrieval profile', data: points, stepped: 'middle', borderColor: palette[2], pointRadius: 2, pointStyle: 'circle' },
    {
      label: `Kmax (exact) = ${kmax}`,
      data: kmax > 0 ? [{ x: kmax, y: -0.05 }, { x: kmax, y: 1.05 }] : [],
      borderColor: palette[3],
      pointStyle: 'line',
      borderDash: [6, 4],
      pointRadius: 0,
    },
  ];
  chart.options.scales.x.max = S;
  chart.update('none');
}

/**
 * A chart of given series, each {label, color, style, data: [{x, y, censored}],
 * dash (a theory line: no points)}; x and y: {title, log}.
 */
export function seriesChart(canvas, { x, y, series }) {
  const axis = ({ title, log }) => ({ type: log ? 'logarithmic' : 'linear', title: { display: true, text: title } });
  return new Chart(canvas, {
    type: 'scatter',
    plugins: [background],
    data: {
      datasets: series.map(({ label, color, style, rotation, data, dash, theory }) => ({
        label,
        data,
        showLine: true,
        borderWidth: theory ? 1 : 1.5,
        borderDash: dash ?? [],
        borderColor: color,
        backgroundColor: color,
        pointBackgroundColor: (ctx) => (ctx.raw?.censored ? 'transparent' : ctx.dataset.borderColor),
        pointStyle: theory ? 'line' : style, // a theory line: a line in the legend, no points
        pointRotation: rotation ?? 0,
        pointRadius: theory ? 0 : 4,
        clip: 8, // markers on the axis limits stay whole
      })),
    },
    options: { ...common, scales: { x: axis(x), y: axis(y) }, plugins: { legend: { ...common.plugins.legend, labels: { usePointStyle: true, pointStyleWidth: 28, boxWidth: 8, font: { size: 10 }, generateLabels: legendLabels } } } },
  });
}

/** A scatter of sweep results; the x axis is set per figure. */
export function sweepChart(canvas) {
  return linearChart(canvas, 'scatter', { title: '' }, { title: 'Kmax (exact mode)', min: 0 });
}

/**
 * Starts a figure: its x axis and its series, in legend order, each
 * {label, color, style}. Censored points (Kmax = S) are drawn hollow.
 */
export function resetSweep(chart, { x, y, series }) {
  Object.assign(chart.options.scales.x, { min: x.min, max: x.max });
  chart.options.scales.x.title.text = x.title;
  Object.assign(chart.options.scales.y, { min: y?.min ?? 0, max: y?.max });
  chart.options.scales.y.title.text = y?.title ?? 'Kmax (exact mode)';
  chart.data.datasets = series.map(({ label, color, style, rotation, line, dash, radius }) => ({
    showLine: Boolean(line),
    borderDash: dash ?? [],
    borderWidth: 1.5,
    pointRotation: rotation ?? 0,
    clip: 8, // markers on the axis limits (D_c = 1) stay whole
    label,
    data: [],
    borderColor: color,
    backgroundColor: color,
    pointBackgroundColor: (ctx) => (ctx.raw?.censored ? 'transparent' : ctx.dataset.borderColor),
    pointStyle: style,
    pointRadius: radius ?? 4,
  }));
  chart.update('none');
}

/** Sets a series' points at once (a summary's means), in x order; line: joined by a line. */
export function setPoints(chart, label, points, line = false) {
  const dataset = chart.data.datasets.find((d) => d.label === label);
  dataset.data = [...points].sort((a, b) => a.x - b.x);
  if (line) dataset.showLine = true;
  chart.update('none');
}

/** Adds a point; replace: the point at the same x is replaced (a running mean). Kept in x order for lines. */
export function addPoint(chart, label, point, replace = false) {
  const { data } = chart.data.datasets.find((d) => d.label === label);
  const at = replace ? data.findIndex((p) => p.x === point.x) : -1;
  if (at >= 0) data[at] = point;
  else data.push(point);
  data.sort((a, b) => a.x - b.x);
  chart.update('none');
}

/** The energy trace of a recall run, with the current step marked. */
export function energyChart(canvas) {
  return linearChart(canvas, 'line', { title: 'step (0: the corrupted probe)', ticks: { stepSize: 1 } }, { title: 'E / F(N)' });
}

export function setEnergies(chart, energies, step) {
  const points = Array.from(energies, (y, x) => ({ x, y }));
  chart.data.datasets = [
    { label: 'energy', data: points, borderColor: palette[2], pointRadius: 3, pointStyle: 'circle' },
    { label: `step ${step}`, data: points[step] ? [points[step]] : [], borderColor: palette[3], backgroundColor: palette[3], pointRadius: 7, pointStyle: 'rectRot', showLine: false },
  ];
  chart.options.scales.x.min = 0;
  chart.options.scales.x.max = Math.max(1, points.length - 1);
  chart.update('none');
}

/** Draws ±1 values as a side × side image (+1 dark) on a canvas of that size; CSS scales it up. */
export function drawPattern(canvas, signs, side) {
  canvas.width = side;
  canvas.height = side;
  const context = canvas.getContext('2d');
  const image = context.createImageData(side, side);
  for (let i = 0; i < side * side; i++) {
    const shade = signs[i] > 0 ? 20 : 245;
    image.data.set([shade, shade, shade, 255], 4 * i);
  }
  context.putImageData(image, 0, 0);
}

/**
 * Training curves, one point per completed epoch (x = epochs done): train
 * and test error on the left axis, the loss (log) on the right.
 */
export function trainChart(canvas) {
  const series = [
    { key: 'train_error', label: 'train error (running, during the epoch)', axis: 'y' },
    { key: 'test_error', label: 'test error (after the epoch)', axis: 'y' },
    { key: 'loss', label: 'loss (mean per image, right axis)', axis: 'loss' },
  ];
  return new Chart(canvas, {
    type: 'scatter',
    plugins: [background],
    data: {
      datasets: series.map(({ key, label, axis }, i) => {
        const { color, style, rotation, dash } = look(i);
        return { key, label, yAxisID: axis, data: [], showLine: true, borderWidth: 1.5, borderDash: dash, borderColor: color, backgroundColor: color, pointStyle: style, pointRotation: rotation, pointRadius: 3 };
      }),
    },
    options: {
      ...common,
      scales: {
        x: { type: 'linear', min: 0, title: { display: true, text: 'epochs completed' }, ticks: { precision: 0 } },
        y: { type: 'linear', min: 0, max: 1, title: { display: true, text: 'error (fraction misclassified)' } },
        loss: { type: 'logarithmic', position: 'right', title: { display: true, text: 'loss Σ (t − c)^(2m)' }, grid: { drawOnChartArea: false } },
      },
    },
  });
}

/** The curves of the epochs so far (the module's EpochStats, epoch from 0); total: the epochs planned. */
export function setTrainCurves(chart, epochs, total = epochs.length) {
  // A pinned run's curves (ui/compare.js) stay as they were.
  for (const dataset of chart.data.datasets.filter((d) => !d.pinned))
    dataset.data = epochs.filter((s) => s[dataset.key] !== null).map((s) => ({ x: s.epoch + 1, y: s[dataset.key] }));
  chart.options.scales.x.max = Math.max(1, total, epochs.length);
  chart.update('none');
}
