// Links: bad parameters and bad models are named, and nothing runs.
// Served twice (with and without COOP/COEP); see helpers.mjs.
//   node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, timeout, servedTwice } from './helpers.mjs';

servedTwice((site) => {
  const { isolation, open } = site;

  test('bad URL parameters name the field, and nothing runs', async () => {
    const page = await open(`${site.url}#n=99&p=2&source=foo&bogus=1`);
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

  test('a bad model or model parameter in the link is named, and nothing runs', async () => {
    const page = await open(`${site.url}#source=rademacher&p=0.5&N=100&S=20&model=hopfield-bcpnn&epsilon=1&lsr_beta=0`);
    await page.waitForSelector('#messages:not(:empty)', { timeout });
    const text = await page.textContent('#messages');
    assert.match(text, /epsilon = 1: must be a number in \(0, 1\)/);
    assert.match(text, /lsr_beta = 0: must be a number in \(0, 1000000\]/);
    assert.ok(await page.isVisible('input[name=epsilon]'));
    assert.equal(await page.getAttribute('#explorer', 'data-status'), null);
    const other = await open(`${site.url}#model=hopfield&a=0.2`);
    await other.waitForSelector('#messages:not(:empty)', { timeout });
    assert.match(await other.textContent('#messages'), /model = hopfield: must be one of dam, lse, lsr, cmm, /);
    await page.close();
    await other.close();
  });
});
