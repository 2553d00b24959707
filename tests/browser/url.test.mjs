// Links: bad parameters and bad models are named, and nothing runs; keys
// that are built-in names of every object are unknown parameters; a huge
// value is not echoed whole; runs push history entries (Back stays in the
// app and restores the previous run) and the address is the result shown.
// Served twice (with and without COOP/COEP); see helpers.mjs.
//   node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, timeout, servedTwice, done, explorerSummary } from './helpers.mjs';

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

  test('a key that is a built-in name (constructor, __proto__, toString) is an unknown parameter; the page starts', async () => {
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      const page = await open(`${site.url}#${key}=1&n=5`);
      await page.waitForSelector('#messages:not(:empty)', { timeout });
      assert.equal(await page.textContent('#messages'), `${key}: unknown parameter`);
      await page.waitForSelector('body[data-variant]', { timeout });
      assert.doesNotMatch(await page.textContent('#build'), /loading|failed/);
      assert.equal(await page.inputValue('input[name=n]'), '5');
      assert.equal(await page.getAttribute('#explorer', 'data-status'), null);
      await page.close();
    }
  });

  test('a 100,000-character value is quoted short', async () => {
    const page = await open(`${site.url}#n=${'9'.repeat(100000)}&${'k'.repeat(50000)}=1`);
    await page.waitForSelector('#messages:not(:empty)', { timeout });
    const text = await page.textContent('#messages');
    assert.equal(
      text,
      `n = ${'9'.repeat(40)}… (100000 characters): must be an integer in [1, 60]\n${'k'.repeat(40)}… (50000 characters): unknown parameter`,
    );
    await page.close();
  });

  if (!isolation)
    test('the address is the result shown; a run pushes history and Back restores the previous run', async () => {
      const first = `#view=explorer&source=rademacher&p=0.8&N=200&S=30&seed=2&F=rectpoly&n=4`;
      const page = await open(site.url + first);
      const summary = await explorerSummary(page);
      const length = await page.evaluate(() => history.length);
      // An edit without a run: the address (and the copied link) stay the result's, and a note says so.
      await page.fill('input[name=n]', '6');
      await page.dispatchEvent('input[name=n]', 'change');
      assert.equal(await page.evaluate(() => location.hash), first);
      assert.ok(await page.isVisible('#link-note'));
      await page.$eval('#explorer', (view) => delete view.dataset.status);
      await page.click('#run');
      const second = await explorerSummary(page);
      assert.notEqual(second, summary);
      assert.equal(await page.evaluate(() => location.hash), first.replace('n=4', 'n=6'));
      assert.equal(await page.isVisible('#link-note'), false);
      assert.equal(await page.evaluate(() => history.length), length + 1);
      // Back: still the app, the previous address, its form and its result.
      await page.goBack();
      assert.equal(await page.evaluate(() => location.hash), first);
      assert.equal(new URL(page.url()).origin, new URL(site.url).origin);
      assert.equal(await page.inputValue('input[name=n]'), '4');
      await page.waitForFunction((text) => document.querySelector('#explorer').dataset.status === 'done' && document.querySelector('#summary').textContent === text, summary, { timeout });
      await page.goForward();
      assert.equal(await page.inputValue('input[name=n]'), '6');
      await page.close();
    });
});
