// One Krotov–Hopfield (2016) training step in Node: every built wasm variant
// (damlab.lossGradient) against @tensorflow/tfjs-backend-wasm doing the same
// computation, timed in the same run:
//   node bench/wasm/train.mjs
//   node bench/wasm/train.mjs --paper      also one paper-size epoch (below;
//                                          npm run bench:train)
// The step: the forward pass of a minibatch of B = 1000 MNIST digits (the
// first 1000 of public/data/mnist-10k-grey.bin, pixels 2b/255 - 1) through
// K memories (N = 784, C = 10; Normal(-0.3, 0.3) clipped to [-1, 1], as
// training starts), the one-step label update at T = 540 with rectpoly
// n = 20, the loss with m = 30 and its exact gradient: two K × N × B float
// products and K × C × B evaluations of F and F'. K = 2000 and 5500.
// tfjs-wasm computes it in float32 (damlab: products in float32, the rest in
// double); the script prints how far its loss and gradient are from damlab's.
// Each case is warmed up once on K = 100, then timed `repeats` times (median).
// The threads build runs on one thread and on as many as the machine has
// cores (at most its pool's workers), so that its scaling shows in one run.
// --paper: K = 2000 memories trained for one epoch on all 10,000 digits
// (batch 1000, n = 20, the paper's other settings) with trainClassifier, in
// the threads build (else the fastest built), timed per epoch.
// Environment:
//   DAMLAB_BENCH_REPEATS     timed runs per case (default 3)
//   DAMLAB_BENCH_VARIANTS    comma-separated variants (default: all built)
//   DAMLAB_BENCH_K           comma-separated K (default 2000,5500)
//   DAMLAB_BENCH_TFJS=0      skip tfjs-wasm
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadTfjsWasm } from './tfjs.mjs';

const require = createRequire(import.meta.url);
const { buildDir, loadDamlabNode, variants: allVariants } = require('../../wasm/js/node.cjs');
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
process.setMaxListeners(0); // each emscripten Node module adds process listeners

const N = 784, C = 10, B = 1000, DEGREE = 20, TEMPERATURE = 540, LOSS_POWER = 30;
const repeats = Number(process.env.DAMLAB_BENCH_REPEATS ?? 3);
const sizes = (process.env.DAMLAB_BENCH_K ?? '2000,5500').split(',').map(Number);
const cores = os.availableParallelism?.() ?? os.cpus().length;
const variants = (process.env.DAMLAB_BENCH_VARIANTS?.split(',') ?? allVariants).filter(
  (v) => existsSync(resolve(buildDir(v, process.env.DAMLAB_WASM_DIR || undefined),
                            `damlab-${v}-node.cjs`)),
);
const assetPath = resolve(root, 'public/data/mnist-10k-grey.bin');
if (!existsSync(assetPath)) {
  console.error(`${assetPath} not found: run bash scripts/setup.sh (damlab pack)`);
  process.exit(2);
}
if (!variants.length) {
  console.error('no wasm build found: bash scripts/build-wasm.sh');
  process.exit(2);
}
const asset = new Uint8Array(readFileSync(assetPath));

// warm() once (the same code on a small problem, so the engine has compiled
// it), then `repeats` timed runs of fn: {seconds (median), result}.
// cpu: the process's CPU time (every thread) of the median run.
function time(fn, warm) {
  warm();
  let result;
  const runs = [];
  for (let r = 0; r < repeats; ++r) {
    const start = performance.now(), startCpu = process.cpuUsage();
    result = fn();
    const cpu = process.cpuUsage(startCpu);
    runs.push({ seconds: (performance.now() - start) / 1000, cpu: (cpu.user + cpu.system) / 1e6 });
  }
  runs.sort((a, b) => a.seconds - b.seconds);
  return { ...runs[Math.floor(runs.length / 2)], result };
}

// The benchmark's initial memories: a seeded LCG and Box–Muller (any
// Normal(-0.3, 0.3) sample does; the same one for every engine).
function initialMemories(K, seed = 3) {
  let state = seed >>> 0;
  const uniform = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
  const weights = new Float32Array(K * (N + C));
  for (let k = 0; k < weights.length; ++k) {
    const normal = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    weights[k] = Math.min(1, Math.max(-1, -0.3 + 0.3 * normal));
  }
  return { memories: K, pixels: N, classes: C, F: 'rectpoly', n: DEGREE, temperature: TEMPERATURE, weights };
}

