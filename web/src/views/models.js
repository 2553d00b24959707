// The Models view: the memory-model comparison figures of the README ("Other
// memory models"), drawn from the committed native results — the values
// scripts/model_figures.py drew, results/models-summary.csv, shipped beside
// the page at build time (vite.config.js). Nothing here is a live run.
import { seriesChart, look as seriesLook, dashes, theoryGrey } from '../ui/charts.js';
import { chartPng, chartSvg, download, fillTable } from '../ui/exports.js';
import { parseCsv } from './results.js';
import { createReproduce } from '../ui/reproduce.js';

const $ = (id) => document.getElementById(id);
export const summaryFile = 'results/models-summary.csv';

// Up to 11 models share a panel. Each has its own colour, marker and dash
// (charts.js look), the same in every panel; the "Models shown" checkboxes
// above the panels hide or show a model in all of them at once (a legend
// entry toggles it in its own panel), so two or three models can be compared
// without the others on top. Theory lines: grey, dashed, no markers.
const theoryDashes = dashes.slice(1); // the theory lines of a panel

// The sweeps behind the panels: experiments/models-<figure>-<group>.json
// (shipped with the site at build time, vite.config.js); each panel's
// values are its figure's rows of the summary that scripts/model_figures.py
// writes from their CSVs (means over seeds).
const groups = ['bcpnn', 'cov', 'dam', 'lse', 'lsr', 'plain'];
const experimentsOf = (panel) =>
  panel.figure === 'capacity-n-exp'
    ? ['models-capacity-n-exp']
    : groups.map((group) => `models-${panel.figure.startsWith('degraded') ? 'degraded' : panel.figure}-${group}`);
const specTexts = new Map(); // experiment name -> its fetched spec (a promise)
function experimentSpec(name) {
  if (!specTexts.has(name))
    specTexts.set(
      name,
      fetch(new URL(`experiments/${name}.json`, document.baseURI)).then((response) => {
        if (!response.ok) throw new Error(`experiments/${name}.json: HTTP ${response.status} (the build copies it)`);
        return response.json();
      }),
    );
  return specTexts.get(name);
}

/** The panel's specs and the commands that rebuild its values natively. */
async function showReproduce(reproduce, panel) {
  const names = experimentsOf(panel);
  try {
    const files = await Promise.all(names.map(async (name) => ({ name: `${name}.json`, spec: await experimentSpec(name) })));
    reproduce.show({
      files,
      command: [
        ...names.map((name) => `damlab sweep ${name}.json --out results --threads 2`),
        'python3 scripts/model_figures.py results',
      ].join('\n'),
      note:
        `the last line (in the source tree) writes results/models-summary.csv, whose rows with figure = ${panel.figure}` +
        `${panel.p ? ` and x = ${panel.p}` : ''} are this chart's values (the specs are in experiments/)`,
    });
  } catch (error) {
    reproduce.clear(`The specs behind this chart could not be loaded: ${error.message}`);
  }
}

const capacityY = { title: 'Kmax (exact mode), mean of 3 seeds', log: true };
const accuracy = { title: 'held-out accuracy', log: false };
const degraded = (source, kind) => ({
  figure: `degraded-${source}-${kind}`,
  title: `Accuracy of degraded ${source === 'mnist' ? 'MNIST' : 'Fashion-MNIST'} probes: ${kind === 'flip' ? 'bit flips' : 'a random s × s block set to −1'}`,
  x: { title: kind === 'flip' ? 'flip probability δ' : 'block side s (of 28 pixels)', log: false },
  y: accuracy,
  theory: [],
});

/**
 * The panels: which summary rows, their x, and the README's theory lines,
 * each a bound theory function ({name, args}: the module computes it at the
 * panel's x values, in a worker).
 */
const panels = [
  {
    figure: 'capacity-n',
    p: '0.5',
    title: 'Capacity vs N, random patterns, P(+1) = 0.5 (hollow: censored, Kmax = S; a mean of 0 is drawn at 0.5)',
    x: { title: 'N (bits)', log: true },
    y: capacityY,
    theory: [
      ['0.138 N (Amit et al.; ≈1.6% wrong bits allowed)', { name: 'kmaxHopfield' }],
      ['N / (4 ln N) (all patterns exact)', { name: 'kmaxMceliece' }],
      ['N² / (2·3!!·ln N) (DAM n = 3, per pattern)', { name: 'kmax', args: [3] }],
    ],
  },
  {
    figure: 'capacity-n',
    p: '0.1',
    title: 'Capacity vs N, sparse random patterns, P(+1) = 0.1 (hollow: censored; 0 drawn at 0.5)',
    x: { title: 'N (bits)', log: true },
    y: capacityY,
    theory: [['Willshaw estimate, k = aN active units', { name: 'kmaxWillshaw', args: [0.1] }]],
  },
  {
    figure: 'capacity-n-exp',
    title: 'Capacity vs N of DAM exp (β = 1), random patterns, S = 2048 (hollow: censored)',
    x: { title: 'N (bits)', log: false },
    y: capacityY,
    theory: [['2^(N/2)', { name: 'kmaxExponential' }]],
  },
  {
    figure: 'mnist-capacity',
    title: 'Capacity on greedy MNIST subsets (S = 50) at equal mean pairwise HD',
    x: { title: 'target mean pairwise HD (bits)', log: false },
    y: { title: 'Kmax (exact mode), mean of 3 subsets', log: false },
    theory: [],
  },
  degraded('mnist', 'flip'),
  degraded('mnist', 'occlusion'),
  degraded('fashion-mnist', 'flip'),
  degraded('fashion-mnist', 'occlusion'),
];

