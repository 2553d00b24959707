// The playground (web/) is built to dist/. The wasm builds and packed data
// sets are served as static files from public/ (copied to dist/ as they are,
// never bundled: bundlers mangle emscripten's pthread output), and base './'
// lets dist/ work from any static path.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

const root = fileURLToPath(new URL('./web/', import.meta.url));

// SharedArrayBuffer (the threads build) needs a crossOriginIsolated page.
// Cross-Origin-Resource-Policy: cross-origin lets a host page that is itself
// isolated (COEP require-corp) embed a figure in an iframe from another
// origin; without it the browser blocks the frame. docs/playground.md gives
// the same headers for static hosts.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

// coi-serviceworker (npm) makes a static host that cannot send COOP/COEP
// cross-origin isolated (HTTPS or localhost; one reload). It must stay a
// separate, unbundled, same-origin file: copied as it is to
// dist/coi-serviceworker.js; web/src/main.js registers it only when the page
// is not already isolated and is the top-level page.
const coiServiceWorker = {
  name: 'coi-serviceworker',
  apply: 'build',
  generateBundle() {
    const file = fileURLToPath(new URL('./node_modules/coi-serviceworker/coi-serviceworker.js', import.meta.url));
    this.emitFile({ type: 'asset', fileName: 'coi-serviceworker.js', source: readFileSync(file, 'utf8') });
  },
};

// The Models view charts the committed comparison results: the build ships
// results/models-summary.csv (written by scripts/model_figures.py) as it is,
// at the same path under dist/; the dev server serves it from results/.
const modelResults = {
  name: 'model-results',
  configureServer(server) {
    server.middlewares.use('/results/models-summary.csv', (request, response) => {
      response.setHeader('Content-Type', 'text/csv');
      response.end(readFileSync(fileURLToPath(new URL('./results/models-summary.csv', import.meta.url))));
    });
  },
  generateBundle() {
    const file = fileURLToPath(new URL('./results/models-summary.csv', import.meta.url));
    this.emitFile({ type: 'asset', fileName: 'results/models-summary.csv', source: readFileSync(file, 'utf8') });
  },
};

export default defineConfig({
  plugins: [coiServiceWorker, modelResults],
  root,
  base: './',
  publicDir: fileURLToPath(new URL('./public/', import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL('./dist/', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: { index: root + 'index.html', tutorial: root + 'tutorial.html', bench: root + 'bench.html' },
    },
  },
  worker: { format: 'es' },
  // The worker imports the loader from wasm/js/, outside web/.
  server: { headers: isolation, fs: { allow: ['.'] } },
  preview: { headers: isolation },
});