const rows = [];
const reference = {}; // K -> {loss, gradient} of the first variant
let batch = null;
for (const variant of variants) {
  const damlab = await loadDamlabNode(variant);
  const pool = damlab.PThread ? damlab.PThread.unusedWorkers.length : 1;
  const threads = variant === 'threads' ? Math.max(1, Math.min(cores, pool)) : 1;
  if (!batch) {
    const all = damlab.greyData(asset).train;
    batch = { images: all.images.slice(0, B * N), labels: all.labels.slice(0, B), pixels: N, classes: C };
  }
  // The threads build also on one thread: its scaling, measured in one run.
  const counts = threads > 1 ? [1, threads] : [threads];
  for (const K of sizes) {
    const memories = initialMemories(K);
    const small = initialMemories(100);
    for (const t of counts) {
      const step = time(() => damlab.lossGradient(memories, batch, LOSS_POWER, t),
                        () => damlab.lossGradient(small, batch, LOSS_POWER, t));
      reference[K] ??= step.result;
      const same = step.result.loss === reference[K].loss
        && Buffer.compare(Buffer.from(step.result.gradient.buffer), Buffer.from(reference[K].gradient.buffer)) === 0;
      rows.push({ engine: `damlab ${variant}`, K, threads: t, seconds: step.seconds, cpu: step.cpu,
                  note: same ? 'identical to the first variant' : 'DIFFERS from the first variant' });
      console.error(`${variant} K=${K} threads=${t}: ${(step.seconds * 1e3).toFixed(0)} ms`);
    }
  }
  damlab.PThread?.terminateAllThreads?.();
}

// tfjs-wasm: the same step on the same inputs, in float32.
if (process.env.DAMLAB_BENCH_TFJS !== '0') {
  const { tf, threads: tfThreads, simd } = await loadTfjsWasm(cores);
  const invT = 1 / TEMPERATURE, slope = DEGREE / TEMPERATURE;
  // [βF'(x), βF(x)] for rectpoly n = 20: y = relu(x)/T, y^19 by squaring.
  const powers = (x) => {
    const y = tf.mul(tf.relu(x), invT);
    const y2 = tf.square(y), y16 = tf.square(tf.square(tf.square(y2)));
    const y19 = tf.mul(tf.mul(y16, y2), y);
    return [tf.mul(y19, slope), tf.mul(y19, y)];
  };
  const targets = new Float32Array(B * C).fill(-1);
  batch.labels.forEach((label, a) => { targets[a * C + label] = 1; });
  const V = tf.tensor2d(batch.images, [B, N]);
  const T = tf.tensor2d(targets, [B, C]);
  const stepOf = (pixels, labels) => tf.tidy(() => {
    const K = pixels.shape[0];
    const h = tf.matMul(pixels, V, false, true); // K × B
    const off = tf.sub(h, tf.sum(labels, 1, true));
    const [dOff, fOff] = powers(off);
    const dOn = [], fields = [];
    for (let alpha = 0; alpha < C; ++alpha) {
      const [d, f] = powers(tf.add(off, tf.mul(tf.slice(labels, [0, alpha], [K, 1]), 2)));
      dOn.push(d);
      fields.push(tf.sum(tf.sub(f, fOff), 0)); // B
    }
    const c = tf.tanh(tf.stack(fields, 1)); // B × C
    const d = tf.sub(T, c);
    const dOdd = tf.pow(d, 2 * LOSS_POWER - 1);
    const loss = tf.sum(tf.mul(dOdd, d));
    const e = tf.mul(tf.mul(dOdd, -2 * LOSS_POWER), tf.mul(tf.sub(1, c), tf.add(1, c))); // B × C
    let g = tf.zeros([K, B]);
    const labelTerms = [];
    for (let alpha = 0; alpha < C; ++alpha) {
      const eRow = tf.reshape(tf.slice(e, [0, alpha], [B, 1]), [1, B]);
      g = tf.add(g, tf.mul(eRow, tf.sub(dOn[alpha], dOff)));
      labelTerms.push(tf.mul(tf.sum(tf.mul(dOn[alpha], eRow), 1), 2));
    }
    const labelGradient = tf.sub(tf.stack(labelTerms, 1), tf.sum(g, 1, true));
    return [loss, tf.concat([tf.matMul(g, V), labelGradient], 1)];
  });
  for (const K of sizes) {
    const m = initialMemories(K);
    const all = tf.tensor2d(m.weights, [K, N + C]);
    const pixels = tf.slice(all, [0, 0], [K, N]), labels = tf.slice(all, [0, N], [K, C]);
    const run = (p, l) => {
      const [loss, gradient] = stepOf(p, l);
      const out = { loss: loss.dataSync()[0], gradient: gradient.dataSync() };
      tf.dispose([loss, gradient]);
      return out;
    };
    const step = time(() => run(pixels, labels),
                      () => tf.tidy(() => run(tf.slice(pixels, [0, 0], [100, N]), tf.slice(labels, [0, 0], [100, C]))));
    // Distance from damlab's step: relative loss, and the largest gradient
    // difference relative to the largest gradient value.
    const exact = reference[K];
    let largest = 0, worst = 0;
    for (let k = 0; k < exact.gradient.length; ++k) {
      largest = Math.max(largest, Math.abs(exact.gradient[k]));
      worst = Math.max(worst, Math.abs(exact.gradient[k] - step.result.gradient[k]));
    }
    rows.push({
      engine: `tfjs-wasm ${tf.version_core}${simd ? ' simd' : ''}`, K, threads: tfThreads,
      seconds: step.seconds, cpu: step.cpu,
      note: `loss rel. diff ${(Math.abs(step.result.loss - exact.loss) / exact.loss).toExponential(1)}, `
        + `gradient max diff / max ${(worst / largest).toExponential(1)}`,
    });
    tf.dispose([all, pixels, labels]);
    console.error(`tfjs-wasm K=${K}: ${(step.seconds * 1e3).toFixed(0)} ms`);
  }
  tf.dispose([V, T]);
}

