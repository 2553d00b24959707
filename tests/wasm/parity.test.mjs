// Parity with the native runner: `damlab run spec.json` and runSpec give the
// same record text byte for byte, except the code_version line (the two
// builds may be configured at different commits). Integers and decisions
// (Kmax, profile, counts) therefore match exactly.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { idxBytes, load, nativeRecords, nativeRunner, variants, withoutVersion } from './helpers.mjs';

// Kmax below S in every case but the saturated (censored) one, three of
// them with a non-monotone profile where the two modes differ or not.
const specs = {
  'rademacher-poly': {
    data: { source: 'rademacher', N: 100, S: 30, p: 0.5, seed: 7 },
    model: { F: 'poly', n: 2 },
  },
  'rademacher-poly-non-monotone': {
    data: { source: 'rademacher', N: 20, S: 20, p: 0.5, seed: 3 },
    model: { F: 'poly', n: 2 },
  },
  'rademacher-rectpoly': {
    data: { source: 'rademacher', N: 784, S: 50, p: 0.85, seed: 1 },
    model: { F: 'rectpoly', n: 7 },
  },
  'rademacher-rectpoly-non-monotone': {
    data: { source: 'rademacher', N: 30, S: 20, p: 0.6, seed: 105 },
    model: { F: 'rectpoly', n: 3 },
  },
  'rademacher-rectpoly-censored': {
    data: { source: 'rademacher', N: 784, S: 50, p: 0.6, seed: 1 },
    model: { F: 'rectpoly', n: 7 },
  },
  'rademacher-exp': {
    data: { source: 'rademacher', N: 64, S: 40, p: 0.95, seed: 2 },
    model: { F: 'exp', beta: 0.5 },
  },
  'rademacher-exp-non-monotone': {
    data: { source: 'rademacher', N: 16, S: 20, p: 0.5, seed: 136 },
    model: { F: 'exp', beta: 0.3 },
  },
  'rademacher-high-degree': {
    data: { source: 'rademacher', N: 300, S: 40, p: 0.99, seed: 11 },
    model: { F: 'poly', n: 60 },
  },
  'idx-poly': {
    measure: 'capacity',
    data: { source: 'idx', path: 'digits.idx', threshold: 200, first: 25 },
    model: { F: 'poly', n: 2 },
  },
  'idx-defaults': { data: { source: 'idx', path: 'digits.idx' } },
};

const native = nativeRunner();

describe('wasm parity with the native runner', { skip: native ? false : 'no native runner built' }, () => {
  let expected;
  before(() => {
    expected = nativeRecords(native, specs, { 'digits.idx': idxBytes([40, 12, 12]) });
  });

  for (const variant of variants) {
    describe(variant, () => {
      let damlab;
      before(async () => {
        damlab = await load(variant);
      });

      for (const name of Object.keys(specs)) {
        it(`${name}: same record text`, () => {
          const idx = specs[name].data.source === 'idx' ? idxBytes([40, 12, 12]) : undefined;
          const text = `${damlab.runSpec(JSON.stringify(specs[name]), idx)}\n`;
          assert.match(expected[name], /^ {2}"code_version": /m);
          assert.equal(withoutVersion(text), withoutVersion(expected[name]));
        });
      }

      it('capacity() gives the native Kmax, profile and counts', () => {
        for (const name of Object.keys(specs).filter((n) => n.startsWith('rademacher'))) {
          const { data, model } = specs[name];
          const record = JSON.parse(expected[name]);
          const set = damlab.rademacher(data.N, data.S, data.p, data.seed);
          const result = damlab.capacity(set, model);
          assert.equal(set.checksum(), record.data.checksum, name);
          set.delete();
          for (const mode of ['exact', 'binary']) {
            const want = record.result[mode];
            const got = result[mode];
            assert.deepEqual(
              [got.kmax, got.censored, got.hd_sum, got.pairs, got.mean_hd],
              [want.kmax, want.censored, want.hd_sum, want.pairs, want.mean_hd],
              `${name} ${mode}`,
            );
          }
          assert.equal(result.binary.evaluations, record.result.binary.evaluations, name);
          assert.equal(result.monotone, record.result.monotone, name);
          assert.equal(result.profile, record.result.profile, name);
          assert.deepEqual(result, record.result, name);
        }
      });
    });
  }
});
