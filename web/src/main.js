// The playground page: state from the address, one worker pool, two views.
// Every number shown comes from the wasm module running in the workers.
import { readLocation, toHash } from './state.js';
import { WorkerPool } from './pool.js';
import { createExplorer } from './explorer.js';
import { createSweeps } from './sweeps.js';

const $ = (id) => document.getElementById(id);

/** Shows messages (or clears them with []); text only, never markup. */
function report(messages) {
  $('messages').textContent = messages.join('\n');
}

let { state, errors } = readLocation();
const pool = new WorkerPool();

function onStateChange() {
  history.replaceState(null, '', toHash(state));
  const full = new URL(location.href);
  full.search = '';
  full.hash = toHash({ ...state, embed: '0' });
  $('open-full').href = full.href;
}

const explorer = createExplorer({ pool, state, onStateChange, report });
const sweeps = createSweeps({ pool, state, onStateChange, report });
const views = { explorer, sweeps };

function showView(name) {
  state.view = name;
  for (const tab of document.querySelectorAll('.tab')) {
    if (tab.dataset.view === name) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  for (const key of Object.keys(views)) $(key).hidden = key !== name;
}

function start() {
  document.body.classList.toggle('embed', state.embed === '1');
  explorer.load();
  sweeps.load();
  showView(state.view);
  report(errors);
  onStateChange();
  // A link reproduces its run; a link with errors waits for a fix.
  if (!errors.length) views[state.view].run();
}

for (const tab of document.querySelectorAll('.tab')) {
  tab.addEventListener('click', () => {
    showView(tab.dataset.view);
    onStateChange();
  });
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

// Editing the hash by hand (or a tutorial link) applies it.
window.addEventListener('hashchange', () => {
  const parsed = readLocation();
  Object.assign(state, parsed.state);
  errors = parsed.errors;
  start();
});

$('isolation').textContent = crossOriginIsolated ? '(cross-origin isolated)' : '(not isolated: single-threaded)';
pool.submit('hello', {}).promise.then(
  ({ variant, version }) => {
    $('build').textContent = `${variant}, ${version}, ${pool.size} worker${pool.size > 1 ? 's' : ''}`;
    document.body.dataset.variant = variant;
  },
  (error) => report([`The WebAssembly module did not load: ${error.message}`]),
);

start();
