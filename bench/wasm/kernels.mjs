// The wasm kernels of issue 7 in Node, for every built variant, against
// @tensorflow/tfjs-backend-wasm doing the same computation as matrix products
// and, when available, the native Google Benchmark figures:
//   npm run bench:wasm            (node bench/wasm/kernels.mjs)
// Workloads (those of bench/native/overlap_bench.cpp and bench/native/update_bench.cpp):
//   overlap  rademacher(784, 2048, 0.5, 1) against itself: pattern pairs/s;
//   update   one synchronous update of P = 1000 states (memories 0..999 of
//            rademacher(784, K, 0.5, 7) with each bit flipped with
//            probability 0.1, Rng(9)) by K = 5500 memories, poly n = 3:
//            P·K·N/s; K = 30000 once, in a fresh module, with the wasm memory
//            it needed.
// Each kernel is warmed up once, then timed `repeats` times (median). The
// threads variant runs the update on min(cores, pool size) threads.
// tfjs-wasm: overlaps = A Bᵀ on ±1 float32 matrices; update = the GEMM
// formulation M = S Xᵀ, C = c(M) elementwise (poly 3: c(m) = 6m² + 8,
// d(m) = -12m), fields = C X + σ Σ_μ d(m_μ), a field of 0 keeping the bit;
// it counts the bits where its float32 decisions differ from damlab's.
// Checks: the overlap matrix, the update's flipped-bit count and the final
// states' checksum are equal across the variants (exit code 1 otherwise).
// Environment:
//   DAMLAB_BENCH_REPEATS        timed runs per kernel (default 3)
//   DAMLAB_BENCH_VARIANTS       comma-separated variants (default: all built)
//   DAMLAB_BENCH_TFJS=0         skip tfjs-wasm
//   DAMLAB_BENCH_BIG=0          skip K = 30000
//   DAMLAB_NATIVE_OVERLAP       native single-thread pairs/s (else measured
//   DAMLAB_NATIVE_UPDATE        native single-thread P·K·N/s  with build-bench/
//   DAMLAB_NATIVE_BENCH         the damlab_bench binary        bench/damlab_bench,
//                               or 0 to skip it)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadTfjsWasm } from './tfjs.mjs';

import { N, S, P, K, bigK, model, time as timeRepeated, hash, workload, timeUpdate, bigUpdate } from './workloads.mjs';

const require = createRequire(import.meta.url);
const { buildDir, loadDamlabNode, variants: allVariants } = require('../../wasm/js/node.cjs');
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
process.setMaxListeners(0); // each emscripten Node module adds process listeners

const repeats = Number(process.env.DAMLAB_BENCH_REPEATS ?? 3);
const cores = os.availableParallelism?.() ?? os.cpus().length;
const variants = (process.env.DAMLAB_BENCH_VARIANTS?.split(',') ?? allVariants).filter(
  (v) => existsSync(resolve(buildDir(v, process.env.DAMLAB_WASM_DIR || undefined),
                            `damlab-${v}-node.cjs`)),
);
const MiB = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const time = (fn) => timeRepeated(fn, repeats);

const rows = [];
const results = {}; // variant -> {overlapHash, flips, checksum}
let reference = null; // the first variant's objects, for tfjs's inputs and checks

for (const variant of variants) {
  const damlab = await loadDamlabNode(variant);
  const pool = damlab.PThread ? damlab.PThread.unusedWorkers.length : 1;
  const threads = variant === 'threads' ? Math.max(1, Math.min(cores, pool)) : 1;

  const set = damlab.rademacher(N, S, 0.5, 1);
  const overlap = time(() => damlab.overlapMatrix(set, set));
  const overlapHash = hash(overlap.result);

  const { memories, states } = workload(damlab, K);
  const net = new damlab.Network(memories, model);
  const upd = timeUpdate(net, states, threads, repeats);
  const checksum = upd.copy.checksum();
  results[variant] = { overlapHash, flips: upd.flips, checksum };
  if (!reference)
    reference = {
      damlab, set, memories, states, overlaps: overlap.result,
      updated: Array.from({ length: P }, (_, p) => upd.copy.signs(p)),
    };
  upd.copy.delete();
  net.delete();
  if (reference.damlab !== damlab) {
    set.delete();
    memories.delete();
    states.delete();
  }
  damlab.PThread?.terminateAllThreads?.();

  // K = 30000 in a fresh module: its memory is what this problem needs.
  let big = null;
  if (process.env.DAMLAB_BENCH_BIG !== '0') {
    const fresh = await loadDamlabNode(variant);
    big = bigUpdate(fresh, threads);
    results[variant].bigFlips = big.flips;
    results[variant].bigChecksum = big.checksum;
    fresh.PThread?.terminateAllThreads?.();
  }
  rows.push({
    engine: `damlab ${variant}`,
    threads: `${threads}${damlab.PThread ? ` (pool ${pool})` : ''}`,
    overlap: (S * S) / overlap.seconds,
    update: (P * K * N) / upd.seconds,
    big: big && (P * bigK * N) / big.seconds,
    memory: big ? `${MiB(big.wasmBytes)} (start ${MiB(big.startBytes)})` : '',
    note: `overlap ${(overlap.seconds * 1e3).toFixed(0)} ms, update ${(upd.seconds * 1e3).toFixed(0)} ms`
      + (big ? `, K=${bigK} ${big.seconds.toFixed(2)} s` : ''),
  });
  console.error(`${variant}: done`);
}

