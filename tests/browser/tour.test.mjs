// The guided tour (tutorial.html, web/src/tour.js): its steps are walked
// with the keyboard alone, each step's live figure finishes in its embedded
// playground and draws, the first figure's plotted profile equals the native
// runner's record of the spec the page ran, the step's "Open this in the
// playground" link is that run, and its source links resolve. Served once,
// with COOP/COEP (the served-twice suites cover the embed without them).
//   node --test tests/browser/tour.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { dist, done, inkedPixels, launch, nativeRecord, screenshot, serve, timeout } from './helpers.mjs';

let browser, server, url, page;
const problems = [];
before(async () => {
  browser = await launch();
  ({ server, url } = await serve({ dir: dist, isolation: true }));
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  await context.addInitScript(() => (window.damlabServiceWorker = false));
  page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
});
after(async () => {
  await browser?.close();
  server?.close();
});

const frame = () => page.frameLocator('#tour-step iframe');
const shownView = async () => (await page.getAttribute('#tour-step iframe', 'src')).match(/#view=(\w+)/)[1];
const charts = { explorer: 'profile-chart', sweeps: 'sweep-chart', train: 'train-chart' };

/** Waits for the shown step's figure: its view finished well, drew, and fits its frame. */
async function figureDone() {
  const view = await shownView();
  await frame().locator(done(view)).waitFor({ timeout });
  assert.equal(await frame().locator(`#${view}`).getAttribute('data-status'), 'done', await frame().locator('#messages').textContent());
  assert.equal(await frame().locator('body').getAttribute('class'), 'embed');
  assert.equal(await frame().locator(`#${view} .explain`).isVisible(), false, 'an embed has no explanation');
  const inked = await inkedPixels(frame().locator(`#${charts[view]}`));
  assert.ok(inked > 500, `${view}: ${inked} drawn pixels`);
  const [scroll, inner] = await frame().locator('body').evaluate(() => [document.scrollingElement.scrollHeight, innerHeight]);
  assert.ok(scroll <= inner + 1, `the ${view} figure fits its frame (${scroll} px in ${inner} px)`);
  return view;
}

test('step 1: the live profile is the native record of the spec the page ran', async () => {
  await page.goto(`${url}tutorial.html`);
  assert.equal(await page.getAttribute('#tour-step', 'data-step'), '1');
  assert.equal(await figureDone(), 'explorer');
  // The spec the embedded explorer ran (its record's, as the spec panel shows it), run natively.
  const spec = JSON.parse(await frame().locator('#explorer-reproduce pre.spec-json').textContent());
  assert.equal(spec.data.source, 'rademacher');
  const { result } = nativeRecord(spec);
  const plotted = await frame().locator('#profile-chart').evaluate((canvas) => window.damlabChart(canvas).data.datasets[0].data.map((p) => p.y).join(''));
  assert.equal(plotted, result.profile);
  assert.match(await frame().locator('#summary').textContent(), new RegExp(`Kmax, exact${result.exact.kmax} of S = ${result.S}`));
  // "Open this in the playground" is the same run, with its settings.
  const open = await page.getAttribute('.tour-open', 'href');
  assert.equal(open.split('#')[1], (await page.getAttribute('#tour-step iframe', 'src')).split('#')[1]);
  // Every source link into the site resolves, anchor included.
  for (const href of await page.locator('#tour-step .explain-sources a:not([href^=http])').evaluateAll((a) => a.map((l) => l.getAttribute('href')))) {
    const target = new URL(href, page.url());
    const response = await page.request.get(target.href);
    assert.equal(response.status(), 200, href);
    assert.ok((await response.text()).includes(`id="${decodeURIComponent(target.hash.slice(1))}"`), href);
  }
  await page.setViewportSize({ width: 1000, height: 1000 });
  await screenshot(page, 'tutorial');
  await page.setViewportSize({ width: 1100, height: 900 });
});

test('the keyboard walks the tour; every step draws its figure from the core', async () => {
  // A variant button changes the figure and the address.
  await page.getByRole('button', { name: 'N = 100' }).click();
  assert.match(await page.getAttribute('#tour-step iframe', 'src'), /N=100&S=1000/);
  assert.match(page.url(), /#step=1&variant=2$/);
  await page.getByRole('button', { name: 'N = 50' }).click();

  // → from the page, then Tab to "Next →" and Enter, then → again: steps 2, 3, 4, 5.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  const seen = [];
  for (let step = 2; step <= 5; step++) {
    if (step === 3) {
      await page.locator('#tour-back').focus();
      await page.keyboard.press('Tab'); // the position is an <output>: Tab goes to Next
      assert.equal(await page.evaluate(() => document.activeElement.id), 'tour-next');
      await page.keyboard.press('Enter');
    } else await page.keyboard.press('ArrowRight');
    assert.equal(await page.getAttribute('#tour-step', 'data-step'), String(step));
    assert.match(page.url(), new RegExp(`#step=${step}$`));
    // The step's heading takes the focus, so a screen reader reads the new step.
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tour-step-title');
    seen.push(await figureDone());
    if (step === 3) {
      // The exact profile and the binary search disagree on this set: both are shown.
      const summary = await frame().locator('#summary').textContent();
      const [, exact] = summary.match(/Kmax, exact(\d+)/);
      const [, binary] = summary.match(/Kmax, binary search(\d+)/);
      assert.ok(Number(binary) > Number(exact), `binary ${binary} above exact ${exact}`);
      assert.match(summary, /Profile monotoneno/);
    }
  }
  assert.deepEqual(seen, ['sweeps', 'explorer', 'sweeps', 'train']);
  assert.equal(await page.locator('#tour-next').isDisabled(), true);
  // ← and the browser's Back go back a step.
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.getAttribute('#tour-step', 'data-step'), '4');
  await page.goBack();
  assert.equal(await page.getAttribute('#tour-step', 'data-step'), '5');
  assert.deepEqual(problems, []);
});
