// The visual design: in the light and the dark scheme (prefers-color-scheme)
// every visible text has 4.5:1 contrast against its effective background
// (3:1 for large text), every control's border 3:1 against what is behind
// it, and every chart's series and tick labels 3:1 / 4.5:1 against the
// chart's background as drawn; a change of the system setting redraws the
// charts. WCAG 2.1: relative luminance and contrast ratio are written out
// below, independently of the page.
// Served twice (with and without COOP/COEP); see helpers.mjs.
//   node --test tests/browser/theme.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { done, screenshot, timeout, servedTwice } from './helpers.mjs';

/** WCAG 2.1 relative luminance of sRGB bytes [r, g, b]. */
function luminance([r, g, b]) {
  const linear = (c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}
/** WCAG 2.1 contrast ratio, 1 to 21. */
export function contrast(a, b) {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
}

test('the contrast formula matches WCAG reference values', () => {
  assert.equal(contrast([0, 0, 0], [255, 255, 255]), 21);
  assert.equal(contrast([119, 119, 119], [255, 255, 255]).toFixed(2), '4.48'); // #777 on white, the classic near miss
  assert.equal(contrast([255, 255, 255], [255, 255, 255]), 1);
});

/**
 * In the page: each visible text (elements with their own text, and form
 * controls' values and placeholders) with its colour, its effective
 * background (the element's and its ancestors' backgrounds composited) and
 * whether it is large; each control's border against the background behind it.
 */
const collect = () => {
  const parse = (text) => {
    const m = text.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [r, g, b, a];
  };
  const over = (top, bottom) => top.slice(0, 3).map((c, i) => c * top[3] + bottom[i] * (1 - top[3]));
  const backgroundOf = (element) => {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const color = parse(getComputedStyle(e).backgroundColor);
      if (color && color[3] > 0) layers.push(color);
      if (color && color[3] === 1) break;
    }
    let result = [255, 255, 255]; // the canvas, under everything
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const name = (e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className && typeof e.className === 'string' ? `.${e.className.split(' ')[0]}` : ''} "${(e.textContent || e.value || e.placeholder || '').trim().slice(0, 30)}"`;
  const visible = (e) => e.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) && e.getClientRects().length > 0;
  const disabled = (e) => e.closest(':disabled, [aria-disabled="true"]') !== null; // exempt (WCAG 1.4.3)
  const texts = [];
  const borders = [];
  for (const e of document.body.querySelectorAll('*')) {
    if (!visible(e) || disabled(e) || e.closest('canvas, select option, svg')) continue;
    const style = getComputedStyle(e);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const own = [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    const control = e.matches('input:not([type=checkbox], [type=radio], [type=range], [type=file]), select, textarea');
    const background = backgroundOf(e);
    if (own || (control && e.value)) texts.push({ name: name(e), color: parse(style.color), background, large });
    if (control && e.placeholder && !e.value)
      texts.push({ name: `${name(e)}::placeholder`, color: parse(getComputedStyle(e, '::placeholder').color), background, large });
    // A control's border (a tab marks itself by its current state only).
    if ((control || e.matches('button:not(.tab), .tab[aria-current]')) && parseFloat(style.borderTopWidth) > 0) {
      const border = parse(style.borderTopColor);
      if (border[3] > 0) borders.push({ name: name(e), color: border, background: backgroundOf(e.parentElement) });
    }
  }
  // Charts: series colours and tick labels against the background as drawn.
  const charts = [];
  for (const canvas of document.querySelectorAll('canvas')) {
    const chart = visible(canvas) && window.damlabChart(canvas);
    if (!chart) continue;
    const pixel = canvas.getContext('2d').getImageData(2, 2, 1, 1).data;
    const colorOf = (css) => {
      const probe = document.createElement('canvas').getContext('2d');
      probe.fillStyle = css;
      probe.fillRect(0, 0, 1, 1);
      return [...probe.getImageData(0, 0, 1, 1).data];
    };
    charts.push({
      name: canvas.id,
      background: [pixel[0], pixel[1], pixel[2]],
      series: chart.data.datasets.map((d) => ({ label: d.label, color: colorOf(d.borderColor) })),
      ticks: colorOf(chart.scales.x.options.ticks.color),
    });
  }
  return { texts, borders, charts };
};

servedTwice((site) => {
  const { isolation, open } = site;
  if (!isolation) return; // the look does not depend on the serving

  for (const scheme of ['light', 'dark'])
    test(`${scheme} scheme: text 4.5:1 (large 3:1), controls and chart series 3:1`, async () => {
      const page = await open('about:blank');
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${site.url}#view=explorer&source=mnist&selection=greedy&target_hd=120&classes=&S=50&seed=1&F=rectpoly&n=7`);
      await page.waitForSelector(done('explorer'), { timeout });
      const failures = [];
      let checked = { texts: 0, borders: 0, series: 0 };
      for (const view of ['explorer', 'sweeps', 'recall', 'train', 'models', 'results']) {
        await page.click(`.tab[data-view=${view}]`);
        if (view === 'models') await page.waitForFunction(() => document.querySelectorAll('#models canvas').length > 0 && window.damlabChart(document.querySelector('#models canvas')), null, { timeout });
        // A chart made while its view was hidden is drawn when its canvas gets
        // a size (Chart.js's resize observer, a frame or two after the tab).
        await page.waitForFunction(() => [...document.querySelectorAll('canvas')].every((canvas) =>
          !canvas.checkVisibility() || !window.damlabChart(canvas) || canvas.getContext('2d').getImageData(2, 2, 1, 1).data[3] > 0), null, { timeout });
        const { texts, borders, charts } = await page.evaluate(collect);
        for (const { name, color, background, large } of texts) {
          const ratio = contrast(color, background);
          if (ratio < (large ? 3 : 4.5)) failures.push(`${view}: text ${name}: ${ratio.toFixed(2)}`);
        }
        for (const { name, color, background } of borders) {
          const ratio = contrast(color, background);
          if (ratio < 3) failures.push(`${view}: border of ${name}: ${ratio.toFixed(2)}`);
        }
        for (const chart of charts) {
          for (const { label, color } of chart.series) {
            const ratio = contrast(color, chart.background);
            if (ratio < 3) failures.push(`${view}: chart ${chart.name}, series ${label}: ${ratio.toFixed(2)}`);
          }
          const ratio = contrast(chart.ticks, chart.background);
          if (ratio < 4.5) failures.push(`${view}: chart ${chart.name}, tick labels: ${ratio.toFixed(2)}`);
          // The chart is drawn in the scheme's background.
          const dark = luminance(chart.background) < 0.2;
          if (dark !== (scheme === 'dark')) failures.push(`${view}: chart ${chart.name} drawn on ${chart.background} in the ${scheme} scheme`);
        }
        checked = { texts: checked.texts + texts.length, borders: checked.borders + borders.length, series: checked.series + charts.reduce((n, c) => n + c.series.length, 0) };
      }
      assert.deepEqual(failures, []);
      // The check saw the page: texts of every view, the controls, the Models panels' series.
      assert.ok(checked.texts > 150 && checked.borders > 20 && checked.series > 20, JSON.stringify(checked));
      if (scheme === 'dark') {
        await page.click('.tab[data-view=explorer]');
        await page.setViewportSize({ width: 1100, height: 1250 }); // the chart too
        await screenshot(page, 'explorer-dark');
      }
      await page.close();
    });

  test('a change of the system setting redraws the charts in the new scheme', async () => {
    const page = await open('about:blank');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${site.url}#view=explorer&source=rademacher&p=0.8&N=300&S=20&seed=2&F=rectpoly&n=5`);
    await page.waitForSelector(done('explorer'), { timeout });
    const corner = () => page.$eval('#profile-chart', (c) => [...c.getContext('2d').getImageData(2, 2, 1, 1).data].slice(0, 3));
    const light = await corner();
    assert.ok(luminance(light) > 0.9, `light: ${light}`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.getElementById('profile-chart').getContext('2d').getImageData(2, 2, 1, 1).data[0] < 100, null, { timeout: 5000 });
    assert.ok(luminance(await corner()) < 0.05);
    // The series are recoloured; the exports stay light (paper colours).
    const series = await page.$eval('#profile-chart', (c) => window.damlabChart(c).data.datasets.map((d) => d.borderColor));
    assert.deepEqual(series, ['#2A8AC2', '#E0701A']);
    const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
    const text = readFileSync(await svg.path(), 'utf8');
    assert.match(text, /<rect width="100%" height="100%" fill="#fff"\/>/);
    assert.match(text, /stroke="#0072B2"/);
    assert.doesNotMatch(text, /#2A8AC2/);
    // And the page's chart is dark again after the export.
    assert.ok(luminance(await corner()) < 0.05);
    await page.close();
  });
});
