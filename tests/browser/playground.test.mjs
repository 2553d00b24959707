// The built playground (dist/) in Debian's Chromium through playwright-core,
// served by scripts/serve.mjs twice: with COOP/COEP (crossOriginIsolated, the
// threads build) and without (the single-threaded fallback). Every page must
// load without console errors; results must equal the native runner's record.
//   node --test tests/browser/
// Environment: CHROMIUM (default /usr/bin/chromium), DAMLAB_NATIVE (the
// native runner; default build/cli/damlab), DAMLAB_UPDATE_SCREENSHOTS=1 also
// copies the screenshots to docs/screenshots/, DAMLAB_DIST serves another build.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = process.env.DAMLAB_DIST ?? join(root, 'dist');
const artifacts = join(root, 'build', 'browser-artifacts');
const native = process.env.DAMLAB_NATIVE ?? join(root, 'build', 'cli', 'damlab');
const timeout = 60_000;

assert.ok(existsSync(join(dist, 'index.html')), 'dist/ is missing: run scripts/setup.sh (npm run build)');
assert.ok(existsSync(join(dist, 'wasm', 'damlab-threads.mjs')), 'dist/wasm/ is missing: run scripts/build-wasm.sh');
mkdirSync(artifacts, { recursive: true });

let browser;
before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
});
after(() => browser?.close());

async function screenshot(page, name) {
  const path = join(artifacts, `${name}.png`);
  await page.screenshot({ path });
  if (process.env.DAMLAB_UPDATE_SCREENSHOTS === '1') {
    mkdirSync(join(root, 'docs', 'screenshots'), { recursive: true });
    copyFileSync(path, join(root, 'docs', 'screenshots', `${name}.png`));
  }
}

/** The native runner's record for a spec, code_version removed. */
function nativeRecord(spec) {
  const file = join(artifacts, 'spec.json');
  writeFileSync(file, JSON.stringify(spec));
  const record = JSON.parse(execFileSync(native, ['run', file], { cwd: root, encoding: 'utf8' }));
  delete record.code_version;
  return record;
}

const done = (view) => `#${view}[data-status="done"], #${view}[data-status="error"]`;

