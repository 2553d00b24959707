// The recall view: the worker computes a whole trajectory once (memories,
// corrupted probe, recallTrajectory for any registry model, with the
// overlaps of every state); this view only steps and plays through it. With prefers-reduced-motion, Play
// jumps to the last step instead of animating.
import { crossCheck, models, recallJob, recallParams } from '../state.js';
import { modelOptions, parameterControls, readForm, writeForm } from '../ui/form.js';
import { energyChart, setEnergies, drawPattern } from '../ui/charts.js';
import { fillTable } from '../ui/exports.js';
import { bindForm, createRunner, refused, summaryRow } from '../ui/runner.js';

const $ = (id) => document.getElementById(id);
// Labels 0-9 of each data set (docs/data.md), as the captions name them.
const classNames = {
  mnist: (label) => `digit ${label}`,
  'fashion-mnist': (label) =>
    ['T-shirt/top', 'trouser', 'pullover', 'dress', 'coat', 'sandal', 'shirt', 'sneaker', 'bag', 'ankle boot'][label],
};
const dataName = { mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST' };
const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

export function createRecall({ pool, state, onStateChange, report }) {
  const view = $('recall');
  const form = $('recall-form');
  const chart = energyChart($('energy-chart'));
  const controls = ['recall-first', 'recall-back', 'recall-step', 'recall-play', 'recall-slider'];
  const runner = createRunner({ view, pool, report });
  let run = null; // the worker's result
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

  const named = (label) => classNames[run.source](label);
  const noun = () => (run.source === 'mnist' ? 'digit' : 'item');

  function showStep(t) {
    step = t;
    const last = run.states.length - 1;
    const top = run.top[t];
    const nearest = top[0];
    drawPattern($('recall-state'), run.states[t], run.side);
    drawPattern($('recall-nearest'), run.nearest[nearest.memory], run.side);
    $('recall-state-caption').textContent = `State at step ${t} (${t === 0 ? 'the probe' : `${run.flips[t - 1]} bits flipped`})`;
    $('recall-nearest-caption').textContent =
      `Nearest memory: #${nearest.memory} (${named(nearest.label)}), overlap ${nearest.overlap} of ${run.N}` +
      (nearest.memory === run.digit ? ` — the stored ${noun()}` : '');
    $('recall-position').textContent = `step ${t} of ${last}${t === last ? (run.converged ? ' (fixed point)' : ' (step limit)') : ''}`;
    $('recall-slider').value = String(t);
    view.dataset.step = String(t);
    view.dataset.nearest = String(nearest.memory);
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
    $('recall-stored-caption').textContent = `Stored ${noun()}: memory #${run.digit} (${dataName[run.source]} item ${run.item}, ${named(run.label)})`;
    const list = $('recall-summary');
    list.replaceChildren();
    const last = run.states.length - 1;
    summaryRow(list, 'Steps computed', `${last} (${run.converged ? 'reached a fixed point' : 'stopped at the step limit'})`);
    const end = run.top[last][0];
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
    if (refused(view, report, [...readForm(form, state), ...crossCheck(state)])) return;
    report([]);
    onStateChange();
    stop();
    await runner.start([pool.submit('recall', recallJob(state))], show);
  }

  bindForm(form, { state, report, onStateChange, run: compute, onChange: showRelevant });
  $('recall-first').addEventListener('click', () => (stop(), showStep(0)));
  $('recall-back').addEventListener('click', () => (stop(), showStep(Math.max(0, step - 1))));
  $('recall-step').addEventListener('click', () => (stop(), showStep(Math.min(run.states.length - 1, step + 1))));
  $('recall-play').addEventListener('click', play);
  $('recall-slider').addEventListener('input', (event) => (stop(), showStep(Number(event.target.value))));

  return {
    load() {
      buildModelControls();
      writeForm(form, state);
      showRelevant();
    },
    run: compute,
    chart,
  };
}
