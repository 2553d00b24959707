// The Train view: a tiny Krotov–Hopfield training run in a worker, its
// curves and memories per epoch, equal to the native runner's record and
// memory file for the spec the page shows; Cancel keeping the completed
// epochs; link values refused by name. Served twice (with and without
// COOP/COEP: the threads build and a single-threaded one); see helpers.mjs.
//   node --test tests/browser/train.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { artifacts, chartLooks, native, root, screenshot, timeout, servedTwice } from './helpers.mjs';

const require = createRequire(import.meta.url);
const { loadDamlabNode } = require('../../wasm/js/node.cjs');

// A run of seconds: 200 training digits, 20 test digits per class, 16 memories, 3 epochs.
const tiny = 'ttrain=200&ttest=20&tsplit=1&tK=16&tF=rectpoly&tn=20&tepochs=3&tbatch=50&tlr=0.06&tT0=300&tT1=300&tseed=4';

const done = '#train[data-status="done"], #train[data-status="error"], #train[data-status="invalid"]';

/** The native runner's record and memory file of a spec: `damlab run SPEC --out DIR`. */
function nativeRun(spec) {
  const stem = `train-${process.pid}`;
  const out = join(artifacts, `${stem}-out`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(artifacts, `${stem}.json`), JSON.stringify(spec));
  execFileSync(native, ['run', join(artifacts, `${stem}.json`), '--out', out], { cwd: root, stdio: 'ignore' });
  return { record: JSON.parse(readFileSync(join(out, `${stem}.json`), 'utf8')), file: readFileSync(join(out, `${stem}.memories`)) };
}

/** The rows of the page's per-epoch table as numbers (null for —). */
const tableRows = (page) =>
  page.$$eval('#train-table tbody tr', (rows) => rows.map((row) => Array.from(row.cells, (cell) => (cell.textContent === '—' ? null : Number(cell.textContent)))));

const gridImage = (page, epoch) =>
  page.$eval(
    '#train-epoch',
    (slider, e) => {
      slider.value = String(e);
      slider.dispatchEvent(new Event('input'));
      return document.getElementById('train-memories').toDataURL();
    },
    epoch,
  );

async function downloadBytes(page, id) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#${id}`)]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

