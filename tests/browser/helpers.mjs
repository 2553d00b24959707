// Shared set-up of the playground's browser tests: the built site (dist/)
// in Debian's Chromium through playwright-core, served by scripts/serve.mjs
// twice: with COOP/COEP (crossOriginIsolated, the threads build) and without
// (the single-threaded fallback). Every page must load without console
// errors; results must equal the native runner's record.
//   node --test tests/browser/
// Environment: CHROMIUM (default /usr/bin/chromium), DAMLAB_NATIVE (the
// native runner; default build/cli/damlab), DAMLAB_UPDATE_SCREENSHOTS=1 also
// copies the screenshots to docs/screenshots/, DAMLAB_DIST serves another build.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export { serve };
export const root = fileURLToPath(new URL('../../', import.meta.url));
export const dist = process.env.DAMLAB_DIST ?? join(root, 'dist');
export const artifacts = join(root, 'build', 'browser-artifacts');
export const native = process.env.DAMLAB_NATIVE ?? join(root, 'build', 'cli', 'damlab');
export const timeout = 60_000;

assert.ok(existsSync(join(dist, 'index.html')), 'dist/ is missing: run scripts/setup.sh (npm run build)');
assert.ok(existsSync(join(dist, 'wasm', 'damlab-threads.mjs')), 'dist/wasm/ is missing: run scripts/build-wasm.sh');
mkdirSync(artifacts, { recursive: true });

const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
export const launch = (extra = []) =>
  chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: [...chromiumArgs, ...extra] });

export async function screenshot(page, name) {
  const path = join(artifacts, `${name}.png`);
  await page.screenshot({ path });
  if (process.env.DAMLAB_UPDATE_SCREENSHOTS === '1') {
    mkdirSync(join(root, 'docs', 'screenshots'), { recursive: true });
    copyFileSync(path, join(root, 'docs', 'screenshots', `${name}.png`));
  }
}

/** Sets form controls by name: selects by option value, inputs by text. */
export async function fillForm(page, values) {
  for (const [name, value] of Object.entries(values)) {
    const control = page.locator(`[name=${name}]`);
    if ((await control.evaluate((e) => e.tagName)) === 'SELECT') await control.selectOption(value);
    else await control.fill(value);
  }
}

/** The native runner's record for a spec, code_version removed. */
export function nativeRecord(spec) {
  // One file per process: the test files run in parallel processes.
  const file = join(artifacts, `spec-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(spec));
  const record = JSON.parse(execFileSync(native, ['run', file], { cwd: root, encoding: 'utf8' }));
  delete record.code_version;
  return record;
}

/** How many pixels of a chart's canvas are not the white background. */
export const inkedPixels = (canvas) =>
  canvas.evaluate((element) => {
    const { data } = element.getContext('2d').getImageData(0, 0, element.width, element.height);
    let count = 0;
    for (let p = 0; p < data.length; p += 4) if (data[p] < 200 || data[p + 2] < 200) count++;
    return count;
  });

/** The selector of a view that finished, well or not. */
export const done = (view) => `#${view}[data-status="done"], #${view}[data-status="error"]`;

/**
 * Registers body's tests twice, once per way of serving the site, and after
 * them a test that no page of that run logged a console error. body gets a
 * site object: isolation (known at once); url and browser (set before the
 * tests run); problems (console errors, for pages opened by hand); open(address),
 * sweep(hash, runs) and explorerResult(page).
 */
export function servedTwice(body) {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  for (const isolation of [true, false]) {
    describe(isolation ? 'served with COOP/COEP' : 'served without isolation headers', () => {
      let server, context;
      // Console errors and uncaught exceptions of every page of this context.
      const problems = [];
      const site = { isolation, problems, url: null, browser: null };
      before(async () => {
        ({ server, url: site.url } = await serve({ dir: dist, isolation }));
        site.browser = browser;
        context = await browser.newContext({ viewport: { width: 1100, height: 900 }, acceptDownloads: true });
        // The page would register its service worker (offline cache; without
        // isolation headers it also adds them and reloads isolated): turned
        // off here through the page's own setting, so each test sees the
        // server's files and the fallback is tested (offline.test.mjs tests
        // the service worker).
        await context.addInitScript(() => (window.damlabServiceWorker = false));
      });
      after(async () => {
        await context?.close();
        server?.close();
      });

      site.open = async (address) => {
        const page = await context.newPage();
        page.on('console', (m) => m.type() === 'error' && problems.push(`${address}: ${m.text()}`));
        page.on('pageerror', (e) => problems.push(`${address}: ${e.message}`));
        await page.goto(address);
        return page;
      };

      /** Opens a sweep figure, waits for it to finish and checks its run count. */
      site.sweep = async (hash, runs) => {
        const page = await site.open(`${site.url}#view=sweeps&${hash}`);
        await page.waitForSelector(done('sweeps'), { timeout });
        assert.equal(await page.getAttribute('#sweeps', 'data-status'), 'done');
        assert.equal(await page.textContent('#sweep-count'), `${runs} / ${runs} runs`);
        return page;
      };

      site.explorerResult = async (page) => {
        await page.waitForSelector(done('explorer'), { timeout });
        assert.equal(await page.textContent('#messages'), '');
        assert.equal(await page.getAttribute('#explorer', 'data-status'), 'done');
        return page.textContent('#summary');
      };

      body(site);

      test('no console errors on any page', () => {
        assert.deepEqual(problems, []);
      });
    });
  }
}

/**
 * The datasets of the chart on a canvas (window.damlabChart, charts.js):
 * label, point style, rotation, dash, colour, points and visibility.
 */
export const chartLooks = (canvas) =>
  canvas.evaluate((element) => {
    const chart = window.damlabChart(element);
    return chart.data.datasets.map((d, i) => ({
      label: d.label,
      style: d.pointStyle ?? 'circle',
      rotation: d.pointRotation ?? 0,
      dash: JSON.stringify(d.borderDash ?? []),
      color: d.borderColor,
      points: d.data.length,
      visible: chart.isDatasetVisible(i),
    }));
  });

/** No two series of a chart look alike without colour: (marker, rotation, dash) differ. */
export function assertDistinctLooks(looks, name) {
  const keys = looks.map(({ style, rotation, dash }) => `${style}/${rotation}/${dash}`);
  assert.equal(new Set(keys).size, keys.length, `${name}: series told apart by colour only: ${looks.map((l, i) => `${l.label} ${keys[i]}`).join('; ')}`);
}

/** Width and height of a PNG file (its IHDR chunk). */
export const pngSize = (bytes) => ({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) });

/** Waits for the explorer's run to finish well; its summary text. */
export async function explorerSummary(page) {
  await page.waitForSelector(done('explorer'), { timeout });
  assert.equal(await page.getAttribute('#explorer', 'data-status'), 'done');
  return page.textContent('#summary');
}