for (const isolation of [true, false]) {
  describe(isolation ? 'served with COOP/COEP' : 'served without isolation headers', () => {
    let server, url, context;
    // Console errors and uncaught exceptions of every page of this context.
    const problems = [];
    before(async () => {
      ({ server, url } = await serve({ dir: dist, isolation }));
      context = await browser.newContext({ viewport: { width: 1100, height: 900 }, acceptDownloads: true });
    });
    after(async () => {
      await context?.close();
      server?.close();
    });

    async function open(address) {
      const page = await context.newPage();
      page.on('console', (m) => m.type() === 'error' && problems.push(`${address}: ${m.text()}`));
      page.on('pageerror', (e) => problems.push(`${address}: ${e.message}`));
      await page.goto(address);
      return page;
    }

    async function explorerResult(page) {
      await page.waitForSelector(done('explorer'), { timeout });
      assert.equal(await page.textContent('#messages'), '');
      assert.equal(await page.getAttribute('#explorer', 'data-status'), 'done');
      return page.textContent('#summary');
    }

    test('default view loads, runs, and names the build', async () => {
      const page = await open(url);
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
        `${url}#view=explorer&source=mnist&selection=greedy&target_hd=100&classes=1,7&S=60&seed=3&F=rectpoly&n=9`,
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
      assert.deepEqual([...readFileSync(await png.path()).subarray(1, 4)], [0x50, 0x4e, 0x47]);
      await page.close();
    });

    test('a link reproduces the controls and the result', async () => {
      const page = await open(url);
      await explorerResult(page);
      await page.selectOption('select[name=source]', 'rademacher');
      await page.fill('input[name=p]', '0.7');
      await page.fill('input[name=N]', '500');
      await page.fill('input[name=S]', '40');
      await page.fill('input[name=seed]', '9');
      await page.selectOption('select[name=F]', 'poly');
      await page.fill('input[name=n]', '5');
      await page.click('#run');
      const summary = await explorerResult(page);
      const hash = await page.evaluate(() => location.hash);
      assert.match(hash, /source=rademacher/);
      assert.match(hash, /p=0.7/);
      assert.match(hash, /seed=9/);
      const values = (p) =>
        p.$$eval('#explorer-form [name]', (elements) => elements.map((e) => `${e.name}=${e.value}`).join('&'));
      const before = await values(page);
      const fresh = await open(url + hash);
      assert.equal(await explorerResult(fresh), summary);
      assert.equal(await values(fresh), before);
      await page.close();
      await fresh.close();
    });

    test('cancel stops a long run and the page stays usable', async () => {
      const page = await open(`${url}#view=explorer&source=rademacher&p=0.5&N=65536&S=2000&seed=1&F=exp&beta=1`);
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

    test('the Fig. 1 sweep streams every point', async () => {
      const page = await open(`${url}#view=sweeps&scale=reduced`);
      await page.waitForSelector(done('sweeps'), { timeout });
      assert.equal(await page.getAttribute('#sweeps', 'data-status'), 'done');
      assert.equal(await page.textContent('#sweep-count'), '72 / 72 runs');
      assert.equal(await page.locator('#sweep-table tbody tr').count(), 72);
      if (isolation) await screenshot(page, 'sweeps');
      await page.close();
    });

    test('the Fig. 2 sweep plots Kmax against the degree', async () => {
      const page = await open(`${url}#view=sweeps&figure=fig2&scale=reduced`);
      await page.waitForSelector(done('sweeps'), { timeout });
      assert.equal(await page.getAttribute('#sweeps', 'data-status'), 'done');
      assert.equal(await page.textContent('#sweep-count'), '88 / 88 runs');
      const degrees = await page.$$eval('#sweep-table tbody tr', (rows) => rows.map((row) => row.cells[1].textContent));
      assert.deepEqual([...new Set(degrees)].map(Number).sort((a, b) => a - b), [6, 7, 8, 9, 10, 11, 12, 16, 20, 28, 38]);
      if (isolation) await screenshot(page, 'fig2');
      await page.close();
    });

    test('the tutorial embeds two live figures', async () => {
      const page = await open(`${url}tutorial.html`);
      for (const [i, view] of [[0, 'explorer'], [1, 'sweeps']]) {
        const frame = page.frameLocator('iframe').nth(i);
        await frame.locator(done(view)).waitFor({ timeout });
        assert.equal(await frame.locator(`#${view}`).getAttribute('data-status'), 'done');
        assert.equal(await frame.locator('body').getAttribute('class'), 'embed');
        assert.equal(await frame.locator(`#${view} .controls fieldset`).first().isVisible().catch(() => false), false);
      }
      if (isolation) {
        await page.setViewportSize({ width: 900, height: 1400 });
        await screenshot(page, 'tutorial');
      }
      await page.close();
    });

    test('bad URL parameters name the field, and nothing runs', async () => {
      const page = await open(`${url}#n=99&p=2&source=foo&bogus=1`);
      await page.waitForSelector('#messages:not(:empty)', { timeout });
      const text = await page.textContent('#messages');
      assert.match(text, /n = 99: must be an integer in \[1, 60\]/);
      assert.match(text, /p = 2: must be a number in \[0, 1\]/);
      assert.match(text, /source = foo: must be one of mnist, rademacher, fashion-mnist/);
      assert.match(text, /bogus: unknown parameter/);
      assert.ok(await page.isVisible('#explorer-form'));
      assert.equal(await page.getAttribute('#explorer', 'data-status'), null);
      if (isolation) await screenshot(page, 'bad-url');
      await page.close();
    });

    test('no console errors on any page', () => {
      assert.deepEqual(problems, []);
    });
  });
}
