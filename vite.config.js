// The playground (web/) is built to dist/. The wasm builds and packed data
// sets are served as static files from public/ (copied to dist/ as they are,
// never bundled: bundlers mangle emscripten's pthread output), and base './'
// lets dist/ work from any static path.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./web/', import.meta.url));

// SharedArrayBuffer (the threads build) needs a crossOriginIsolated page.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  root,
  base: './',
  publicDir: fileURLToPath(new URL('./public/', import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL('./dist/', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: { index: root + 'index.html', tutorial: root + 'tutorial.html' },
    },
  },
  worker: { format: 'es' },
  // The worker imports the loader from wasm/js/, outside web/.
  server: { headers: isolation, fs: { allow: ['.'] } },
  preview: { headers: isolation },
});
