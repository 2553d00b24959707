// The page as a whole: a phone viewport, the keyboard (the service worker: offline.test.mjs).
// Served twice (with and without COOP/COEP); see helpers.mjs.
//   node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, done, timeout, servedTwice } from './helpers.mjs';

servedTwice((site) => {
  const { isolation, problems, open, sweep, explorerResult } = site;

  if (isolation)
    test('a phone (390 × 844) shows every view without sideways scrolling', async () => {
      const phone = await site.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
      const page = await phone.newPage();
      page.on('console', (m) => m.type() === 'error' && problems.push(`phone: ${m.text()}`));
      page.on('pageerror', (e) => problems.push(`phone: ${e.message}`));
      const views = [
        ['explorer', '#view=explorer&source=mnist&selection=greedy&target_hd=120&classes=&S=50&seed=1&F=rectpoly&n=7'],
        ['sweeps', '#view=sweeps&figure=fig2&scale=reduced'],
        ['recall', '#view=recall&K=100&digit=3&delta=0.2&occlude=top&rseed=1&update=async&steps=10&rF=rectpoly&rn=40'],
        ['results', '#view=results'],
        ['models', '#view=models'],
      ];
      for (const [view, hash] of views) {
        await page.goto(site.url + hash);
        // The sweep's tables have their columns from the start; its runs need not finish.
        if (view !== 'results' && view !== 'sweeps') await page.waitForSelector(done(view), { timeout });
        // Open the data tables too: they must scroll inside their box, not the page.
        await page.$$eval(`#${view} details`, (all) => all.forEach((d) => (d.open = true)));
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({
          scrollWidth: document.scrollingElement.scrollWidth,
          innerWidth: window.innerWidth,
        }));
        assert.ok(scrollWidth <= innerWidth, `${view}: the page is ${scrollWidth} px wide in a ${innerWidth} px window`);
        await screenshot(page, `phone-${view}`);
      }
      await phone.close();
    });

  if (!isolation)
    test('keyboard: Tab reaches the Run button and Enter runs', async () => {
      const page = await open(`${site.url}#view=explorer&source=rademacher&p=0.85&N=300&S=40&seed=2&F=rectpoly&n=5`);
      await explorerResult(page);
      await page.$eval('#explorer', (view) => delete view.dataset.status);
      await page.$eval('#summary', (list) => list.replaceChildren());
      let focused = '';
      for (let i = 0; i < 40 && focused !== 'run'; i++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => document.activeElement?.id ?? '');
      }
      assert.equal(focused, 'run', 'Tab reaches #run');
      // A visible focus ring on it.
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      assert.notEqual(outline, 'none');
      await page.keyboard.press('Enter');
      assert.match(await explorerResult(page), /Kmax, exact\d+ of S = 40/);
      await page.close();
    });
});
