// A small pool of module workers, each holding its own wasm module (see
// worker.js for the message protocol). Jobs queue until a worker is free.
// cancel(ids) takes the queued jobs out of the queue first, then terminates
// each worker running one of the jobs and starts one fresh worker in its
// place (idle: the cancelled jobs are no longer queued, so cancelling a
// sweep of thousands of runs replaces at most one worker per running job);
// a worker that dies (an uncaught error, failing to load) or reports a fatal
// error (out of memory, an aborted module) fails its job and is replaced the
// same way, so the page stays usable.

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

export class WorkerPool {
  constructor(size = Math.min(navigator.hardwareConcurrency || 1, 4)) {
    // The base of the site, absolute, so the worker resolves wasm/ and data/
    // from the page and not from its own script's folder.
    this.base = new URL(import.meta.env.BASE_URL, document.baseURI).href;
    this.slots = Array.from({ length: Math.max(1, size) }, () => this.#spawn());
    this.queue = [];
    this.nextId = 1;
  }

  get size() {
    return this.slots.length;
  }

  #spawn() {
    const worker = new Worker(new URL('../worker.js', import.meta.url), { type: 'module' });
    const slot = { worker, job: null };
    worker.onmessage = ({ data: { id, type, data } }) => {
      const job = slot.job;
      if (!job || job.id !== id) return;
      if (type === 'progress') job.onProgress?.(data);
      else if (type === 'result') this.#finish(slot, () => job.resolve(data));
      else if (type === 'error') {
        const error = new Error(data.message);
        error.name = data.name;
        if (data.field) error.field = data.field;
        // A module that ran out of memory or aborted is not reused.
        if (data.fatal) this.#replace(slot, error);
        else this.#finish(slot, () => job.reject(error));
      }
    };
    const died = (event) => {
      event.preventDefault?.();
      const message = event.message || 'the worker stopped (out of memory or failed to load)';
      this.#replace(slot, new Error(`worker: ${message}`));
    };
    worker.onerror = died;
    worker.onmessageerror = died;
    return slot;
  }

  #finish(slot, settle) {
    slot.job = null;
    settle();
    this.#pump();
  }

  #replace(slot, error, pump = true) {
    slot.worker.terminate();
    const job = slot.job;
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots[index] = this.#spawn();
    job?.reject(error);
    if (pump) this.#pump();
  }

  #pump() {
    for (const slot of this.slots) {
      if (slot.job || !this.queue.length) continue;
      slot.job = this.queue.shift();
      slot.worker.postMessage({ id: slot.job.id, type: slot.job.type, data: { base: this.base, ...slot.job.data } });
    }
  }

  /** Queues a job; returns {id, promise}. */
  submit(type, data, onProgress) {
    const id = this.nextId++;
    const promise = new Promise((resolve, reject) => {
      this.queue.push({ id, type, data, onProgress, resolve, reject });
    });
    this.#pump();
    return { id, promise };
  }

  /** bytes: the file of an idx source (copied to the worker). */
  run(spec, { theory = false, onProgress, bytes = null } = {}) {
    return this.submit('run', { spec, theory, bytes }, onProgress);
  }

  /**
   * Cancels jobs (an id or a list of ids), queued or running: the queued
   * ones leave the queue before any worker is replaced, so no replacement
   * picks up a job that is about to be cancelled too.
   */
  cancel(ids) {
    const wanted = new Set([ids].flat());
    const dropped = this.queue.filter((job) => wanted.has(job.id));
    this.queue = this.queue.filter((job) => !wanted.has(job.id));
    for (const job of dropped) job.reject(new Cancelled());
    for (const slot of [...this.slots]) if (slot.job && wanted.has(slot.job.id)) this.#replace(slot, new Cancelled(), false);
    this.#pump();
  }

  cancelAll() {
    this.cancel([...this.queue, ...this.slots.map((slot) => slot.job)].filter(Boolean).map((job) => job.id));
  }
}
