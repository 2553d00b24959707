// Size and load time of each WebAssembly build, measured in Node:
//   node bench/wasm/load-time.mjs [repeats]
// Columns: file sizes (raw and gzip -9) of the browser build, the time to
// compile the .wasm alone, the time from a fresh factory call to a ready
// module (the Node build, wasm bytes already read; the threads build
// includes starting its worker pool), and a warm capacity run (300 skewed
// patterns, N = 784, rectpoly n = 7) to see what SIMD buys. Medians over
// `repeats` runs. Timings on a busy machine vary by tens of percent.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const { buildDir, variants } = require('../../wasm/js/node.cjs');

const repeats = Number(process.argv[2] ?? 5);
// Each emscripten Node module adds process listeners; many loads are intended here.
process.setMaxListeners(0);
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kB = (bytes) => (bytes / 1024).toFixed(0);
const size = (path) => (existsSync(path) ? statSync(path).size : 0);
const gzipped = (path) => (existsSync(path) ? gzipSync(readFileSync(path), { level: 9 }).length : 0);

const rows = [];
for (const variant of variants) {
  const dir = buildDir(variant);
  const web = join(dir, `damlab-${variant}`);
  const node = join(dir, `damlab-${variant}-node`);
  if (!existsSync(`${node}.cjs`)) {
    console.error(`${variant}: not built (bash scripts/build-wasm.sh ${variant})`);
    continue;
  }
  const bytes = readFileSync(`${node}.wasm`);
  const createModule = require(`${node}.cjs`);
  const compile = [];
  const load = [];
  const run = [];
  for (let k = 0; k < repeats; ++k) {
    let start = performance.now();
    await WebAssembly.compile(bytes);
    compile.push(performance.now() - start);
    start = performance.now();
    const damlab = await createModule({ wasmBinary: bytes });
    load.push(performance.now() - start);
    if (k === repeats - 1) {
      const set = damlab.rademacher(784, 300, 0.6, 1);
      for (let r = 0; r <= repeats; ++r) {
        start = performance.now();
        damlab.capacity(set, { F: 'rectpoly', n: 7 });
        if (r > 0) run.push(performance.now() - start); // r = 0 warms up (tier-up)
      }
      set.delete();
    }
    damlab.PThread?.terminateAllThreads();
  }
  rows.push({
    variant,
    'wasm kB': kB(size(`${web}.wasm`)),
    'wasm gz kB': kB(gzipped(`${web}.wasm`)),
    'js kB': kB(size(`${web}.mjs`) + size(`${web}.worker.js`)),
    'js gz kB': kB(gzipped(`${web}.mjs`) + gzipped(`${web}.worker.js`)),
    'compile ms': median(compile).toFixed(1),
    'instantiate ms': median(load).toFixed(1),
    'capacity ms': median(run).toFixed(0),
  });
}

const columns = Object.keys(rows[0] ?? {});
const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
const line = (cells) => `| ${cells.map((cell, k) => String(cell).padStart(widths[k])).join(' | ')} |`;
console.log(`Node ${process.version}, medians of ${repeats} runs`);
console.log(line(columns));
console.log(`|${widths.map((w) => '-'.repeat(w + 1) + ':').join('|')}|`);
for (const row of rows) console.log(line(columns.map((c) => row[c])));
