// The Sweeps view: the Fig. 1, Fig. 2 and overloaded-regime D_c figures,
// compared with native runs.
// Served twice (with and without COOP/COEP); see helpers.mjs.
//   node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { screenshot, nativeRecord, native as nativeBinary, artifacts, root, servedTwice, done, timeout, chartLooks, assertDistinctLooks, pngSize } from './helpers.mjs';

const cells = (page, id) => page.$$eval(`${id} tbody tr`, (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
const num = (cell) => (cell === '' || cell === '—' ? null : Number(cell)); // a table shows null as —

// The summary `damlab summarize` writes for the page's own experiment files
// (run natively by `damlab sweep`) with a committed summary spec (file in
// experiments/summaries/, changed by fields): its rows of the primary mode.
async function nativeSummary(page, file, fields = {}) {
  await page.waitForSelector('#sweeps[data-summary="done"]', { timeout });
  const dir = mkdtempSync(join(artifacts, 'summary-'));
  const names = {};
  for (const text of await page.$$eval('#sweep-reproduce pre.spec-json', (pres) => pres.map((p) => p.textContent))) {
    const experiment = JSON.parse(text);
    writeFileSync(join(dir, `${experiment.name}.json`), text);
    execFileSync(nativeBinary, ['sweep', join(dir, `${experiment.name}.json`), '--out', dir], { cwd: root, stdio: 'ignore' });
    names[experiment.data.source === 'rademacher' ? 'artificial' : 'MNIST'] = experiment.name;
  }
  const summarySpec = JSON.parse(readFileSync(join(root, 'experiments', 'summaries', file), 'utf8'));
  writeFileSync(join(dir, 'summary.json'), JSON.stringify({ ...summarySpec, ...fields, name: 'summary', sweeps: names }));
  execFileSync(nativeBinary, ['summarize', join(dir, 'summary.json'), '--results', dir], { cwd: root, stdio: 'ignore' });
  const [header, ...lines] = readFileSync(join(dir, 'summary.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  return lines
    .map((l) => Object.fromEntries(header.map((name, i) => [name, l[i]])))
    .filter((row) => row.primary === 'true');
}
// The rows with a mean (a bucket whose sets are all censored has none).
const plotted = (rows) => rows.filter((row) => row.kmax_mean !== '');

// Fig. 1's plotted points (series, HD bin, mean HD, mean Kmax, 95% low and
// high, sets, censored, used) equal the native summary's rows, one to one.
async function assertFig1Summary(page, expected, mode) {
  assert.ok(expected.length > 0);
  assert.ok(expected.every((row) => row.mode === mode), `the primary mode is ${mode}`);
  const points = await cells(page, '#sweep-points');
  assert.equal(points.length, expected.length);
  for (const row of expected) {
    const label = `${row.dataset}, n = ${row.n}`;
    const point = points.find(([series, bucket]) => series === label && Number(bucket) === Number(row.bucket));
    assert.ok(point, `a point for ${label}, HD bin ${row.bucket}`);
    assert.deepEqual(
      point.slice(2).map(num),
      [row.hd_mean, row.kmax_mean, row.kmax_low, row.kmax_high, row.sets, row.censored, row.used].map(num),
      `${label}, HD bin ${row.bucket}`,
    );
  }
  // Means joined by lines, each interval drawn with its mean.
  const drawn = await page.locator('#sweep-chart').evaluate((canvas) =>
    window.damlabChart(canvas).data.datasets.map((d) => ({ line: d.showLine, bars: d.data.filter((p) => p.low != null && p.high != null).length })),
  );
  assert.ok(drawn.every((d) => d.line));
  assert.equal(drawn.reduce((sum, d) => sum + d.bars, 0), expected.filter((row) => row.kmax_low !== '').length);
}

servedTwice((site) => {
  const { isolation, sweep } = site;

  test("the Fig. 1 sweep streams every run, then plots the core's summary (paper reading, replicates) equal to damlab summarize on the native sweeps", async () => {
    const page = await sweep('scale=reduced', 96);
    const runs = await cells(page, '#sweep-table');
    assert.equal(runs.length, 96);
    // 8 targets and 8 p values, 2 replicate sets of each (seeds of fig1-*.json and fig1-*-replicates.json).
    for (const source of ['MNIST', 'artificial']) {
      const sets = runs.filter((row) => row[0] === source && row[1] === '7');
      assert.equal(new Set(sets.map((row) => row[2])).size, 8, source);
      assert.equal(new Set(sets.map((row) => row[3])).size, 16, source);
    }
    // Every run equals the committed native run of its set (experiments/fig1-*.json, its replicates).
    const native = new Map();
    for (const [stem, source] of [['fig1-mnist', 'MNIST'], ['fig1-artificial', 'artificial']])
      for (const file of [`${stem}.csv`, `${stem}-replicates.csv`]) {
        const [header, ...lines] = readFileSync(join(root, 'results', file), 'utf8').trim().split('\n').map((l) => l.split(','));
        for (const l of lines) {
          const col = (name) => l[header.indexOf(name)];
          native.set(`${source}/${col('data.seed')}/${col('model.n')}`, [col('exact_kmax'), col('exact_censored'), col('exact_mean_hd'), col('data_checksum')]);
        }
      }
    for (const [source, n, , seed, kmax, censored, hd, checksum] of runs) {
      const want = native.get(`${source}/${seed}/${n}`);
      assert.ok(want, `a native run for ${source} seed ${seed}, n = ${n}`);
      assert.deepEqual([Number(kmax), censored, num(hd), checksum], [Number(want[0]), want[1], num(want[2]), want[3]], `${source} seed ${seed}, n = ${n}`);
    }
    const rows = await nativeSummary(page, 'fig1-summary.json');
    assert.ok(rows.some((row) => row.censored !== '0'), 'the reduced sweep has censored sets (counted, left out)');
    const expected = plotted(rows);
    assert.ok(expected.some((row) => row.kmax_low !== ''), 'some bins have intervals');
    await assertFig1Summary(page, expected, 'binary');
    assert.match(await page.textContent('#sweep-description'), /fig1-summary\.json/);
    assertDistinctLooks(await chartLooks(page.locator('#sweep-chart')), 'Fig. 1');
    if (isolation) await screenshot(page, 'sweeps');
    await page.close();
  });

  // The other reading, the other Kmax mode and the strict subset rule, each
  // one link key away (one site: the first test covers both servings).
  if (!isolation)
    test('Fig. 1 with reading=whole_set, kmax=binary and rule=strict equals damlab summarize with those fields', async () => {
      const page = await sweep('figure=fig1&scale=reduced&reading=whole_set&kmax=binary&rule=strict', 96);
      assert.equal(await page.evaluate(() => location.hash), '#view=sweeps&figure=fig1&scale=reduced&reading=whole_set&kmax=binary&rule=strict');
      const specs = (await page.$$eval('#sweep-reproduce pre.spec-json', (pres) => pres.map((p) => JSON.parse(p.textContent))));
      const mnist = specs.find((spec) => spec.data.source === 'mnist');
      assert.equal(mnist.data.rule, 'strict');
      assert.equal(mnist.data.band, undefined);
      const expected = plotted(await nativeSummary(page, 'fig1-summary-whole-set.json', { kmax: 'binary' }));
      await assertFig1Summary(page, expected, 'binary');
      assert.match(await page.textContent('#sweep-description'), /fig1-summary-whole-set\.json.*kmax in the link.*binary search.*strict rule/);
      await page.close();
    });

  test('bad reading, kmax and rule link values name the key and the allowed values, and nothing runs', async () => {
    const page = await site.open(`${site.url}#view=sweeps&figure=fig1&reading=all&kmax=fast&rule=loose`);
    await page.waitForSelector('#messages:not(:empty)', { timeout });
    const text = await page.textContent('#messages');
    assert.match(text, /reading = all: must be one of paper, whole_set/);
    assert.match(text, /kmax = fast: must be one of binary, exact/);
    assert.match(text, /rule = loose: must be one of band, strict/);
    assert.equal(await page.getAttribute('#sweeps', 'data-status'), null);
    await page.close();
  });

  test("the Fig. 2 sweep plots the core's summary (paper reading) and it equals damlab summarize on the native sweeps", async () => {
    const page = await sweep('figure=fig2&scale=reduced', 154);
    const runs = await cells(page, '#sweep-table');
    assert.equal(runs.length, 154);
    assert.deepEqual([...new Set(runs.map((row) => Number(row[1])))].sort((a, b) => a - b), [6, 7, 8, 9, 10, 11, 12, 16, 20, 28, 38]);
    // Every run equals the native sweep of experiments/fig2-*.json (same set, same degree).
    const native = new Map();
    for (const [file, source] of [['fig2-mnist.csv', 'MNIST'], ['fig2-artificial.csv', 'artificial']]) {
      const [header, ...lines] = readFileSync(join(root, 'results', file), 'utf8').trim().split('\n').map((l) => l.split(','));
      const col = (name) => header.indexOf(name);
      for (const l of lines)
        native.set(`${source}/${l[col('data.seed')]}/${l[col('model.n')]}`, [
          l[col('binary_kmax')], l[col('binary_censored')], l[col('binary_mean_hd')], l[col('exact_kmax')], l[col('data_mean_hd')],
        ].map((cell) => (cell === '' ? null : Number(cell) || cell)));
    }
    for (const [source, n, , seed, binaryKmax, , firstHd, exactKmax, , wholeHd] of runs) {
      const want = native.get(`${source}/${seed}/${n}`);
      assert.ok(want, `a native run for ${source} seed ${seed}, n = ${n}`);
      const got = [binaryKmax, null, firstHd, exactKmax, wholeHd].map((cell) => (cell === '' ? null : Number(cell)));
      assert.deepEqual([got[0], got[2], got[3], got[4]], [want[0], want[2], want[3], want[4]], `${source} seed ${seed}, n = ${n}`);
    }
    // The chart's points: the summary `damlab summarize` writes for the
    // page's own experiment files with the committed Fig. 2 summary spec.
    const expected = plotted(await nativeSummary(page, 'fig2-summary.json'));
    assert.ok(expected.some((row) => row.censored !== '0'), 'the reduced sweep has censored sets (counted, left out)');
    const points = await cells(page, '#sweep-points');
    assert.equal(points.length, expected.length);
    for (const row of expected) {
      const label = `${row.dataset}, HD ${row.bucket} ± 10`;
      const point = points.find(([series, n]) => series === label && n === row.n);
      assert.ok(point, `a point for ${label}, n = ${row.n}`);
      assert.deepEqual(point.slice(2).map(num), [row.kmax_mean, row.kmax_low, row.kmax_high, row.sets, row.censored, row.used].map(num), `${label}, n = ${row.n}`);
    }
    assert.equal(new Set(points.map((p) => p[0])).size, 6);
    assertDistinctLooks(await chartLooks(page.locator('#sweep-chart')), 'Fig. 2');
    // Exports for papers: a PNG at 2× the chart with a caption below, an SVG
    // with one line per series, both captioned with the figure and the code version.
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#sweep-png')]);
    assert.equal(png.suggestedFilename(), 'damlab-fig2-reduced.png');
    const box = await page.locator('#sweep-chart').boundingBox();
    const size = pngSize(readFileSync(await png.path()));
    assert.ok(Math.abs(size.width - 2 * box.width) <= 2, `a PNG ${size.width} px wide for a ${box.width} px chart`);
    assert.ok(size.height > 2 * box.height + 20, `a caption below the chart: ${size.height} px`);
    const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#sweep-svg')]);
    const text = readFileSync(await svg.path(), 'utf8');
    const version = await page.evaluate(() => document.body.dataset.version);
    const parsed = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
      return { error: doc.querySelector('parsererror')?.textContent ?? null, lines: doc.querySelectorAll('polyline').length, text: doc.documentElement.textContent };
    }, text);
    assert.equal(parsed.error, null);
    assert.equal(parsed.lines, 6);
    assert.match(parsed.text, /figure=fig2, scale=reduced/);
    assert.ok(parsed.text.includes(`damlab ${version}`), 'the SVG caption names the code version');
    if (isolation) await screenshot(page, 'fig2');
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
    // A fraction's axis ends at 1, and curves that coincide stay told apart.
    assert.equal(await page.locator('#sweep-chart').evaluate((c) => window.damlabChart(c).scales.y.max), 1);
    assertDistinctLooks(await chartLooks(page.locator('#sweep-chart')), 'D_c');
    await page.close();
  });

  // Cancel on a paper-scale sweep (2,060 runs): the queued runs leave the
  // queue first, so at most one worker per running job is replaced; the
  // partial result stays charted, says where it stopped and exports as
  // partial; the next sweep runs normally and no slower than before.
  if (isolation)
    test('cancel on a paper-scale sweep replaces at most one worker per running job and keeps a partial result', async () => {
      const page = await site.open(`${site.url}#view=sweeps&figure=fig1&scale=reduced`);
      const workers = [];
      page.on('worker', (worker) => workers.push(worker));
      await page.waitForSelector(done('sweeps'), { timeout });
      const size = Number((await page.textContent('#build')).match(/(\d+) workers?$/)[1]);
      // A warm fig. 1 sweep, timed, for the comparison after the cancel.
      const timed = async () => {
        const start = Date.now();
        await page.click('#sweep-run');
        await page.waitForSelector('#sweeps[data-status="running"]', { timeout });
        await page.waitForSelector(done('sweeps'), { timeout: 3 * timeout });
        assert.equal(await page.textContent('#sweep-count'), '96 / 96 runs');
        return Date.now() - start;
      };
      const before = await timed();
      await page.selectOption('[name=figure]', 'fig2');
      await page.selectOption('[name=scale]', 'paper');
      await page.click('#sweep-run');
      await page.waitForFunction(() => Number(document.querySelector('#sweep-count').textContent.split(' ')[0]) >= 4, null, { timeout });
      const spawned = workers.length;
      const start = Date.now();
      await page.click('#sweep-cancel');
      await page.waitForSelector('#sweeps[data-status="cancelled"]', { timeout });
      const cancelMs = Date.now() - start;
      await page.waitForTimeout(500); // any cascade of replacements would show by now
      assert.ok(workers.length - spawned <= size, `${workers.length - spawned} workers started by the cancel (pool of ${size})`);
      // A bound on responsiveness (the defect froze the tab 10–14 s), with room for a busy CI machine.
      assert.ok(cancelMs < 5000, `the cancel took ${cancelMs} ms`);
      const count = await page.textContent('#sweep-count');
      const [, finished] = count.match(/^Cancelled after (\d+) \/ 2060 runs$/) ?? assert.fail(`#sweep-count: ${count}`);
      const runs = (await cells(page, '#sweep-table')).length;
      assert.ok(runs >= 4 && runs <= Number(finished), `${runs} runs listed, ${finished} finished`);
      assert.equal(await page.getAttribute('#sweeps', 'data-partial'), `${runs}/2060`);
      assert.match(await page.textContent('#sweep-caption'), new RegExp(`^Partial \\(cancelled\\): ${runs} of 2060 runs`));
      // The partial result is exported, and its files say so.
      assert.equal(await page.isDisabled('#sweep-csv'), false);
      const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#sweep-csv')]);
      assert.equal(csv.suggestedFilename(), `damlab-fig2-paper-partial-${runs}-of-2060.csv`);
      assert.equal(readFileSync(await csv.path(), 'utf8').trim().split('\n').length, runs + 1);
      const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#sweep-svg')]);
      assert.match(readFileSync(await svg.path(), 'utf8'), new RegExp(`PARTIAL: ${runs} of 2060 runs \\(cancelled\\)`));
      // Its experiment files describe only the runs that finished (each a point of the file's axis).
      await page.waitForFunction(() => (document.getElementById('sweep-reproduce').dataset.specs ?? '').includes('-partial-'), null, { timeout });
      const experiments = await page.$$eval('#sweep-reproduce pre.spec-json', (pres) => pres.map((p) => JSON.parse(p.textContent)));
      const listed = experiments.reduce((sum, e) => sum + (e.sweep ? Object.values(e.sweep[0])[0].length : 1), 0);
      assert.equal(listed, runs);
      for (const e of experiments) assert.match(e.name, new RegExp(`^fig2-paper-partial-${runs}-of-2060`));
      assert.match(await page.textContent('#sweep-reproduce'), new RegExp(`PARTIAL \\(cancelled\\): the files list only the ${runs} of 2060 planned runs`));
      if (isolation) await screenshot(page, 'sweep-cancelled');
      // Run again after Cancel: complete, not partial, and not slower.
      await page.selectOption('[name=figure]', 'fig1');
      await page.selectOption('[name=scale]', 'reduced');
      const after = await timed();
      assert.equal(await page.getAttribute('#sweeps', 'data-partial'), null);
      assert.ok(after < 2 * before + 5000, `fig. 1 took ${after} ms after the cancel, ${before} ms before`);
      await page.close();
    });

  // A run that fails (here: the data asset refused once) is counted and
  // named; the figure is marked partial, never complete-looking.
  if (!isolation)
    test('a failed run is reported by name, with succeeded and finished counts, and the figure is partial', async () => {
      // Its own context: the refused request logs a console error on purpose.
      const context = await site.browser.newContext({ acceptDownloads: true });
      await context.addInitScript(() => (window.damlabServiceWorker = false));
      let refused = 0;
      await context.route('**/data/mnist-10k.bin', (route) =>
        refused++ === 0 ? route.fulfill({ status: 503, body: 'busy' }) : route.continue(),
      );
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${site.url}#view=sweeps&figure=fig1&scale=reduced`);
      await page.waitForSelector(done('sweeps'), { timeout });
      assert.deepEqual(errors, []);
      assert.equal(await page.getAttribute('#sweeps', 'data-status'), 'error');
      assert.equal(await page.textContent('#sweep-count'), '95 of 96 runs succeeded, 1 failed');
      const message = await page.textContent('#messages');
      assert.match(message, /^95 of 96 runs succeeded, 1 failed:\nMNIST target HD \d+, seed \d+, n = \d+: data\/mnist-10k\.bin: HTTP 503$/);
      assert.equal(await page.getAttribute('#sweeps', 'data-partial'), '95/96');
      assert.match(await page.textContent('#sweep-caption'), /^Partial \(1 failed\): 95 of 96 runs/);
      const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#sweep-csv')]);
      assert.equal(csv.suggestedFilename(), 'damlab-fig1-reduced-partial-95-of-96.csv');
      await context.close();
    });
});
