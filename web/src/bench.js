// The bench page: runs each chosen build in its own worker, one after the
// other (they would compete for the cores), and tabulates the figures with
// the ratios between builds. Text only goes into the page as textContent.
const form = document.getElementById('bench-form');
const status = document.getElementById('status');
const table = document.getElementById('bench-results');
const ratios = document.getElementById('bench-ratios');
const button = document.getElementById('bench-run');

const isolated = globalThis.crossOriginIsolated === true;
const threadsBox = form.querySelector('input[value="threads"]');
if (!isolated) {
  threadsBox.checked = false;
  threadsBox.disabled = true;
  threadsBox.parentElement.title = 'needs a cross-origin isolated page';
}
// ?variants=a,b&repeats=n preselects (and ?run starts) a run.
const query = new URLSearchParams(location.search);
if (query.has('variants')) {
  const wanted = query.get('variants').split(',');
  for (const box of form.elements.variant) box.checked = !box.disabled && wanted.includes(box.value);
}
if (query.has('repeats')) form.elements.repeats.value = query.get('repeats');

function say(text, state = 'ok') {
  status.textContent = text;
  status.dataset.state = state;
}

function runOne(variant, repeats) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./bench-worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data }) => {
      if (data.status) say(`${variant}: ${data.status}…`);
      if (data.error || data.result) worker.terminate();
      if (data.error) reject(new Error(`${variant}: ${data.error}`));
      if (data.result) resolve(data.result);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`${variant}: ${event.message || 'the worker failed'}`));
    };
    worker.postMessage({ variant, repeats, base: new URL('./', location.href).href });
  });
}

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text;
  row.append(td);
}

function show(results) {
  const body = table.tBodies[0];
  body.replaceChildren();
  const first = results[0];
  for (const r of results) {
    const row = document.createElement('tr');
    const same = r.overlapHash === first.overlapHash && r.checksum === first.checksum
      && r.bigChecksum === first.bigChecksum;
    for (const text of [r.variant, r.threads, r.overlap.toExponential(2), r.update.toExponential(2),
      r.big.toExponential(2), `${(r.wasmBytes / 2 ** 20).toFixed(0)} MiB`,
      same ? 'identical' : 'DIFFER'])
      cell(row, text);
    row.dataset.variant = r.variant;
    body.append(row);
  }
  table.hidden = false;
  ratios.replaceChildren();
  const by = Object.fromEntries(results.map((r) => [r.variant, r]));
  for (const [a, b] of [['simd', 'baseline'], ['threads', 'baseline'], ['threads', 'simd']]) {
    if (!by[a] || !by[b]) continue;
    const item = document.createElement('li');
    item.textContent = `${a} / ${b}: overlaps ${(by[a].overlap / by[b].overlap).toFixed(2)}×, `
      + `update ${(by[a].update / by[b].update).toFixed(2)}× (K = 5,500), ${(by[a].big / by[b].big).toFixed(2)}× (K = 30,000)`;
    ratios.append(item);
  }
  return results.every((r) => r.checksum === first.checksum && r.bigChecksum === first.bigChecksum
    && r.overlapHash === first.overlapHash);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const variants = [...form.elements.variant].filter((box) => box.checked).map((box) => box.value);
  const repeats = Number(form.elements.repeats.value);
  if (!Number.isInteger(repeats) || repeats < 1 || repeats > 20)
    return say(`repeats = ${form.elements.repeats.value}: must be an integer in [1, 20]`, 'error');
  if (variants.length === 0) return say('builds: choose at least one', 'error');
  button.disabled = true;
  try {
    const results = [];
    for (const variant of variants) results.push(await runOne(variant, repeats));
    const same = show(results);
    window.damlabBench = { results }; // for scripts reading the figures
    say(same ? 'done: identical results in every build' : 'done, but the builds\u2019 results DIFFER', same ? 'done' : 'error');
  } catch (error) {
    say(error.message, 'error');
  } finally {
    button.disabled = false;
  }
});

if (query.has('run')) form.requestSubmit();
