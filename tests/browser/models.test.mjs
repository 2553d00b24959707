// The Models view: the committed comparison results charted.
// Served twice (with and without COOP/COEP); see helpers.mjs.
//   node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { screenshot, inkedPixels, done, timeout, root, servedTwice, chartLooks, assertDistinctLooks, artifacts, native } from './helpers.mjs';

servedTwice((site) => {
  const { isolation, open } = site;

  if (isolation)
    test('the Models view charts the committed comparison results', async () => {
      const page = await open(`${site.url}#view=models`);
      await page.waitForSelector(done('models'), { timeout });
      assert.equal(await page.getAttribute('#models', 'data-status'), 'done');
      assert.equal(await page.textContent('#messages'), '');
      assert.match(await page.textContent('#models .lead'), /Committed native results, not a live run/);
      const canvases = page.locator('#model-figures canvas');
      assert.equal(await canvases.count(), 8);
      for (let i = 0; i < 8; i++) {
        const inked = await inkedPixels(canvases.nth(i));
        assert.ok(inked > 1000, `chart ${i}: ${inked} drawn pixels`);
      }
      // The tables list every summary row of the figures drawn (all but retrievability).
      const lines = readFileSync(join(root, 'results', 'models-summary.csv'), 'utf8').trim().split('\n').slice(1);
      const drawn = lines.filter((line) => !line.startsWith('retrievability,')).length;
      assert.equal(await page.locator('#model-figures tbody tr').count(), drawn);
      assert.match(await page.textContent('#model-figures'), /0\.138 N/);
      await screenshot(page, 'models');
      // Up to 11 models in a panel: each told apart by marker and dash, not
      // colour alone, and the same look for a model in every panel.
      const looks = new Map();
      for (let i = 0; i < 8; i++) {
        const panel = await chartLooks(canvases.nth(i));
        assertDistinctLooks(panel, `models panel ${i}`);
        for (const { label, style, rotation, dash, color } of panel) {
          const look = `${style}/${rotation}/${dash}/${color}`;
          assert.equal(looks.get(label) ?? look, look, `${label} looks the same in every panel`);
          looks.set(label, look);
        }
      }
      // "Models shown": unticking a model hides it in every panel; ticking shows it again.
      const boxes = page.locator('#models-shown input[type=checkbox]');
      assert.equal(await boxes.count(), 13); // every model of results/models-summary.csv
      await page.uncheck('#models-shown input[value=nearest]');
      for (let i = 0; i < 8; i++) {
        const nearest = (await chartLooks(canvases.nth(i))).find((d) => d.label === 'nearest');
        if (nearest) assert.equal(nearest.visible, false, `panel ${i}`);
      }
      await page.check('#models-shown input[value=nearest]');
      assert.ok((await chartLooks(canvases.nth(0))).find((d) => d.label === 'nearest').visible);
      // Each chart shows the committed sweep specs behind it and the commands
      // that rebuild its values natively.
      const groups = ['bcpnn', 'cov', 'dam', 'lse', 'lsr', 'plain'];
      const specNames = async (i) => {
        await page.waitForSelector(`#models-reproduce-${i}[data-specs]`, { timeout });
        return JSON.parse(await page.getAttribute(`#models-reproduce-${i}`, 'data-specs'));
      };
      assert.deepEqual(await specNames(0), groups.map((g) => `models-capacity-n-${g}.json`));
      assert.deepEqual(await specNames(5), groups.map((g) => `models-degraded-${g}.json`));
      assert.deepEqual(await specNames(2), ['models-capacity-n-exp.json']);
      for (let i = 0; i < 8; i++) {
        const names = await specNames(i);
        const texts = await page.$$eval(`#models-reproduce-${i} pre.spec-json`, (pres) => pres.map((p) => p.textContent));
        texts.forEach((text, k) => assert.deepEqual(JSON.parse(text), JSON.parse(readFileSync(join(root, 'experiments', names[k]), 'utf8'))));
        assert.equal(
          await page.textContent(`#models-reproduce-${i} pre.command`),
          [...names.map((name) => `damlab sweep ${name} --out results --threads 2`), 'python3 scripts/model_figures.py results'].join('\n'),
        );
      }
      // Round trip: the DAM exp panel's spec, run natively at N = 6 (its three
      // seeds), gives the committed rows and the mean the chart's table shows.
      const expSpec = JSON.parse(await page.textContent('#models-reproduce-2 pre.spec-json'));
      const dir = mkdtempSync(join(artifacts, 'models-'));
      const small = { ...expSpec, sweep: [{ 'data.N': [6] }, { 'data.seed': [1, 2, 3] }] };
      writeFileSync(join(dir, 'exp.json'), JSON.stringify(small));
      execFileSync(native, ['sweep', join(dir, 'exp.json'), '--out', dir], { cwd: root, stdio: 'ignore' });
      const rows = (file) => readFileSync(file, 'utf8').trim().split('\n').slice(1, 4);
      assert.deepEqual(rows(join(dir, `${small.name}.csv`)), rows(join(root, 'results', 'models-capacity-n-exp.csv')));
      const kmax = rows(join(dir, `${small.name}.csv`)).map((line) => Number(line.split(',')[7]));
      const cell = await page.$eval('#model-figures figure:nth-of-type(3) tbody tr', (row) => [row.cells[1].textContent, row.cells[2].textContent]);
      assert.deepEqual(cell, ['6', ((kmax[0] + kmax[1] + kmax[2]) / 3).toFixed(2)]);
      // The recall view lists every model, and (recallTrajectory) any of them can be stepped.
      await page.click('.tab[data-view=recall]');
      assert.equal(await page.locator('#recall-model option').count(), 11);
      assert.equal(await page.locator('#recall-model option:disabled').count(), 0);
      assert.match(await page.textContent('#recall-model-help'), /Any model of the registry/);
      await page.close();
    });
});
