// Figures embedded by an isolated host page on another origin (COEP
// require-corp: the site's Cross-Origin-Resource-Policy: cross-origin lets
// it frame them). The tutorial's embedded figures: tour.test.mjs.
// Served twice (with and without COOP/COEP); see helpers.mjs.
//   node --test tests/browser/
import { test } from 'node:test';
import { createServer } from 'node:http';
import assert from 'node:assert/strict';
import { screenshot, inkedPixels, done, timeout, servedTwice } from './helpers.mjs';

servedTwice((site) => {
  const { isolation, open, sweep } = site;

  if (isolation)
    test('an isolated host page on another origin embeds a figure, the recall view and the explorer', async () => {
      const site127 = new URL(site.url);
      const embeds = [
        ['sweeps', 'view=sweeps&figure=fig2&scale=reduced', 420],
        ['recall', 'view=recall&K=100&digit=3&delta=0.2&occlude=top&rseed=1&update=async&steps=10&rF=rectpoly&rn=40', 460],
        ['explorer', 'view=explorer&source=rademacher&p=0.8&N=200&S=30&seed=2&F=rectpoly&n=4', 340],
      ];
      const html =
        '<!doctype html><title>host</title><body style="max-width:46rem;margin:1rem auto">' +
        embeds
          .map(([view, hash, height]) => `<iframe id="${view}" src="${site.url}?embed=1#${hash}" height="${height}" style="width:100%;border:1px solid #ccc" allow="cross-origin-isolated"></iframe>`)
          .join('') +
        '</body>';
      const host = createServer((request, response) => {
        response.writeHead(200, {
          'Content-Type': 'text/html; charset=utf-8',
          'Cross-Origin-Opener-Policy': 'same-origin',
          'Cross-Origin-Embedder-Policy': 'require-corp',
        });
        response.end(html);
      });
      await new Promise((resolve) => host.listen(0, 'localhost', resolve));
      const hostUrl = `http://localhost:${host.address().port}/`;
      assert.notEqual(new URL(hostUrl).origin, site127.origin);
      try {
        const page = await open(hostUrl);
        await page.setViewportSize({ width: 900, height: 1300 });
        assert.equal(await page.evaluate(() => crossOriginIsolated), true);
        for (const [view] of embeds) {
          const frame = page.frameLocator(`#${view}`);
          await frame.locator(done(view)).waitFor({ timeout: 2 * timeout });
          assert.equal(await frame.locator(`#${view}`).getAttribute('data-status'), 'done');
          const [scroll, inner] = await frame.locator('body').evaluate(() => [document.scrollingElement.scrollHeight, innerHeight]);
          assert.ok(scroll <= inner + 1, `the ${view} embed fits its iframe (${scroll} px in ${inner} px)`);
        }
        // The recall embed keeps the captions that say which image is which.
        const recall = page.frameLocator('#recall');
        for (const id of ['recall-stored-caption', 'recall-state-caption', 'recall-nearest-caption'])
          assert.ok(await recall.locator(`#${id}`).isVisible(), `${id} is shown`);
        // The Fig. 2 y-axis title fits along its axis in the embed.
        const room = await page.frameLocator('#sweeps').locator('#sweep-chart').evaluate((canvas) => {
          const chart = window.damlabChart(canvas);
          const y = chart.scales.y;
          chart.ctx.save();
          chart.ctx.font = `${y.options.title.font?.size ?? 12}px Helvetica, Arial, sans-serif`;
          const width = chart.ctx.measureText(y.options.title.text).width;
          chart.ctx.restore();
          return { width, axis: y.bottom - y.top };
        });
        assert.ok(room.width <= room.axis, `the y title is ${room.width} px along a ${room.axis} px axis`);
        await screenshot(page, 'embed-isolated-host');
        await page.close();
      } finally {
        host.close();
      }
    });
});
