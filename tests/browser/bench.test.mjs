// The WebAssembly bench page (web/bench.html) in Debian's Chromium, served
// with COOP/COEP so that all three builds run: it completes with K = 30,000
// memories in a browser tab, the builds' results are identical, and the
// update's flipped bits equal those of the Node module on the same workload.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { K, P, model, workload, update } from '../../bench/wasm/workloads.mjs';

const require = createRequire(import.meta.url);
const { loadDamlabNode } = require('../../wasm/js/node.cjs');
const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = process.env.DAMLAB_DIST ?? join(root, 'dist');
const artifacts = join(root, 'build', 'browser-artifacts');
assert.ok(existsSync(join(dist, 'bench.html')), 'dist/bench.html is missing: run npm run build');
mkdirSync(artifacts, { recursive: true });

let browser, server, url;
before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  ({ server, url } = await serve({ dir: dist, isolation: true }));
});
after(async () => {
  await browser?.close();
  server?.close();
});

test('bench page: every build runs the kernels, K = 30,000 included, with identical results', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(`${url}bench.html?variants=simd,threads&repeats=1&run`);
  await page.waitForFunction(
    () => ['done', 'error'].includes(document.getElementById('status').dataset.state),
    null, { timeout: 240_000 },
  );
  const status = await page.textContent('#status');
  assert.equal(await page.getAttribute('#status', 'data-state'), 'done', status);
  const rows = await page.$$eval('#bench-results tbody tr', (trs) =>
    trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
  assert.deepEqual(rows.map((r) => r[0]), ['simd', 'threads']);
  for (const r of rows) {
    assert.equal(r[6], 'identical');
    for (const k of [2, 3, 4]) assert.ok(Number(r[k]) > 0, `${r[0]} column ${k}: ${r[k]}`);
    assert.ok(Number.parseInt(r[5], 10) < 256, `${r[0]} needed ${r[5]} of wasm memory`);
  }
  await page.screenshot({ path: join(artifacts, 'bench.png'), fullPage: true });

  // The same K = 5,500 update in Node: the page's checksum must be this one.
  const damlab = await loadDamlabNode('baseline');
  const { memories, states } = workload(damlab, K);
  const net = new damlab.Network(memories, model);
  const { copy } = update(net, states, 1);
  const expected = copy.checksum();
  for (const handle of [copy, net, memories, states]) handle.delete();
  const pageChecksum = await page.evaluate(() => window.damlabBench?.results?.[0]?.checksum);
  assert.equal(pageChecksum, expected, `P = ${P} states after one update`);
  assert.deepEqual(errors, []);
  await page.close();
});
