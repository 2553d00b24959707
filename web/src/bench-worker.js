// One build's kernel benchmark (web/bench.html): loads the build asked for,
// runs the shared workloads (bench/wasm/workloads.mjs) and posts the figures;
// the K = 30,000 update runs in a second, fresh module so that its memory is
// what the problem needs.
import { loadDamlab } from '../../wasm/js/damlab.js';
import { N, S, P, K, bigK, model, time, hash, workload, timeUpdate, bigUpdate } from '../../bench/wasm/workloads.mjs';

self.onmessage = async ({ data: { variant, repeats, base } }) => {
  try {
    const load = () => loadDamlab({ baseUrl: new URL('wasm/', base).href, variant });
    const damlab = await load();
    const pool = damlab.PThread ? damlab.PThread.unusedWorkers.length : 1;
    const threads = variant === 'threads' ? Math.max(1, Math.min(navigator.hardwareConcurrency, pool)) : 1;
    self.postMessage({ status: 'overlaps' });
    const set = damlab.rademacher(N, S, 0.5, 1);
    const overlap = time(() => damlab.overlapMatrix(set, set), repeats);
    set.delete();
    self.postMessage({ status: `update, K = ${K}` });
    const { memories, states } = workload(damlab, K);
    const net = new damlab.Network(memories, model);
    const updated = timeUpdate(net, states, threads, repeats);
    const checksum = updated.copy.checksum();
    for (const handle of [updated.copy, net, memories, states]) handle.delete();
    self.postMessage({ status: `update, K = ${bigK}` });
    const big = bigUpdate(await load(), threads);
    self.postMessage({
      result: {
        variant, threads,
        overlap: (S * S) / overlap.seconds, overlapHash: hash(overlap.result),
        update: (P * K * N) / updated.seconds, flips: updated.flips, checksum,
        big: (P * bigK * N) / big.seconds, bigFlips: big.flips, bigChecksum: big.checksum,
        wasmBytes: big.wasmBytes,
      },
    });
  } catch (error) {
    self.postMessage({ error: `${error.name ?? 'Error'}: ${error.message ?? error}` });
  }
};
