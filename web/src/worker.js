// One wasm module per worker. Protocol (both directions): {id, type, data}.
//   in:  run   {base, spec, theory, bytes}  spec: an experiment spec object;
//                                    bytes: the IDX file of an idx source
//        hello {base}                loads the module, answers with its build
//        recall {base, source, K, digit, delta, occlude, clamp, seed, update, steps, model}
//                                    a whole recall trajectory (see recall() below)
//   out: progress  fraction in [0, 1]
//        result    {record, variant, version, theory}
//        error     {name, message, field, fatal}
//                  fatal: the module cannot be trusted with another job (out
//                  of memory, or an emscripten abort): the pool replaces this
//                  worker. Wasm memory never shrinks, so even a clean
//                  std::bad_alloc leaves the worker holding the browser's
//                  whole allowance; a fresh worker gives it back.
// A run is one synchronous runSpec call, so it cannot read a cancel message:
// the pool cancels by terminating this worker.
import { loadDamlab } from '../../wasm/js/damlab.js';

let damlab = null;
const assets = new Map(); // packed data set file name -> bytes

async function module(base) {
  damlab ??= await loadDamlab({ baseUrl: new URL('wasm/', base).href });
  return damlab;
}

const assetFile = { mnist: 'mnist-10k.bin', 'fashion-mnist': 'fashion-mnist.bin' };

async function asset(base, source) {
  const file = assetFile[source];
  if (!file) return null;
  if (!assets.has(file)) {
    const response = await fetch(new URL(`data/${file}`, base));
    if (!response.ok) throw new Error(`data/${file}: HTTP ${response.status}`);
    assets.set(file, new Uint8Array(await response.arrayBuffer()));
  }
  return assets.get(file);
}

async function run(id, { base, spec, theory, bytes: file }) {
  const dam = await module(base);
  const bytes = file ?? (await asset(base, spec.data.source));
  let last = -1;
  const record = dam.runSpec(JSON.stringify(spec), bytes, (fraction) => {
    // At most 100 messages per run.
    const step = Math.floor(fraction * 100);
    if (step !== last) {
      last = step;
      postMessage({ id, type: 'progress', data: fraction });
    }
  });
  const result = { record, variant: dam.variant, version: dam.version(), theory: null };
  const model = spec.model;
  // The formula is the DAM's (polynomial F); other models have none here.
  if (theory && !model.name && model.F !== 'exp') {
    const N = JSON.parse(record).result.N;
    // The formula has a domain of its own (e.g. n >= 2): outside it, say so.
    try {
      result.theory = { N, n: model.n, kmax: dam.kmax(N, model.n) };
    } catch (error) {
      result.theory = { N, n: model.n, error: error.message };
    }
  }
  return result;
}

// The packed asset's layout (docs/data.md): a 32-byte header, the source
// text, padding to a multiple of 8, the pattern words, the labels. Reading
// the header is parsing, not numerics; the words go to PatternSet.fromWords.
function assetLayout(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = String.fromCharCode(...bytes.subarray(0, 7));
  if (bytes.length < 32 || magic !== 'DAMLABP' || view.getUint32(8, true) !== 1)
    throw new Error('the data asset is not a version-1 packed asset');
  const N = view.getUint32(12, true);
  const count = view.getUint32(16, true);
  const header = Math.ceil((32 + view.getUint32(20, true)) / 8) * 8;
  const halves = 2 * Math.ceil(N / 64); // u32 per pattern
  if (bytes.length !== header + 4 * halves * count + count) throw new Error('the data asset has the wrong size');
  return {
    N,
    count,
    halves,
    words: new Uint32Array(bytes.buffer, bytes.byteOffset + header, halves * count),
    labels: bytes.subarray(header + 4 * halves * count),
  };
}

const occlusions = {
  none: () => false,
  top: (row) => row < 14,
  bottom: (row) => row >= 14,
  left: (row, col) => col < 14,
  right: (row, col) => col >= 14,
  center: (row, col) => row >= 7 && row < 21 && col >= 7 && col < 21,
};

