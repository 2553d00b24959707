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
import { gzipSync } from 'node:zlib';
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

const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const launch = (extra = []) =>
  chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: [...chromiumArgs, ...extra] });

let browser;
before(async () => {
  browser = await launch();
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

/** Sets form controls by name: selects by option value, inputs by text. */
async function fillForm(page, values) {
  for (const [name, value] of Object.entries(values)) {
    const control = page.locator(`[name=${name}]`);
    if ((await control.evaluate((e) => e.tagName)) === 'SELECT') await control.selectOption(value);
    else await control.fill(value);
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

/** How many pixels of a chart's canvas are not the white background. */
const inkedPixels = (canvas) =>
  canvas.evaluate((element) => {
    const { data } = element.getContext('2d').getImageData(0, 0, element.width, element.height);
    let count = 0;
    for (let p = 0; p < data.length; p += 4) if (data[p] < 200 || data[p + 2] < 200) count++;
    return count;
  });

const done = (view) => `#${view}[data-status="done"], #${view}[data-status="error"]`;

for (const isolation of [true, false]) {
  describe(isolation ? 'served with COOP/COEP' : 'served without isolation headers', () => {
    let server, url, context;
    // Console errors and uncaught exceptions of every page of this context.
    const problems = [];
    before(async () => {
      ({ server, url } = await serve({ dir: dist, isolation }));
      context = await browser.newContext({ viewport: { width: 1100, height: 900 }, acceptDownloads: true });
      // Without isolation headers the page would register coi-serviceworker
      // and reload isolated: turned off here through the library's own
      // setting, to test the fallback (the service worker has its own test).
      if (!isolation) await context.addInitScript(() => (window.coi = { shouldRegister: () => false }));
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

    /** Opens a sweep figure, waits for it to finish and checks its run count. */
    async function sweep(hash, runs) {
      const page = await open(`${url}#view=sweeps&${hash}`);
      await page.waitForSelector(done('sweeps'), { timeout });
      assert.equal(await page.getAttribute('#sweeps', 'data-status'), 'done');
      assert.equal(await page.textContent('#sweep-count'), `${runs} / ${runs} runs`);
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
      await fillForm(page, { source: 'rademacher', p: '0.7', N: '500', S: '40', seed: '9', F: 'poly', n: '5' });
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
      const page = await open(`${url}#view=explorer&source=rademacher&p=0.5&N=65536&S=1000&seed=1&F=exp&beta=1`);
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
      const page = await sweep('scale=reduced', 72);
      assert.equal(await page.locator('#sweep-table tbody tr').count(), 72);
      if (isolation) await screenshot(page, 'sweeps');
      await page.close();
    });

    test('the Fig. 2 sweep plots bucket means that equal the native runs', async () => {
      const page = await sweep('figure=fig2&scale=reduced', 154);
      const cells = (id) => page.$$eval(`${id} tbody tr`, (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
      const runs = await cells('#sweep-table');
      assert.equal(runs.length, 154);
      assert.deepEqual([...new Set(runs.map((row) => Number(row[1])))].sort((a, b) => a - b), [6, 7, 8, 9, 10, 11, 12, 16, 20, 28, 38]);
      // Every run equals the native sweep of experiments/fig2-*.json (same set, same degree).
      const native = new Map();
      for (const [file, source] of [['fig2-mnist.csv', 'MNIST'], ['fig2-artificial.csv', 'artificial']]) {
        const [header, ...lines] = readFileSync(join(root, 'results', file), 'utf8').trim().split('\n').map((l) => l.split(','));
        const col = (name) => header.indexOf(name);
        for (const l of lines)
          native.set(`${source}/${l[col('data.seed')]}/${l[col('model.n')]}`, {
            kmax: Number(l[col('exact_kmax')]),
            hd: Number(l[col('data_mean_hd')]),
          });
      }
      const expected = new Map(); // series/n -> Kmax of the sets in its bucket
      for (const [source, n, , seed, hd, bucket, kmax] of runs) {
        const want = native.get(`${source}/${seed}/${n}`);
        assert.ok(want, `a native run for ${source} seed ${seed}, n = ${n}`);
        assert.equal(Number(kmax), want.kmax, `Kmax of ${source} seed ${seed}, n = ${n}`);
        assert.equal(Number(hd), want.hd);
        const centre = [60, 90, 120].find((c) => Math.abs(want.hd - c) <= 10);
        assert.equal(bucket, String(centre ?? 'none'));
        if (centre) {
          const key = `${source}, HD ${centre} ± 10/${n}`;
          expected.set(key, [...(expected.get(key) ?? []), want.kmax]);
        }
      }
      // The chart's points are the bucket means, and every bucket has both sources.
      const points = await cells('#sweep-points');
      assert.equal(points.length, expected.size);
      for (const [series, n, mean] of points) {
        const ks = expected.get(`${series}/${n}`);
        assert.ok(Math.abs(Number(mean) - ks.reduce((a, b) => a + b) / ks.length) < 1e-12, `${series}, n = ${n}`);
      }
      assert.equal(new Set(points.map((p) => p[0])).size, 6);
      if (isolation) await screenshot(page, 'fig2');
      await page.close();
    });

    test('the tutorial embeds two live figures', async () => {
      const page = await open(`${url}tutorial.html`);
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

    test('recall view: steps through a trajectory computed by the module', async () => {
      const page = await open(
        `${url}#view=recall&K=100&digit=3&delta=0.2&occlude=top&rseed=1&update=async&steps=10&rF=rectpoly&rn=40`,
      );
      await page.waitForSelector(done('recall'), { timeout });
      assert.equal(await page.textContent('#messages'), '');
      assert.equal(await page.getAttribute('#recall', 'data-status'), 'done');
      assert.equal(await page.getAttribute('#recall', 'data-step'), '0');
      // The energy trace, as the module reported it: never increases for async sweeps.
      const trace = await page.$$eval('#energy-table tbody tr', (rows) =>
        rows.map((row) => ({ energy: Number(row.cells[1].textContent), flips: row.cells[2].textContent })),
      );
      assert.ok(trace.length >= 2, 'at least one step');
      for (let t = 1; t < trace.length; t++) assert.ok(trace[t].energy <= trace[t - 1].energy, `energy rose at step ${t}`);
      assert.ok(Number(trace[1].flips) > 0, 'the first sweep flips bits of the corrupted probe');
      const image = () => page.$eval('#recall-state', (canvas) => canvas.toDataURL());
      const before = await image();
      await page.click('#recall-step');
      assert.equal(await page.getAttribute('#recall', 'data-step'), '1');
      assert.notEqual(await image(), before, 'stepping changes the state shown');
      assert.match(await page.textContent('#recall-nearest-caption'), /^Nearest memory: #\d+ \(digit \d\), overlap -?\d+ of 784/);
      assert.equal(await page.locator('#overlap-table tbody tr').count(), 5);
      // Play runs to the end (at once under prefers-reduced-motion).
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.click('#recall-play');
      assert.equal(await page.getAttribute('#recall', 'data-step'), String(trace.length - 1));
      // Here the network restores the stored digit: the nearest memory at the end is #3.
      assert.equal(await page.getAttribute('#recall', 'data-nearest'), '3');
      assert.match(await page.textContent('#recall-summary'), /Ends nearest tomemory #3 .*: the stored digit/);
      if (isolation) await screenshot(page, 'recall');
      // A digit index past K is named.
      await page.fill('input[name=digit]', '100');
      await page.click('#recall-run');
      assert.match(await page.textContent('#messages'), /digit = 100: must be less than K = 100/);
      await page.close();
    });

    // One serving is enough for the tests below: they check the page, not the build.
    if (!isolation)
      test('recall view: Fashion-MNIST with the unoccluded pixels clamped', async () => {
        const address = (clamp) =>
          `${url}#view=recall&rsource=fashion-mnist&K=50&digit=5&delta=0.05&occlude=bottom&clamp=${clamp}&rseed=2&update=sync&steps=10&rF=rectpoly&rn=40`;
        // The top half (rows 0-13) of the state at every step, against the probe's.
        const topHalves = (page) =>
          page.evaluate(() => {
            const top = (id) => Array.from(document.getElementById(id).getContext('2d').getImageData(0, 0, 28, 14).data).join();
            const view = document.getElementById('recall');
            const last = Number(document.getElementById('recall-slider').max);
            const states = [];
            for (let t = 0; t <= last; t++) {
              document.getElementById(t === 0 ? 'recall-first' : 'recall-step').click();
              if (view.dataset.step !== String(t)) throw new Error(`step ${t} not shown`);
              states.push(top('recall-state'));
            }
            return { probe: top('recall-probe'), states };
          });
        const page = await open(address(1));
        await page.waitForSelector(done('recall'), { timeout });
        assert.equal(await page.textContent('#messages'), '');
        assert.match(await page.textContent('#recall-stored-caption'), /^Stored item: memory #5 \(Fashion-MNIST item \d+, [a-zA-Z /-]+\)$/);
        const clamped = await topHalves(page);
        assert.ok(clamped.states.length >= 2);
        for (const state of clamped.states) assert.equal(state, clamped.probe, 'a clamped pixel changed');
        const image = await page.$eval('#recall-state', (c) => c.toDataURL());
        assert.notEqual(image, await page.$eval('#recall-probe', (c) => c.toDataURL()), 'the occluded half was completed');
        // The same probe unclamped: the noisy top half changes too.
        await page.selectOption('select[name=clamp]', '0');
        await page.$eval('#recall', (view) => delete view.dataset.status);
        await page.click('#recall-run');
        await page.waitForSelector(done('recall'), { timeout });
        const free = await topHalves(page);
        assert.equal(free.probe, clamped.probe);
        assert.ok(free.states.some((state) => state !== free.probe), 'without clamping the top half updates');
        // Clamping without an occlusion is refused by name.
        await page.selectOption('select[name=clamp]', '1');
        await page.selectOption('select[name=occlude]', 'none');
        await page.click('#recall-run');
        assert.match(await page.textContent('#messages'), /clamp = 1: needs an occlusion/);
        await page.close();
      });

    test('a native capacity record and sweep CSV open locally; a bad file is named', async () => {
      const spec = {
        measure: 'capacity',
        data: { source: 'rademacher', N: 300, S: 40, p: 0.8, seed: 5 },
        model: { F: 'rectpoly', n: 5 },
      };
      const file = join(artifacts, 'native-record.json');
      writeFileSync(file, JSON.stringify(spec));
      const text = execFileSync(native, ['run', file], { cwd: root, encoding: 'utf8' });
      writeFileSync(file, text);
      const expected = JSON.parse(text);
      const page = await open(`${url}#view=results`);
      await page.setInputFiles('#results-file', file);
      await page.waitForSelector(done('results'), { timeout });
      assert.equal(await page.textContent('#messages'), '');
      assert.match(
        await page.textContent('#results-summary'),
        new RegExp(`Kmax, exact${expected.result.exact.kmax} of S = 40`),
      );
      const csv = join(root, 'results', 'fig1-mnist.csv');
      if (existsSync(csv)) {
        await page.setInputFiles('#results-file', csv);
        await page.waitForSelector('#results[data-kind="capacity-csv"]', { timeout });
        const lines = readFileSync(csv, 'utf8').trim().split('\n').length - 1;
        assert.equal(await page.locator('#results-table tbody tr').count(), lines);
      }
      const bad = join(artifacts, 'bad-results.csv');
      writeFileSync(bad, 'a,b\n1,2,3\n');
      await page.setInputFiles('#results-file', bad);
      await page.waitForSelector('#results[data-status="error"]', { timeout });
      assert.match(await page.textContent('#messages'), /bad-results\.csv: line 2 has 3 fields, the header has 2/);
      assert.ok(await page.isVisible('#results-file'));
      await page.close();
    });

    test('the overloaded-regime D_c figure equals the native records', async () => {
      const page = await sweep('figure=dc&scale=reduced', 3);
      const rows = await page.$$eval('#sweep-table tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
      assert.equal(rows.length, 27);
      const expected = nativeRecord({
        measure: 'convergence',
        data: { source: 'mnist', S: 10000, selection: 'random', seed: 1 },
        model: { F: 'poly', n: 4 },
        probe: { K: 1000, probes: 'held_out', count: 200, steps: 3, update: 'sync', epsilons: [0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5], seed: 1 },
      });
      const n4 = rows.filter((row) => row[0] === '4').map((row) => Number(row[4]));
      assert.deepEqual(n4, Object.values(expected.result.D_c));
      await page.close();
    });

    test('a local IDX.gz file (and the same data as CSV) gives the native record', async () => {
      // 40 items of 10 × 10 bytes from a fixed LCG: data, not numerics under test.
      const [count, N] = [40, 100];
      const pixels = new Uint8Array(count * N);
      let x = 12345;
      for (let i = 0; i < pixels.length; i++) pixels[i] = (x = (x * 1103515245 + 12345) % 2 ** 31) >> 23;
      const header = Buffer.alloc(16);
      header.set([0, 0, 0x08, 3]);
      header.writeUInt32BE(count, 4);
      header.writeUInt32BE(10, 8);
      header.writeUInt32BE(10, 12);
      const name = 'user-items.idx.gz';
      writeFileSync(join(artifacts, name), gzipSync(Buffer.concat([header, pixels])));
      const csvName = 'user-items.csv';
      const rows = Array.from({ length: count }, (_, i) => Array.from(pixels.subarray(i * N, (i + 1) * N), (v) => (v >= 128 ? 1 : 0)).join(','));
      writeFileSync(join(artifacts, csvName), rows.join('\n') + '\n');
      const spec = { measure: 'capacity', data: { source: 'idx', path: name, threshold: 128, first: 30 }, model: { F: 'rectpoly', n: 5 } };
      writeFileSync(join(artifacts, 'idx-spec.json'), JSON.stringify(spec));
      const expected = JSON.parse(execFileSync(native, ['run', 'idx-spec.json'], { cwd: artifacts, encoding: 'utf8' }));
      delete expected.code_version;

      const page = await open(`${url}#view=explorer&source=idx&threshold=128&S=30&seed=1&F=rectpoly&n=5`);
      await page.waitForSelector('#messages:not(:empty)', { timeout });
      assert.match(await page.textContent('#messages'), /source = idx: open an IDX or CSV file first/);
      assert.ok(await page.isVisible('#idx-file'));
      await page.setInputFiles('#idx-file', join(artifacts, name));
      await page.waitForSelector(`#explorer[data-file="${name}"]`, { timeout });
      await page.press('input[name=S]', 'Enter');
      await explorerResult(page);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
      const record = JSON.parse(readFileSync(await download.path(), 'utf8'));
      delete record.code_version;
      assert.deepEqual(record, expected);
      // The same bits as a CSV of 0/1 rows: the same patterns, the same Kmax.
      await page.setInputFiles('#idx-file', join(artifacts, csvName));
      await page.waitForSelector(`#explorer[data-file="${csvName}"]`, { timeout });
      await page.$eval('#explorer', (view) => delete view.dataset.status); // wait for the new run
      await page.press('input[name=S]', 'Enter');
      const csvSummary = await explorerResult(page);
      assert.match(csvSummary, new RegExp(`Kmax, exact${expected.result.exact.kmax} of S = 30`));
      assert.match(csvSummary, new RegExp(expected.data.checksum));
      const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
      const csvRecord = JSON.parse(readFileSync(await csvDownload.path(), 'utf8'));
      assert.equal(csvRecord.spec.data.path, csvName);
      assert.deepEqual(csvRecord.result, expected.result);
      // A malformed CSV is named.
      const bad = join(artifacts, 'bad-items.csv');
      writeFileSync(bad, '0,1,1\n0,2,1\n');
      await page.setInputFiles('#idx-file', bad);
      await page.waitForSelector('#explorer[data-status="error"]', { timeout });
      assert.match(await page.textContent('#messages'), /bad-items\.csv: CSV line 2, value 2 is "2": every value must be 0 or 1/);
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

    if (isolation)
      test('a Hopfield rule chosen in the explorer gives the native record; its link reproduces it', async () => {
        const page = await open(`${url}#view=explorer&source=rademacher&p=0.5&N=200&S=40&seed=4&F=rectpoly&n=5`);
        await explorerResult(page);
        // Only the chosen model's own parameter is shown, labelled with its range.
        await fillForm(page, { model: 'hopfield-covariance' });
        assert.equal(await page.isVisible('input[name=n]'), false);
        assert.equal(await page.isVisible('select[name=F]'), false);
        assert.match(await page.textContent('label:has(input[name=a])'), /a \(coding level, in \(0, 1\)\)/);
        await fillForm(page, { a: '0.3' });
        await page.$eval('#explorer', (view) => delete view.dataset.status);
        await page.click('#run');
        const summary = await explorerResult(page);
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
        const record = JSON.parse(readFileSync(await download.path(), 'utf8'));
        delete record.code_version;
        const expected = nativeRecord({
          measure: 'capacity',
          data: { source: 'rademacher', N: 200, S: 40, p: 0.5, seed: 4 },
          model: { name: 'hopfield-covariance', a: 0.3 },
        });
        assert.deepEqual(record, expected);
        assert.match(summary, new RegExp(`Kmax, exact${expected.result.exact.kmax} of S = 40`));
        assert.match(summary, /binary searchdoes not apply/);
        assert.equal(await page.isDisabled('#export-csv'), true);
        const hash = await page.evaluate(() => location.hash);
        assert.equal(hash, '#view=explorer&source=rademacher&p=0.5&N=200&S=40&seed=4&model=hopfield-covariance&a=0.3');
        const fresh = await open(url + hash);
        assert.equal(await explorerResult(fresh), summary);
        assert.equal(await fresh.inputValue('select[name=model]'), 'hopfield-covariance');
        assert.equal(await fresh.inputValue('input[name=a]'), '0.3');
        await page.close();
        await fresh.close();
      });

    test('a bad model or model parameter in the link is named, and nothing runs', async () => {
      const page = await open(`${url}#source=rademacher&p=0.5&N=100&S=20&model=hopfield-bcpnn&epsilon=1&lsr_beta=0`);
      await page.waitForSelector('#messages:not(:empty)', { timeout });
      const text = await page.textContent('#messages');
      assert.match(text, /epsilon = 1: must be a number in \(0, 1\)/);
      assert.match(text, /lsr_beta = 0: must be a number in \(0, 1000000\]/);
      assert.ok(await page.isVisible('input[name=epsilon]'));
      assert.equal(await page.getAttribute('#explorer', 'data-status'), null);
      const other = await open(`${url}#model=hopfield&a=0.2`);
      await other.waitForSelector('#messages:not(:empty)', { timeout });
      assert.match(await other.textContent('#messages'), /model = hopfield: must be one of dam, lse, lsr, cmm, /);
      await page.close();
      await other.close();
    });

    if (isolation)
      test('the Models view charts the committed comparison results', async () => {
        const page = await open(`${url}#view=models`);
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
        // The recall view lists every model but lets only the DAM be stepped, and says why.
        await page.click('.tab[data-view=recall]');
        assert.equal(await page.locator('#recall-model option').count(), 11);
        assert.equal(await page.locator('#recall-model option:disabled').count(), 10);
        assert.match(await page.textContent('#recall-model-help'), /Network\.recall\) is DAM-only/);
        await page.close();
      });

    if (!isolation)
      test('coi-serviceworker isolates a page served without the headers', async () => {
        const swContext = await browser.newContext({ serviceWorkers: 'allow' });
        const page = await swContext.newPage();
        page.on('console', (m) => m.type() === 'error' && problems.push(`service worker page: ${m.text()}`));
        page.on('pageerror', (e) => problems.push(`service worker page: ${e.message}`));
        await page.goto(`${url}#view=explorer&source=rademacher&p=0.8&N=300&S=20&seed=2&F=rectpoly&n=5`);
        // The page registers the worker and reloads itself once.
        let found = null;
        for (let i = 0; i < 100 && !found; i++) {
          await page.waitForTimeout(200);
          found = await page
            .evaluate(() => crossOriginIsolated && document.body.dataset.variant)
            .catch(() => null); // the reload destroys the context
        }
        assert.equal(found, 'threads');
        assert.equal(await page.evaluate(() => navigator.serviceWorker.controller !== null), true);
        await page.waitForSelector(done('explorer'), { timeout });
        assert.equal(await page.getAttribute('#explorer', 'data-status'), 'done');
        await swContext.close();
      });

    if (isolation)
      test('a phone (390 × 844) shows every view without sideways scrolling', async () => {
        const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
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
          await page.goto(url + hash);
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
      test('a run over the memory budget is refused up front, naming the field', async () => {
        const page = await open(`${url}#view=explorer&source=rademacher&p=0.5&N=65536&S=2000&seed=1&F=rectpoly&n=7`);
        await page.waitForSelector(done('explorer'), { timeout });
        assert.equal(await page.getAttribute('#explorer', 'data-status'), 'error');
        assert.match(
          await page.textContent('#messages'),
          /^data\.S = 2000 with N = 65536: measure = capacity keeps S × N = 131072000 margins as doubles \(1000 MiB\), above the limit of 67108864 \(512 MiB\); data\.S can be at most 1024/,
        );
        await page.close();
      });

    if (!isolation)
      test('keyboard: Tab reaches the Run button and Enter runs', async () => {
        const page = await open(`${url}#view=explorer&source=rademacher&p=0.85&N=300&S=40&seed=2&F=rectpoly&n=5`);
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

    test('no console errors on any page', () => {
      assert.deepEqual(problems, []);
    });
  });
}

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
      window.coi = { shouldRegister: () => false };
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
