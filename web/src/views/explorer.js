// The capacity explorer: one spec from the controls, one run in the pool,
// Kmax in both modes, the retrieval profile and the theory estimate beside it.
import { explorerSpec, modelParams, models } from '../state.js';
import { modelOptions, parameterControls, readForm, writeForm } from '../ui/form.js';
import { profileChart, setProfile } from '../ui/charts.js';
import { chartPng, chartSvg, download, fillTable, toCsv } from '../ui/exports.js';
import { bindForm, createRunner, refused, summaryRow } from '../ui/runner.js';
import { createPin } from '../ui/compare.js';
import { createReproduce } from '../ui/reproduce.js';

const $ = (id) => document.getElementById(id);

/**
 * A local file as IDX bytes for runSpec's idx source: IDX as it is, gzipped
 * IDX through DecompressionStream, a CSV of 0/1 rows rewritten as an IDX
 * file of unsigned bytes (0 → 0, 1 → 255; count × N). Formatting only: the
 * core parses and binarizes the bytes. Throws an Error naming the problem.
 */
export async function fileToIdx(file) {
  let bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
      bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    } catch (error) {
      throw new Error(`${file.name}: not a valid gzip file (${error.message})`);
    }
  }
  // IDX starts with two zero bytes; anything else is read as CSV text.
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0) return bytes;
  const lines = new TextDecoder().decode(bytes).split(/\r?\n/).filter((line) => line.trim() !== '');
  if (!lines.length) throw new Error(`${file.name}: neither an IDX file nor a CSV of 0/1 rows (the file is empty)`);
  const rows = lines.map((line) => line.split(',').map((cell) => cell.trim()));
  const N = rows[0].length;
  rows.forEach((row, i) => {
    if (row.length !== N) throw new Error(`${file.name}: CSV line ${i + 1} has ${row.length} values, line 1 has ${N}`);
    const bad = row.findIndex((cell) => cell !== '0' && cell !== '1');
    if (bad >= 0)
      throw new Error(`${file.name}: CSV line ${i + 1}, value ${bad + 1} is "${row[bad].slice(0, 20)}": every value must be 0 or 1`);
  });
  const out = new Uint8Array(4 + 8 + rows.length * N);
  const view = new DataView(out.buffer);
  out.set([0, 0, 0x08, 2]); // unsigned bytes, two dimensions
  view.setUint32(4, rows.length);
  view.setUint32(8, N);
  rows.forEach((row, i) => row.forEach((cell, j) => (out[12 + i * N + j] = cell === '1' ? 255 : 0)));
  return out;
}

