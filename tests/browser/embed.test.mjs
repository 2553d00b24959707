// The tutorial page with its embedded live figures.
// Served twice (with and without COOP/COEP); see helpers.mjs.
//   node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, inkedPixels, done, timeout, servedTwice } from './helpers.mjs';

servedTwice((site) => {
  const { isolation, open, sweep } = site;

  test('the tutorial embeds two live figures', async () => {
    const page = await open(`${site.url}tutorial.html`);
    for (const [i, view, chart, run] of [[0, 'explorer', 'profile-chart', 'run'], [1, 'sweeps', 'sweep-chart', 'sweep-run']]) {
      const frame = page.frameLocator('iframe').nth(i);
      await frame.locator(done(view)).waitFor({ timeout });
      assert.equal(await frame.locator(`#${view}`).getAttribute('data-status'), 'done');
      assert.equal(await frame.locator('body').getAttribute('class'), 'embed');
      // Compact: no settings, no lead text; the figure and a re-run control.
      assert.equal(await frame.locator(`#${view} .controls fieldset`).first().isVisible().catch(() => false), false);
      assert.equal(await frame.locator(`#${view} .lead`).isVisible(), false);
      assert.ok(await frame.locator(`#${run}`).isVisible());
      assert.ok(await frame.locator('#open-full').isVisible());
      // The chart drew something: its canvas has pixels that are not the white background.
      const box = await frame.locator(`#${chart}`).boundingBox();
      assert.ok(box.width > 200 && box.height > 150, `${chart} is ${box.width} × ${box.height}`);
      const inked = await inkedPixels(frame.locator(`#${chart}`));
      assert.ok(inked > 1000, `${chart}: ${inked} drawn pixels`);
      // The whole embedded figure fits its iframe (no scrolling inside).
      const fits = await frame.locator('body').evaluate(() => document.scrollingElement.scrollHeight <= innerHeight + 1);
      assert.ok(fits, `the ${view} embed fits its iframe`);
    }
    if (isolation) {
      await page.setViewportSize({ width: 900, height: 1100 });
      await screenshot(page, 'tutorial');
    }
    await page.close();
  });
});
