// The theory lines the Models view draws, each the core's (dam/theory.hpp):
// the values the page computed in JS before they were bound.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { load, throwsDamlab, variants } from './helpers.mjs';

// The N of results/models-summary.csv's capacity panels.
const Ns = [6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 32, 64, 128, 256];

for (const variant of variants) {
  describe(`theory lines (${variant})`, () => {
    let damlab;
    before(async () => {
      damlab = await load(variant);
    });

    it('kmaxWillshaw: the K before spurious units appear, k = aN', () => {
      assert.deepEqual(Ns.map((N) => damlab.kmaxWillshaw(N, 0.1)), [2, 3, 3, 4, 5, 6, 7, 9, 10, 11, 16, 36, 69, 112]);
      assert.deepEqual([512, 1024, 2048].map((N) => damlab.kmaxWillshaw(N, 0.1)), [162, 218, 277]);
      assert.equal(damlab.kmaxWillshaw(10, 0.5), 3);
      throwsDamlab(assert, () => damlab.kmaxWillshaw(100, 1), { name: 'InvalidArgument', field: 'a' });
    });

    it('kmaxExponential: 2^(N/2)', () => {
      for (const N of Ns) assert.equal(damlab.kmaxExponential(N), 2 ** (N / 2));
      throwsDamlab(assert, () => damlab.kmaxExponential(0), { name: 'InvalidArgument', field: 'N' });
    });

    it('the finite-N theory: the core native values (build/cli/damlab theory --finite)', () => {
      // n = 2, poly: p_bit is the binomial tail P(Bin((K-1)(N-1), 1/2) > ((K-1)(N-1) + N - 1) / 2).
      const N = 100, K = 20, L = (K - 1) * (N - 1);
      let logC = 0, tail = 0;  // log C(L, b), summed over b > (L + N - 1) / 2
      for (let b = 1; b <= L; b += 1) {
        logC += Math.log((L - b + 1) / b);
        if (L - 2 * b < -(N - 1)) tail += Math.exp(logC - L * Math.log(2));
      }
      assert.ok(Math.abs(damlab.bitInstability(N, { F: 'poly', n: 2 }, K) / tail - 1) < 1e-7);
      const est = damlab.finiteCapacity(100, { F: 'poly', n: 2 });
      assert.deepEqual([est.lowerQuartile, est.median, est.upperQuartile], [9, 10, 11]);
      assert.ok(Math.abs(est.mean - 10.1598) < 1e-3);
      const P = damlab.allRetrievedProbability(100, { F: 'poly', n: 2 }, est.median);
      assert.ok(P >= 0.5 && damlab.allRetrievedProbability(100, { F: 'poly', n: 2 }, est.median + 1) < 0.5);
      assert.ok(Math.abs(damlab.kmaxClosePair(16) - 75.8559) < 1e-3);
      throwsDamlab(assert, () => damlab.finiteCapacity(100, { F: 'exp', beta: 1 }), { name: 'InvalidArgument', field: 'F' });
    });

    it('the Hopfield, McEliece and DAM lines of the capacity panel', () => {
      for (const N of Ns) {
        assert.equal(damlab.kmaxHopfield(N), 0.138 * N);
        assert.ok(Math.abs(damlab.kmaxMceliece(N) / (N / (4 * Math.log(N))) - 1) < 1e-12);
        assert.ok(Math.abs(damlab.kmax(N, 3) / (N ** 2 / (2 * 3 * Math.log(N))) - 1) < 1e-12);
      }
    });
  });
}

for (const variant of variants) {
  describe(`rademacherMeanHd (${variant})`, () => {
    it("2p(1 - p)N, the Fig. 2 sets' planned mean HD", async () => {
      const damlab = await load(variant);
      assert.equal(damlab.rademacherMeanHd(784, 0.5), 392);
      for (const p of [0.51, 0.9, 0.95, 1]) assert.equal(damlab.rademacherMeanHd(784, p), 2 * p * (1 - p) * 784);
      throwsDamlab(assert, () => damlab.rademacherMeanHd(784, 1.5), { name: 'InvalidArgument', field: 'p' });
    });
  });
}