export function createExplorer({ pool, state, onStateChange, report }) {
  const view = $('explorer');
  const form = $('explorer-form');
  const chart = profileChart($('profile-chart'));
  const runner = createRunner({ view, pool, report, progress: $('progress'), cancelButton: $('cancel') });
  let last = null; // {record (parsed), text, theory, variant}
  let file = null; // {name, bytes} of the idx source
  let built = false;
  // Compare: the record's spec (the core's normalized one) is what a pin compares.
  const pin = createPin({
    chart,
    box: $('explorer-compare'),
    name: 'explorer',
    current: () => last && { spec: last.record.spec, text: JSON.stringify(last.record.spec, null, 2), label: `Kmax ${last.record.result.exact.kmax}` },
  });
  // From chart to command: the record's spec is the spec the worker ran,
  // normalized by the core, so `damlab run` on it gives the same record.
  const reproduce = createReproduce($('explorer-reproduce'));
  reproduce.clear();

  // The model picker and every model's parameter controls (once per link
  // key), from the registry: built at the first load, when it has arrived.
  function buildModelControls() {
    if (built) return;
    built = true;
    modelOptions($('model-select'));
    const params = new Map(Object.values(models).flatMap(({ params }) => params.map((p) => [p.field, p])));
    parameterControls($('model-params'), [...params.values()]);
  }

  // Only the controls of the chosen source and model are shown: the
  // model's parameters that apply (the DAM's F with n or β).
  function showRelevant() {
    const asset = state.source === 'mnist' || state.source === 'fashion-mnist';
    const shown = modelParams(state).map(({ field }) => field);
    const param = (key) => shown.includes(key);
    for (const element of form.querySelectorAll('[data-for]')) {
      const key = element.dataset.for;
      element.hidden = !(
        (key === 'mnist' && asset) ||
        (key === 'greedy' && asset && state.selection === 'greedy') ||
        (key === 'rademacher' && state.source === 'rademacher') ||
        (key === 'idx' && state.source === 'idx') ||
        param(key)
      );
    }
  }

  const hd = (value) => (value === null || value === undefined ? '— (fewer than 2 patterns)' : value.toFixed(2));

  function show({ record, theory, variant }) {
    const { result, data } = record;
    const list = $('summary');
    list.replaceChildren();
    const censored = (mode) => (mode.censored ? ` (censored: Kmax = S, capacity ≥ ${result.S})` : '');
    summaryRow(list, 'Kmax, exact', `${result.exact.kmax} of S = ${result.S}${censored(result.exact)}`);
    // Models other than the DAM record the exact mode only (no binary search, profile or monotone flag).
    if (result.binary) {
      summaryRow(
        list,
        'Kmax, binary search',
        `${result.binary.kmax}${censored(result.binary)} after ${result.binary.evaluations} evaluations`,
      );
      summaryRow(list, 'Profile monotone', result.monotone ? 'yes (both modes agree)' : 'no: the binary search assumption fails');
    } else {
      summaryRow(list, 'Kmax, binary search', 'does not apply: this model is measured in exact mode only');
      summaryRow(list, 'Profile, monotone', `not recorded for this model (exact scan: ${result.evaluated} evaluations)`);
    }
    summaryRow(list, 'Model', JSON.stringify(record.spec.model));
    if (data.greedy) {
      // The core's own tolerance: a mean within ±band of the target is on
      // target (the record's spec carries band); outside it, say so plainly.
      const { target_hd: target, band } = record.spec.data;
      const reached = data.greedy.reached_hd;
      const missed = reached === null || Math.abs(reached - target) > band;
      summaryRow(list, 'Reached mean HD (greedy)', `${hd(reached)} bits (target ${target} ± ${band})`);
      if (missed) {
        summaryRow(
          list,
          'Target missed',
          `the greedy selection could not reach mean HD ${target} ± ${band} with these classes and S: ` +
            `it reached ${hd(reached)} bits, so this Kmax is for a set of that separation, not of the target`,
        );
        list.lastElementChild.className = 'flag';
        list.lastElementChild.previousElementSibling.className = 'flag';
      }
      view.dataset.targetMissed = String(missed);
    } else delete view.dataset.targetMissed;
    if (data.mean_hd !== undefined) summaryRow(list, 'Mean HD of the S patterns', `${hd(data.mean_hd)} bits`);
    summaryRow(list, 'Mean HD of the first Kmax', `${hd(result.exact.mean_hd)} bits`);
    summaryRow(list, 'N, data checksum', `${result.N} bits, ${data.checksum}`);
    summaryRow(list, 'Build, code version', `${variant}, ${record.code_version}`);
    $('theory').textContent = theory?.error
      ? `No theory estimate for N = ${theory.N}, n = ${theory.n}: ${theory.error}`
      : theory
      ? `Theory for random unbiased patterns: Kmax(N = ${theory.N}, n = ${theory.n}) ≈ ${theory.kmax.toPrecision(4)}. ` +
        'This is a per-pattern estimate (each pattern a fixed point with high probability), not the same quantity ' +
        'as the measured "all first K retrieved" Kmax above, and it assumes uncorrelated patterns.'
      : record.spec.model.name
      ? `No theory estimate here for ${record.spec.model.name}; the Models view draws the theory lines the README gives beside the committed results.`
      : 'No theory estimate for the exponential F.';
    setProfile(chart, result.profile, result.exact.kmax, result.S);
    $('profile-caption').textContent = result.profile
      ? 'Retrieval profile over K; the dashed line marks Kmax (exact mode).'
      : 'No retrieval profile for this model (exact mode only); the dashed line marks Kmax.';
    fillTable($('profile-table'), ['K', 'all first K retrieved'], Array.from(result.profile ?? '', (bit, i) => [i + 1, bit === '1' ? 'yes' : 'no']));
    for (const id of exportIds) $(id).disabled = false;
    $('export-csv').disabled = !result.profile; // the CSV is the profile
    const specFile = `${stem()}-spec.json`;
    reproduce.show({
      files: [{ name: specFile, spec: record.spec }],
      command: `damlab run ${specFile}`,
      note: record.spec.data.source === 'idx' ? `with ${record.spec.data.path} beside it` : '',
    });
    pin.overlay();
    pin.ready(true);
  }

  const exportIds = ['export-csv', 'export-json', 'export-png', 'export-svg'];

  // What is on screen is always the last run's result: a new run, a failed
  // run or a new file clears the previous one first.
  function clear() {
    last = null;
    $('summary').replaceChildren();
    $('theory').textContent = '';
    chart.data.datasets = [];
    chart.update('none');
    pin.overlay();
    pin.ready(false);
    reproduce.clear();
    fillTable($('profile-table'), [], []);
    for (const id of exportIds) $(id).disabled = true;
    delete view.dataset.targetMissed;
  }

  async function run() {
    if (refused(view, report, readForm(form, state))) return;
    const noFile = state.source === 'idx' && !file ? ['source = idx: open an IDX or CSV file first (a local file cannot travel in a link)'] : [];
    if (refused(view, report, noFile)) return;
    report([]);
    onStateChange();
    clear();
    const idx = state.source === 'idx';
    const spec = explorerSpec(state, idx ? file.name : '');
    const job = pool.run(spec, { theory: true, onProgress: runner.setProgress, bytes: idx ? file.bytes : null });
    await runner.start([job], ({ record: text, theory, variant }) => {
      // The profile string keeps its exact form ('0'/'1' characters).
      last = { record: JSON.parse(text), text, theory, variant };
      show(last);
    });
  }

  bindForm(form, { state, report, onStateChange, run, onChange: showRelevant });
  $('idx-file').addEventListener('change', async (event) => {
    const [chosen] = event.target.files;
    file = null;
    // The previous file's result must not stay on screen beside a new file.
    runner.cancel();
    clear();
    delete view.dataset.file;
    if (!chosen) return;
    try {
      file = { name: chosen.name, bytes: await fileToIdx(chosen) };
      report([]);
      view.dataset.file = chosen.name;
    } catch (error) {
      view.dataset.status = 'error';
      report([error.message]);
    }
  });

  const stem = () => `damlab-capacity-${last.record.data.checksum}`;
  $('export-json').addEventListener('click', () => download(`${stem()}.json`, last.text + '\n', 'application/json'));
  $('export-csv').addEventListener('click', () => {
    const { result } = last.record;
    const rows = Array.from(result.profile, (bit, i) => [i + 1, bit]);
    download(`${stem()}.csv`, toCsv(['K', 'retrieved'], rows), 'text/csv');
  });
  // The caption names the spec (as the record has it) and the code version.
  const caption = () => ['Retrieval profile (capacity explorer)', `spec: ${JSON.stringify(last.record.spec)}`];
  $('export-png').addEventListener('click', () => download(`${stem()}.png`, chartPng(chart, caption())));
  $('export-svg').addEventListener('click', () => download(`${stem()}.svg`, chartSvg(chart, caption()), 'image/svg+xml'));

  return {
    load() {
      buildModelControls();
      writeForm(form, state);
      showRelevant();
    },
    run,
    chart,
    pin,
  };
}
