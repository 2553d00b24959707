// What the explorer, sweeps and recall views share: running pool jobs with
// a status, a progress bar and a cancel button, and binding a settings form.
import { readForm } from './form.js';

/**
 * One view's runs. start(jobs, onResult) cancels the view's previous run,
 * then waits for the pool jobs ({id, promise}), calling onResult with each
 * result as it arrives. view.dataset.status says running, done, error or
 * cancelled (the tests and the embed read it); failures are reported once
 * each. Resolves true when every job succeeded, false otherwise (failed,
 * cancelled, or superseded by a newer start).
 * progress: a <progress> (fraction of jobs done; setProgress for one job's
 * own progress); cancelButton: enabled while running; onCancel: after a cancel.
 */
export function createRunner({ view, pool, report, progress = null, cancelButton = null, onTick = null, onCancel = null }) {
  let current = [];

  function cancel() {
    if (!current.length) return;
    const running = current;
    current = [];
    for (const { id } of running) pool.cancel(id);
    if (cancelButton) cancelButton.disabled = true;
    view.dataset.status = 'cancelled';
    onCancel?.();
  }

  async function start(jobs, onResult) {
    cancel();
    current = jobs;
    let done = 0;
    const failures = [];
    const tick = () => {
      if (progress) progress.value = done / jobs.length;
      onTick?.(done, jobs.length);
    };
    tick();
    if (cancelButton) cancelButton.disabled = false;
    view.dataset.status = 'running';
    await Promise.all(
      jobs.map(async ({ promise }) => {
        try {
          const result = await promise;
          if (current === jobs) onResult(result);
        } catch (error) {
          if (error.name !== 'Cancelled') failures.push(error.message);
        }
        done++;
        if (current === jobs) tick();
      }),
    );
    if (current !== jobs) return false; // cancelled or superseded
    current = [];
    if (cancelButton) cancelButton.disabled = true;
    if (failures.length) {
      report([...new Set(failures)]);
      if (progress) progress.value = 0;
    }
    view.dataset.status = failures.length ? 'error' : 'done';
    return !failures.length;
  }

  cancelButton?.addEventListener('click', cancel);
  return { start, cancel, setProgress: (fraction) => progress && (progress.value = fraction) };
}

/**
 * A settings form: Enter or the submit button runs; a change is checked
 * field by field (messages name the field), kept in the address when valid,
 * and then onChange (e.g. to show the controls that apply) runs.
 */
export function bindForm(form, { state, report, onStateChange, run, onChange = () => {} }) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  form.addEventListener('change', () => {
    const errors = readForm(form, state);
    report(errors);
    if (!errors.length) onStateChange();
    onChange();
  });
}

/** A <dt>/<dd> pair at the end of a <dl>; text only. */
export function summaryRow(list, term, value) {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.textContent = value;
  list.append(dt, dd);
}
