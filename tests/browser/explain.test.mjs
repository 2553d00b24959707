// The explanation beside each view (web/src/explanations.js, ui/explain.js):
// every view shows one with at least one link, every link into the site
// resolves to a page of the build and, with an anchor, to an element of
// that page (the docs pages: scripts/docs-pages.mjs); the disclosure works
// from the keyboard, starts closed, one line on a phone (an embed hides it:
// tour.test.mjs). One page for all: the suite's time is CI's long pole.
// Served once, with COOP/COEP (the explanations do not depend on the build).
//   node --test tests/browser/explain.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { dist, launch, serve } from './helpers.mjs';

let browser, server, url, page;
const problems = [];
before(async () => {
  browser = await launch();
  ({ server, url } = await serve({ dir: dist, isolation: true }));
});
after(async () => {
  await browser?.close();
  server?.close();
});

async function open(address, viewport = { width: 1100, height: 900 }) {
  const context = await browser.newContext({ viewport });
  await context.addInitScript(() => (window.damlabServiceWorker = false));
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && problems.push(`${address}: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`${address}: ${e.message}`));
  await page.goto(address);
  return page;
}

/** Checks that a link of the site resolves: the file exists and so does its anchor. */
async function assertResolves(page, href) {
  const target = new URL(href, page.url());
  const response = await page.request.get(target.href);
  assert.equal(response.status(), 200, `${href}: HTTP ${response.status()}`);
  if (target.hash) {
    const id = decodeURIComponent(target.hash.slice(1));
    assert.ok((await response.text()).includes(`id="${id}"`), `${href}: no element with id ${id}`);
  }
}

const views = ['explorer', 'sweeps', 'recall', 'train', 'models', 'results'];

test('every view shows its explanation, each with links that resolve', async () => {
  page = await open(`${url}#view=results`);
  // Closed at first (one line under the lead); opening one opens every view's.
  const first = page.locator('#results .explain');
  assert.equal(await first.evaluate((e) => e.open), false);
  await first.locator('summary').click();
  const checked = new Set();
  for (const view of views) {
    await page.click(`.tab[data-view=${view}]`);
    const explain = page.locator(`#${view} .explain`);
    assert.equal(await explain.count(), 1, `${view}: one explanation`);
    assert.ok(await explain.isVisible(), `${view}: the explanation is shown`);
    assert.equal(await explain.evaluate((e) => e.open), true, `${view}: opened with the first`);
    const text = await explain.innerText();
    assert.ok(text.length > 200, `${view}: ${text.length} characters`);
    const hrefs = await explain.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    const internal = hrefs.filter((href) => !/^https?:/.test(href));
    assert.ok(internal.length >= 1, `${view}: at least one link into the site`);
    for (const href of internal) if (!checked.has(href)) await assertResolves(page, href), checked.add(href);
  }
  // The terms the issue names are explained where they are used.
  const all = await page.locator('.explain').allInnerTexts();
  for (const term of ['Kmax', 'profile', 'Mean HD', 'D_c^ε', 'prototypes'])
    assert.ok(all.some((t) => t.includes(term)), `${term} is explained`);
});

test('the explanation opens and closes from the keyboard; the choice is kept; one line on a phone', async () => {
  const summary = page.locator('#results .explain summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#results .explain').evaluate((e) => e.open), false);
  await page.keyboard.press('Space');
  assert.equal(await page.locator('#results .explain').evaluate((e) => e.open), true);
  await page.reload();
  await page.waitForSelector('#results .explain');
  assert.equal(await page.locator('#explorer .explain').evaluate((e) => e.open), true, 'open after a reload');
  // A first visit on a phone: closed, one line.
  await page.evaluate(() => localStorage.clear());
  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  await page.locator('#results .explain').waitFor();
  assert.equal(await page.locator('#results .explain').evaluate((e) => e.open), false);
  const box = await page.locator('#results .explain').boundingBox();
  assert.ok(box.width <= 375 && box.height < 80, `a closed explanation is one line: ${box.width} × ${box.height}`);
});

test('a docs page opens at the passage a link names', async () => {
  await page.goto(`${url}docs/science.html#capacity-of-a-pattern-sequence`);
  const heading = page.locator(':target');
  assert.equal(await heading.textContent(), 'Capacity of a pattern sequence');
  assert.ok((await heading.boundingBox()).y < 300, 'the passage is scrolled into view');
  // Its links to other docs resolve too.
  for (const href of await page.locator('main a[href*=".html"]').evaluateAll((a) => a.map((l) => l.getAttribute('href'))))
    await assertResolves(page, href);
});

test('no console errors on any page', () => {
  assert.deepEqual(problems, []);
});
