// Shared set-up of the WebAssembly tests (node:test).
// Environment:
//   DAMLAB_WASM_VARIANTS  comma-separated builds to test (default: all three)
//   DAMLAB_WASM_DIR       root of the builds (default: build-wasm/)
//   DAMLAB_NATIVE         the native runner for parity checks (default: the
//                         newer of build/cli/damlab and build-me/cli/damlab)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { loadDamlabNode, variants: allVariants } = require('../../wasm/js/node.cjs');

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const variants = process.env.DAMLAB_WASM_VARIANTS
  ? process.env.DAMLAB_WASM_VARIANTS.split(',').map((v) => v.trim())
  : allVariants;

export function load(variant) {
  return loadDamlabNode(variant);
}

// The native runner, or null when none is built (the parity tests then skip,
// unless DAMLAB_NATIVE names a binary, which must exist).
export function nativeRunner() {
  const named = process.env.DAMLAB_NATIVE;
  if (named) {
    if (!existsSync(named)) throw new Error(`DAMLAB_NATIVE = ${named}: no such file`);
    return named;
  }
  // The most recently built one: a stale binary would not match the wasm.
  const built = ['build/cli/damlab', 'build-me/cli/damlab']
    .map((path) => resolve(root, path))
    .filter((path) => existsSync(path))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return built[0] ?? null;
}

// Asserts that fn throws a damlab Error with this name, field and message.
export function throwsDamlab(assert, fn, { name, field, message }) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof Error, `not an Error: ${error}`);
    assert.equal(error.name, name);
    if (field !== undefined) assert.equal(error.field, field);
    if (message instanceof RegExp) assert.match(error.message, message);
    else if (message !== undefined) assert.equal(error.message, message);
    return true;
  });
}

// An IDX file (unsigned bytes) of the given shape with pseudo-random contents.
export function idxBytes(dims, seed = 11) {
  const size = dims.reduce((a, b) => a * b, 1);
  const bytes = new Uint8Array(4 + 4 * dims.length + size);
  bytes.set([0, 0, 0x08, dims.length]);
  const view = new DataView(bytes.buffer);
  dims.forEach((d, k) => view.setUint32(4 + 4 * k, d, false));
  let state = seed;
  for (let k = 0; k < size; ++k) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[4 + 4 * dims.length + k] = state >>> 24;
  }
  return bytes;
}

// A record without its code_version line (the wasm and native builds may be
// configured at different commits).
export const withoutVersion = (text) => text.replace(/^ {2}"code_version": .*\n/m, '');

// The native runner's record text of each spec (name -> spec object), run
// from a temporary folder that also holds the given files (name -> bytes).
export function nativeRecords(native, specs, files = {}) {
  const folder = mkdtempSync(join(tmpdir(), 'damlab-native-'));
  try {
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(folder, name), bytes);
    const out = {};
    for (const [name, spec] of Object.entries(specs)) {
      const path = join(folder, `${name}.json`);
      writeFileSync(path, JSON.stringify(spec));
      out[name] = execFileSync(native, ['run', path], { encoding: 'utf8' });
    }
    return out;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Every registry model once, with a parameter value other than its default where it has one. */
export const exampleModels = [
  { name: 'dam', F: 'rectpoly', n: 3 },
  { name: 'lse', beta: 20 },
  { name: 'lsr', beta: 2 },
  { name: 'cmm' },
  { name: 'nearest' },
  { name: 'minerva2' },
  { name: 'hopfield-activity-product' },
  { name: 'hopfield-willshaw' },
  { name: 'hopfield-covariance', a: 0.3 },
  { name: 'hopfield-presynaptic-covariance', a: 0.3 },
  { name: 'hopfield-bcpnn', epsilon: 0.01 },
];
