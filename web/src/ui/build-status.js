// Which WebAssembly build runs and why, in words, with the fix when a
// faster build is possible. The build is chosen by wasm/js/damlab.js
// (detectVariant); features are what it detected in the worker (a dedicated
// worker is cross-origin isolated exactly when its page is).

/**
 * variant: 'threads' | 'simd' | 'baseline'; features: {simd, threads,
 * crossOriginIsolated}; swUnavailable: why no service worker can isolate
 * the page ('' when one can). Returns one sentence.
 */
export function explainBuild(variant, features, swUnavailable) {
  if (variant === 'threads') return 'threads on: SIMD and several threads per run (the page is cross-origin isolated).';
  if (!features.simd) return 'baseline: this browser has no WebAssembly SIMD, so the slowest build runs (a current browser runs a faster one).';
  if (features.crossOriginIsolated)
    return 'single-threaded (simd): this browser has no WebAssembly threads; the worker pool still runs several runs at once.';
  // Without isolation SharedArrayBuffer is hidden, so threads() cannot tell: isolation is the reason.
  const fix = swUnavailable
    ? `Fix: serve the site with the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp (npm start does; docs/playground.md). The service worker that adds them cannot here: ${swUnavailable}.`
    : 'Fix: reload once so the service worker can add them, or serve the site with the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp (npm start does).';
  return `threads off (simd build): the page is not cross-origin isolated, so WebAssembly threads cannot run; the worker pool still runs several runs at once. ${fix}`;
}
