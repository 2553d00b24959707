// A small pool of module workers, each holding its own wasm module (see
// worker.js for the message protocol). Jobs queue until a worker is free.
// cancel(id) terminates the worker running that job and starts a fresh one;
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

  #replace(slot, error) {
    slot.worker.terminate();
    const job = slot.job;
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots[index] = this.#spawn();
    job?.reject(error);
    this.#pump();
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

  /** Cancels a job, queued or running. */
  cancel(id) {
    const queued = this.queue.findIndex((job) => job.id === id);
    if (queued >= 0) {
      this.queue.splice(queued, 1)[0].reject(new Cancelled());
      return;
    }
    const slot = this.slots.find((s) => s.job?.id === id);
    if (slot) this.#replace(slot, new Cancelled());
  }

  cancelAll() {
    for (const job of this.queue.splice(0)) job.reject(new Cancelled());
    for (const slot of this.slots) if (slot.job) this.#replace(slot, new Cancelled());
  }
}