/** One figure element per panel: canvas, caption, data table, PNG export. Text only. */
function figureElement(panel, i) {
  const figure = document.createElement('figure');
  const box = document.createElement('div');
  box.className = 'canvas-box tall';
  const canvas = document.createElement('canvas');
  canvas.id = `models-chart-${i}`;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `${panel.title}; the data table below lists every point`);
  box.append(canvas);
  const caption = document.createElement('figcaption');
  const theory = panel.theory.map(([label]) => label).join('; ');
  caption.textContent = theory ? `${panel.title}. Dashed: ${theory}.` : panel.title;
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = 'Data table';
  const table = document.createElement('table');
  table.setAttribute('aria-label', `Data of: ${panel.title}`);
  details.append(summary, table);
  const button = (kind) => {
    const element = document.createElement('button');
    element.type = 'button';
    element.textContent = kind;
    element.setAttribute('aria-label', `${kind} of: ${panel.title}`);
    return element;
  };
  const png = button('PNG');
  const svg = button('SVG');
  const specs = document.createElement('div');
  specs.id = `models-reproduce-${i}`;
  figure.append(caption, box, details, png, ' ', svg, specs);
  return { figure, canvas, table, png, svg, specs };
}

/** The "Models shown" checkboxes, one per model, all checked; onToggle(name, shown). Text only. */
function chooser(names, onToggle) {
  const box = $('models-shown');
  const legend = document.createElement('legend');
  legend.textContent = 'Models shown (in every panel)';
  box.replaceChildren(
    legend,
    ...names.map((name) => {
      const label = document.createElement('label');
      label.className = 'check';
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.checked = true;
      input.value = name;
      input.addEventListener('change', () => onToggle(name, input.checked));
      label.append(input, ` ${name}`);
      return label;
    }),
  );
}

export function createModels({ pool, report }) {
  const view = $('models');
  let drawn = false;

  async function draw(rows) {
    const header = rows[0];
    const col = Object.fromEntries(header.map((key, i) => [key, i]));
    const body = rows.slice(1).filter((row) => row.length === header.length);
    // One colour and marker per model, the same in every panel.
    const names = [...new Set(body.map((row) => row[col.model]))].sort();
    const look = (name) => seriesLook(names.indexOf(name));
    const container = $('model-figures');
    container.replaceChildren();
    const charts = [];
    chooser(names, (name, shown) => {
      for (const chart of charts) {
        const index = chart.data.datasets.findIndex((d) => d.label === name);
        if (index >= 0) chart.setDatasetVisibility(index, shown);
        chart.update('none');
      }
    });
    for (const [i, panel] of panels.entries()) {
      const selected = body.filter((row) => row[col.figure] === panel.figure && (!panel.p || row[col.x] === panel.p));
      const xOf = (row) => Number(panel.figure.startsWith('capacity') ? row[col.N] : row[col.x]);
      const models = [...new Set(selected.map((row) => row[col.model]))].sort();
      const series = models.map((name) => ({
        label: name,
        ...look(name),
        data: selected
          .filter((row) => row[col.model] === name)
          .map((row) => ({ x: xOf(row), y: Number(row[col.value]), censored: row[col.censored] === 'True' }))
          .map((p) => (panel.y.log ? { ...p, y: Math.max(p.y, 0.5) } : p))
          .sort((a, b) => a.x - b.x),
      }));
      const xs = [...new Set(selected.map(xOf))].sort((a, b) => a - b);
      const calls = panel.theory.flatMap(([, { name, args = [] }]) => xs.map((x) => ({ name, args: [x, ...args] })));
      const values = calls.length ? await pool.submit('theory', { calls }).promise : [];
      panel.theory.forEach(([label], t) =>
        series.push({ label, color: theoryGrey, dash: theoryDashes[t], theory: true, data: xs.map((x, i) => ({ x, y: values[t * xs.length + i] })) }),
      );
      const { figure, canvas, table, png, svg, specs } = figureElement(panel, i);
      container.append(figure);
      showReproduce(createReproduce(specs), panel);
      const chart = seriesChart(canvas, { x: panel.x, y: panel.y, series });
      charts.push(chart);
      fillTable(
        table,
        ['model', panel.x.title, panel.y.log ? 'Kmax (mean)' : panel.y.title, 'censored', 'runs'],
        selected.map((row) => [row[col.model], xOf(row), row[col.value], row[col.censored], row[col.count]]),
      );
      const stem = `damlab-models-${panel.figure}${panel.p ? '-p' + panel.p : ''}`;
      const caption = [panel.title, `${summaryFile}, figure=${panel.figure}${panel.p ? `, P(+1) = ${panel.p}` : ''}`];
      png.addEventListener('click', () => download(`${stem}.png`, chartPng(chart, caption)));
      svg.addEventListener('click', () => download(`${stem}.svg`, chartSvg(chart, caption), 'image/svg+xml'));
    }
    view.dataset.charts = String(panels.length);
  }

  async function run() {
    if (drawn) return;
    drawn = true;
    view.dataset.status = 'running';
    try {
      const response = await fetch(new URL(summaryFile, document.baseURI));
      if (!response.ok) throw new Error(`${summaryFile}: HTTP ${response.status} (the build copies it from results/)`);
      await draw(parseCsv(await response.text()));
      view.dataset.status = 'done';
    } catch (error) {
      drawn = false;
      view.dataset.status = 'error';
      report([`The Models view could not load ${summaryFile}: ${error.message}`]);
    }
  }

  return { load() {}, run, show: run };
}
