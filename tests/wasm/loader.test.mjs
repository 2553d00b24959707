// The loaders: build selection of the browser loader (wasm/js/damlab.js,
// whose module loading needs a browser) and the Node loader's checks.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';

import { detectVariant, loadDamlab, variants } from '../../wasm/js/damlab.js';
import { load, variants as tested } from './helpers.mjs';

describe('browser loader: build selection', () => {
  afterEach(() => {
    delete globalThis.crossOriginIsolated;
  });

  it('picks simd without cross-origin isolation and threads with it', async () => {
    assert.deepEqual(variants, ['baseline', 'simd', 'threads']);
    // Node 20 supports SIMD and threads; it is never crossOriginIsolated.
    const plain = await detectVariant();
    assert.deepEqual(plain, { variant: 'simd', features: { simd: true, threads: true, crossOriginIsolated: false } });
    globalThis.crossOriginIsolated = true;
    assert.equal((await detectVariant()).variant, 'threads');
  });

  it('rejects an unknown variant', async () => {
    await assert.rejects(loadDamlab({ baseUrl: 'http://localhost/wasm/', variant: 'gpu' }), {
      message: 'variant = gpu: must be one of baseline, simd, threads',
    });
  });
});

describe('Node loader', () => {
  it('loads each build and names it', async () => {
    for (const variant of tested) {
      const damlab = await load(variant);
      assert.equal(damlab.variant, variant);
      assert.equal(typeof damlab.capacity, 'function');
      // The threads build starts its pthread pool up front.
      assert.equal(Boolean(damlab.PThread), variant === 'threads');
      if (damlab.PThread) assert.ok(damlab.PThread.unusedWorkers.length >= 1);
    }
    await assert.rejects(load('gpu'), { message: 'variant = gpu: must be one of baseline, simd, threads' });
  });
});
