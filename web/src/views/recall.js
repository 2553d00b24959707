// The recall view: the worker runs the view's trajectory spec (measure =
// trajectory: the memories, the corrupted probe and its updates under any
// registry model, experiment/trajectory_measure.hpp) as `damlab run` does,
// and its record has every state with its nearest memories; this view only
// steps and plays through it, and its spec panel gives the native command.
// With prefers-reduced-motion, Play jumps to the last step instead of animating.
// Trained memories sent by the Train view (receiveTrained) run instead as
// `damlab run` runs a convergence spec on their memory file (worker.js,
// handlers.trainedRecall): D_c^ε on the overloaded-regime paper's D, and one
// digit of D followed step by step. A link cannot carry the memories: the
// address says only that they were used (rmemories=trained), and the spec
// panel with the exported file reproduces the run.
import { crossCheck, models, recallParams, recallSpec } from '../state.js';
import { modelOptions, parameterControls, readForm, writeForm } from '../ui/form.js';
import { energyChart, setEnergies, drawPattern } from '../ui/charts.js';
import { drawMemoryGrid, memoryShades } from '../ui/memory-grid.js';
import { download, fillTable } from '../ui/exports.js';
import { bindForm, createRunner, refused, summaryRow } from '../ui/runner.js';
import { createReproduce } from '../ui/reproduce.js';

