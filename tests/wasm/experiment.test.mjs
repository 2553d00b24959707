// expandExperiment(): the points of an experiment's sweep grid, as
// `damlab sweep` runs them. Each point's axis values equal the native CSV's
// columns, and its spec run through runSpec gives the native row's data
// checksum and Kmax.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';

import { load, nativeRunner, root, throwsDamlab, variants } from './helpers.mjs';

const native = nativeRunner();

const small = {
  name: 'small',
  measure: 'capacity',
  data: { source: 'rademacher', N: 16, S: 6, p: 0.5, seed: 1 },
  model: { F: 'rectpoly', n: 3 },
  sweep: [
    { 'data.p': { from: 0.51, to: 0.55, step: 0.01 }, 'data.seed': { from: 1, to: 5, step: 1 } },
    { 'model.n': [3, 5] },
  ],
};

// The native sweep's CSV as header and rows of cells.
function nativeCsv(experiment) {
  const folder = mkdtempSync(join(tmpdir(), 'damlab-expand-'));
  try {
    const path = join(folder, 'experiment.json');
    writeFileSync(path, JSON.stringify(experiment));
    execFileSync(native, ['sweep', path, '--out', folder], { stdio: 'pipe' });
    const lines = readFileSync(join(folder, `${experiment.name}.csv`), 'utf8').trim().split('\n');
    return lines.map((line) => line.split(','));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

for (const variant of variants) {
  describe(`expandExperiment (${variant})`, () => {
    let damlab;
    before(async () => {
      damlab = await load(variant);
    });

    it('gives the native grid: axis values and the runs of each point', { skip: native ? false : 'no native runner built' }, () => {
      const expanded = damlab.expandExperiment(JSON.stringify(small));
      assert.equal(expanded.name, 'small');
      assert.deepEqual(expanded.columns, ['data.p', 'data.seed', 'model.n']);
      const [header, ...rows] = nativeCsv(small);
      assert.equal(expanded.points.length, rows.length);
      const col = (name) => header.indexOf(name);
      expanded.points.forEach(({ spec, values }, point) => {
        const row = rows[point];
        assert.equal(row[col('point')], String(point));
        assert.deepEqual(values.map(String), expanded.columns.map((name) => row[col(name)]));
        const record = JSON.parse(damlab.runSpec(JSON.stringify(spec)));
        assert.equal(record.data.checksum, row[col('data_checksum')]);
        assert.equal(String(record.result.exact.kmax), row[col('exact_kmax')]);
      });
    });

    it("expands the paper's Fig. 1 sets as the experiment files give them", () => {
      const experiment = JSON.parse(readFileSync(join(root, 'experiments/fig1-mnist.json'), 'utf8'));
      const { points, columns } = damlab.expandExperiment(JSON.stringify(experiment));
      assert.deepEqual(columns, ['data.target_hd', 'data.seed', 'model.n']);
      assert.equal(points.length, 53 * 3);
      // The last axis varies fastest; ranges include both ends, rounded to 12 decimals.
      assert.deepEqual(points.slice(0, 4).map((p) => p.values), [[30, 1, 7], [30, 1, 9], [30, 1, 11], [33.076923076923, 2, 7]]);
      assert.deepEqual(points.at(-1).values, [190, 53, 11]);
      assert.equal(points[3].spec.data.target_hd, 33.076923076923);
      assert.equal(points[3].spec.model.n, 7);
    });

    it('a spec without a sweep is one point', () => {
      const { points, columns } = damlab.expandExperiment(JSON.stringify({ data: small.data, model: small.model }));
      assert.deepEqual(columns, []);
      assert.equal(points.length, 1);
      assert.deepEqual(points[0].values, []);
    });

    it('rejects a bad experiment naming the field', () => {
      throwsDamlab(assert, () => damlab.expandExperiment(JSON.stringify({ ...small, sweep: [{ 'model.n': [3, 61] }] })), {
        name: 'InvalidArgument',
        message: /model\.n/,
      });
      throwsDamlab(assert, () => damlab.expandExperiment(42), { name: 'InvalidArgument', field: 'experiment' });
    });
  });
}
