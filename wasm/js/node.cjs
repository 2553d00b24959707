// Loads a Node build of the damlab WebAssembly module (damlab-<variant>-node.cjs
// from scripts/build-wasm.sh). The wasm bytes are read with fs and handed over
// as wasmBinary: the emscripten 3.1.6 loader would otherwise call Node 20's
// fetch on a file path and fail.
//
//   const { loadDamlabNode } = require('./wasm/js/node.cjs');
//   const damlab = await loadDamlabNode('simd');
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const variants = ['baseline', 'simd', 'threads'];

// Where scripts/build-wasm.sh puts the builds: build-wasm/<variant>/wasm.
function buildDir(variant, root = path.resolve(__dirname, '../../build-wasm')) {
  return path.join(root, variant, 'wasm');
}

/**
 * @param {'baseline' | 'simd' | 'threads'} [variant]
 * @param {{ dir?: string }} [options] folder holding damlab-<variant>-node.cjs
 *   (default: build-wasm/<variant>/wasm, or $DAMLAB_WASM_DIR/<variant>/wasm)
 * @returns {Promise<import('./damlab').Damlab>}
 */
async function loadDamlabNode(variant = 'baseline', { dir } = {}) {
  if (!variants.includes(variant))
    throw new Error(`variant = ${variant}: must be one of ${variants.join(', ')}`);
  const folder =
    dir ?? buildDir(variant, process.env.DAMLAB_WASM_DIR || undefined);
  const stem = path.join(folder, `damlab-${variant}-node`);
  if (!fs.existsSync(`${stem}.cjs`))
    throw new Error(`${stem}.cjs not found: build it with bash scripts/build-wasm.sh ${variant}`);
  const createModule = require(`${stem}.cjs`);
  const damlab = await createModule({ wasmBinary: fs.readFileSync(`${stem}.wasm`) });
  // The pthread pool's idle workers would keep Node from exiting.
  for (const worker of damlab.PThread?.unusedWorkers ?? []) worker.unref();
  damlab.variant = variant;
  return damlab;
}

module.exports = { loadDamlabNode, variants, buildDir };
