// The service worker (web/sw.js) and the build line: the page says which
// build runs and why; once loaded, the site works without network; a page
// served without COOP/COEP is isolated by the worker (one reload).
// Served twice (with and without COOP/COEP); see helpers.mjs.
//   node --test tests/browser/offline.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { done, timeout, servedTwice } from './helpers.mjs';

const search = '#view=explorer&source=rademacher&p=0.8&N=300&S=20&seed=2&F=rectpoly&n=5';

servedTwice((site) => {
  const { isolation, problems, open } = site;

  test('the page says which build runs and why', async () => {
    // The shared context turns the service worker off: the fallback as a host without one shows it.
    const page = await open(site.url + search);
    await page.waitForSelector('body[data-variant]', { timeout });
    const why = await page.textContent('#build-why');
    if (isolation) assert.match(why, /^threads on: .*cross-origin isolated/);
    else {
      assert.match(why, /^threads off \(simd build\): the page is not cross-origin isolated/);
      assert.match(why, /Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp/);
      assert.match(why, /cannot here: the service worker is turned off/);
    }
    assert.match(await page.textContent('#offline'), /^not available: the service worker is turned off/);
    await page.close();
  });

  test('once loaded, the site works offline (and is isolated by its service worker)', async () => {
    const context = await site.browser.newContext({ serviceWorkers: 'allow' });
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(`offline page: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`offline page: ${e.message}`));
    await page.goto(site.url + search);
    // Installed (every file cached) and controlling the page; without the
    // headers the page reloads itself once, isolated by the worker.
    let state = null;
    // Ready comes first, the reload that isolates the page just after it.
    for (let i = 0; i < 150 && !(state?.ready === true && state?.isolated === true); i++) {
      await page.waitForTimeout(200);
      state = await page
        .evaluate(() => ({
          ready: document.getElementById('offline').dataset.state === 'ready' && navigator.serviceWorker.controller !== null && Boolean(document.body.dataset.variant),
          isolated: crossOriginIsolated,
          variant: document.body.dataset.variant,
        }))
        .catch(() => null); // a reload destroys the context
    }
    assert.deepEqual(state, { ready: true, isolated: true, variant: 'threads' });
    assert.match(await page.textContent('#build-why'), /^threads on/);
    assert.match(await page.textContent('#offline'), /^ready: the site, its WebAssembly builds and data are cached/);
    await page.waitForSelector(done('explorer'), { timeout });
    const online = await page.textContent('#summary');

    // No network: the reload and an MNIST search (page, scripts, wasm, data) come from the cache.
    await context.setOffline(true);
    await page.goto(`${site.url}#view=explorer&source=mnist&selection=greedy&target_hd=120&classes=&S=30&seed=1&F=rectpoly&n=7`);
    await page.waitForSelector(done('explorer'), { timeout });
    assert.equal(await page.getAttribute('#explorer', 'data-status'), 'done');
    assert.equal(await page.textContent('#messages'), '');
    assert.match(await page.textContent('#summary'), /Kmax, exact\d+ of S = 30/);
    assert.equal(await page.evaluate(() => crossOriginIsolated), true);
    // And the first search again, the same result.
    await page.goto(site.url + search);
    await page.waitForSelector(done('explorer'), { timeout });
    assert.equal(await page.textContent('#summary'), online);
    await context.close();
  });
});
