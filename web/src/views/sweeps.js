// Sweeps: one click runs a whole figure (figures.js) through the worker pool;
// points stream into the scatter as workers finish.
import { readForm, writeForm } from '../ui/form.js';
import { sweepChart, resetSweep, addPoint, chartPng } from '../ui/charts.js';
import { download, fillTable, toCsv } from '../ui/exports.js';
import { figures, paperSets } from './figures.js';
import { bindForm, createRunner } from '../ui/runner.js';

const $ = (id) => document.getElementById(id);

export function createSweeps({ pool, state, onStateChange, report }) {
  const view = $('sweeps');
  const form = $('sweep-form');
  const chart = sweepChart($('sweep-chart'));
  const columns = () => figures[state.figure].columns;
  const runner = createRunner({
    view,
    pool,
    report,
    progress: $('sweep-progress'),
    cancelButton: $('sweep-cancel'),
    onTick: (done, all) => ($('sweep-count').textContent = `${done} / ${all} runs`),
    onCancel: () => fillTables(),
  });
  let records = [];
  let rows = [];
  let memo = {}; // a figure's running sums for this run (fig2's bucket means)

  function describe() {
    const figure = figures[state.figure];
    $('sweeps-title').textContent = `Sweeps: ${figure.title}`;
    $('sweep-description').textContent = figure.describe(state.scale);
    $('sweep-caption').textContent = figure.caption;
  }

  function reset() {
    resetSweep(chart, figures[state.figure]);
    records = [];
    rows = [];
    memo = {};
    fillTables();
    for (const id of ['sweep-csv', 'sweep-json', 'sweep-png']) $(id).disabled = true;
  }

  // The runs, and the chart's points (for fig2 these are bucket means, not runs).
  function fillTables() {
    fillTable($('sweep-table'), columns(), rows);
    const { x, y } = chart.options.scales;
    const points = chart.data.datasets.flatMap(({ label, data }) => data.map((p) => [label, p.x, p.y, p.censored ? 'yes' : '']));
    fillTable($('sweep-points'), ['series', x.title.text, y.title.text, 'hollow (censored)'], points);
  }

  function add(record) {
    const figure = figures[state.figure];
    records.push(record);
    rows.push(...figure.rows(record));
    for (const { series, point, replace } of figure.points(record, memo)) addPoint(chart, series, point, replace);
  }

  async function run() {
    const errors = readForm(form, state);
    if (errors.length) return report(errors);
    report([]);
    onStateChange();
    describe();
    runner.cancel();
    reset();
    let sets;
    view.dataset.status = 'running';
    try {
      sets = await paperSets(pool);
    } catch (error) {
      view.dataset.status = 'error';
      return report([`The sweep's pattern sets could not be expanded: ${error.message}`]);
    }
    const jobs = figures[state.figure].specs(state.scale, sets).map((spec) => pool.run(spec));
    const ok = await runner.start(jobs, ({ record }) => add(JSON.parse(record)));
    if (!ok && view.dataset.status !== 'error') return; // cancelled or superseded
    fillTables();
    for (const id of ['sweep-csv', 'sweep-json', 'sweep-png']) $(id).disabled = false;
  }

  bindForm(form, { state, report, onStateChange, run, onChange: describe });
  const stem = () => `damlab-${state.figure}-${state.scale}`;
  $('sweep-csv').addEventListener('click', () => download(`${stem()}.csv`, toCsv(columns(), rows), 'text/csv'));
  $('sweep-json').addEventListener('click', () =>
    download(`${stem()}.json`, JSON.stringify(records, null, 2) + '\n', 'application/json'),
  );
  $('sweep-png').addEventListener('click', () => download(`${stem()}.png`, chartPng(chart)));

  return {
    load() {
      // A new address (hashchange) may change the figure: a running sweep of the old one stops first.
      runner.cancel();
      writeForm(form, state);
      describe();
      reset();
    },
    run,
    chart,
  };
}
