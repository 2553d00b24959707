// The Results view: native records and sweep CSVs opened locally.
// Served twice (with and without COOP/COEP); see helpers.mjs.
//   node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { done, timeout, root, artifacts, native, servedTwice } from './helpers.mjs';

servedTwice((site) => {
  const { open, sweep } = site;

  test('a native capacity record and sweep CSV open locally; a bad file is named', async () => {
    const spec = {
      measure: 'capacity',
      data: { source: 'rademacher', N: 300, S: 40, p: 0.8, seed: 5 },
      model: { F: 'rectpoly', n: 5 },
    };
    const file = join(artifacts, 'native-record.json');
    writeFileSync(file, JSON.stringify(spec));
    const text = execFileSync(native, ['run', file], { cwd: root, encoding: 'utf8' });
    writeFileSync(file, text);
    const expected = JSON.parse(text);
    const page = await open(`${site.url}#view=results`);
    await page.setInputFiles('#results-file', file);
    await page.waitForSelector(done('results'), { timeout });
    assert.equal(await page.textContent('#messages'), '');
    assert.match(
      await page.textContent('#results-summary'),
      new RegExp(`Kmax, exact${expected.result.exact.kmax} of S = 40`),
    );
    const csv = join(root, 'results', 'fig1-mnist.csv');
    if (existsSync(csv)) {
      await page.setInputFiles('#results-file', csv);
      await page.waitForSelector('#results[data-kind="capacity-csv"]', { timeout });
      const lines = readFileSync(csv, 'utf8').trim().split('\n').length - 1;
      assert.equal(await page.locator('#results-table tbody tr').count(), lines);
    }
    const bad = join(artifacts, 'bad-results.csv');
    writeFileSync(bad, 'a,b\n1,2,3\n');
    await page.setInputFiles('#results-file', bad);
    await page.waitForSelector('#results[data-status="error"]', { timeout });
    assert.match(await page.textContent('#messages'), /bad-results\.csv: line 2 has 3 fields, the header has 2/);
    assert.ok(await page.isVisible('#results-file'));
    await page.close();
  });
});
