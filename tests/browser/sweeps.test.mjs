// The Sweeps view: the Fig. 1, Fig. 2 and overloaded-regime D_c figures,
// compared with native runs.
// Served twice (with and without COOP/COEP); see helpers.mjs.
//   node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { screenshot, nativeRecord, root, servedTwice } from './helpers.mjs';

servedTwice((site) => {
  const { isolation, sweep } = site;

  test('the Fig. 1 sweep streams every point', async () => {
    const page = await sweep('scale=reduced', 72);
    assert.equal(await page.locator('#sweep-table tbody tr').count(), 72);
    if (isolation) await screenshot(page, 'sweeps');
    await page.close();
  });

  test('the Fig. 2 sweep plots bucket means that equal the native runs', async () => {
    const page = await sweep('figure=fig2&scale=reduced', 154);
    const cells = (id) => page.$$eval(`${id} tbody tr`, (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    const runs = await cells('#sweep-table');
    assert.equal(runs.length, 154);
    assert.deepEqual([...new Set(runs.map((row) => Number(row[1])))].sort((a, b) => a - b), [6, 7, 8, 9, 10, 11, 12, 16, 20, 28, 38]);
    // Every run equals the native sweep of experiments/fig2-*.json (same set, same degree).
    const native = new Map();
    for (const [file, source] of [['fig2-mnist.csv', 'MNIST'], ['fig2-artificial.csv', 'artificial']]) {
      const [header, ...lines] = readFileSync(join(root, 'results', file), 'utf8').trim().split('\n').map((l) => l.split(','));
      const col = (name) => header.indexOf(name);
      for (const l of lines)
        native.set(`${source}/${l[col('data.seed')]}/${l[col('model.n')]}`, {
          kmax: Number(l[col('exact_kmax')]),
          hd: Number(l[col('data_mean_hd')]),
        });
    }
    const expected = new Map(); // series/n -> Kmax of the sets in its bucket
    for (const [source, n, , seed, hd, bucket, kmax] of runs) {
      const want = native.get(`${source}/${seed}/${n}`);
      assert.ok(want, `a native run for ${source} seed ${seed}, n = ${n}`);
      assert.equal(Number(kmax), want.kmax, `Kmax of ${source} seed ${seed}, n = ${n}`);
      assert.equal(Number(hd), want.hd);
      const centre = [60, 90, 120].find((c) => Math.abs(want.hd - c) <= 10);
      assert.equal(bucket, String(centre ?? 'none'));
      if (centre) {
        const key = `${source}, HD ${centre} ± 10/${n}`;
        expected.set(key, [...(expected.get(key) ?? []), want.kmax]);
      }
    }
    // The chart's points are the bucket means, and every bucket has both sources.
    const points = await cells('#sweep-points');
    assert.equal(points.length, expected.size);
    for (const [series, n, mean] of points) {
      const ks = expected.get(`${series}/${n}`);
      assert.ok(Math.abs(Number(mean) - ks.reduce((a, b) => a + b) / ks.length) < 1e-12, `${series}, n = ${n}`);
    }
    assert.equal(new Set(points.map((p) => p[0])).size, 6);
    if (isolation) await screenshot(page, 'fig2');
    await page.close();
  });

  test('the overloaded-regime D_c figure equals the native records', async () => {
    const page = await sweep('figure=dc&scale=reduced', 3);
    const rows = await page.$$eval('#sweep-table tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    assert.equal(rows.length, 27);
    const expected = nativeRecord({
      measure: 'convergence',
      data: { source: 'mnist', S: 10000, selection: 'random', seed: 1 },
      model: { F: 'poly', n: 4 },
      probe: { K: 1000, probes: 'held_out', count: 200, steps: 3, update: 'sync', epsilons: [0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5], seed: 1 },
    });
    const n4 = rows.filter((row) => row[0] === '4').map((row) => Number(row[4]));
    assert.deepEqual(n4, Object.values(expected.result.D_c));
    await page.close();
  });
});
