// The playground (web/) is built to dist/. The wasm builds and packed data
// sets are served as static files from public/ (copied to dist/ as they are,
// never bundled: bundlers mangle emscripten's pthread output), and base './'
// lets dist/ work from any static path.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { docsPages } from './scripts/docs-pages.mjs';

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

// The service worker (web/sw.js: offline cache + COOP/COEP on hosts that
// cannot send them) is written to dist/sw.js after the build, unbundled and
// same-origin, with the list of every file of dist/ to cache and a hash of
// their contents as its cache version (a new build replaces the old cache).
// web/src/ui/offline.js registers it.
const serviceWorker = {
  name: 'service-worker',
  apply: 'build',
  closeBundle() {
    const out = fileURLToPath(new URL('./dist/', import.meta.url));
    const files = [];
    const walk = (dir) => {
      for (const name of readdirSync(join(out, dir)).sort()) {
        const path = dir ? `${dir}/${name}` : name;
        if (statSync(join(out, path)).isDirectory()) walk(path);
        else if (path !== 'sw.js') files.push(path);
      }
    };
    walk('');
    const hash = createHash('sha256');
    for (const file of files) hash.update(file).update(readFileSync(join(out, file)));
    const source = readFileSync(fileURLToPath(new URL('./web/sw.js', import.meta.url)), 'utf8')
      .replace('__VERSION__', hash.digest('hex').slice(0, 16))
      .replace('__FILES__', JSON.stringify(['./', ...files.map((file) => `./${file}`)], null, 1));
    writeFileSync(join(out, 'sw.js'), source);
  },
};

// The Models view charts the committed comparison results: the build ships
// results/models-summary.csv (written by scripts/model_figures.py) and the
// sweep specs behind it (experiments/models-*.json, shown beside each chart)
// as they are, at the same paths under dist/; the dev server serves them
// from the source tree.
const modelFiles = () => [
  'results/models-summary.csv',
  ...readdirSync(fileURLToPath(new URL('./experiments/', import.meta.url)))
    .filter((name) => /^models-.*\.json$/.test(name))
    .sort()
    .map((name) => `experiments/${name}`),
];
const modelResults = {
  name: 'model-results',
  configureServer(server) {
    for (const file of modelFiles())
      server.middlewares.use(`/${file}`, (request, response) => {
        response.setHeader('Content-Type', file.endsWith('.csv') ? 'text/csv' : 'application/json');
        response.end(readFileSync(fileURLToPath(new URL(`./${file}`, import.meta.url))));
      });
  },
  generateBundle() {
    for (const file of modelFiles())
      this.emitFile({ type: 'asset', fileName: file, source: readFileSync(fileURLToPath(new URL(`./${file}`, import.meta.url)), 'utf8') });
  },
};

// The docs on the site (scripts/docs-pages.mjs): docs/*.md as dist/docs/*.html,
// the passages the playground's explanations and the tour link to.
const docsDir = fileURLToPath(new URL('./docs/', import.meta.url));
const docsSite = {
  name: 'docs-pages',
  configureServer(server) {
    server.middlewares.use('/docs/', (request, response, next) => {
      const page = docsPages(docsDir).find(({ file }) => request.url.split(/[?#]/)[0] === `/${file}`);
      if (!page) return next();
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.end(page.html);
    });
  },
  generateBundle() {
    for (const { file, html } of docsPages(docsDir)) this.emitFile({ type: 'asset', fileName: `docs/${file}`, source: html });
  },
};

export default defineConfig({
  plugins: [modelResults, docsSite, serviceWorker],
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
