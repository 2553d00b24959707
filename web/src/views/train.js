// The train view: the Krotov–Hopfield (2016) classifier trained in a worker
// (worker.js, handlers.train) from the `damlab run` spec of the form
// (state.js, trainSpec). Each epoch the worker sends its statistics and the
// memories after it: the chart and the memory grid grow as they arrive, and
// the last memories received are kept, so a cancelled run (the pool
// terminates its worker) keeps its completed epochs on screen and exports
// them, marked partial. Every number shown is the module's.
import { crossCheck, trainKeys, trainSpec } from '../state.js';
import { fileToIdx } from './explorer.js';
import { readForm, writeForm } from '../ui/form.js';
import { trainChart, setTrainCurves } from '../ui/charts.js';
import { drawMemoryGrid, memoryShades } from '../ui/memory-grid.js';
import { chartPng, chartSvg, download, fillTable, toCsv } from '../ui/exports.js';
import { bindForm, createRunner, refused, summaryRow } from '../ui/runner.js';
import { createPin } from '../ui/compare.js';

const $ = (id) => document.getElementById(id);
// At most this many memories are drawn (the first ones).
const shownMemories = 100;
const curveColumns = ['epoch', 'temperature', 'learning_rate', 'loss', 'train_error', 'test_error'];
// The file inputs of an idx source, by the spec field naming each file.
const fileInputs = { images: 'train-images', labels: 'train-labels', test_images: 'train-test-images', test_labels: 'train-test-labels' };
// A core error names a spec path; the form names the link key.
const linkKey = Object.fromEntries(Object.entries(trainKeys).map(([key, path]) => [path, key]));

