// summarizeSweeps(): the replicate summary of the paper's Fig. 1 and Fig. 2 sweeps, from
// the committed CSVs, equals what `damlab summarize` wrote into results/
// (means, t intervals, Welch gaps), byte for byte.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';

import { load, root, throwsDamlab, variants } from './helpers.mjs';

const read = (path) => readFileSync(join(root, path), 'utf8');

for (const variant of variants) {
  describe(`summarizeSweeps (${variant})`, () => {
    let damlab;
    before(async () => {
      damlab = await load(variant);
    });

    it('gives the native Fig. 2 summary and gap tables', () => {
      const spec = read('experiments/summaries/fig2-summary.json');
      const csvs = {};
      for (const names of Object.values(JSON.parse(spec).sweeps))
        for (const name of [names].flat()) csvs[name] = read(`results/${name}.csv`);
      const out = damlab.summarizeSweeps(spec, csvs);
      assert.equal(out.summary, read('results/fig2-summary.csv'));
      assert.equal(out.gap, read('results/fig2-summary-gap.csv'));
      assert.equal(out.fit, '');
      const record = JSON.parse(out.record), native = JSON.parse(read('results/fig2-summary.json'));
      delete record.code_version;
      delete native.code_version;
      assert.deepEqual(record, native);
    });

    // Fig. 1 in both readings (the playground's Sweeps view draws either), fits included.
    for (const name of ['fig1-summary', 'fig1-summary-whole-set'])
      it(`gives the native ${name} tables`, () => {
        const spec = read(`experiments/summaries/${name}.json`);
        const csvs = {};
        for (const names of Object.values(JSON.parse(spec).sweeps))
          for (const sweep of [names].flat()) csvs[sweep] = read(`results/${sweep}.csv`);
        const out = damlab.summarizeSweeps(spec, csvs);
        assert.equal(out.summary, read(`results/${name}.csv`));
        assert.equal(out.gap, read(`results/${name}-gap.csv`));
        assert.equal(out.fit, read(`results/${name}-fit.csv`));
        const record = JSON.parse(out.record), native = JSON.parse(read(`results/${name}.json`));
        delete record.code_version;
        delete native.code_version;
        assert.deepEqual(record, native);
      });

    it('refuses a bad field by name', () => {
      const spec = JSON.parse(read('experiments/summaries/fig2-summary.json'));
      spec.censored = 'drop';
      throwsDamlab(assert, () => damlab.summarizeSweeps(JSON.stringify(spec), {}), {
        name: 'InvalidArgument',
        field: 'censored',
      });
      throwsDamlab(assert, () => damlab.summarizeSweeps(read('experiments/summaries/fig2-summary.json'), {}), {
        name: 'InvalidArgument',
        field: 'csvs.fig2-artificial',
      });
    });
  });
}
