// Sweeps: one click runs a whole figure (figures.js) through the worker pool;
// points stream into the scatter as workers finish.
import { readForm, writeForm } from '../ui/form.js';
import { sweepChart, resetSweep, addPoint, setPoints } from '../ui/charts.js';
import { chartPng, chartSvg, download, fillTable, toCsv } from '../ui/exports.js';
import { figures, paperSets, runLabel } from './figures.js';
import { bindForm, createRunner } from '../ui/runner.js';
import { createPin } from '../ui/compare.js';
import { createReproduce } from '../ui/reproduce.js';
import { sweepExperiments } from './sweep-experiments.js';
import { parseCsv } from './results.js';

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
    onTick: (finished, all, failed) =>
      ($('sweep-count').textContent = `${finished} / ${all} runs${failed ? ` (${failed} failed)` : ''}`),
    // A cancelled sweep keeps its finished runs: charted, listed and
    // exportable, each marked partial with where it stopped.
    onCancel: ({ succeeded, failed, all }) => {
      $('sweep-count').textContent = `Cancelled after ${succeeded + failed} / ${all} runs`;
      finish({ succeeded, all, why: 'cancelled' });
    },
  });
  let records = [];
  let texts = []; // the records' JSON texts by spec index (a summary's sweep CSVs)
  let summaryRows = null; // the points table of a summarized figure (fig1, fig2)
  let rows = [];
  let memo = {}; // a figure's per-run state for this run
  let partial = null; // {succeeded, all, why} when the exports hold fewer runs than the figure has
  let shown = null; // {figure, scale, experiments}: the sweep on the chart
  let planned = null; // {normalized, figure, scale}: every run the sweep on the chart planned
  // Compare: a pinned sweep is named by its figure and scale (the diff),
  // its experiment files are the pinned spec shown.
  const pin = createPin({
    chart,
    box: $('sweep-compare'),
    name: 'sweeps',
    current: () =>
      shown && {
        spec: { figure: shown.figure, scale: shown.scale },
        text: JSON.stringify(shown.experiments.map(({ spec }) => spec), null, 2),
        label: `figure = ${shown.figure}, scale = ${shown.scale}`,
      },
  });
  const reproduce = createReproduce($('sweep-reproduce'));
  reproduce.clear();

  function describe() {
    const figure = figures[state.figure];
    $('sweeps-title').textContent = `Sweeps: ${figure.title}`;
    $('sweep-description').textContent = figure.describe(state);
    $('sweep-caption').textContent = figure.caption;
  }

  const exportIds = ['sweep-csv', 'sweep-json', 'sweep-png', 'sweep-svg'];

  function reset() {
    resetSweep(chart, figures[state.figure]);
    records = [];
    texts = [];
    summaryRows = null;
    delete view.dataset.summary;
    rows = [];
    memo = {};
    partial = null;
    describe();
    fillTables();
    for (const id of exportIds) $(id).disabled = true;
    delete view.dataset.partial;
    shown = null;
    reproduce.clear();
    pin.overlay();
    pin.ready(false);
  }

  // The end of a sweep (complete, failed or cancelled): tables filled,
  // exports enabled when there is anything to export, a partial one said so.
  function finish(incomplete) {
    partial = incomplete;
    fillTables();
    if (partial) {
      view.dataset.partial = `${partial.succeeded}/${partial.all}`;
      $('sweep-caption').textContent =
        `Partial (${partial.why}): ${partial.succeeded} of ${partial.all} runs. ` + figures[state.figure].caption;
      if (planned) showExperiments(); // else when the specs arrive
    }
    for (const id of exportIds) $(id).disabled = records.length === 0;
    pin.ready(records.length > 0);
  }

  // The runs, and the chart's points (for a summarized figure, once done, the summary's means, not runs).
  function fillTables() {
    fillTable($('sweep-table'), columns(), rows);
    if (summaryRows) return fillTable($('sweep-points'), figures[state.figure].pointColumns, summaryRows);
    const { x, y } = chart.options.scales;
    const points = chart.data.datasets.flatMap(({ label, data }) => data.map((p) => [label, p.x, p.y, p.censored ? 'yes' : '']));
    fillTable($('sweep-points'), ['series', x.title.text, y.title.text, 'hollow (censored)'], points);
  }

  function add(record, text, index) {
    const figure = figures[state.figure];
    records.push(record);
    texts[index] = text;
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
    const specs = figures[state.figure].specs(state, sets);
    // The specs behind the chart, as the core normalizes them, in the
    // native runner's experiment files.
    const { figure, scale } = state;
    const current = records; // this sweep's (reset gives each sweep a new list)
    const normalizing = pool.submit('normalize', { specs }).promise;
    planned = null;
    normalizing.then(
      (normalized) => {
        if (records !== current) return; // a newer sweep started
        planned = { normalized, figure, scale };
        showExperiments();
      },
      (error) => report([`The sweep's specs could not be normalized: ${error.message}`]),
    );
    const jobs = specs.map((spec, index) => {
      const job = pool.run(spec);
      return { ...job, promise: job.promise.then((result) => ({ ...result, index })), label: runLabel(spec) };
    });
    const outcome = await runner.start(jobs, ({ record, index }) => add(JSON.parse(record), record, index));
    if (outcome.cancelled) return; // the cancel handler finished it (or a newer run superseded it)
    if (!outcome.ok) $('sweep-count').textContent = `${outcome.succeeded} of ${outcome.all} runs succeeded, ${outcome.failed} failed`;
    finish(outcome.ok ? null : { succeeded: outcome.succeeded, all: outcome.all, why: `${outcome.failed} failed` });
    if (outcome.ok && figures[figure].summary) await summarize(figure, scale, { reading: state.reading, kmax: state.kmax }, normalizing, current);
  }

  // The experiment files of the sweep on the chart: every planned run; after
  // a cancel or a failure only the runs that finished (each listed as a
  // point), named and described as partial, so the files reproduce exactly
  // what the chart holds.
  function showExperiments() {
    const { normalized, figure, scale } = planned;
    const ran = partial ? normalized.filter((_, i) => texts[i] !== undefined) : normalized;
    const experiments = ran.length
      ? sweepExperiments(ran, `${figure}-${scale}` + (partial ? `-partial-${ran.length}-of-${normalized.length}` : ''))
      : [];
    shown = { figure, scale, experiments };
    if (!experiments.length) reproduce.clear('No run finished: there is nothing on the chart to reproduce.');
    else
      reproduce.show({
        files: experiments,
        command: experiments.map(({ name }) => `damlab sweep ${name} --out results`).join('\n'),
        note:
          (partial ? `PARTIAL (${partial.why}): the files list only the ${ran.length} of ${normalized.length} planned runs that finished; ` : '') +
          'each writes NAME.csv and NAME.json in results/ (one row per run, as the data table here)',
      });
    pin.overlay();
  }

  // A summarized figure (fig1, fig2): the core's summary of the finished
  // sweep, from its experiments' CSVs (the ones `damlab sweep` writes), drawn
  // as means with interval bars (replacing fig1's runs). view.dataset.summary
  // says when it is drawn. options: {reading, kmax} of the link.
  async function summarize(figure, scale, options, normalizing, current) {
    view.dataset.summary = 'running';
    try {
      const normalized = await normalizing;
      const experiments = sweepExperiments(normalized, `${figure}-${scale}`);
      const sweeps = experiments.map(({ spec }) => ({
        experiment: spec,
        records: normalized.map((n, i) => [n, i]).filter(([n]) => n.data.source === spec.data.source).map(([, i]) => texts[i]),
      }));
      const names = Object.fromEntries(experiments.map(({ spec }) => [spec.data.source === 'rademacher' ? 'artificial' : 'MNIST', spec.name]));
      const spec = figures[figure].summary(options, names);
      const { summary } = await pool.submit('summarize', { summary: spec, sweeps }).promise;
      if (records !== current) return; // a newer sweep started
      const [header, ...lines] = parseCsv(summary);
      const table = lines.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]])));
      const series = figures[figure].summaryPoints(table);
      const axes = figures[figure].summaryAxes(options, spec.kmax);
      if (axes.x) chart.options.scales.x.title.text = axes.x;
      chart.options.scales.y.title.text = axes.y;
      summaryRows = [];
      for (const { label } of figures[figure].series) {
        const points = series.get(label) ?? [];
        setPoints(chart, label, points, true);
        for (const p of points) summaryRows.push(figures[figure].pointRow(label, p));
      }
      fillTables();
      view.dataset.summary = 'done';
    } catch (error) {
      if (records !== current) return;
      view.dataset.summary = 'error';
      report([`The sweep could not be summarized: ${error.message}`]);
    }
  }

  bindForm(form, { state, report, onStateChange, run, onChange: describe });
  // A partial sweep's files say so in their names (and the images in their caption).
  const stem = () =>
    `damlab-${state.figure}-${state.scale}` + (partial ? `-partial-${partial.succeeded}-of-${partial.all}` : '');
  const caption = () =>
    [
      figures[state.figure].title,
      `figure=${state.figure}, scale=${state.scale}` + (partial ? `; PARTIAL: ${partial.succeeded} of ${partial.all} runs (${partial.why})` : ''),
    ];
  $('sweep-csv').addEventListener('click', () => download(`${stem()}.csv`, toCsv(columns(), rows), 'text/csv'));
  $('sweep-json').addEventListener('click', () =>
    download(`${stem()}.json`, JSON.stringify(records, null, 2) + '\n', 'application/json'),
  );
  $('sweep-png').addEventListener('click', () => download(`${stem()}.png`, chartPng(chart, caption())));
  $('sweep-svg').addEventListener('click', () => download(`${stem()}.svg`, chartSvg(chart, caption()), 'image/svg+xml'));

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
    pin,
  };
}
