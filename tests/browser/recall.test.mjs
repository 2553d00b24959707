// The Recall view: trajectories computed by the module, stepped and played.
// Served twice (with and without COOP/COEP); see helpers.mjs.
//   node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { screenshot, done, timeout, servedTwice, artifacts, native } from './helpers.mjs';

// Every step of the trajectory on screen: the state drawn (as the record's
// bit string: a dark pixel is +1) and the nearest memory named.
const drawnSteps = (page) =>
  page.evaluate(() => {
    const view = document.getElementById('recall');
    const canvas = document.getElementById('recall-state');
    const last = Number(document.getElementById('recall-slider').max);
    const states = [];
    const nearest = [];
    for (let t = 0; t <= last; t++) {
      document.getElementById(t === 0 ? 'recall-first' : 'recall-step').click();
      if (view.dataset.step !== String(t)) throw new Error(`step ${t} not shown`);
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let bits = '';
      for (let p = 0; p < data.length; p += 4) bits += data[p] < 128 ? '1' : '0';
      states.push(bits);
      nearest.push(Number(view.dataset.nearest));
    }
    return { states, nearest };
  });
const versionless = (text) => text.replace(/"code_version": "[^"]*"/, '"code_version": ""');

servedTwice((site) => {
  const { isolation, open, sweep } = site;

  test('recall view: steps through a trajectory computed by the module', async () => {
    const page = await open(
      `${site.url}#view=recall&K=100&digit=3&delta=0.2&occlude=top&rseed=1&update=async&steps=10&rF=rectpoly&rn=40`,
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
        `${site.url}#view=recall&rsource=fashion-mnist&K=50&digit=5&delta=0.05&occlude=bottom&clamp=${clamp}&rseed=2&update=sync&steps=10&rF=rectpoly&rn=40`;
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

  // One serving is enough: the record is the core's in every build (tests/wasm/trajectory_spec.test.mjs).
  if (!isolation)
    test('recall view: the command in its panel reproduces the states shown natively; the record opens back', async () => {
      const page = await open(
        `${site.url}#view=recall&K=40&digit=7&delta=0.25&occlude=center&clamp=1&rseed=4&update=async&steps=8&rF=rectpoly&rn=20`,
      );
      await page.waitForSelector(done('recall'), { timeout });
      assert.equal(await page.textContent('#messages'), '');
      assert.equal(await page.getAttribute('#recall-reproduce', 'data-specs'), '["recall-trajectory.json"]');
      const command = await page.textContent('#recall-reproduce pre.command');
      assert.equal(command, 'damlab run recall-trajectory.json --out results');
      const spec = JSON.parse(await page.textContent('#recall-reproduce pre.spec-json'));
      assert.equal(spec.measure, 'trajectory');
      assert.deepEqual(spec.probe, { K: 40, delta: 0.25, steps: 8, update: 'async', seed: 4, memory: 7, occlusion_position: 'center', clamp: true });
      // The command as shown, in a folder holding the spec under its name.
      const dir = mkdtempSync(join(artifacts, 'recall-'));
      writeFileSync(join(dir, 'recall-trajectory.json'), JSON.stringify(spec, null, 2));
      execFileSync(native, command.split(' ').slice(1), { cwd: dir, stdio: 'ignore' });
      const recordPath = join(dir, 'results', 'recall-trajectory.json');
      const nativeText = readFileSync(recordPath, 'utf8');
      // The page's record is the native one byte for byte (but for the code version).
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#recall-record')]);
      assert.equal(versionless(readFileSync(await download.path(), 'utf8')), versionless(nativeText));
      // The states the page draws, step by step, are the native record's.
      const { result } = JSON.parse(nativeText);
      assert.ok(result.states.length >= 2, 'the probe moves');
      const expected = { states: result.states, nearest: result.nearest.map((row) => row[0].memory) };
      assert.deepEqual(await drawnSteps(page), expected);
      // The native record opened back shows the same trajectory.
      await page.click('#recall-first');
      await page.setInputFiles('#recall-open', recordPath);
      await page.waitForSelector('#recall[data-opened="recall-trajectory.json"]', { timeout });
      assert.equal(await page.textContent('#messages'), '');
      assert.match(await page.textContent('#recall-summary'), /Buildopened from recall-trajectory\.json/);
      assert.deepEqual(await drawnSteps(page), expected);
      // Open results hands a trajectory record to this view.
      await page.$eval('#recall', (view) => delete view.dataset.opened);
      await page.click('.tab[data-view=results]');
      await page.setInputFiles('#results-file', recordPath);
      await page.click('article[data-kind=trajectory] button:text("Open in the Recall view")', { timeout });
      await page.waitForSelector('#recall[data-opened="recall-trajectory.json"]:not([hidden])', { timeout });
      assert.deepEqual(await drawnSteps(page), expected);
      // A record of another measure is refused by name.
      const other = join(dir, 'capacity.json');
      writeFileSync(other, JSON.stringify({ spec: { measure: 'capacity' }, result: {} }));
      await page.setInputFiles('#recall-open', other);
      await page.waitForSelector('#messages:not(:empty)', { timeout });
      assert.match(await page.textContent('#messages'), /capacity\.json: not a trajectory record \(measure = capacity\)/);
      await page.close();
    });

  if (!isolation)
    test('recall view: any registry model, from the link; its parameters apply', async () => {
      const page = await open(
        `${site.url}#view=recall&K=30&digit=4&delta=0.05&occlude=none&rseed=3&update=sync&steps=5&rmodel=hopfield-covariance&ra=0.3`,
      );
      await page.waitForSelector(done('recall'), { timeout });
      assert.equal(await page.textContent('#messages'), '');
      assert.equal(await page.getAttribute('#recall', 'data-status'), 'done');
      assert.equal(await page.inputValue('select[name=rmodel]'), 'hopfield-covariance');
      assert.equal(await page.inputValue('input[name=ra]'), '0.3');
      assert.equal(await page.isVisible('input[name=rn]'), false);
      assert.equal(await page.isVisible('#recall-model-help'), true);
      assert.doesNotMatch(await page.textContent('#recall-model-help'), /DAM-only|Only the Dense/);
      const hash = await page.evaluate(() => location.hash);
      assert.equal(hash, '#view=recall&rsource=mnist&K=30&digit=4&delta=0.05&occlude=none&clamp=0&rseed=3&update=sync&steps=5&rmodel=hopfield-covariance&ra=0.3');
      // The nearest-pattern model restores a lightly flipped item at once.
      await page.selectOption('select[name=rmodel]', 'nearest');
      await page.$eval('#recall', (view) => delete view.dataset.status);
      await page.click('#recall-run');
      await page.waitForSelector(done('recall'), { timeout });
      assert.equal(await page.getAttribute('#recall', 'data-status'), 'done');
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.click('#recall-play');
      assert.equal(await page.getAttribute('#recall', 'data-nearest'), '4');
      // A model parameter out of its range is named.
      await open(`${site.url}#view=recall&rmodel=lse&rbeta=0`).then(async (other) => {
        await other.waitForSelector('#messages:not(:empty)', { timeout });
        assert.match(await other.textContent('#messages'), /rbeta = 0: must be a number in \(0, 100\]/);
        await other.close();
      });
      await page.close();
    });
});
