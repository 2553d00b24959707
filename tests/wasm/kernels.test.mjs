// The kernel bindings the benchmarks use (overlapMatrix, flipBits,
// synchronousUpdate with threads) agree with the per-state bindings, with
// each other for any thread count, and across the variants built.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { load, throwsDamlab, variants } from './helpers.mjs';

const N = 100, K = 80, P = 64;
const model = { F: 'poly', n: 3 };
const seen = {}; // result -> {variant: value}, compared across variants at the end

for (const variant of variants) {
  describe(`wasm ${variant}: kernels`, () => {
    let damlab, memories, states, net;
    before(async () => {
      damlab = await load(variant);
      memories = damlab.rademacher(N, K, 0.5, 7);
      const rng = new damlab.Rng(9);
      const first = memories.slice(0, P);
      states = damlab.flipBits(first, 0.1, rng);
      first.delete();
      rng.delete();
      net = new damlab.Network(memories, model);
    });
    after(() => [net, states, memories].forEach((h) => h?.delete()));

    it('overlapMatrix equals Network.overlaps row by row', () => {
      const matrix = damlab.overlapMatrix(states, memories);
      assert.ok(matrix instanceof Int32Array);
      assert.equal(matrix.length, states.size * K);
      for (let p = 0; p < states.size; ++p)
        assert.deepEqual(matrix.subarray(p * K, (p + 1) * K), net.overlaps(states, p));
      (seen.overlaps ??= {})[variant] = Array.from(matrix).join(',');
    });

    it('flipBits flips about delta of the bits, deterministically', () => {
      const a = new damlab.Rng(3), b = new damlab.Rng(3);
      const x = damlab.flipBits(memories, 0.25, a), y = damlab.flipBits(memories, 0.25, b);
      assert.ok(x.equals(y));
      const flipped = damlab.overlapMatrix(x, memories);
      let differ = 0;
      for (let p = 0; p < K; ++p) differ += (N - flipped[p * K + p]) / 2;
      assert.ok(differ > 0.15 * N * K && differ < 0.35 * N * K, `${differ} bits flipped`);
      (seen.flip ??= {})[variant] = x.checksum();
      [a, b, x, y].forEach((h) => h.delete());
    });

    it('synchronousUpdate gives the same states for any thread count', () => {
      const results = [undefined, 1, 2, 3, 4, 64].map((threads) => {
        const copy = states.slice(0, states.size);
        const flips = threads === undefined ? net.synchronousUpdate(copy)
                                            : net.synchronousUpdate(copy, null, threads);
        const checksum = copy.checksum();
        copy.delete();
        return `${flips} ${checksum}`;
      });
      assert.equal(new Set(results).size, 1, results.join('; '));
      (seen.update ??= {})[variant] = results[0];
    });

    it('rejects bad arguments naming the field', () => {
      const copy = states.slice(0, 1);
      throwsDamlab(assert, () => net.synchronousUpdate(copy, null, 0),
                   { name: 'InvalidArgument', field: 'threads', message: 'threads = 0: must be in [1, 1024]' });
      throwsDamlab(assert, () => net.synchronousUpdate(copy, undefined, 1.5),
                   { name: 'InvalidArgument', field: 'threads' });
      throwsDamlab(assert, () => net.synchronousUpdate(copy, null, '2'),
                   { name: 'InvalidArgument', field: 'threads', message: 'threads = 2: must be a number' });
      const other = damlab.rademacher(N + 1, 2, 0.5, 1);
      throwsDamlab(assert, () => damlab.overlapMatrix(states, other),
                   { name: 'InvalidArgument', field: 'N' });
      const rng = new damlab.Rng(1);
      throwsDamlab(assert, () => damlab.flipBits(states, 1.5, rng),
                   { name: 'InvalidArgument', field: 'delta' });
      [copy, other, rng].forEach((h) => h.delete());
    });
  });
}

describe('wasm kernels across variants', () => {
  it('give identical results in every variant', () => {
    for (const [what, byVariant] of Object.entries(seen))
      assert.equal(new Set(Object.values(byVariant)).size, 1, `${what} differs across variants`);
  });
});
