// What the explorer, sweeps and recall views share: running pool jobs with
// a status, a progress bar and a cancel button, and binding a settings form.
import { readForm } from './form.js';

/**
 * One view's runs. start(jobs, onResult) cancels the view's previous run,
 * then waits for the pool jobs ({id, promise, label}), calling onResult with
 * each result as it arrives. view.dataset.status says running, done, error
 * or cancelled (the tests and the embed read it). Failures are reported
 * honestly: how many runs succeeded of how many finished, and which ones
 * failed (by label) and why. Resolves {ok, succeeded, failed, all}: ok when
 * every job succeeded; cancelled when cancel() stopped it (or a newer start
 * superseded it).
 * progress: a <progress> (fraction of jobs finished; setProgress for one
 * job's own progress); cancelButton: enabled while running; onTick(finished,
 * all, failed); onCancel({succeeded, failed, all}): after a cancel.
 */
export function createRunner({ view, pool, report, progress = null, cancelButton = null, onTick = null, onCancel = null }) {
  let active = null; // {jobs, succeeded, failed}

  function cancel() {
    if (!active) return;
    const stopped = active;
    active = null;
    // Every id at once: the pool dequeues them all before replacing any worker.
    pool.cancel(stopped.jobs.map(({ id }) => id));
    if (cancelButton) cancelButton.disabled = true;
    view.dataset.status = 'cancelled';
    onCancel?.({ succeeded: stopped.succeeded, failed: stopped.failed.length, all: stopped.jobs.length });
  }

  async function start(jobs, onResult) {
    cancel();
    const run = { jobs, succeeded: 0, failed: [] };
    active = run;
    const tick = () => {
      const finished = run.succeeded + run.failed.length;
      if (progress) progress.value = finished / jobs.length;
      onTick?.(finished, jobs.length, run.failed.length);
    };
    tick();
    if (cancelButton) cancelButton.disabled = false;
    view.dataset.status = 'running';
    await Promise.all(
      jobs.map(async ({ promise, label }) => {
        try {
          const result = await promise;
          if (active !== run) return;
          onResult(result);
          run.succeeded++;
        } catch (error) {
          if (error.name === 'Cancelled' || active !== run) return;
          run.failed.push(label ? `${label}: ${error.message}` : error.message);
        }
        tick();
      }),
    );
    const outcome = { ok: false, cancelled: active !== run, succeeded: run.succeeded, failed: run.failed.length, all: jobs.length };
    if (outcome.cancelled) return outcome; // cancelled or superseded
    active = null;
    if (cancelButton) cancelButton.disabled = true;
    if (run.failed.length) {
      // One job: its message as it is; several: the counts, then the first failures by name.
      const shown = run.failed.slice(0, 10);
      report(
        jobs.length === 1
          ? run.failed
          : [
              `${run.succeeded} of ${jobs.length} runs succeeded, ${run.failed.length} failed:`,
              ...shown,
              ...(run.failed.length > shown.length ? [`… and ${run.failed.length - shown.length} more`] : []),
            ],
      );
    }
    view.dataset.status = run.failed.length ? 'error' : 'done';
    outcome.ok = !run.failed.length;
    return outcome;
  }

  cancelButton?.addEventListener('click', cancel);
  return { start, cancel, setProgress: (fraction) => progress && (progress.value = fraction) };
}

/**
 * A settings form: Enter or the submit button runs; a change is checked
 * field by field (messages name the field), marked as not yet run (the
 * address keeps the result shown until the next run), and then onChange
 * (e.g. to show the controls that apply) runs.
 */
export function bindForm(form, { state, report, onStateChange, run, onChange = () => {} }) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  form.addEventListener('change', () => {
    const errors = readForm(form, state);
    report(errors);
    if (!errors.length) onStateChange('edit'); // the address changes at the next run, not now
    onChange();
  });
}

/**
 * A run's settings refused: reports the messages (each names its field) and
 * marks the view invalid (the tests read data-status). Returns whether there
 * were any, so a run starts with `if (refused(view, report, errors)) return;`.
 */
export function refused(view, report, messages) {
  if (!messages.length) return false;
  report(messages);
  view.dataset.status = 'invalid';
  return true;
}

/** A <dt>/<dd> pair at the end of a <dl>; text only. */
export function summaryRow(list, term, value) {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.textContent = value;
  list.append(dt, dd);
}
