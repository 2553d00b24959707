// The capacity explorer: default load, native records of MNIST, IDX and
// Hopfield-rule runs, links, cancel and the memory budget.
// Served twice (with and without COOP/COEP); see helpers.mjs.
//   node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { screenshot, fillForm, nativeRecord, done, timeout, artifacts, native, servedTwice, chartLooks, assertDistinctLooks, pngSize } from './helpers.mjs';

servedTwice((site) => {
  const { isolation, open, explorerResult } = site;

  test('default view loads, runs, and names the build', async () => {
    const page = await open(site.url);
    await explorerResult(page);
    await page.waitForSelector('body[data-variant]', { timeout });
    const { isolated, variant } = await page.evaluate(() => ({
      isolated: crossOriginIsolated,
      variant: document.body.dataset.variant,
    }));
    assert.equal(isolated, isolation);
    assert.equal(variant, isolation ? 'threads' : 'simd');
    assert.match(await page.textContent('#build'), new RegExp(`^${variant}, `));
    assert.match(await page.textContent('#theory'), /per-pattern estimate/);
    if (isolation) await screenshot(page, 'explorer');
    await page.close();
  });

  test('an MNIST greedy subset gives the native record', async () => {
    const spec = {
      measure: 'capacity',
      data: { source: 'mnist', S: 60, selection: 'greedy', target_hd: 100, classes: [1, 7], seed: 3 },
      model: { F: 'rectpoly', n: 9 },
    };
    const page = await open(
      `${site.url}#view=explorer&source=mnist&selection=greedy&target_hd=100&classes=1,7&S=60&seed=3&F=rectpoly&n=9`,
    );
    const summary = await explorerResult(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const record = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.ok(record.code_version);
    delete record.code_version;
    const expected = nativeRecord(spec);
    assert.deepEqual(record, expected);
    assert.match(summary, new RegExp(`Kmax, exact${expected.result.exact.kmax} of S = 60`));
    // The data table beside the chart holds the same profile.
    const table = await page.$$eval('#profile-table tbody tr', (rows) =>
      rows.map((row) => (row.cells[1].textContent === 'yes' ? '1' : '0')).join(''),
    );
    assert.equal(table, expected.result.profile);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const lines = readFileSync(await csv.path(), 'utf8').trim().split('\n');
    assert.equal(lines.length, 61);
    assert.equal(lines[0], 'K,retrieved');
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    const bytes = readFileSync(await png.path());
    assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47]);
    // At 2× the chart, with a caption (the spec, the code version) below it.
    const box = await page.locator('#profile-chart').boundingBox();
    assert.ok(Math.abs(pngSize(bytes).width - 2 * box.width) <= 2, `a PNG ${pngSize(bytes).width} px wide for a ${box.width} px chart`);
    assert.ok(pngSize(bytes).height > 2 * box.height + 20, 'a caption below the chart');
    const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
    const text = readFileSync(await svg.path(), 'utf8');
    assert.ok(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
    const version = await page.evaluate(() => document.body.dataset.version);
    assert.ok(version && text.includes(`damlab ${version}`), 'the caption names the code version');
    assert.ok(text.includes('&quot;target_hd&quot;:100'), 'the caption names the spec');
    assertDistinctLooks(await chartLooks(page.locator('#profile-chart')), 'profile');
    assert.equal(await page.getAttribute('#explorer', 'data-target-missed'), 'false');
    await page.close();
  });

  // Links and file reading do not depend on the serving: tested once each
  // (the numbers of both builds are compared above).
  if (isolation)
  test('a link reproduces the controls and the result', async () => {
    const page = await open(site.url);
    await explorerResult(page);
    await fillForm(page, { source: 'rademacher', p: '0.7', N: '500', S: '40', seed: '9', F: 'poly', n: '5' });
    await page.click('#run');
    const summary = await explorerResult(page);
    const hash = await page.evaluate(() => location.hash);
    assert.match(hash, /source=rademacher/);
    assert.match(hash, /p=0.7/);
    assert.match(hash, /seed=9/);
    const values = (p) =>
      p.$$eval('#explorer-form [name]', (elements) => elements.map((e) => `${e.name}=${e.value}`).join('&'));
    const before = await values(page);
    const fresh = await open(site.url + hash);
    assert.equal(await explorerResult(fresh), summary);
    assert.equal(await values(fresh), before);
    await page.close();
    await fresh.close();
  });

  if (isolation)
    test('a missed greedy target is flagged; S beyond the chosen classes is named S', async () => {
      const page = await open(`${site.url}#view=explorer&source=mnist&selection=greedy&target_hd=5&classes=&S=50&seed=1&F=rectpoly&n=7`);
      const summary = await explorerResult(page);
      assert.equal(await page.getAttribute('#explorer', 'data-target-missed'), 'true');
      assert.match(summary, /Target missedthe greedy selection could not reach mean HD 5 ± 1 with these classes and S: it reached \d+\.\d\d bits/);
      assert.ok(await page.locator('#summary dd.flag').isVisible());
      const other = await open(`${site.url}#view=explorer&source=mnist&selection=random&classes=1&S=2000&seed=1&F=rectpoly&n=7`);
      await other.waitForSelector(done('explorer'), { timeout });
      const message = await other.textContent('#messages');
      assert.match(message, /^data\.S = 2000: must be at most the \d+ patterns of the chosen classes/);
      assert.doesNotMatch(message, /size/);
      await page.close();
      await other.close();
    });

  test('cancel stops a long run and the page stays usable', async () => {
    const page = await open(`${site.url}#view=explorer&source=rademacher&p=0.5&N=65536&S=1000&seed=1&F=exp&beta=1`);
    await page.waitForSelector('#explorer[data-status="running"]', { timeout });
    await page.waitForTimeout(300);
    await page.click('#cancel');
    await page.waitForSelector('#explorer[data-status="cancelled"]', { timeout: 5000 });
    assert.equal(await page.textContent('#messages'), '');
    await page.fill('input[name=N]', '784');
    await page.fill('input[name=S]', '30');
    await page.click('#run');
    assert.match(await explorerResult(page), /of S = 30/);
    await page.close();
  });

  if (!isolation)
  test('a local IDX.gz file (and the same data as CSV) gives the native record', async () => {
    // 40 items of 10 × 10 bytes from a fixed LCG: data, not numerics under test.
    const [count, N] = [40, 100];
    const pixels = new Uint8Array(count * N);
    let x = 12345;
    for (let i = 0; i < pixels.length; i++) pixels[i] = (x = (x * 1103515245 + 12345) % 2 ** 31) >> 23;
    const header = Buffer.alloc(16);
    header.set([0, 0, 0x08, 3]);
    header.writeUInt32BE(count, 4);
    header.writeUInt32BE(10, 8);
    header.writeUInt32BE(10, 12);
    const name = 'user-items.idx.gz';
    writeFileSync(join(artifacts, name), gzipSync(Buffer.concat([header, pixels])));
    const csvName = 'user-items.csv';
    const rows = Array.from({ length: count }, (_, i) => Array.from(pixels.subarray(i * N, (i + 1) * N), (v) => (v >= 128 ? 1 : 0)).join(','));
    writeFileSync(join(artifacts, csvName), rows.join('\n') + '\n');
    const spec = { measure: 'capacity', data: { source: 'idx', path: name, threshold: 128, first: 30 }, model: { F: 'rectpoly', n: 5 } };
    writeFileSync(join(artifacts, 'idx-spec.json'), JSON.stringify(spec));
    const expected = JSON.parse(execFileSync(native, ['run', 'idx-spec.json'], { cwd: artifacts, encoding: 'utf8' }));
    delete expected.code_version;

    const page = await open(`${site.url}#view=explorer&source=idx&threshold=128&S=30&seed=1&F=rectpoly&n=5`);
    await page.waitForSelector('#messages:not(:empty)', { timeout });
    assert.match(await page.textContent('#messages'), /source = idx: open an IDX or CSV file first/);
    assert.ok(await page.isVisible('#idx-file'));
    await page.setInputFiles('#idx-file', join(artifacts, name));
    await page.waitForSelector(`#explorer[data-file="${name}"]`, { timeout });
    await page.press('input[name=S]', 'Enter');
    await explorerResult(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const record = JSON.parse(readFileSync(await download.path(), 'utf8'));
    delete record.code_version;
    assert.deepEqual(record, expected);
    // The same bits as a CSV of 0/1 rows: the same patterns, the same Kmax.
    await page.setInputFiles('#idx-file', join(artifacts, csvName));
    await page.waitForSelector(`#explorer[data-file="${csvName}"]`, { timeout });
    await page.$eval('#explorer', (view) => delete view.dataset.status); // wait for the new run
    await page.press('input[name=S]', 'Enter');
    const csvSummary = await explorerResult(page);
    assert.match(csvSummary, new RegExp(`Kmax, exact${expected.result.exact.kmax} of S = 30`));
    assert.match(csvSummary, new RegExp(expected.data.checksum));
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const csvRecord = JSON.parse(readFileSync(await csvDownload.path(), 'utf8'));
    assert.equal(csvRecord.spec.data.path, csvName);
    assert.deepEqual(csvRecord.result, expected.result);
    // A malformed CSV is named.
    const bad = join(artifacts, 'bad-items.csv');
    writeFileSync(bad, '0,1,1\n0,2,1\n');
    await page.setInputFiles('#idx-file', bad);
    await page.waitForSelector('#explorer[data-status="error"]', { timeout });
    assert.match(await page.textContent('#messages'), /bad-items\.csv: CSV line 2, value 2 is "2": every value must be 0 or 1/);
    // The previous file's result does not stay on screen beside the bad file.
    assert.equal(await page.textContent('#summary'), '');
    assert.equal(await page.isDisabled('#export-json'), true);
    assert.equal(await page.isDisabled('#export-png'), true);
    assert.deepEqual(await chartLooks(page.locator('#profile-chart')), []);
    await page.close();
  });

  if (isolation)
    test('a Hopfield rule chosen in the explorer gives the native record; its link reproduces it', async () => {
      const page = await open(`${site.url}#view=explorer&source=rademacher&p=0.5&N=200&S=40&seed=4&F=rectpoly&n=5`);
      await explorerResult(page);
      // Only the chosen model's own parameter is shown, labelled with its range.
      await fillForm(page, { model: 'hopfield-covariance' });
      assert.equal(await page.isVisible('input[name=n]'), false);
      assert.equal(await page.isVisible('select[name=F]'), false);
      assert.match(await page.textContent('label:has(input[name=a])'), /a \(coding level, in \(0, 1\)\)/);
      await fillForm(page, { a: '0.3' });
      await page.$eval('#explorer', (view) => delete view.dataset.status);
      await page.click('#run');
      const summary = await explorerResult(page);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
      const record = JSON.parse(readFileSync(await download.path(), 'utf8'));
      delete record.code_version;
      const expected = nativeRecord({
        measure: 'capacity',
        data: { source: 'rademacher', N: 200, S: 40, p: 0.5, seed: 4 },
        model: { name: 'hopfield-covariance', a: 0.3 },
      });
      assert.deepEqual(record, expected);
      assert.match(summary, new RegExp(`Kmax, exact${expected.result.exact.kmax} of S = 40`));
      assert.match(summary, /binary searchdoes not apply/);
      assert.equal(await page.isDisabled('#export-csv'), true);
      const hash = await page.evaluate(() => location.hash);
      assert.equal(hash, '#view=explorer&source=rademacher&p=0.5&N=200&S=40&seed=4&model=hopfield-covariance&a=0.3');
      const fresh = await open(site.url + hash);
      assert.equal(await explorerResult(fresh), summary);
      assert.equal(await fresh.inputValue('select[name=model]'), 'hopfield-covariance');
      assert.equal(await fresh.inputValue('input[name=a]'), '0.3');
      await page.close();
      await fresh.close();
    });

  if (!isolation)
    test('a run over the memory budget is refused up front, naming the field', async () => {
      const page = await open(`${site.url}#view=explorer&source=rademacher&p=0.5&N=65536&S=2000&seed=1&F=rectpoly&n=7`);
      await page.waitForSelector(done('explorer'), { timeout });
      assert.equal(await page.getAttribute('#explorer', 'data-status'), 'error');
      assert.match(
        await page.textContent('#messages'),
        /^data\.S = 2000 with N = 65536: measure = capacity keeps S × N = 131072000 margins as doubles \(1000 MiB\), above the limit of 67108864 \(512 MiB\); data\.S can be at most 1024/,
      );
      await page.close();
    });
});
