// Compare (Pin / Unpin), the spec and native command behind each chart, and
// Open results reading the page's own exports back (several files at once).
// Served twice (with and without COOP/COEP); see helpers.mjs. The sweep
// parts run in one serving only (the sweeps test covers both builds).
//   node --test tests/browser/compare.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { screenshot, fillForm, nativeRecord, done, timeout, artifacts, native, root, servedTwice, chartLooks, assertDistinctLooks } from './helpers.mjs';

const points = (canvas) =>
  canvas.evaluate((element) => window.damlabChart(element).data.datasets.map((d) => ({ label: d.label, data: d.data.map(({ x, y, censored }) => ({ x, y, censored: Boolean(censored) })) })));

async function downloaded(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: download.suggestedFilename(), path: await download.path() };
}

servedTwice((site) => {
  const { isolation, open, explorerResult } = site;
  const link = (n) => `${site.url}#view=explorer&source=rademacher&p=0.7&N=300&S=40&seed=5&F=rectpoly&n=${n}`;

  test('explorer: pin a result, the next run is drawn over it with what differs; the spec shown reproduces the record natively', async () => {
    const page = await open(link(3));
    await explorerResult(page);
    // The spec behind the chart is the record's (the core's normalized spec);
    // `damlab run` on it gives the record on the page.
    const shown = JSON.parse(await page.textContent('#explorer-reproduce pre.spec-json'));
    const command = await page.textContent('#explorer-reproduce pre.command');
    await page.click('#explorer-reproduce summary'); // the panel opens collapsed
    const { name, path } = await downloaded(page, '#explorer-reproduce button:text-matches("^Download")');
    assert.equal(command, `damlab run ${name}`);
    assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), shown);
    const { path: recordPath } = await downloaded(page, '#export-json');
    const record = JSON.parse(readFileSync(recordPath, 'utf8'));
    delete record.code_version;
    assert.deepEqual(record.spec, shown);
    assert.deepEqual(nativeRecord(shown), record);

    const first = await points(page.locator('#profile-chart'));
    assert.equal(await page.getAttribute('#explorer-compare', 'data-pinned'), 'false');
    await page.click('#explorer-compare .pin');
    assert.equal(await page.getAttribute('#explorer-compare', 'data-pinned'), 'true');
    assert.match(await page.textContent('#explorer-compare pre'), /"n": 3/);
    await fillForm(page, { n: '4' });
    await page.$eval('#explorer', (view) => delete view.dataset.status);
    await page.click('#run');
    await explorerResult(page);
    assert.equal(await page.textContent('#explorer-compare .compare-note'), 'pinned: model.n = 3 · current: model.n = 4');
    const both = await points(page.locator('#profile-chart'));
    const pinned = both.filter((d) => d.label.startsWith('pinned · '));
    // The pinned series are the first run's, unchanged, beside the new run's.
    assert.deepEqual(pinned.map((d) => d.data), first.map((d) => d.data));
    assert.deepEqual(pinned.map((d) => d.label), first.map((d) => `pinned · ${d.label}`));
    assert.equal(both.length, 4);
    const looks = await chartLooks(page.locator('#profile-chart'));
    assertDistinctLooks(looks, 'explorer with a pinned run');
    for (const look of looks.filter((l) => l.label.startsWith('pinned'))) assert.equal(look.color, '#7a7a7a');
    if (isolation) {
      await page.locator('#profile-chart').scrollIntoViewIfNeeded();
      await screenshot(page, 'compare');
    }
    await page.click('#explorer-compare .unpin');
    assert.equal((await points(page.locator('#profile-chart'))).length, 2);
    assert.equal(await page.textContent('#explorer-compare .compare-note'), '');
    await page.close();
  });

  if (!isolation)
    test('sweeps: the experiment shown runs natively to the same table; pinned sweep overlaid; page CSVs open back into their figures', async () => {
      const page = await site.sweep('figure=dc&scale=reduced', 3);
      await page.waitForSelector('#sweep-reproduce[data-specs]', { timeout });
      assert.equal(await page.getAttribute('#sweep-reproduce', 'data-specs'), '["dc-reduced.json"]');
      assert.equal(await page.textContent('#sweep-reproduce pre.command'), 'damlab sweep dc-reduced.json --out results');
      // damlab sweep on the spec shown gives the numbers of the page's table.
      const experiment = JSON.parse(await page.textContent('#sweep-reproduce pre.spec-json'));
      const folder = mkdtempSync(join(artifacts, 'sweep-'));
      writeFileSync(join(folder, 'dc-reduced.json'), JSON.stringify(experiment));
      execFileSync(native, ['sweep', join(folder, 'dc-reduced.json'), '--out', folder], { cwd: root, stdio: 'ignore' });
      const [header, ...lines] = readFileSync(join(folder, 'dc-reduced.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
      const nativeRows = lines.flatMap((row) =>
        header.flatMap((key, i) => (key.startsWith('D_c_') ? [[row[header.indexOf('model.n')], key.slice(4), Number(row[i])]] : [])),
      );
      const pageRows = await page.$$eval('#sweep-table tbody tr', (rows) => rows.map((r) => [r.cells[0].textContent, r.cells[3].textContent, Number(r.cells[4].textContent)]));
      assert.equal(pageRows.length, 27);
      assert.deepEqual(
        pageRows.map(([n, e, v]) => `${n}/${Number(e)}/${v}`).sort(),
        nativeRows.map(([n, e, v]) => `${n}/${Number(e)}/${v}`).sort(),
      );
      const dc = await points(page.locator('#sweep-chart'));
      const dcCsv = await downloaded(page, '#sweep-csv');

      // Pin, run the same sweep again: drawn over it, the same numbers.
      await page.click('#sweep-compare .pin');
      await page.$eval('#sweeps', (view) => delete view.dataset.status);
      await page.click('#sweep-run');
      await page.waitForSelector(done('sweeps'), { timeout });
      assert.equal(await page.textContent('#sweep-compare .compare-note'), 'pinned and current: the same spec');
      const overlaid = await points(page.locator('#sweep-chart'));
      assert.deepEqual(overlaid.filter((d) => d.label.startsWith('pinned · ')).map((d) => d.data), dc.map((d) => d.data));
      assert.deepEqual(overlaid.filter((d) => !d.label.startsWith('pinned')), dc);
      assertDistinctLooks(await chartLooks(page.locator('#sweep-chart')), 'D_c with a pinned sweep');
      await page.click('#sweep-compare .unpin');

      // Fig. 2 (the reduced sweep): its CSV and the D_c CSV open back together.
      await page.evaluate(() => (location.hash = '#view=sweeps&figure=fig2&scale=reduced'));
      await page.waitForSelector('#sweeps:not([data-status="done"])', { timeout });
      await page.click('#sweep-run');
      await page.waitForSelector(done('sweeps'), { timeout });
      assert.equal(await page.textContent('#sweep-count'), '154 / 154 runs');
      await page.waitForSelector('#sweeps[data-summary="done"]', { timeout });
      const fig2 = await points(page.locator('#sweep-chart'));
      const fig2Csv = await downloaded(page, '#sweep-csv');
      const results = await open(`${site.url}#view=results`);
      const named = (file) => ({ name: file.name, mimeType: 'text/csv', buffer: readFileSync(file.path) });
      await results.setInputFiles('#results-file', [named(fig2Csv), named(dcCsv)]);
      await results.waitForSelector(done('results'), { timeout });
      assert.equal(await results.textContent('#messages'), '');
      assert.equal(await results.locator('.result-file').count(), 2);
      const block = (name) => results.locator(`.result-file[data-name="${name}"]`);
      assert.equal(await block(fig2Csv.name).getAttribute('data-kind'), 'page-fig2');
      assert.equal(await block(dcCsv.name).getAttribute('data-kind'), 'page-dc');
      // Fig. 2's means come from the core's summary of the sweep's own CSVs,
      // which the exported table does not hold: its runs come back listed.
      assert.equal(await block(fig2Csv.name).locator('tbody tr').count(), 154);
      assert.ok(fig2.some((d) => d.data.length > 0), 'the page plotted the summary');
      assert.deepEqual(await points(block(dcCsv.name).locator('canvas')), dc);
      await results.close();
      await page.close();
    });

  test('train: a pinned run stays on the chart while the next one trains', async () => {
    const tiny = 'ttrain=200&ttest=20&tsplit=1&tK=16&tF=rectpoly&tn=20&tepochs=2&tbatch=50&tlr=0.06&tT0=300&tT1=300&tseed=4';
    const trained = '#train[data-status="done"], #train[data-status="error"]';
    const page = await open(`${site.url}#view=train&${tiny}`);
    await page.waitForSelector(trained, { timeout });
    const first = await points(page.locator('#train-chart'));
    await page.click('#train-compare .pin');
    await fillForm(page, { tseed: '5' });
    await page.$eval('#train', (view) => delete view.dataset.status);
    await page.click('#train-run');
    await page.waitForSelector(trained, { timeout });
    assert.equal(await page.getAttribute('#train', 'data-status'), 'done');
    assert.equal(await page.textContent('#train-compare .compare-note'), 'pinned: train.seed = 4 · current: train.seed = 5');
    const both = await points(page.locator('#train-chart'));
    assert.deepEqual(both.filter((d) => d.label.startsWith('pinned · ')).map((d) => d.data), first.map((d) => d.data));
    assert.equal(both.filter((d) => !d.label.startsWith('pinned')).every((d) => d.data.length === 2), true);
    assertDistinctLooks(await chartLooks(page.locator('#train-chart')), 'train with a pinned run');
    await page.close();
  });
});