const $ = (id) => document.getElementById(id);
// Labels 0-9 of each data set (docs/data.md), as the captions name them.
const classNames = {
  mnist: (label) => `digit ${label}`,
  'fashion-mnist': (label) =>
    ['T-shirt/top', 'trouser', 'pullover', 'dress', 'coat', 'sandal', 'shirt', 'sneaker', 'bag', 'ankle boot'][label],
};
const dataName = { mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST' };
// The spec file the panel names for a data-set trajectory.
const recallFile = 'recall-trajectory.json';
const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

export function createRecall({ pool, state, onStateChange, report }) {
  const view = $('recall');
  const form = $('recall-form');
  const chart = energyChart($('energy-chart'));
  const controls = ['recall-first', 'recall-back', 'recall-step', 'recall-play', 'recall-slider'];
  const runner = createRunner({ view, pool, report });
  let run = null; // the worker's result (trained: the trained one, reshaped by trainedRun)
  // Trained memories sent by the Train view: {file (DAMLABM bytes), name, stem, about}.
  let trained = null;
  let trainedRecord = null; // the record text of the last trained run
  let dataRecord = null; // the record text of the trajectory on screen (data-set memories)
  const reproduce = createReproduce($('recall-reproduce'));
  let step = 0;
  let timer = null;
  let built = false;

  // The model picker and every model's parameter controls (link keys with
  // an r prefix), from the registry: built at the first load, when it has arrived.
  function buildModelControls() {
    if (built) return;
    built = true;
    modelOptions($('recall-model'));
    const params = new Map(Object.values(models).flatMap(({ params }) => params.map((p) => [`r${p.field}`, { ...p, field: `r${p.field}` }])));
    parameterControls($('recall-params'), [...params.values()]);
  }

  function showRelevant() {
    const shown = recallParams(state).map(({ field }) => `r${field}`);
    for (const element of form.querySelectorAll('[data-for]')) element.hidden = !shown.includes(element.dataset.for);
  }

  const named = (label) => (label === null ? '—' : classNames[run.source](label));
  const noun = () => (run.source === 'mnist' ? 'digit' : 'item');

  // Trained memories are real-valued: drawn as grey shades (+1 dark), as
  // the Train view draws them.
  function drawNearest(canvas, memory) {
    if (!run.trained) return drawPattern(canvas, run.nearest[memory], run.side);
    const one = { pixels: run.pixels, classes: run.N - run.pixels, weights: run.nearest[memory] };
    drawMemoryGrid(canvas, memoryShades(one, 1), { count: 1, pixels: run.pixels, width: run.side, columns: 1 });
  }

  // The label neurons of a trained state that are on (+1), by class name.
  const labelsOn = (state) =>
    Array.from(state.subarray(run.pixels), (s, c) => (s > 0 ? named(c) : null)).filter((c) => c !== null).join(', ') || 'none';

  function showStep(t) {
    step = t;
    const last = run.states.length - 1;
    const top = run.top[t];
    const nearest = top[0];
    drawPattern($('recall-state'), run.states[t], run.side);
    drawNearest($('recall-nearest'), nearest.memory);
    $('recall-state-caption').textContent =
      `State at step ${t} (${t === 0 ? 'the probe' : `${run.flips[t - 1]} bits flipped`})` +
      (run.trained ? `; label neurons on: ${labelsOn(run.states[t])}` : '');
    $('recall-nearest-caption').textContent = run.trained
      ? `Nearest memory: #${nearest.memory}, |⟨ξ, σ⟩| = ${Math.abs(nearest.overlap)} of at most ${run.N} (grey: real-valued)`
      : `Nearest memory: #${nearest.memory} (${named(nearest.label)}), overlap ${nearest.overlap} of ${run.N}` +
        (nearest.memory === run.digit ? ` — the stored ${noun()}` : '');
    $('recall-position').textContent = `step ${t} of ${last}${t === last ? (run.converged ? ' (fixed point)' : ' (step limit)') : ''}`;
    $('recall-slider').value = String(t);
    view.dataset.step = String(t);
    view.dataset.nearest = String(nearest.memory);
    if (run.trained)
      fillTable($('overlap-table'), ['memory', 'overlap ⟨ξ, σ⟩'], top.map(({ memory, overlap }) => [memory, overlap]));
    else
      fillTable(
        $('overlap-table'),
        ['memory', 'class', 'overlap ξ·σ', `the stored ${noun()}?`],
        top.map(({ memory, label, overlap }) => [memory, named(label), overlap, memory === run.digit ? 'yes' : '']),
      );
    setEnergies(chart, run.energies, t);
    $('recall-back').disabled = $('recall-first').disabled = t === 0;
    $('recall-step').disabled = t === last;
  }

  function stop() {
    if (timer !== null) clearInterval(timer);
    timer = null;
    $('recall-play').textContent = 'Play';
  }

  function play() {
    if (timer !== null) return stop();
    const last = run.states.length - 1;
    if (reducedMotion()) return showStep(last); // no animation: the end state at once
    if (step === last) showStep(0);
    $('recall-play').textContent = 'Pause';
    timer = setInterval(() => {
      if (step >= last) return stop();
      showStep(step + 1);
    }, 500);
  }

  function show(result) {
    run = result;
    drawPattern($('recall-stored'), run.stored, run.side);
    drawPattern($('recall-probe'), run.probe, run.side);
    $('recall-stored-caption').textContent = run.trained
      ? `Digit ${run.index} of D before noise (MNIST item ${run.item}, ${named(run.label)})`
      : `Stored ${noun()}: memory #${run.digit} (${dataName[run.source]} item ${run.item}, ${named(run.label)})`;
    const list = $('recall-summary');
    list.replaceChildren();
    const last = run.states.length - 1;
    summaryRow(list, 'Steps computed', `${last} (${run.converged ? 'reached a fixed point' : 'stopped at the step limit'})`);
    const end = run.top[last][0];
    if (run.trained) {
      summaryRow(list, 'Ends nearest to', `memory #${end.memory}, |⟨ξ, σ⟩| = ${Math.abs(end.overlap)} (this digit's Cvg) of at most ${run.N}`);
      summaryRow(list, 'Label neurons on at the end', labelsOn(run.states[last]));
      const { result } = run.record;
      summaryRow(list, 'D', `${result.probes} digits; mean Cvg / (N + C) = ${result.mean_cvg}`);
    } else
      summaryRow(
        list,
        'Ends nearest to',
        `memory #${end.memory} (${named(end.label)}), overlap ${end.overlap} of ${run.N}: ` +
          (end.memory === run.digit ? `the stored ${noun()}` : `not the stored ${noun()}`),
      );
    summaryRow(list, 'Build', run.variant);
    // Models without an energy (e.g. the Hopfield rules) leave energies empty.
    fillTable(
      $('energy-table'),
      ['step', 'energy E / F(N)', 'bits flipped'],
      run.states.map((_, t) => [t, run.energies.length ? run.energies[t] : '— (no energy for this model)', t === 0 ? '' : run.flips[t - 1]]),
    );
    const slider = $('recall-slider');
    slider.max = String(last);
    for (const id of controls) $(id).disabled = false;
    showStep(0);
  }

  async function compute() {
    if (state.rmemories === 'trained' && !trained)
      return refused(view, report, [
        'rmemories = trained: this link is of a Recall run on memories trained in the Train view, which a link cannot carry. ' +
          'Reproduce it with its .memories file and spec (damlab run), or train and use "Send to Recall" again.',
      ]);
    if (state.rmemories === 'trained') return computeTrained();
    if (refused(view, report, [...readForm(form, state), ...crossCheck(state)])) return;
    report([]);
    onStateChange();
    stop();
    showTrainedBox(false);
    reproduce.clear('Running…');
    $('recall-record').disabled = true;
    delete view.dataset.opened;
    await runner.start([pool.submit('recall', { spec: recallSpec(state) })], ({ record, variant }) => showRecord(record, variant));
  }

  // A trajectory record (its text: the worker's, or a file `damlab run`
  // wrote), drawn, with its spec and command in the panel.
  function showRecord(text, build) {
    const shown = dataRun(JSON.parse(text), build);
    dataRecord = text;
    show(shown);
    $('recall-record').disabled = false;
    reproduce.show({
      files: [{ name: recallFile, spec: shown.record.spec }],
      command: `damlab run ${recallFile} --out results`,
      note: "its record (the \"Record JSON\" button) lists this trajectory's states, energies and nearest memories, byte for byte",
    });
  }

  // A record in the shape show() and showStep() read: its result's numbers
  // (experiment/trajectory_measure.hpp), the bit strings ('1' for +1) as ±1
  // arrays to draw. Throws on a record of another measure or shape.
  function dataRun(record, variant) {
    const { result, spec } = record ?? {};
    if (spec?.measure !== 'trajectory' || !Array.isArray(result?.states) || !Array.isArray(result?.nearest))
      throw new Error(`not a trajectory record (measure = ${spec?.measure ?? 'none'}): open what \`damlab run\` wrote for a trajectory spec`);
    const signs = (bits) => Int8Array.from(bits, (bit) => (bit === '1' ? 1 : -1));
    const entry = ({ memory, overlap, label, data_index: item }) => ({ memory, overlap, label, item });
    const states = result.states.map(signs);
    return {
      record,
      N: result.N,
      side: Math.round(Math.sqrt(result.N)), // for drawing: N = side² is the core's check
      K: result.K,
      digit: result.probed.memory,
      item: result.probed.data_index,
      label: result.probed.label,
      source: spec.data.source,
      stored: signs(result.probed.bits),
      probe: states[0],
      states,
      energies: result.energies,
      flips: result.flips,
      converged: result.converged,
      top: result.nearest.map((row) => row.map(entry)),
      nearest: Object.fromEntries(Object.entries(result.nearest_bits).map(([memory, bits]) => [memory, signs(bits)])),
      variant,
    };
  }

  // The trained-memory box stays once memories have arrived (its button
  // runs them again); on says which memories the result on screen used.
  function showTrainedBox(on) {
    $('recall-trained').hidden = !trained;
    view.dataset.memories = on ? 'trained' : 'data';
  }

  // The convergence spec of the trained form: the core checks every field
  // (its messages name the spec path).
  function trainedSpec() {
    const number = (id) => Number($(id).value);
    const fields = { 'rt-index': 'index', 'rt-per-class': 'data.per_class', 'rt-split': 'data.seed', 'rt-delta': 'probe.delta', 'rt-steps': 'probe.steps', 'rt-seed': 'probe.seed' };
    const errors = Object.entries(fields)
      .filter(([id]) => $(id).value.trim() === '' || !Number.isFinite(number(id)))
      .map(([id, field]) => `${field} = "${$(id).value.slice(0, 40)}": must be a number`);
    const spec = {
      measure: 'convergence',
      data: { source: 'trained', path: trained.name, per_class: number('rt-per-class'), seed: number('rt-split') },
      probe: { steps: number('rt-steps'), delta: number('rt-delta'), seed: number('rt-seed') },
    };
    return { errors, spec, index: number('rt-index') };
  }

  async function computeTrained() {
    const { errors, spec, index } = trainedSpec();
    if (refused(view, report, errors)) return;
    report([]);
    state.rmemories = 'trained';
    onStateChange();
    stop();
    showTrainedBox(true);
    trainedRecord = null;
    $('recall-trained-record').disabled = true;
    $('recall-record').disabled = true; // the data-set trajectory's record is no longer on screen
    delete view.dataset.opened;
    reproduce.clear('Running…');
    fillTable($('recall-dc-table'), [], []);
    await runner.start([pool.submit('trainedRecall', { spec, memories: trained.file, index })], (result) => {
      trainedRecord = result.record;
      const run = trainedRun(result, index);
      show(run);
      const { record } = run;
      const dc = Object.entries(record.result.D_c);
      fillTable($('recall-dc-table'), ['ε', 'D_c^ε'], dc.map(([epsilon, value]) => [epsilon, value]));
      view.dataset.dc = JSON.stringify(record.result.D_c);
      $('recall-trained-record').disabled = false;
      const name = `${trained.stem}-recall.json`;
      reproduce.show({
        files: [{ name, spec: record.spec }],
        command: `damlab run ${name} --out results`,
        note: `with the memory file ${trained.name} (the "Memories (.memories)" button) beside it and mnist-10k-grey.bin in the data folder; the record is this run's, byte for byte`,
      });
    });
  }

  // The trained result in the shape show() and showStep() read.
  function trainedRun(result, index) {
    const { trajectory: t } = result;
    const record = JSON.parse(result.record);
    return {
      trained: true,
      record,
      N: t.pixels + t.classes,
      pixels: t.pixels,
      side: Math.round(Math.sqrt(t.pixels)), // for drawing: 28 × 28 MNIST digits (the core checked the pixels)
      source: 'mnist',
      index,
      item: t.item,
      label: t.label,
      digit: -1,
      stored: t.clean,
      probe: t.states[0],
      states: t.states,
      energies: [], // no energy reported for trained memories: the overlaps and flips tell the story
      flips: t.flips,
      converged: t.converged,
      top: t.top,
      nearest: t.nearest,
      variant: result.variant,
    };
  }

  // The form's own run is on the data set's memories.
  const computeData = () => ((state.rmemories = 'data'), compute());
  bindForm(form, { state, report, onStateChange, run: computeData, onChange: showRelevant });
  $('recall-first').addEventListener('click', () => (stop(), showStep(0)));
  $('recall-back').addEventListener('click', () => (stop(), showStep(Math.max(0, step - 1))));
  $('recall-step').addEventListener('click', () => (stop(), showStep(Math.min(run.states.length - 1, step + 1))));
  $('recall-play').addEventListener('click', play);
  $('recall-trained-form').addEventListener('submit', (event) => {
    event.preventDefault();
    computeTrained();
  });
  $('recall-trained-memories').addEventListener('click', () => download(trained.name, trained.file, 'application/octet-stream'));
  $('recall-trained-record').addEventListener('click', () =>
    download(`${trained.stem}-recall-record.json`, trainedRecord + '\n', 'application/json'),
  );
  $('recall-record').addEventListener('click', () => download('recall-trajectory-record.json', dataRecord + '\n', 'application/json'));
  // A record file back into the view (what `damlab run` wrote for the spec
  // of the panel, or the "Record JSON" download).
  $('recall-open').addEventListener('change', async (event) => {
    const [file] = event.target.files;
    event.target.value = '';
    if (file) openRecord(file.name, await file.text());
  });

  // A trajectory record's text, opened from a file named name.
  function openRecord(name, text) {
    try {
      stop();
      runner.cancel();
      showTrainedBox(false);
      showRecord(text, `opened from ${name}`);
      report([]);
      view.dataset.status = 'done';
      view.dataset.opened = name;
    } catch (error) {
      report([`${name}: ${error.message}`]);
    }
  }
  $('recall-slider').addEventListener('input', (event) => (stop(), showStep(Number(event.target.value))));

  return {
    load() {
      buildModelControls();
      writeForm(form, state);
      showRelevant();
    },
    run: compute,
    chart,
    /** A trajectory record (the text `damlab run` wrote), drawn as if run here; name: its file's. */
    openRecord,
    /**
     * Trained memories from the Train view: file, the DAMLABM bytes; stem,
     * the train run's export name (the file is saved as STEM.memories);
     * about, a line saying which run they come from. Runs at once.
     */
    receiveTrained({ file, stem, about }) {
      trained = { file, stem, name: `${stem}.memories`, about };
      $('recall-trained-about').textContent = about;
      showTrainedBox(true);
      return computeTrained();
    },
  };
}
