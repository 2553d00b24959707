// Sweeps: one click runs a whole figure (figures.js) through the worker pool;
// points stream into the scatter as workers finish.
import { readForm, writeForm } from './form.js';
import { sweepChart, resetSweep, addPoint, chartPng } from './charts.js';
import { download, fillTable, toCsv } from './exports.js';
import { figures } from './figures.js';

const $ = (id) => document.getElementById(id);

export function createSweeps({ pool, state, onStateChange, report }) {
  const view = $('sweeps');
  const form = $('sweep-form');
  const chart = sweepChart($('sweep-chart'));
  const columns = () => figures[state.figure].columns;
  let jobs = [];
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
    cancel();
    reset();
    const specs = figures[state.figure].specs(state.scale);
    let done = 0;
    const progress = $('sweep-progress');
    const tick = () => {
      progress.value = done / specs.length;
      $('sweep-count').textContent = `${done} / ${specs.length} runs`;
    };
    tick();
    $('sweep-cancel').disabled = false;
    view.dataset.status = 'running';
    const current = (jobs = specs.map((spec) => pool.run(spec)));
    const failures = [];
    await Promise.all(
      current.map(async ({ promise }) => {
        try {
          const { record } = await promise;
          if (jobs === current) add(JSON.parse(record));
        } catch (error) {
          if (error.name !== 'Cancelled') failures.push(error.message);
        }
        done++;
        if (jobs === current) tick();
      }),
    );
    if (jobs !== current) return; // cancelled or superseded
    jobs = [];
    $('sweep-cancel').disabled = true;
    fillTables();
    if (failures.length) report([...new Set(failures)]);
    view.dataset.status = failures.length ? 'error' : 'done';
    for (const id of ['sweep-csv', 'sweep-json', 'sweep-png']) $(id).disabled = false;
  }

  function cancel() {
    if (!jobs.length) return;
    const running = jobs;
    jobs = [];
    for (const { id } of running) pool.cancel(id);
    $('sweep-cancel').disabled = true;
    fillTables();
    view.dataset.status = 'cancelled';
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  form.addEventListener('change', () => {
    const errors = readForm(form, state);
    report(errors);
    if (!errors.length) onStateChange();
    describe();
  });
  $('sweep-cancel').addEventListener('click', cancel);
  const stem = () => `damlab-${state.figure}-${state.scale}`;
  $('sweep-csv').addEventListener('click', () => download(`${stem()}.csv`, toCsv(columns(), rows), 'text/csv'));
  $('sweep-json').addEventListener('click', () =>
    download(`${stem()}.json`, JSON.stringify(records, null, 2) + '\n', 'application/json'),
  );
  $('sweep-png').addEventListener('click', () => download(`${stem()}.png`, chartPng(chart)));

  return {
    load() {
      writeForm(form, state);
      describe();
      reset();
    },
    run,
    chart,
  };
}
