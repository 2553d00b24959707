// A worker that runs out of memory is replaced, and the page stays usable.
//   node --test tests/browser/
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, fillForm, nativeRecord, done, timeout, dist, launch, serve } from './helpers.mjs';

// A real out-of-memory worker: a Chromium whose V8 lets a wasm memory grow to
// 512 pages (32 MiB) only. An exact capacity search keeps S × N margins as
// doubles: S = 120, N = 65,536 needs 60 MiB, within the project's budget
// (2^26 margins) but past this cap, so the module's memory growth fails for
// real. One worker (hardwareConcurrency = 1) so every later job must run on
// the replacement.
describe('a worker that runs out of memory', () => {
  let server, url, oomBrowser;
  before(async () => {
    ({ server, url } = await serve({ dir: dist, isolation: false }));
    oomBrowser = await launch(['--js-flags=--wasm-max-mem-pages=512']);
  });
  after(async () => {
    await oomBrowser?.close();
    server?.close();
  });

  test('is reported by name and replaced; the next run gives the native numbers', async () => {
    const context = await oomBrowser.newContext();
    await context.addInitScript(() => {
      window.damlabServiceWorker = false;
      Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 1 });
    });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    const workers = [];
    const closed = [];
    page.on('worker', (worker) => {
      workers.push(worker);
      worker.on('close', () => closed.push(worker));
    });
    await page.goto(`${url}#view=explorer&source=rademacher&p=0.5&N=65536&S=120&seed=1&F=rectpoly&n=7`);
    await page.waitForSelector(done('explorer'), { timeout });
    assert.equal(await page.getAttribute('#explorer', 'data-status'), 'error');
    assert.ok(await page.isVisible('#messages'));
    assert.match(await page.textContent('#messages'), /^Out of memory: .*\(std::bad_alloc|Cannot enlarge memory/);
    await screenshot(page, 'out-of-memory');
    await page.waitForFunction(() => document.body.dataset.variant);
    // The pool's one worker was terminated and a fresh one started.
    await page.waitForTimeout(200);
    assert.equal(workers.length, 2);
    assert.deepEqual(closed, [workers[0]]);
    // A normal run on the fresh worker.
    await fillForm(page, { p: '0.85', N: '300', S: '40', seed: '2', n: '5' });
    await page.press('input[name=S]', 'Enter');
    await page.waitForSelector('#explorer[data-status="running"]', { timeout });
    await page.waitForSelector(done('explorer'), { timeout });
    assert.equal(await page.textContent('#messages'), '');
    const expected = nativeRecord({
      measure: 'capacity',
      data: { source: 'rademacher', N: 300, S: 40, p: 0.85, seed: 2 },
      model: { F: 'rectpoly', n: 5 },
    });
    const summary = await page.textContent('#summary');
    assert.match(summary, new RegExp(`Kmax, exact${expected.result.exact.kmax} of S = 40`));
    assert.match(summary, new RegExp(expected.data.checksum));
    assert.deepEqual(problems, []);
    await context.close();
  });
});
