// The generator's streams equal the native golden values of
// tests/data/rng_test.cpp in every build variant.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { load, throwsDamlab, variants } from './helpers.mjs';

const invalid = (field, message) => ({ name: 'InvalidArgument', field, message });

for (const variant of variants) {
  describe(`wasm ${variant}: Rng`, () => {
    let damlab;
    before(async () => {
      damlab = await load(variant);
    });

    // Draws from a fresh generator, deleting it afterwards.
    function draw(seed, fn) {
      const rng = new damlab.Rng(seed);
      try {
        return fn(rng);
      } finally {
        rng.delete();
      }
    }

    it('matches the native golden values', () => {
      assert.deepEqual(
        draw(42, (rng) => [rng.next(), rng.next(), rng.next(), rng.next()]),
        [0x15780b2e0c2ec716n, 0x6104d9866d113a7en, 0xae17533239e499a1n, 0xecb8ad4703b360a1n],
      );
      assert.deepEqual(
        draw(7, (rng) => Array.from({ length: 10 }, () => rng.below(10))),
        [4, 4, 8, 4, 4, 1, 6, 6, 8, 9],
      );
      assert.deepEqual(
        draw(9, (rng) => [rng.uniform(), rng.uniform(), rng.uniform()]),
        [0.0025834396857136177, 0.25148937241585745, 0.13246225011289547],
      );
      assert.deepEqual(draw(3, (rng) => rng.permutation(10)), new Uint32Array([6, 7, 3, 4, 5, 2, 0, 9, 1, 8]));
      const set = damlab.rademacher(70, 2, 0.3, 5);
      // 64-bit words 0x4418a8400c400801, 0x2, 0xfb40860a62829612, 0x9, low halves first.
      assert.deepEqual(
        set.words(),
        new Uint32Array([0x0c400801, 0x4418a840, 0x2, 0, 0x62829612, 0xfb40860a, 0x9, 0]),
      );
      set.delete();
    });

    it('samples Bernoulli draws and takes every seed up to 2^53 - 1', () => {
      assert.equal(draw(1, (rng) => rng.bernoulli(0)), false);
      assert.equal(draw(1, (rng) => rng.bernoulli(1)), true);
      const ones = draw(1, (rng) => Array.from({ length: 10000 }, () => rng.bernoulli(0.3)).filter(Boolean).length);
      assert.ok(Math.abs(ones - 3000) < 5 * Math.sqrt(10000 * 0.21));
      assert.equal(typeof draw(2 ** 53 - 1, (rng) => rng.next()), 'bigint');
      assert.ok(draw(0, (rng) => rng.below(2 ** 53 - 1)) < 2 ** 53 - 1);
    });

    it('rejects bad arguments with the core messages', () => {
      throwsDamlab(assert, () => new damlab.Rng(-1), invalid('seed', 'seed = -1: must be an integer in [0, 9007199254740991]'));
      throwsDamlab(assert, () => new damlab.Rng(2 ** 53), invalid('seed', 'seed = 9007199254740992: must be an integer in [0, 9007199254740991]'));
      throwsDamlab(assert, () => new damlab.Rng(1.5), invalid('seed', 'seed = 1.5: must be an integer in [0, 9007199254740991]'));
      throwsDamlab(assert, () => draw(1, (rng) => rng.below(0)), invalid('bound', 'bound = 0: must be at least 1'));
      throwsDamlab(assert, () => draw(1, (rng) => rng.bernoulli(2)), invalid('p', 'p = 2: must be in [0, 1]'));
      throwsDamlab(assert, () => draw(1, (rng) => rng.permutation(-1)), invalid('count', 'count = -1: must be an integer in [0, 4294967295]'));
      throwsDamlab(assert, () => damlab.rademacher(10, 2, 1.5, 1), invalid('p', 'p = 1.5: must be in [0, 1]'));
      throwsDamlab(assert, () => damlab.rademacher(0, 2, 0.5, 1), invalid('N', 'N = 0: must be at least 1'));
      throwsDamlab(assert, () => damlab.rademacher(10, 2, 0.5, NaN), invalid('seed', 'seed = nan: must be an integer in [0, 9007199254740991]'));
    });
  });
}
