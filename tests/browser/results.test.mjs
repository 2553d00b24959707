// The Results view: native records and sweep CSVs opened locally.
// Opening files does not depend on the serving: the test runs in the
// isolated half of servedTwice only (helpers.mjs).
//   node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { done, timeout, root, artifacts, native, servedTwice } from './helpers.mjs';

servedTwice((site) => {
  const { isolation, open, sweep } = site;

  if (isolation)
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
      await page.textContent('.result-file dl'),
      new RegExp(`Kmax, exact${expected.result.exact.kmax} of S = 40`),
    );
    const csv = join(root, 'results', 'fig1-mnist.csv');
    if (existsSync(csv)) {
      // Several files at once: each in its own block, the record's too.
      await page.setInputFiles('#results-file', [file, csv]);
      await page.waitForSelector('#results[data-kind="capacity-csv"][data-files="2"]', { timeout });
      const lines = readFileSync(csv, 'utf8').trim().split('\n').length - 1;
      assert.equal(await page.locator('.result-file[data-name="fig1-mnist.csv"] table tbody tr').count(), lines);
      assert.equal(await page.locator('.result-file[data-name="native-record.json"]').getAttribute('data-kind'), 'record');
      assert.equal(await page.locator('.result-file').count(), 2);
    }
    const bad = join(artifacts, 'bad-results.csv');
    writeFileSync(bad, 'a,b\n1,2,3\n');
    await page.setInputFiles('#results-file', bad);
    await page.waitForSelector('#results[data-status="error"]', { timeout });
    assert.match(await page.textContent('#messages'), /bad-results\.csv: line 2 has 3 fields, the header has 2/);
    // The bad file's block names the problem too, and the earlier files are gone.
    assert.equal(await page.locator('.result-file').count(), 1);
    assert.match(await page.textContent('.result-file[data-status="error"]'), /line 2 has 3 fields/);
    assert.ok(await page.isVisible('#results-file'));
    await page.close();
  });
});
