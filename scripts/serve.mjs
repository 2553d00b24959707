#!/usr/bin/env node
// A small static server for the built playground (dist/), Node built-ins only.
// It sends COOP same-origin + COEP require-corp (a crossOriginIsolated page,
// so the threads build can run) unless --no-isolation is given, and always
// Cross-Origin-Resource-Policy: cross-origin (an isolated host page on
// another origin may embed a figure; see docs/playground.md, "Embedding").
//   node scripts/serve.mjs [--dir dist] [--port 5173] [--host 127.0.0.1] [--no-isolation]
// A busy port falls back to a free one. Also imported by the browser tests.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

export function serve({ dir = 'dist', port = 0, host = '127.0.0.1', isolation = true } = {}) {
  const root = resolve(dir);
  const server = createServer(async (request, response) => {
    const headers = { 'Cache-Control': 'no-cache', 'Cross-Origin-Resource-Policy': 'cross-origin' };
    if (isolation) {
      headers['Cross-Origin-Opener-Policy'] = 'same-origin';
      headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
    }
    try {
      let path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
      path = normalize(join(root, path));
      if (path !== root && !path.startsWith(root + sep)) throw new Error('outside');
      let info = await stat(path);
      if (info.isDirectory()) {
        path = join(path, 'index.html');
        info = await stat(path);
      }
      response.writeHead(200, {
        ...headers,
        'Content-Type': types[extname(path)] ?? 'application/octet-stream',
        'Content-Length': info.size,
      });
      if (request.method === 'HEAD') response.end();
      else createReadStream(path).pipe(response);
    } catch {
      // A plain-text 404, never an HTML page a wasm loader would misread.
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
      response.end('not found\n');
    }
  });
  return new Promise((resolvePromise, reject) => {
    const listen = (p) => server.listen(p, host);
    server.once('listening', () => {
      const address = server.address();
      resolvePromise({ server, url: `http://${host}:${address.port}/` });
    });
    server.on('error', (error) => {
      if (error.code === 'EADDRINUSE' && port !== 0) {
        port = 0;
        listen(0);
      } else reject(error);
    });
    listen(port);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const isolation = !args.includes('--no-isolation');
  const { url } = await serve({
    dir: option('--dir', 'dist'),
    port: Number(option('--port', 5173)),
    host: option('--host', '127.0.0.1'),
    isolation,
  });
  console.log(`damlab playground: ${url}  (${isolation ? 'cross-origin isolated' : 'no isolation headers'}; Ctrl-C stops)`);
  console.log(`tutorial with embedded figures: ${url}tutorial.html`);
}
