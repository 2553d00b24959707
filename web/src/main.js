// The playground page: state from the address, one worker pool, five views
// (explorer, sweeps, recall, models, results).
// Every number shown comes from the wasm module running in the workers.
import { defaults, readLocation, setRegistry, toHash } from './state.js';
import { WorkerPool } from './ui/pool.js';
import { createExplorer } from './views/explorer.js';
import { createSweeps } from './views/sweeps.js';
import { createRecall } from './views/recall.js';
import { createResults } from './views/results.js';
import { createModels } from './views/models.js';

const $ = (id) => document.getElementById(id);

/** Shows messages (or clears them with []); text only, never markup. */
function report(messages) {
  $('messages').textContent = messages.join('\n');
}

// A host that cannot send COOP/COEP: coi-serviceworker (a separate,
// unbundled file beside index.html) adds them and reloads the page once.
// Only the top-level page registers it (an iframe is isolated only if its
// parent is), and only when the page is not isolated already.
if (!crossOriginIsolated && window.self === window.top && window.isSecureContext && 'serviceWorker' in navigator) {
  // window.coi: the library's own settings (a page or test may preset them).
  window.coi = { quiet: true, ...window.coi };
  const script = document.createElement('script');
  script.src = new URL('coi-serviceworker.js', document.baseURI).href;
  document.head.append(script);
}
const pool = new WorkerPool();

// The address is read once the registry has arrived from a worker (the
// model fields and their ranges are the core's), so every error in a link
// is reported at once; the views exist from the start (a file can be opened
// at once) and build their model controls when first loaded.
const state = defaults();
let errors = [];
let ready = false;

function onStateChange() {
  history.replaceState(null, '', toHash(state));
  const full = new URL(location.href);
  full.search = '';
  full.hash = toHash({ ...state, embed: '0' });
  $('open-full').href = full.href;
}

const explorer = createExplorer({ pool, state, onStateChange, report });
const sweeps = createSweeps({ pool, state, onStateChange, report });
const recall = createRecall({ pool, state, onStateChange, report });
const results = createResults({ pool, state, onStateChange, report });
const models = createModels({ pool, report });
const views = { explorer, sweeps, recall, models, results };

function showView(name) {
  state.view = name;
  for (const tab of document.querySelectorAll('.tab')) {
    if (tab.dataset.view === name) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  for (const key of Object.keys(views)) $(key).hidden = key !== name;
  views[name].show?.(); // the Models view draws when first shown
}

function start() {
  document.body.classList.toggle('embed', state.embed === '1');
  for (const view of Object.values(views)) view.load();
  showView(state.view);
  report(errors);
  onStateChange();
  // A link reproduces its run; a link with errors waits for a fix.
  if (!errors.length) views[state.view].run();
}

$('copy-link').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(location.href);
    $('copy-link').textContent = 'Link copied';
  } catch {
    // No clipboard permission: the address bar holds the same link.
    $('copy-link').textContent = 'Copy the address bar';
  }
});

$('isolation').textContent = crossOriginIsolated ? '(cross-origin isolated)' : '(not isolated: single-threaded)';

for (const tab of document.querySelectorAll('.tab')) {
  tab.addEventListener('click', () => {
    showView(tab.dataset.view);
    if (ready) onStateChange();
  });
}

// Editing the hash by hand (or a tutorial link) applies it.
window.addEventListener('hashchange', () => {
  if (!ready) return; // the first start reads the address anyway
  const parsed = readLocation();
  Object.assign(state, parsed.state);
  errors = parsed.errors;
  start();
});

pool.submit('hello', {}).promise.then(
  ({ variant, version, registry }) => {
    $('build').textContent = `${variant}, ${version}, ${pool.size} worker${pool.size > 1 ? 's' : ''}`;
    document.body.dataset.variant = variant;
    setRegistry(registry);
    const parsed = readLocation();
    Object.assign(state, parsed.state);
    errors = parsed.errors;
    ready = true;
    start();
  },
  // Without the module the link's model fields cannot be checked: its other errors are shown.
  (error) => report([...readLocation().errors, `The WebAssembly module did not load: ${error.message}`]),
);
