// Loads the damlab WebAssembly module in a browser page or Web Worker and
// picks the fastest build this engine can run:
//   threads   SIMD + pthreads, only when the page is crossOriginIsolated
//             (SharedArrayBuffer); run it inside a Web Worker, since a pthread
//             join on the browser's main thread blocks it
//   simd      SIMD without threads
//   baseline  everything else (a SIMD binary does not even validate there)
// The builds live in one folder (public/wasm/ via scripts/build-wasm.sh):
// damlab-<variant>.mjs, .wasm and, for threads, .worker.js.
//
//   import { loadDamlab } from './damlab.js';
//   const damlab = await loadDamlab({ baseUrl: import.meta.env.BASE_URL + 'wasm/' });
//   damlab.variant; // 'threads' | 'simd' | 'baseline': show it to the user
// The API itself is described in damlab.d.ts and docs/wasm.md.
import { simd, threads } from 'wasm-feature-detect';

export const variants = ['baseline', 'simd', 'threads'];

/**
 * The build this engine supports, and the features that decided it.
 * @returns {Promise<import('./damlab').Detected>}
 */
export async function detectVariant() {
  const features = {
    simd: await simd(),
    threads: await threads(),
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
  };
  // The threads build is compiled with SIMD too.
  const variant =
    features.simd && features.threads && features.crossOriginIsolated
      ? 'threads'
      : features.simd
        ? 'simd'
        : 'baseline';
  return { variant, features };
}

/**
 * @param {{ baseUrl?: string, variant?: 'baseline' | 'simd' | 'threads' }} [options]
 *   baseUrl: the folder of the builds (default: this page's folder);
 *   variant: force one build instead of detecting the best.
 * @returns {Promise<import('./damlab').Damlab>} the module, with .variant (the
 *   build loaded) and .features (what detection found).
 */
export async function loadDamlab({ baseUrl = './', variant } = {}) {
  const detected = await detectVariant();
  const chosen = variant ?? detected.variant;
  if (!variants.includes(chosen))
    throw new Error(`variant = ${chosen}: must be one of ${variants.join(', ')}`);
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`, globalThis.location?.href)
    .href;
  // A runtime URL, not a bundled import: bundlers mangle emscripten's pthread
  // output, so the builds are served as static files.
  const { default: createModule } = await import(/* @vite-ignore */ `${base}damlab-${chosen}.mjs`);
  // locateFile resolves the .wasm and the pthread .worker.js beside the module.
  const damlab = await createModule({ locateFile: (file) => new URL(file, base).href });
  damlab.variant = chosen;
  damlab.features = detected.features;
  return damlab;
}