export function createTrain({ pool, state, onStateChange, report, onSend = () => {} }) {
  const view = $('train');
  const form = $('train-form');
  const chart = trainChart($('train-chart'));
  const slider = $('train-epoch');
  // The memory file's buttons (export, send to Recall) first: enabled once the file is known.
  const exportIds = ['train-memory-file', 'train-send', 'train-csv', 'train-json', 'train-png', 'train-svg', 'train-grid-png'];
  // The run on screen: its spec, the epochs received (stats), the grid's
  // shades per epoch, the last memories, the memory file once known, and how
  // it ended (null while running).
  let run = null;
  const chosen = {}; // an idx source's files read so far: spec field -> {name, bytes}
  // Compare: pin a run's curves; the next run's grow over them.
  const pin = createPin({
    chart,
    box: $('train-compare'),
    name: 'train',
    current: () => run?.epochs.length && { spec: run.spec, label: `${run.epochs.length} epochs` },
  });

  // "train.memories = 0: ..." -> "tK (train.memories) = 0: ...": a core
  // error names a spec path, the form and the link name the link key.
  const named = (message) => {
    const path = message.match(/^([a-z_]+\.[a-z_]+) =/)?.[1];
    return path && linkKey[path] ? `${linkKey[path]} (${path})${message.slice(path.length)}` : message;
  };
  const runner = createRunner({
    view,
    pool,
    report: (messages) => report(messages.map(named)),
    progress: $('train-progress'),
    cancelButton: $('train-cancel'),
    onCancel: () => finish({ cancelled: true }),
  });

  function showRelevant() {
    const applies = { tn: state.tF !== 'exp', mnist: state.tdata === 'mnist', fashion: state.tdata === 'fashion-mnist', idx: state.tdata === 'idx' };
    for (const element of form.querySelectorAll('[data-for]')) element.hidden = !applies[element.dataset.for];
  }

  // An idx source's files, as the spec names them and as the worker gets them
  // (gzipped files unpacked here; the native runner unpacks them itself).
  function idxFiles() {
    if (!chosen.images || !chosen.labels) return { error: 'Your IDX files: choose a training images file and a training labels file (a link keeps the settings, not the files)' };
    const names = Object.fromEntries(Object.entries(chosen).map(([field, { name }]) => [field, name]));
    if (new Set(Object.values(names)).size !== Object.keys(names).length) return { error: 'Your IDX files: each file needs a name of its own (the spec names them)' };
    return { names, files: Object.fromEntries(Object.values(chosen).map(({ name, bytes }) => [name, bytes])) };
  }

  const specName = (spec = run.spec) => `train-${spec.data.source === 'fashion-mnist' ? 'fashion-' : ''}K${spec.train.memories}-${spec.model.F === 'exp' ? 'exp' : `n${spec.model.n}`}-seed${spec.train.seed}`;

  // The spec of the run shown (or, before a run, of the form).
  function showSpec(spec) {
    $('train-spec').textContent = JSON.stringify(spec, null, 2);
    $('train-spec-name').textContent = `${specName(spec)}.json`;
    $('train-command').textContent = `damlab run ${specName(spec)}.json --out results`;
  }

  // The memories after epoch e (from 1) on the grid.
  function showEpoch(e) {
    const width = Math.round(Math.sqrt(run.pixels)); // for drawing only: the side of a square image
    drawMemoryGrid($('train-memories'), run.shades[e - 1], { count: run.count, pixels: run.pixels, width, columns: Math.ceil(Math.sqrt(run.count)) });
    slider.value = String(e);
    view.dataset.epochShown = String(e);
    $('train-memories-caption').textContent =
      `The first ${run.count} of ${run.spec.train.memories} memories after epoch ${e} of ${run.epochs.length}` +
      ` (pixels only; +1 dark, −1 light).`;
  }

  // Epochs of a small run arrive by the hundred per second: each is stored
  // at once, but the chart, grid and status are drawn at most once per frame
  // (drawing every epoch would grow with the run and block the page).
  let drawScheduled = false;
  function addEpoch({ stats, memories }) {
    run.epochs.push(stats);
    run.memories = memories;
    run.pixels = memories.pixels;
    run.count = Math.min(memories.memories, shownMemories);
    run.shades.push(memoryShades(memories, run.count));
    view.dataset.epochs = String(run.epochs.length);
    if (drawScheduled) return;
    drawScheduled = true;
    requestAnimationFrame(() => {
      drawScheduled = false;
      // After the run's end, finish() has drawn the last epoch and its own status.
      if (run?.epochs.length && !run.outcome) drawLatestEpoch();
    });
  }

  function drawLatestEpoch() {
    const e = run.epochs.length;
    const stats = run.epochs[e - 1];
    setTrainCurves(chart, run.epochs, run.spec.train.epochs);
    pin.overlay();
    slider.max = String(e);
    slider.disabled = false;
    showEpoch(e);
    const test = stats.test_error === null ? '' : `, test error ${stats.test_error}`;
    $('train-status').textContent = `Epoch ${stats.epoch + 1} of ${run.spec.train.epochs}: loss ${stats.loss}, train error ${stats.train_error}${test}`;
  }

  function fillCurves() {
    fillTable($('train-table'), curveColumns, run.epochs.map((s) => [s.epoch + 1, s.temperature, s.learning_rate, s.loss, s.train_error, s.test_error]));
  }

  function reset() {
    run = null;
    setTrainCurves(chart, [], state.tepochs);
    $('train-memories').width = $('train-memories').height = 0;
    slider.disabled = true;
    $('train-summary').replaceChildren();
    $('train-table').replaceChildren();
    $('train-status').textContent = '';
    for (const id of exportIds) $(id).disabled = true;
    delete view.dataset.partial;
    delete view.dataset.epochs;
    delete view.dataset.epochShown;
    delete view.dataset.testError;
    pin.overlay();
    pin.ready(false);
  }

  // The end of a run: complete (result: the worker's), cancelled or failed.
  // A run that stopped early keeps its completed epochs, exported as partial.
  async function finish({ result = null, cancelled = false, failed = false }) {
    const current = run;
    if (!current || current.outcome) return;
    const done = current.epochs.length;
    const planned = current.spec.train.epochs;
    current.outcome = result ? 'complete' : cancelled ? 'cancelled' : 'failed';
    current.seconds = (performance.now() - current.started) / 1000;
    if (result) Object.assign(current, { file: result.file, final: result, variant: result.variant, version: result.version });
    else if (done) current.partial = `${current.outcome} after ${done} of ${planned} epochs`;
    if (current.partial) view.dataset.partial = `${done}/${planned}`;
    if (done) drawLatestEpoch(); // the last epochs may not be drawn yet
    $('train-status').textContent = result
      ? `Done: ${done} epochs in ${current.seconds.toFixed(1)} s`
      : `${cancelled ? 'Cancelled' : 'Stopped'} after ${done} of ${planned} epochs (${current.seconds.toFixed(1)} s)` +
        (done ? ': the completed epochs are kept and export as partial' : '');
    fillCurves();
    const list = $('train-summary');
    list.replaceChildren();
    summaryRow(list, 'Epochs completed', `${done} of ${planned}${result ? '' : ` (${current.outcome})`}`);
    if (result) {
      summaryRow(list, 'Data', `${result.counts.train} training images, ${result.counts.test} test images (${result.source}; checksum ${result.checksum})`);
      summaryRow(list, 'Final training error', String(result.train_error));
      summaryRow(list, 'Final test error', result.test_error === null ? '— (no test set)' : String(result.test_error));
      summaryRow(list, 'Build', `${result.variant}, ${result.version}`);
      view.dataset.testError = String(result.test_error);
    } else if (done) {
      summaryRow(list, 'Test error, last epoch', String(current.epochs.at(-1).test_error));
    }
    summaryRow(list, 'Time', `${current.seconds.toFixed(1)} s`);
    // A stopped run's memories: the last epoch's, encoded by the module.
    if (!result && done) {
      try {
        current.file = await pool.submit('memoryFile', { memories: current.memories }).promise;
      } catch (error) {
        report([`The memory file of the completed epochs could not be made: ${error.message}`]);
      }
    }
    if (run !== current) return; // a newer run started meanwhile
    for (const id of exportIds.slice(0, 2)) $(id).disabled = !current.file;
    for (const id of exportIds.slice(2)) $(id).disabled = done === 0;
    if (!result && !failed) view.dataset.status = 'cancelled';
    pin.ready(done > 0);
  }

  async function start() {
    if (refused(view, report, [...readForm(form, state), ...crossCheck(state)])) return;
    const idx = state.tdata === 'idx' ? idxFiles() : { names: {}, files: null };
    if (refused(view, report, idx.error ? [idx.error] : [])) return;
    report([]);
    onStateChange();
    reset(); // first: the previous run, no longer on screen, needs no finishing
    runner.cancel();
    run = { spec: trainSpec(state, idx.names), epochs: [], shades: [], memories: null, file: null, outcome: null, started: performance.now() };
    showSpec(run.spec);
    const current = run;
    $('train-status').textContent = 'Loading the data…';
    const job = pool.submit('train', { spec: current.spec, files: idx.files, threads: 2 }, (message) => {
      if (run !== current) return;
      if (typeof message === 'number') runner.setProgress(message);
      else addEpoch(message);
    });
    let result = null;
    const outcome = await runner.start([job], (value) => (result = value));
    if (run !== current || outcome.cancelled) return; // superseded, or the cancel handler finished it
    await finish(outcome.ok ? { result } : { failed: true });
  }

  bindForm(form, { state, report, onStateChange, run: start, onChange: showRelevant });
  for (const [field, id] of Object.entries(fileInputs))
    $(id).addEventListener('change', async (event) => {
      event.stopPropagation(); // not a form field: the form's change handler need not read it
      const file = event.target.files[0];
      delete chosen[field];
      if (!file) return;
      try {
        chosen[field] = { name: file.name, bytes: await fileToIdx(file) };
      } catch (error) {
        report([error.message]);
      }
    });
  slider.addEventListener('input', () => run?.shades.length && showEpoch(Number(slider.value)));

  // Exports: a stopped run says so in its file names and contents.
  const stem = () => specName() + (run.partial ? `-partial-${run.epochs.length}-of-${run.spec.train.epochs}` : '');
  const caption = () => [
    `Krotov–Hopfield classifier: K = ${run.spec.train.memories}, F = ${run.spec.model.F}${run.spec.model.F === 'exp' ? '' : `, n = ${run.spec.model.n}`}, seed ${run.spec.train.seed}` +
      (run.partial ? `; PARTIAL: ${run.partial}` : ''),
  ];
  const curves = (key) => run.epochs.map((s) => s[key]);
  function record() {
    // The shape of a `damlab run` train record's result, plus what the page knows.
    return {
      spec: run.spec,
      seed: run.spec.train.seed,
      ...(run.final ? { data: { source: run.final.source, train: run.final.counts.train, test: run.final.counts.test, checksum: run.final.checksum } } : {}),
      result: {
        complete: run.outcome === 'complete',
        epochs: run.epochs.length,
        train_error: run.final?.train_error ?? null,
        test_error: run.final?.test_error ?? null,
        curves: { loss: curves('loss'), train_error: curves('train_error'), test_error: curves('test_error') },
        temperature: run.memories?.temperature ?? null,
      },
      ...(run.partial ? { partial: run.partial } : {}),
      playground: { variant: run.variant ?? document.body.dataset.variant, version: run.version ?? document.body.dataset.version, seconds: run.seconds },
    };
  }
  $('train-memory-file').addEventListener('click', () => download(`${stem()}.memories`, run.file, 'application/octet-stream'));
  // The memories to the Recall view (D_c^ε and a digit's recall on them), as
  // the file they export as: the Recall view's spec names it.
  $('train-send').addEventListener('click', () =>
    onSend({
      file: run.file,
      stem: stem(),
      about:
        `${run.spec.train.memories} memories trained in the Train view (${specName()}.json; ` +
        `${run.partial ?? `complete, ${run.epochs.length} epochs`}), F = ${run.spec.model.F}` +
        `${run.spec.model.F === 'exp' ? '' : `, n = ${run.spec.model.n}`}.`,
    }),
  );
  // The CSV's first line, a comment, holds the spec (every option and the seeds).
  $('train-csv').addEventListener('click', () =>
    download(
      `${stem()}.csv`,
      `# damlab train spec${run.partial ? ` (PARTIAL: ${run.partial})` : ''}: ${JSON.stringify(run.spec)}\n` +
        toCsv(curveColumns, run.epochs.map((s) => [s.epoch + 1, s.temperature, s.learning_rate, s.loss, s.train_error, s.test_error])),
      'text/csv',
    ),
  );
  $('train-json').addEventListener('click', () => download(`${stem()}.json`, JSON.stringify(record(), null, 2) + '\n', 'application/json'));
  $('train-png').addEventListener('click', () => download(`${stem()}-curves.png`, chartPng(chart, caption())));
  $('train-svg').addEventListener('click', () => download(`${stem()}-curves.svg`, chartSvg(chart, caption()), 'image/svg+xml'));
  $('train-grid-png').addEventListener('click', () => download(`${stem()}-memories.png`, $('train-memories').toDataURL('image/png')));
  $('train-spec-save').addEventListener('click', () => download(`${specName()}.json`, JSON.stringify(run?.spec ?? trainSpec(state), null, 2) + '\n', 'application/json'));
  $('train-spec-copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText($('train-spec').textContent);
      $('train-spec-copy').textContent = 'Spec copied';
    } catch {
      $('train-spec-copy').textContent = 'Select the spec above and copy it';
    }
  });

  return {
    load() {
      reset();
      runner.cancel();
      writeForm(form, state);
      showRelevant();
      showSpec(trainSpec(state));
    },
    run: start,
    chart,
    pin,
  };
}
