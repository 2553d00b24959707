// The playground page: state from the address, one worker pool, six views
// (explorer, sweeps, recall, train, models, results).
// Every number shown comes from the wasm module running in the workers.
import { defaults, readLocation, setRegistry, setTrainDefaults, toHash } from './state.js';
import { WorkerPool } from './ui/pool.js';
import { registerServiceWorker, serviceWorkerUnavailable } from './ui/offline.js';
import { explainBuild } from './ui/build-status.js';
import { createExplorer } from './views/explorer.js';
import { createSweeps } from './views/sweeps.js';
import { createRecall } from './views/recall.js';
import { createTrain } from './views/train.js';
import { createResults } from './views/results.js';
import { createModels } from './views/models.js';
import { placeExplanations } from './ui/explain.js';

const $ = (id) => document.getElementById(id);

/** Shows messages (or clears them with []); text only, never markup. */
function report(messages) {
  $('messages').textContent = messages.join('\n');
}

// Every start-up error is shown on the page, never only in the console: an
// exception the code below does not catch (or a rejected promise) is
// reported, and the build line says the page did not start.
let started = false;
function startupFailed(error) {
  if (started) return;
  $('build').textContent = 'failed to start';
  const shown = $('messages').textContent;
  const message = `The page could not start: ${error?.message ?? String(error)}`;
  report([...(shown ? [shown] : []), message]);
}
window.addEventListener('error', (event) => startupFailed(event.error ?? event.message));
window.addEventListener('unhandledrejection', (event) => startupFailed(event.reason));

// The service worker: the site works offline once loaded, and a host that
// cannot send COOP/COEP gets them (one reload); see ui/offline.js.
registerServiceWorker((text, state) => {
  $('offline').textContent = text;
  $('offline').dataset.state = state;
});
const pool = new WorkerPool();
placeExplanations(); // what each view shows, and where it comes from

// The address is read once the registry has arrived from a worker (the
// model fields and their ranges are the core's), so every error in a link
// is reported at once; the views exist from the start (a file can be opened
// at once) and build their model controls when first loaded.
const state = defaults();
let errors = [];
let ready = false;

// The address is the link of the result on screen: a form change does not
// touch it (the note beside "Copy link" says the form has changes not yet
// run); each run pushes a history entry, so Back returns to the previous
// run inside the app (and reruns it). A tab switch pushes the view's last
// run (or its form, when it has not run). An embed only replaces its entry
// (its host page's Back stays the host's).
const shown = {}; // view -> the hash of its last run
let applied = ''; // the hash this page last wrote or applied

function setAddress(hash, push) {
  if (hash === location.hash) return;
  history[push && state.embed !== '1' ? 'pushState' : 'replaceState'](null, '', hash);
  applied = hash;
}

function onStateChange(kind = 'run') {
  if (kind !== 'edit') {
    // A tab switch shows that view's last run (if any); a run or a start, the state.
    const hash = kind === 'view' && shown[state.view] ? shown[state.view] : toHash(state);
    if (kind === 'run') shown[state.view] = hash;
    setAddress(hash, kind === 'run' || kind === 'view');
    const full = new URL(location.href);
    full.search = '';
    full.hash = hash.replace(/&embed=1$/, '');
    $('open-full').href = full.href;
  }
  // The form differs from the result shown until the next run.
  $('link-note').hidden = toHash(state) === location.hash;
}

const explorer = createExplorer({ pool, state, onStateChange, report });
const sweeps = createSweeps({ pool, state, onStateChange, report });
const recall = createRecall({ pool, state, onStateChange, report });
// Trained memories go to the Recall view (its trained-memory run starts at once).
const onSend = (memories) => {
  showView('recall');
  recall.receiveTrained(memories);
};
const train = createTrain({ pool, state, onStateChange, report, onSend });
// A trajectory record opened in Open results is drawn by the Recall view.
const onTrajectory = (name, text) => {
  showView('recall');
  recall.openRecord(name, text);
};
const results = createResults({ pool, state, onStateChange, report, onTrajectory });
const models = createModels({ pool, report });
const views = { explorer, sweeps, recall, train, models, results };

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
  onStateChange('start');
  applied = location.hash;
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

for (const tab of document.querySelectorAll('.tab')) {
  tab.addEventListener('click', () => {
    showView(tab.dataset.view);
    if (ready) onStateChange('view');
  });
}

// Back/Forward (popstate) and editing the hash by hand (hashchange; both
// may fire for one step) apply the address once.
function applyAddress() {
  if (!ready || location.hash === applied) return; // the first start reads the address anyway
  const parsed = readLocation();
  Object.assign(state, parsed.state);
  errors = parsed.errors;
  start();
}
window.addEventListener('hashchange', applyAddress);
window.addEventListener('popstate', applyAddress);

pool.submit('hello', {}).promise.then(
  ({ variant, features, version, registry, trainSpec }) => {
    $('build').textContent = `${variant}, ${version}, ${pool.size} worker${pool.size > 1 ? 's' : ''}`;
    document.body.dataset.variant = variant;
    $('build-why').textContent = explainBuild(variant, features, serviceWorkerUnavailable());
    document.body.dataset.version = version; // the exports' captions name it
    setRegistry(registry);
    setTrainDefaults(trainSpec);
    const parsed = readLocation();
    Object.assign(state, parsed.state);
    errors = parsed.errors;
    ready = true;
    start();
    started = true;
  },
  // Without the module the link's model fields cannot be checked: its other errors are shown.
  (error) => {
    $('build').textContent = 'failed to load';
    report([...readLocation().errors, `The WebAssembly module did not load: ${error.message}`]);
  },
).catch(startupFailed);
