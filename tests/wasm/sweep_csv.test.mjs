// sweepCsv(): the CSV of a sweep whose points were run one by one (runSpec),
// as a page runs them, equals the committed CSV `damlab sweep` wrote for the
// same experiment, byte for byte (so summarizeSweeps sees the native table).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';

import { load, root, throwsDamlab, variants } from './helpers.mjs';

const read = (path) => readFileSync(join(root, path), 'utf8');

for (const variant of variants) {
  describe(`sweepCsv (${variant})`, () => {
    let damlab;
    before(async () => {
      damlab = await load(variant);
    });

    it('gives the native CSV of experiments/fig2-artificial.json', () => {
      const experiment = read('experiments/fig2-artificial.json');
      const records = damlab.expandExperiment(experiment).points.map(({ spec }) => damlab.runSpec(JSON.stringify(spec)));
      assert.equal(damlab.sweepCsv(experiment, records), read('results/fig2-artificial.csv'));
    });

    it('refuses a record count that is not one per point', () => {
      throwsDamlab(assert, () => damlab.sweepCsv(read('experiments/fig2-artificial.json'), []), {
        name: 'InvalidArgument',
        field: 'records',
      });
    });
  });
}