servedTwice((site) => {
  const { isolation, open } = site;
  let firstResult = null;

  test('train view: a tiny run gives the native runner’s curves and memory file', async () => {
    const page = await open(`${site.url}#view=train&${tiny}`);
    await page.waitForSelector(done, { timeout });
    assert.equal(await page.textContent('#messages'), '');
    assert.equal(await page.getAttribute('#train', 'data-status'), 'done');
    assert.match(await page.textContent('#train-status'), /^Done: 3 epochs in /);
    // One chart point per epoch in each series.
    const looks = await chartLooks(page.locator('#train-chart'));
    assert.deepEqual(looks.map((l) => l.points), [3, 3, 3]);
    const rows = await tableRows(page);
    assert.equal(rows.length, 3);
    // The memories change from the first epoch to the last.
    assert.notEqual(await gridImage(page, 1), await gridImage(page, 3), 'the memory grid changed');
    // The spec shown reproduces the run natively: the same curves, final
    // errors and memory file (the core is bit-identical across builds).
    const spec = JSON.parse(await page.textContent('#train-spec'));
    assert.deepEqual([spec.measure, spec.train.memories, spec.train.epochs, spec.data.train], ['train', 16, 3, 200]);
    const { record, file } = nativeRun(spec);
    const { curves } = record.result;
    assert.deepEqual(rows.map((r) => r[3]), curves.loss);
    assert.deepEqual(rows.map((r) => r[4]), curves.train_error);
    assert.deepEqual(rows.map((r) => r[5]), curves.test_error);
    const testError = Number(await page.getAttribute('#train', 'data-test-error'));
    assert.equal(testError, record.result.test_error);
    assert.match(await page.textContent('#train-summary'), new RegExp(`Final test error${String(record.result.test_error).replace('.', '\\.')}`));
    // The exported memory file: the native one byte for byte, and it decodes to K × (N + C).
    const exported = await downloadBytes(page, 'train-memory-file');
    assert.equal(exported.name, 'train-K16-n20-seed4.memories');
    assert.ok(exported.bytes.equals(file), 'the memory file equals the native runner’s');
    const damlab = await loadDamlabNode('baseline');
    const memories = damlab.decodeMemoryFile(new Uint8Array(exported.bytes));
    assert.deepEqual([memories.memories, memories.pixels, memories.classes, memories.weights.length], [16, 784, 10, 16 * 794]);
    // The CSV: the spec in its first line (a comment), then one row per epoch.
    const csv = (await downloadBytes(page, 'train-csv')).bytes.toString('utf8').trim().split('\n');
    assert.deepEqual(JSON.parse(csv[0].replace(/^# damlab train spec: /, '')), spec);
    assert.equal(csv[1], 'epoch,temperature,learning_rate,loss,train_error,test_error');
    assert.deepEqual(csv.slice(2).map((line) => Number(line.split(',')[3])), curves.loss);
    // The record export carries the spec and the curves.
    const json = JSON.parse((await downloadBytes(page, 'train-json')).bytes.toString('utf8'));
    assert.deepEqual(json.spec, spec);
    assert.deepEqual(json.result.curves, curves);
    assert.equal(json.result.complete, true);
    // Both servings (different builds) show the same numbers.
    if (firstResult) assert.deepEqual(rows, firstResult);
    firstResult = rows;
    if (isolation) await page.screenshot({ path: join(artifacts, 'train-tiny.png') });
    await page.close();
  });

  // The README's screenshot is of the page's opening run (tens of seconds):
  // taken only when the screenshots are refreshed.
  if (isolation && process.env.DAMLAB_UPDATE_SCREENSHOTS === '1')
    test('train view: the opening run, for the screenshot', async () => {
      const page = await open(`${site.url}#view=train`);
      await page.waitForSelector(done, { timeout: 300_000 });
      assert.equal(await page.getAttribute('#train', 'data-status'), 'done');
      // The status line, the memories and the curves in view (the form is above).
      await page.locator('#train-run').evaluate((button) => button.scrollIntoView({ block: 'start' }));
      await screenshot(page, 'train');
      await page.close();
    });

  // One serving is enough below: they check the page, not the build.
  if (!isolation)
    test('train view: Cancel keeps the completed epochs and exports them as partial', async () => {
      // Far more epochs than can finish before the click (an epoch of the tiny run takes milliseconds).
      const planned = 100000;
      const page = await open(`${site.url}#view=train&${tiny.replace('tepochs=3', `tepochs=${planned}`)}`);
      await page.waitForFunction(() => Number(document.getElementById('train').dataset.epochs) >= 2, null, { timeout });
      await page.click('#train-cancel');
      assert.equal(await page.getAttribute('#train', 'data-status'), 'cancelled');
      await page.waitForSelector('#train-memory-file:not([disabled])', { timeout });
      const epochs = Number(await page.getAttribute('#train', 'data-epochs'));
      assert.ok(epochs >= 2 && epochs < planned);
      assert.match(await page.textContent('#train-status'), new RegExp(`^Cancelled after ${epochs} of ${planned} epochs`));
      assert.equal(await page.getAttribute('#train', 'data-partial'), `${epochs}/${planned}`);
      const looks = await chartLooks(page.locator('#train-chart'));
      assert.deepEqual(looks.map((l) => l.points), [epochs, epochs, epochs]);
      const exported = await downloadBytes(page, 'train-memory-file');
      assert.equal(exported.name, `train-K16-n20-seed4-partial-${epochs}-of-${planned}.memories`);
      const damlab = await loadDamlabNode('baseline');
      const memories = damlab.decodeMemoryFile(new Uint8Array(exported.bytes));
      assert.deepEqual([memories.memories, memories.pixels + memories.classes], [16, 794]);
      // The partial memories are those of a run of that many epochs.
      const spec = JSON.parse(await page.textContent('#train-spec'));
      const { file } = nativeRun({ ...spec, train: { ...spec.train, epochs } });
      assert.ok(exported.bytes.equals(file), 'the partial memory file is that of the completed epochs');
      const json = JSON.parse((await downloadBytes(page, 'train-json')).bytes.toString('utf8'));
      assert.equal(json.result.complete, false);
      assert.equal(json.result.curves.loss.length, epochs);
      // On a phone (390 px) the view, its tables open, needs no sideways scrolling.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.$$eval('#train details', (all) => all.forEach((d) => (d.open = true)));
      const [scrollWidth, innerWidth] = await page.evaluate(() => [document.scrollingElement.scrollWidth, window.innerWidth]);
      assert.ok(scrollWidth <= innerWidth, `the page is ${scrollWidth} px wide in a ${innerWidth} px window`);
      await page.close();
    });

  // One serving is enough for the hand-over: the records are the core's in every build.
  if (!isolation)
    test('train view: the memories sent to Recall give the native record of the spec shown; the link says it cannot carry them', async () => {
      const page = await open(`${site.url}#view=train&${tiny}`);
      await page.waitForSelector(done, { timeout });
      assert.equal(await page.getAttribute('#train', 'data-status'), 'done');
      const trainedFile = await downloadBytes(page, 'train-memory-file');
      await page.click('#train-send');
      await page.waitForSelector('#recall[data-status="done"], #recall[data-status="error"], #recall[data-status="invalid"]', { timeout });
      assert.equal(await page.textContent('#messages'), '');
      assert.equal(await page.getAttribute('#recall', 'data-status'), 'done');
      assert.equal(await page.getAttribute('#recall', 'data-memories'), 'trained');
      assert.ok(new URL(page.url()).hash === '#view=recall&rmemories=trained', page.url());
      assert.match(await page.textContent('#recall-trained-link'), /A link cannot carry trained memories/);
      // The spec behind it names the memory file, which is the Train view's.
      const spec = JSON.parse(await page.textContent('#recall-reproduce pre.spec-json'));
      const command = await page.textContent('#recall-reproduce pre.command');
      const memories = await downloadBytes(page, 'recall-trained-memories');
      assert.ok(memories.bytes.equals(trainedFile.bytes), 'the memories sent are the Train view’s');
      assert.deepEqual(spec.data, { source: 'trained', path: memories.name, per_class: 20, seed: 1 });
      assert.deepEqual([spec.measure, spec.probe.steps, spec.probe.delta], ['convergence', 3, 0.1]);
      // `damlab run` on the spec beside the file writes the page's record,
      // byte for byte but for the code version (the builds may differ).
      const shown = (await downloadBytes(page, 'recall-trained-record')).bytes.toString('utf8');
      const dir = mkdtempSync(join(artifacts, 'recall-trained-'));
      const specFile = command.match(/^damlab run (\S+)/)[1];
      writeFileSync(join(dir, memories.name), memories.bytes);
      writeFileSync(join(dir, specFile), JSON.stringify(spec));
      execFileSync(native, ['run', join(dir, specFile), '--out', join(dir, 'out')], { cwd: root, stdio: 'ignore' });
      const nativeText = readFileSync(join(dir, 'out', specFile), 'utf8');
      const versionless = (text) => text.replace(/"code_version": "[^"]*"/, '"code_version": ""');
      assert.equal(versionless(shown), versionless(nativeText));
      const record = JSON.parse(nativeText);
      assert.equal(record.result.probes, 200);
      assert.equal(await page.getAttribute('#recall', 'data-dc'), JSON.stringify(record.result.D_c));
      // The digit followed ends at a state whose nearest memory is in the table; the steps can be walked.
      const last = Number(await page.getAttribute('#recall-slider', 'max'));
      assert.ok(last >= 1 && last <= 3);
      assert.match(await page.textContent('#recall-state-caption'), /label neurons on: /);
      await page.close();
      // The link of that run reruns nothing: it says why.
      const linked = await open(`${site.url}#view=recall&rmemories=trained`);
      await linked.waitForSelector('#recall[data-status="invalid"]', { timeout });
      assert.match(await linked.textContent('#messages'), /rmemories = trained: .*a link cannot carry/);
      await linked.close();
    });

  if (!isolation)
    test('train view: a tiny Fashion-MNIST run gives the native runner’s record and memory file', async () => {
      const fashion = tiny.replace('ttrain=200&ttest=20&tsplit=1', 'tdata=fashion-mnist&ttrain=200&ttestn=50').replace('tepochs=3', 'tepochs=2');
      const page = await open(`${site.url}#view=train&${fashion}`);
      await page.waitForSelector(done, { timeout });
      assert.equal(await page.textContent('#messages'), '');
      assert.equal(await page.getAttribute('#train', 'data-status'), 'done');
      const spec = JSON.parse(await page.textContent('#train-spec'));
      assert.deepEqual(spec.data, { source: 'fashion-mnist', train: 200, test: 50 });
      // Native: Debian's whole files; the page: the site's first items. The same images, the same record.
      const { record, file } = nativeRun(spec);
      const json = JSON.parse((await downloadBytes(page, 'train-json')).bytes.toString('utf8'));
      assert.deepEqual(json.data, { source: record.data.source, train: 200, test: 50, checksum: record.data.checksum });
      for (const key of ['complete', 'epochs', 'train_error', 'test_error', 'curves', 'temperature']) assert.deepEqual(json.result[key], record.result[key], key);
      const exported = await downloadBytes(page, 'train-memory-file');
      assert.equal(exported.name, 'train-fashion-K16-n20-seed4.memories');
      assert.ok(exported.bytes.equals(file), 'the memory file equals the native runner’s');
      await page.close();
      // More items than the site ships: refused by name, with the range.
      const linked = await open(`${site.url}#view=train&tdata=fashion-mnist&ttrain=0`);
      await linked.waitForFunction(() => document.getElementById('messages').textContent.includes('ttrain'), null, { timeout });
      assert.match(await linked.textContent('#messages'), /ttrain \(data\.train\) = 0: must be in \[1, 10000\] for tdata = fashion-mnist/);
      await linked.close();
    });

  if (!isolation)
    test('train view: your own IDX pair trains as the native runner trains it', async () => {
      // Synthetic 8 × 8 images in 4 classes (a bright quadrant per class), as IDX files.
      const idx = (dims, bytes) => {
        const header = Buffer.alloc(4 + 4 * dims.length);
        header.set([0, 0, 8, dims.length]);
        dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
        return Buffer.concat([header, Buffer.from(bytes)]);
      };
      const images = (count, seed) => {
        const bytes = new Uint8Array(count * 64), labels = new Uint8Array(count);
        let state = seed;
        for (let a = 0; a < count; a++) {
          labels[a] = a % 4;
          for (let i = 0; i < 64; i++) {
            state = (Math.imul(state, 1103515245) + 12345) >>> 0;
            const inside = (i >> 3 < 4) === (labels[a] < 2) && ((i & 7) < 4) === (labels[a] % 2 === 0);
            bytes[a * 64 + i] = Math.min(255, (inside ? 170 : 20) + (state >>> 25));
          }
        }
        return { images: idx([count, 8, 8], bytes), labels: idx([count], labels) };
      };
      const train = images(80, 3), test = images(20, 7);
      const files = { 'own-train-images.idx': train.images, 'own-train-labels.idx': train.labels, 'own-test-images.idx': test.images, 'own-test-labels.idx': test.labels };
      const page = await open(`${site.url}#view=train&tdata=idx&ttrain=0&tK=4&tF=rectpoly&tn=3&tepochs=3&tbatch=20&tlr=0.06&tT0=30&tT1=30&tseed=2`);
      // Without files the link cannot run: it says so.
      await page.waitForSelector('#train[data-status="invalid"]', { timeout });
      assert.match(await page.textContent('#messages'), /choose a training images file/);
      const ids = ['train-images', 'train-labels', 'train-test-images', 'train-test-labels'];
      for (const [i, [name, buffer]] of Object.entries(files).entries())
        await page.setInputFiles(`#${ids[i]}`, { name, mimeType: 'application/octet-stream', buffer });
      await page.click('#train-run');
      await page.waitForSelector(done, { timeout });
      assert.equal(await page.textContent('#messages'), '');
      assert.equal(await page.getAttribute('#train', 'data-status'), 'done');
      const spec = JSON.parse(await page.textContent('#train-spec'));
      assert.deepEqual(spec.data, { source: 'idx', train: 0, images: 'own-train-images.idx', labels: 'own-train-labels.idx', test_images: 'own-test-images.idx', test_labels: 'own-test-labels.idx' });
      for (const [name, buffer] of Object.entries(files)) writeFileSync(join(artifacts, name), buffer);
      const { record, file } = nativeRun(spec);
      const rows = await tableRows(page);
      assert.deepEqual(rows.map((r) => r[5]), record.result.curves.test_error);
      assert.ok((await downloadBytes(page, 'train-memory-file')).bytes.equals(file));
      await page.close();
    });

  if (!isolation)
    test('train view: link values out of range are named with their range', async () => {
      const page = await open(`${site.url}#view=train&tK=0&tlr=2`);
      await page.waitForSelector('#messages:not(:empty)', { timeout });
      const messages = await page.textContent('#messages');
      assert.match(messages, /tK = 0: must be an integer in \[1, 1000000\]/);
      assert.match(messages, /tlr = 2: must be a number in \(0, 1\]/);
      // A range only the data knows (the smallest class has 863 digits) comes from the core, named.
      await page.goto(`${site.url}#view=train&${tiny.replace('ttest=20', 'ttest=900')}`);
      await page.waitForSelector(done, { timeout });
      assert.match(await page.textContent('#messages'), /ttest \(data\.test_per_class\) = 900: must be/);
      await page.close();
    });
});
