// The Models view: the committed comparison results charted.
// Served twice (with and without COOP/COEP); see helpers.mjs.
//   node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { screenshot, inkedPixels, done, timeout, root, servedTwice, chartLooks, assertDistinctLooks } from './helpers.mjs';

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
      // The recall view lists every model, and (recallTrajectory) any of them can be stepped.
      await page.click('.tab[data-view=recall]');
      assert.equal(await page.locator('#recall-model option').count(), 11);
      assert.equal(await page.locator('#recall-model option:disabled').count(), 0);
      assert.match(await page.textContent('#recall-model-help'), /Any model of the registry/);
      await page.close();
    });
});