console.log(`Node ${process.version}, ${cores} cores (${os.cpus()[0]?.model ?? '?'}), load average `
  + `${os.loadavg()[0].toFixed(1)}; median of ${repeats} runs after a warm-up; one training step: `
  + `B = ${B} MNIST digits, N = ${N}, C = ${C}, rectpoly n = ${DEGREE}, T = ${TEMPERATURE}, m = ${LOSS_POWER}`);
console.log('| engine | K | threads | ms per step | CPU ms (all threads) | note |');
console.log('|---|---|---|---|---|---|');
for (const r of rows)
  console.log(`| ${r.engine} | ${r.K} | ${r.threads} | ${(r.seconds * 1e3).toFixed(0)} | `
    + `${(r.cpu * 1e3).toFixed(0)} | ${r.note} |`);
// The row of an engine at K (for the threads build, its largest thread count).
const find = (prefix, K) => rows.findLast((r) => r.engine.startsWith(prefix) && r.K === K);
console.log('\nRatios (time over time, higher is faster):');
for (const K of sizes) {
  // Wall-time ratio; for single-thread pairs also the CPU-time ratio, which
  // a busy machine distorts less.
  const ratio = (label, fast, slow, target) => {
    if (!fast || !slow) return;
    const cpu = fast.threads === 1 && slow.threads === 1
      ? `, CPU ${(slow.cpu / fast.cpu).toFixed(2)}×` : '';
    console.log(`  K=${K} ${label.padEnd(32)} ${(slow.seconds / fast.seconds).toFixed(2)}×${cpu}`
      + (target ? `   (target ${target})` : ''));
  };
  ratio('wasm simd / wasm baseline', find('damlab simd', K), find('damlab baseline', K), '≥ 2');
  ratio('wasm threads / wasm simd', find('damlab threads', K), find('damlab simd', K));
  const threadsOne = rows.find((r) => r.engine === 'damlab threads' && r.K === K && r.threads === 1);
  if (threadsOne && find('damlab threads', K) !== threadsOne)
    ratio(`wasm threads ${find('damlab threads', K).threads} / 1`, find('damlab threads', K), threadsOne);
  ratio('wasm threads / tfjs-wasm', find('damlab threads', K), find('tfjs-wasm', K), '≥ 2');
  ratio('wasm simd / tfjs-wasm', find('damlab simd', K), find('tfjs-wasm', K));
}
const differs = rows.some((r) => r.note.startsWith('DIFFERS'));

// A paper-size epoch: K = 2000, all 10,000 digits, batch 1000, n = 20.
if (process.argv.includes('--paper')) {
  const variant = variants.includes('threads') ? 'threads' : variants.at(-1);
  const damlab = await loadDamlabNode(variant);
  const pool = damlab.PThread ? damlab.PThread.unusedWorkers.length : 1;
  const threads = variant === 'threads' ? Math.max(1, Math.min(cores, pool)) : 1;
  const data = damlab.greyData(asset);
  let start = performance.now();
  const epochs = [];
  const result = damlab.trainClassifier(data.train, null,
    { memories: 2000, n: DEGREE, epochs: 1, batch: 1000, threads }, null, () => {
      const now = performance.now();
      epochs.push((now - start) / 1000);
      start = now;
    });
  console.log(`\nPaper-size training in wasm ${variant} (${threads} threads): K = 2000, `
    + `${data.train.labels.length} digits, n = ${DEGREE}, batch 1000: `
    + `${epochs.map((s) => s.toFixed(1)).join(', ')} s per epoch `
    + `(running train error ${result.train_error})`);
  damlab.PThread?.terminateAllThreads?.();
}
process.exit(differs ? 1 : 0);