// tfjs-wasm on the same inputs (taken from the first variant's module).
let tfjsRow = null;
if (process.env.DAMLAB_BENCH_TFJS !== '0' && reference) {
  const { tf, threads: tfThreads, simd } = await loadTfjsWasm(cores);
  const heapBytes = () => tf.backend().wasm.HEAPU8?.buffer.byteLength ?? 0;

  const signsOf = (set) => {
    const out = new Float32Array(set.size * N);
    for (let p = 0; p < set.size; ++p) out.set(set.signs(p), p * N);
    return out;
  };
  const { damlab, set, memories, states } = reference;

  // Overlaps: A Aᵀ, read back as in damlab's call (which returns the matrix).
  const A = tf.tensor2d(signsOf(set), [S, N]);
  const overlap = time(() => tf.tidy(() => tf.matMul(A, A, false, true)).dataSync());
  let overlapDiffer = 0;
  for (let k = 0; k < S * S; ++k) overlapDiffer += overlap.result[k] !== reference.overlaps[k];
  A.dispose();

  // One synchronous update; returns [new states (float32 ±1), flips].
  const gemmUpdate = (X, Sg) => tf.tidy(() => {
    const M = tf.matMul(Sg, X, false, true); // P × K overlaps
    const C = tf.add(tf.mul(tf.square(M), 6), 8); // c(m), poly 3
    const D = tf.mul(tf.sum(M, 1, true), -12); // Σ_μ d(m_μ), P × 1
    const fields = tf.add(tf.matMul(C, X), tf.mul(Sg, D)); // P × N
    const ones = tf.onesLike(Sg);
    const next = tf.where(tf.greater(fields, 0), ones,
                          tf.where(tf.less(fields, 0), tf.neg(ones), Sg));
    return [next, tf.sum(tf.cast(tf.notEqual(next, Sg), 'int32'))];
  });
  const runUpdate = (X, Sg) => {
    const [next, flips] = gemmUpdate(X, Sg);
    const count = flips.dataSync()[0];
    flips.dispose();
    return { next, flips: count };
  };
  const X = tf.tensor2d(signsOf(memories), [K, N]);
  const Sg = tf.tensor2d(signsOf(states), [P, N]);
  let last = null;
  const upd = time(() => {
    last?.next.dispose();
    last = runUpdate(X, Sg);
    return last;
  });
  const next = last.next.dataSync();
  let updateDiffer = 0;
  for (let p = 0; p < P; ++p) {
    const exact = reference.updated[p];
    for (let i = 0; i < N; ++i) updateDiffer += next[p * N + i] !== exact[i];
  }
  last.next.dispose();
  X.dispose();

  let big = null;
  if (process.env.DAMLAB_BENCH_BIG !== '0') {
    const bigMemories = damlab.rademacher(N, bigK, 0.5, 7);
    const Xb = tf.tensor2d(signsOf(bigMemories), [bigK, N]);
    bigMemories.delete();
    const start = performance.now();
    const run = runUpdate(Xb, Sg);
    big = { seconds: (performance.now() - start) / 1000, flips: run.flips };
    run.next.dispose();
    Xb.dispose();
  }
  Sg.dispose();
  tfjsRow = {
    engine: `tfjs-wasm ${tf.version_core}${simd ? ' simd' : ''}`,
    threads: `${tfThreads} (asked ${cores})`,
    overlap: (S * S) / overlap.seconds,
    update: (P * K * N) / upd.seconds,
    big: big && (P * bigK * N) / big.seconds,
    memory: big ? MiB(heapBytes()) : '',
    note: `overlap ${(overlap.seconds * 1e3).toFixed(0)} ms (${overlapDiffer} differ), `
      + `update ${(upd.seconds * 1e3).toFixed(0)} ms (flips ${last.flips}, `
      + `${updateDiffer} bits differ from damlab)`,
  };
  rows.push(tfjsRow);
}