// The memories: the first K of Rng(seed).permutation(count) of the asset's
// patterns. The probe: stored digit `digit`, each bit flipped when
// Rng.bernoulli(delta) (the same generator, after the permutation), then the
// occluded pixels set to -1. clamp: the pixels outside the occlusion keep
// their probe values (Network.recall's clamped flags), so only the occluded
// part is completed. Network.recall gives the trajectory; the
// overlaps of every state with every memory come from Network.overlaps.
async function recall(id, { base, source, K, digit, delta, occlude, clamp, seed, update, steps, model }) {
  const dam = await module(base);
  const layout = assetLayout(await asset(base, source));
  if (K > layout.count) throw new Error(`K = ${K}: must be at most ${layout.count}, the size of the data set`);
  if (digit >= K) throw new Error(`digit = ${digit}: must be less than K = ${K}`);
  const handles = [];
  const own = (handle) => (handles.push(handle), handle);
  try {
    const rng = own(new dam.Rng(seed));
    const chosen = rng.permutation(layout.count).subarray(0, K);
    const words = new Uint32Array(layout.halves * K);
    chosen.forEach((p, i) => words.set(layout.words.subarray(p * layout.halves, (p + 1) * layout.halves), i * layout.halves));
    const memories = own(dam.PatternSet.fromWords(words, layout.N));
    const stored = memories.signs(digit);
    const probe = Int8Array.from(stored);
    for (let i = 0; i < probe.length; i++) if (rng.bernoulli(delta)) probe[i] = -probe[i];
    const side = Math.round(Math.sqrt(layout.N));
    const clamped = new Uint8Array(layout.N);
    for (let i = 0; i < probe.length; i++) {
      if (occlusions[occlude](Math.floor(i / side), i % side)) probe[i] = -1;
      else clamped[i] = clamp ? 1 : 0;
    }
    const net = own(new dam.Network(memories, model));
    const start = own(dam.PatternSet.fromSigns(probe, layout.N));
    const trajectory = net.recall(start, { mode: update, steps, seed, index: 0, ...(clamp ? { clamped } : {}) });
    const all = new Int8Array(trajectory.states.length * layout.N);
    trajectory.states.forEach((state, t) => all.set(state, t * layout.N));
    const states = own(dam.PatternSet.fromSigns(all, layout.N));
    // For each state, the five memories of largest overlap (lowest index on ties).
    const top = trajectory.states.map((_, t) => {
      const overlaps = net.overlaps(states, t);
      const order = Array.from(overlaps.keys()).sort((a, b) => overlaps[b] - overlaps[a] || a - b).slice(0, 5);
      return order.map((m) => ({ memory: m, overlap: overlaps[m], label: layout.labels[chosen[m]], item: chosen[m] }));
    });
    const nearest = {};
    for (const row of top) nearest[row[0].memory] ??= memories.signs(row[0].memory);
    return {
      N: layout.N,
      side,
      K,
      digit,
      item: chosen[digit],
      label: layout.labels[chosen[digit]],
      source,
      stored,
      probe,
      states: trajectory.states,
      energies: trajectory.energies,
      flips: trajectory.flips,
      converged: trajectory.converged,
      top,
      nearest,
      variant: dam.variant,
    };
  } finally {
    for (const handle of handles.reverse()) handle.delete();
  }
}

onmessage = async ({ data: message }) => {
  const { id, type, data } = message;
  try {
    let result;
    if (type === 'run') result = await run(id, data);
    else if (type === 'recall') result = await recall(id, data);
    else if (type === 'hello') {
      const dam = await module(data.base);
      result = { variant: dam.variant, version: dam.version() };
    } else throw new Error(`unknown message type ${type}`);
    postMessage({ id, type: 'result', data: result });
  } catch (error) {
    const message = error?.message ?? String(error);
    const fatal = isFatal(error, message);
    postMessage({
      id,
      type: 'error',
      data: {
        name: error?.name ?? 'Error',
        message: fatal ? outOfMemory(message) : message,
        field: error?.field,
        fatal,
      },
    });
  }
};

// std::bad_alloc arrives as an Error with that message (the bindings rethrow
// every std::exception); a failed memory growth without exceptions, or any
// other abort, arrives as a WebAssembly.RuntimeError ("Aborted(...)") and
// leaves the module unusable; a JS-side allocation can fail as a RangeError.
function isFatal(error, message) {
  return (
    error instanceof WebAssembly.RuntimeError ||
    /bad_alloc|Aborted\(|Cannot enlarge memory|Out of memory|Array buffer allocation failed|Maximum memory size/i.test(message)
  );
}

function outOfMemory(message) {
  const memory = /bad_alloc|enlarge memory|Out of memory|allocation failed|Maximum memory/i.test(message);
  return memory
    ? `Out of memory: the run needed more WebAssembly memory than this browser allows the page (${message}). ` +
        'The worker was replaced; try a smaller S or N.'
    : `The WebAssembly module stopped (${message}). The worker was replaced.`;
}
