// The wasm kernel workloads, shared by the Node benchmark (kernels.mjs) and
// the browser bench page (web/bench.html): the same inputs as the native
// Google Benchmark cases (bench/native/overlap_bench.cpp, bench/native/update_bench.cpp).
//   overlap  rademacher(784, 2048, 0.5, 1) against itself: pattern pairs/s;
//   update   one synchronous update of P = 1000 states (memories 0..999 of
//            rademacher(784, K, 0.5, 7), each bit flipped with probability
//            0.1 by Rng(9)) by K memories, poly n = 3: P·K·N/s.
export const N = 784, S = 2048, P = 1000, K = 5500, bigK = 30000, delta = 0.1;
export const model = { F: 'poly', n: 3 };

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// Median seconds of `repeats` runs of fn after one warm-up run; fn returns
// its result, the last one is kept.
export function time(fn, repeats) {
  let result = fn();
  const seconds = [];
  for (let r = 0; r < repeats; ++r) {
    const start = performance.now();
    result = fn();
    seconds.push((performance.now() - start) / 1000);
  }
  return { seconds: median(seconds), result };
}

// FNV-1a over the bytes of a typed array: equal matrices, equal hashes.
export function hash(array) {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  let h = 0x811c9dc5;
  for (let k = 0; k < bytes.length; ++k) h = Math.imul(h ^ bytes[k], 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

// The update's inputs for `count` memories.
export function workload(damlab, count) {
  const memories = damlab.rademacher(N, count, 0.5, 7);
  const first = memories.slice(0, P);
  const rng = new damlab.Rng(9);
  const states = damlab.flipBits(first, delta, rng);
  first.delete();
  rng.delete();
  return { memories, states };
}

// One synchronous update of a fresh copy of states: {flips, copy}.
export function update(net, states, threads) {
  const copy = states.slice(0, states.size);
  const flips = net.synchronousUpdate(copy, null, threads);
  return { flips, copy };
}

// The update timed as time() does, each run on a fresh copy of states:
// {seconds, flips, copy} with the last run's copy (the caller deletes it).
export function timeUpdate(net, states, threads, repeats) {
  let last = null;
  const timed = time(() => {
    last?.copy.delete();
    last = update(net, states, threads);
    return last;
  }, repeats);
  return { seconds: timed.seconds, flips: last.flips, copy: last.copy };
}

// The K = bigK update once, in the module given (fresh, so that its memory
// is what this problem needs): seconds, flips, checksum and wasm bytes.
export function bigUpdate(damlab, threads) {
  const startBytes = damlab.memoryStats().wasmBytes;
  const work = workload(damlab, bigK);
  const net = new damlab.Network(work.memories, model);
  const start = performance.now();
  const copy = work.states.slice(0, P);
  const flips = net.synchronousUpdate(copy, null, threads);
  const seconds = (performance.now() - start) / 1000;
  const out = { seconds, flips, checksum: copy.checksum(), startBytes,
                wasmBytes: damlab.memoryStats().wasmBytes };
  for (const handle of [copy, net, work.memories, work.states]) handle.delete();
  return out;
}