// Native single-thread figures: from the environment, or a short run of the
// Google Benchmark binary when it is built.
let native = null;
if (process.env.DAMLAB_NATIVE_OVERLAP && process.env.DAMLAB_NATIVE_UPDATE) {
  native = { source: 'environment', overlap: Number(process.env.DAMLAB_NATIVE_OVERLAP),
             update: Number(process.env.DAMLAB_NATIVE_UPDATE) };
} else {
  const binary = process.env.DAMLAB_NATIVE_BENCH ?? resolve(root, 'build-bench/bench/damlab_bench');
  if (binary !== '0' && existsSync(binary)) {
    const out = JSON.parse(execFileSync(binary, [
      '--benchmark_filter=^(overlap/block/path:[0-2]|update/damlab/K:5500/threads:1/real_time)$',
      '--benchmark_format=json', '--benchmark_min_time=0.3',
    ], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 24 }));
    const ok = out.benchmarks.filter((b) => !b.error_occurred);
    const overlaps = ok.filter((b) => b.name.startsWith('overlap/block'));
    const best = overlaps.reduce((a, b) => (b.items_per_second > a.items_per_second ? b : a));
    const scalar = overlaps.find((b) => b.name.endsWith('path:0'));
    native = {
      source: binary,
      overlap: best.items_per_second,
      overlapLabel: best.label,
      overlapScalar: scalar?.items_per_second,
      update: ok.find((b) => b.name.startsWith('update/damlab'))?.items_per_second,
    };
  }
}
if (native) {
  rows.push({
    engine: `native 1 thread${native.overlapLabel ? ` (${native.overlapLabel})` : ''}`,
    threads: '1', overlap: native.overlap, update: native.update, big: null, memory: '',
    note: native.overlapScalar ? `scalar popcount path: overlap ${native.overlapScalar.toExponential(3)}/s` : '',
  });
}

// The table.
const fmt = (x) => (x ? x.toExponential(3) : '—');
const columns = ['engine', 'threads', 'overlap pairs/s', `update P·K·N/s (K=${K})`,
                 `update P·K·N/s (K=${bigK}, once)`, `wasm memory K=${bigK}`, 'note'];
const table = rows.map((r) => [r.engine, r.threads, fmt(r.overlap), fmt(r.update), fmt(r.big),
                               r.memory, r.note]);
const widths = columns.map((c, k) => Math.max(c.length, ...table.map((t) => String(t[k]).length)));
const line = (cells) => `| ${cells.map((c, k) => String(c).padEnd(widths[k])).join(' | ')} |`;
console.log(`Node ${process.version}, ${cores} cores (${os.cpus()[0]?.model ?? '?'}), `
  + `median of ${repeats} runs after a warm-up; N = ${N}, overlap ${S}×${S}, update P = ${P}, `
  + `poly n = 3`);
console.log(line(columns));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const t of table) console.log(line(t));

const byEngine = Object.fromEntries(rows.map((r) => [r.engine, r]));
const row = (variant) => byEngine[`damlab ${variant}`];
const ratios = [];
const ratio = (label, a, b, target) => {
  if (!a || !b) return;
  const value = a / b;
  ratios.push(`${label.padEnd(44)} ${value.toFixed(2)}×${target ? `   (target ${target})` : ''}`);
};
console.log('\nRatios (throughput over throughput):');
for (const [key, label] of [['overlap', 'overlap'], ['update', `update K=${K}`],
                            ['big', `update K=${bigK}`]]) {
  ratio(`${label}: simd / baseline`, row('simd')?.[key], row('baseline')?.[key],
        key === 'big' ? '' : '≥ 2.5');
  ratio(`${label}: threads / baseline`, row('threads')?.[key], row('baseline')?.[key]);
  ratio(`${label}: threads / simd`, row('threads')?.[key], row('simd')?.[key]);
  ratio(`${label}: damlab simd / tfjs-wasm`, row('simd')?.[key], tfjsRow?.[key],
        key === 'big' ? '' : '≥ 1.5');
  ratio(`${label}: damlab threads / tfjs-wasm`, row('threads')?.[key], tfjsRow?.[key]);
  if (native && key !== 'big') {
    ratio(`${label}: native 1 thread / wasm simd`, native[key], row('simd')?.[key], '≤ 3');
    if (key === 'overlap' && native.overlapScalar)
      ratio(`${label}: native scalar path / wasm simd`, native.overlapScalar, row('simd')?.[key]);
  }
}
for (const r of ratios) console.log(`  ${r}`);
if (native) console.log(`  (native figures: ${native.source})`);

// Identical results across variants.
console.log('\nResults per variant (must be equal):');
let same = true;
const first = results[variants[0]];
for (const variant of variants) {
  const r = results[variant];
  console.log(`  ${variant.padEnd(8)} overlap matrix fnv1a ${r.overlapHash}; update K=${K}: `
    + `${r.flips} bits flipped, states checksum ${r.checksum}`
    + (r.bigFlips !== undefined ? `; K=${bigK}: ${r.bigFlips} flipped, checksum ${r.bigChecksum}` : ''));
  for (const key of ['overlapHash', 'flips', 'checksum', 'bigFlips', 'bigChecksum'])
    if (r[key] !== first[key]) same = false;
}
console.log(same ? '  identical across variants' : '  MISMATCH between variants');
process.exit(same && variants.length ? 0 : 1);
