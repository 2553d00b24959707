// Training of the Krotov–Hopfield (2016) classifier through the wasm module:
// the same memories, curves and predictions as the native core (bit for bit:
// every float sum runs in one fixed order on every build), across the three
// builds and thread counts; cancellation, callbacks, the grey asset and the
// trained-memory file; bad options refused by name.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { load, root, throwsDamlab, variants } from './helpers.mjs';

// FNV-1a 64 of bytes (the grey asset's checksum), written out independently.
function fnv1a64(bytes) {
  let hash = 0xcbf29ce484222325n;
  for (const b of bytes) hash = BigInt.asUintN(64, (hash ^ BigInt(b)) * 0x100000001b3n);
  return hash;
}

// A grey asset (docs/data.md): header, source, pixel bytes, labels.
function greyAsset(pixels, bytes, labels, source = 'synthetic test digits') {
  const text = new TextEncoder().encode(source);
  const header = 32 + Math.ceil(text.length / 8) * 8;
  const out = new Uint8Array(header + bytes.length + labels.length);
  out.set(new TextEncoder().encode('DAMLABG\0'));
  const view = new DataView(out.buffer);
  view.setUint32(8, 1, true);
  view.setUint32(12, pixels, true);
  view.setUint32(16, labels.length, true);
  view.setUint32(20, text.length, true);
  out.set(text, 32);
  out.set(bytes, header);
  out.set(labels, header + bytes.length);
  view.setBigUint64(24, fnv1a64(out.subarray(header)), true);
  return out;
}

// count images of 8 × 8 pixels in 4 classes: a bright square in the class's
// quadrant on a dim background, with pseudo-random noise.
function syntheticDigits(count, seed = 5) {
  const pixels = 64, bytes = new Uint8Array(count * pixels), labels = new Uint8Array(count);
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 24;
  for (let a = 0; a < count; ++a) {
    const label = a % 4;
    labels[a] = label;
    for (let i = 0; i < pixels; ++i) {
      const row = i >> 3, col = i & 7;
      const inside = (row < 4) === (label < 2) && (col < 4) === (label % 2 === 0);
      bytes[a * pixels + i] = Math.min(255, (inside ? 170 : 20) + (next() >> 1));
    }
  }
  return { pixels, bytes, labels };
}

const digits = syntheticDigits(120);
const asset = greyAsset(digits.pixels, digits.bytes, digits.labels);
const split = { test_per_class: 5, seed: 9 };
const options = {
  memories: 12, n: 3, loss_power: 2, epochs: 4, batch: 25, learning_rate: 0.05,
  temperature_initial: 30, temperature_final: 20, temperature_ramp_epochs: 2, seed: 17,
};

// The native side: tests/wasm/train_native.cpp built as
// build/tests/damlab_train_native (or $DAMLAB_TRAIN_NATIVE).
function nativeTrainer() {
  const named = process.env.DAMLAB_TRAIN_NATIVE;
  if (named) {
    if (!existsSync(named)) throw new Error(`DAMLAB_TRAIN_NATIVE = ${named}: no such file`);
    return named;
  }
  const built = ['build/tests/damlab_train_native', 'build-me/tests/damlab_train_native']
    .map((path) => resolve(root, path))
    .filter((path) => existsSync(path))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return built[0] ?? null;
}

// Every byte of the memories' file: the exact weights, F, n and T.
const fileOf = (damlab, memories) => Buffer.from(damlab.encodeMemoryFile(memories)).toString('hex');

for (const variant of variants) {
  describe(`training (${variant})`, () => {
    let damlab, data, result;
    before(async () => {
      damlab = await load(variant);
      data = damlab.greyData(asset, split);
      result = damlab.trainClassifier(data.train, data.test, options);
    });

    it('reads the grey asset and splits it class-balanced', () => {
      assert.equal(data.source, 'synthetic test digits');
      assert.equal(data.test.labels.length, 20);
      assert.equal(data.train.labels.length, 100);
      for (let c = 0; c < 4; ++c) assert.equal(data.test.labels.filter((l) => l === c).length, 5);
      assert.equal(data.train.pixels, 64);
      assert.equal(data.train.classes, 4);
      // Pixel b scaled to 2b/255 - 1 (rounded to float), image by image in index order.
      const first = data.indices.train[0];
      for (let i = 0; i < 64; ++i)
        assert.equal(data.train.images[i], Math.fround((2 * digits.bytes[first * 64 + i]) / 255 - 1));
      const whole = damlab.greyData(asset);
      assert.equal(whole.test, null);
      assert.deepEqual(whole.train.labels, digits.labels);
    });

    it('makes the sets of a train spec as the native runner does (trainingData)', () => {
      // mnist: the split of the asset, then the first data.train digits.
      const spec = { measure: 'train', data: { source: 'mnist', ...split, train: 30 } };
      const sets = damlab.trainingData(JSON.stringify(spec), { 'mnist-10k-grey.bin': asset });
      assert.deepEqual(sets.train.images, data.train.images.subarray(0, 30 * 64));
      assert.deepEqual(sets.train.labels, data.train.labels.subarray(0, 30));
      assert.deepEqual([sets.test.images, sets.test.labels], [data.test.images, data.test.labels]);
      // The mnist source has its ten classes whatever labels the asset holds.
      assert.deepEqual([sets.train.classes, sets.test.classes, sets.train.pixels], [10, 10, 64]);
      assert.match(sets.source, /^synthetic test digits; test: 5 digits of each class, seed 9$/);
      assert.match(sets.checksum, /^[0-9a-f]{16}$/);
      // An IDX pair written here (magic 0 0 8 dims, big-endian sizes): every item, in file order.
      const idx = (dims, bytes) => {
        const header = new Uint8Array(4 + 4 * dims.length);
        header.set([0, 0, 8, dims.length]);
        dims.forEach((d, i) => new DataView(header.buffer).setUint32(4 + 4 * i, d));
        return new Uint8Array([...header, ...bytes]);
      };
      const pair = { 'a/images': idx([120, 8, 8], digits.bytes), 'a/labels': idx([120], digits.labels) };
      const own = damlab.trainingData(JSON.stringify({ measure: 'train', data: { source: 'idx', images: 'a/images', labels: 'a/labels' } }), pair);
      const whole = damlab.greyData(asset);
      assert.deepEqual(own.train, whole.train);
      assert.equal(own.test, null);
      // Errors name the field: a missing file, a count past the data, a non-train spec.
      throwsDamlab(assert, () => damlab.trainingData(JSON.stringify(spec), {}),
        { name: 'InvalidArgument', field: 'files', message: /mnist-10k-grey\.bin/ });
      throwsDamlab(assert, () => damlab.trainingData(JSON.stringify({ ...spec, data: { ...spec.data, train: 101 } }), { 'mnist-10k-grey.bin': asset }),
        { name: 'InvalidArgument', field: 'data.train', message: /at most the 100 items/ });
      throwsDamlab(assert, () => damlab.trainingData(JSON.stringify({ measure: 'train', data: { ...split, source: 'mnist', test_per_class: 30 } }), { 'mnist-10k-grey.bin': asset }),
        { name: 'InvalidArgument', field: 'data.test_per_class', message: /data\.test_per_class = 30/ });
    });

    it('learns the synthetic classes, with curves and memories for drawing', () => {
      assert.equal(result.cancelled, false);
      assert.equal(result.epochs.length, 4);
      const last = result.epochs[3];
      // The final errors are fresh passes of the final memories; the last
      // epoch's test error is the same pass over the test set.
      assert.equal(result.train_error, damlab.errorRate(result.memories, data.train));
      assert.equal(result.test_error, last.test_error);
      assert.ok(last.loss < result.epochs[0].loss, 'training lowers the loss');
      assert.ok(result.test_error <= 0.25, `test error ${result.test_error}`);
      assert.deepEqual(result.epochs.map((e) => e.temperature), [30, 25, 20, 20]);
      const m = result.memories;
      assert.deepEqual([m.memories, m.pixels, m.classes, m.F, m.n, m.temperature], [12, 64, 4, 'rectpoly', 3, 20]);
      assert.ok(m.weights instanceof Float32Array && m.weights.length === 12 * 68);
      assert.ok(m.weights.every((w) => w >= -1 && w <= 1));
    });

    it('predicts, scores and counts errors consistently', () => {
      const m = result.memories;
      const predicted = damlab.predictLabels(m, data.test.images);
      const scores = damlab.labelScores(m, data.test.images);
      assert.equal(scores.length, 20 * 4);
      for (let a = 0; a < 20; ++a) {
        const row = Array.from(scores.subarray(4 * a, 4 * a + 4));
        assert.ok(row.every((c) => c >= -1 && c <= 1));
        // tanh keeps the order of the fields except where it rounds two to
        // the same value; then the prediction is one of the largest.
        assert.equal(row[predicted[a]], Math.max(...row));
      }
      const wrong = predicted.filter((p, a) => p !== data.test.labels[a]).length;
      assert.equal(damlab.errorRate(m, data.test), wrong / 20);
      assert.equal(result.test_error, wrong / 20, 'the last epoch tests the final memories');
    });

    it('gives the same result for every thread count, and on every call', () => {
      const again = damlab.trainClassifier(data.train, data.test, { ...options, threads: 3 });
      assert.equal(fileOf(damlab, again.memories), fileOf(damlab, result.memories));
      assert.deepEqual(again.epochs, result.epochs);
    });

    it('calls onEpoch with each epoch and onProgress with every minibatch', () => {
      const seen = [], fractions = [];
      const run = damlab.trainClassifier(data.train, null, options,
        (f) => { fractions.push(f); return true; },
        (epoch, stats, weights) => seen.push([epoch, stats, weights]));
      assert.deepEqual(seen.map(([e]) => e), [0, 1, 2, 3]);
      assert.deepEqual(seen.map(([, s]) => s), run.epochs);
      // Each epoch's weights are the memories after it: a run of that many
      // epochs ends with them (the schedule depends on the epoch only).
      assert.ok(seen.every(([, , w]) => w instanceof Float32Array && w.length === 12 * 68));
      assert.deepEqual(seen[3][2], run.memories.weights);
      const two = damlab.trainClassifier(data.train, null, { ...options, epochs: 2 });
      assert.deepEqual(seen[1][2], two.memories.weights);
      assert.notDeepEqual(seen[0][2], seen[1][2], 'the memories change from epoch to epoch');
      assert.equal(run.test_error, null);
      assert.ok(run.epochs.every((e) => e.test_error === null));
      assert.equal(fractions.length, 4 * 4);  // 100 images in batches of 25
      assert.equal(fractions.at(-1), 1);
      // The curves do not depend on a test set.
      assert.deepEqual(run.epochs.map((e) => e.loss), result.epochs.map((e) => e.loss));
    });

    it('cancels when onProgress returns false, keeping the completed epochs', () => {
      let calls = 0;
      const cancelled = damlab.trainClassifier(data.train, data.test, options, () => ++calls < 6);
      assert.equal(calls, 6);
      assert.equal(cancelled.cancelled, true);
      assert.equal(cancelled.epochs.length, 1);
      assert.deepEqual([cancelled.train_error, cancelled.test_error], [null, null]);
      const one = damlab.trainClassifier(data.train, data.test, { ...options, epochs: 1 });
      assert.deepEqual(cancelled.epochs, one.epochs);
      assert.equal(fileOf(damlab, cancelled.memories), fileOf(damlab, one.memories));
      const none = damlab.trainClassifier(data.train, data.test, options, () => false);
      assert.deepEqual([none.cancelled, none.epochs.length, none.train_error], [true, 0, null]);
    });

    it('passes an exception of a callback through unchanged', () => {
      const error = new RangeError('stop here');
      assert.throws(() => damlab.trainClassifier(data.train, null, options, () => { throw error; }),
        (e) => e === error);
      assert.throws(() => damlab.trainClassifier(data.train, null, options, null, () => { throw error; }),
        (e) => e === error);
    });

    it('refuses bad options and data, naming the field', () => {
      const bad = (patch, field, message) =>
        throwsDamlab(assert, () => damlab.trainClassifier(data.train, data.test, { ...options, ...patch }),
          { name: 'InvalidArgument', field, message });
      bad({ momentum: 1 }, 'momentum', 'momentum = 1: must be in [0, 1)');
      bad({ n: 0 }, 'n', 'n = 0: must be in [1, 100]');
      bad({ n: 2.5 }, 'n', /must be an integer/);
      bad({ F: 'poly' }, 'F', /rectpoly, exp/);
      bad({ F: 'exp' }, 'n', /absent for F = exp/);
      bad({ momentm: 0.5 }, 'momentm', /one of the keys of options/);
      bad({ epochs: 0 }, 'epochs', /in \[1, 1000000\]/);
      bad({ loss_power: 101 }, 'loss_power', /in \[1, 100\]/);
      bad({ learning_rate: '0.1' }, 'learning_rate', /a number/);
      bad({ seed: -1 }, 'seed', /\[0, 9007199254740991\]/);
      bad({ threads: 0 }, 'threads', /in \[1, 1024\]/);
      bad({ memories: 1000000 }, 'memories * (pixels + classes)', /at most 33554432/);
      const train = data.train;
      throwsDamlab(assert, () => damlab.trainClassifier({ ...train, images: Array.from(train.images) }, null, options),
        { name: 'InvalidArgument', field: 'train.images', message: /Float32Array/ });
      const labels = train.labels.slice();
      labels[3] = 4;
      throwsDamlab(assert, () => damlab.trainClassifier({ ...train, labels }, null, options),
        { name: 'InvalidArgument', field: 'train.labels[3]' });
      throwsDamlab(assert, () => damlab.trainClassifier(train, { ...data.test, pixels: 32, images: data.test.images.subarray(0, 640) }, options),
        { name: 'InvalidArgument', field: 'test.pixels' });
      const images = train.images.slice();
      images[7] = 1.5;
      throwsDamlab(assert, () => damlab.trainClassifier({ ...train, images }, null, options),
        { name: 'InvalidArgument', field: 'train.images[7]' });
      throwsDamlab(assert, () => damlab.trainClassifier(train, null, options, 5),
        { name: 'InvalidArgument', field: 'onProgress' });
      throwsDamlab(assert, () => damlab.predictLabels(result.memories, new Float32Array(65)),
        { name: 'InvalidArgument', field: 'images' });
    });

    it('writes and reads the trained-memory file', () => {
      const bytes = damlab.encodeMemoryFile(result.memories);
      assert.equal(new TextDecoder().decode(bytes.subarray(0, 7)), 'DAMLABM');
      assert.equal(bytes.length, 48 + 4 * 12 * 68);
      assert.deepEqual(damlab.decodeMemoryFile(bytes), result.memories);
      const corrupt = bytes.slice();
      corrupt[100] ^= 1;
      throwsDamlab(assert, () => damlab.decodeMemoryFile(corrupt), { name: 'DataError', message: /checksum/ });
      const asset2 = asset.slice();
      asset2[asset2.length - 1] ^= 1;
      throwsDamlab(assert, () => damlab.greyData(asset2), { name: 'DataError' });
    });
  });
}

describe('training: the three builds agree', { skip: variants.length < 2 && 'one build' }, () => {
  it('gives identical memories, curves, gradients and predictions', async () => {
    const outcomes = [];
    for (const variant of variants) {
      const damlab = await load(variant);
      const data = damlab.greyData(asset, split);
      const run = damlab.trainClassifier(data.train, data.test, { ...options, threads: 2 });
      const step = damlab.lossGradient(run.memories, data.train, 2, 2);
      outcomes.push({
        variant,
        file: fileOf(damlab, run.memories),
        epochs: run.epochs,
        loss: step.loss,
        gradient: Buffer.from(step.gradient.buffer).toString('hex'),
        predicted: Array.from(damlab.predictLabels(run.memories, data.test.images)),
      });
    }
    for (const o of outcomes.slice(1)) assert.deepEqual({ ...o, variant: 0 }, { ...outcomes[0], variant: 0 }, o.variant);
  });
});

const native = nativeTrainer();

describe('training: native and wasm agree bit for bit', { skip: native ? false : 'damlab_train_native not built' }, () => {
  let folder, lines, nativeFile;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'damlab-train-'));
    writeFileSync(join(folder, 'digits.bin'), asset);
    const args = [join(folder, 'digits.bin'), join(folder, 'memories.bin'),
      `test_per_class=${split.test_per_class}`, `split_seed=${split.seed}`,
      ...Object.entries(options).map(([k, v]) => `${k}=${v}`), 'threads=2'];
    lines = execFileSync(native, args, { encoding: 'utf8' }).trim().split('\n');
    nativeFile = readFileSync(join(folder, 'memories.bin')).toString('hex');
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  for (const variant of variants)
    it(`${variant}: memories, curves, errors and predictions`, async () => {
      const damlab = await load(variant);
      const data = damlab.greyData(asset, split);
      const run = damlab.trainClassifier(data.train, data.test, options);
      const epochs = lines.filter((l) => l.startsWith('epoch ')).map((l) => l.split(' ').slice(1).map(Number));
      assert.deepEqual(epochs, run.epochs.map((e) =>
        [e.epoch, e.temperature, e.learning_rate, e.loss, e.train_error, e.test_error]));
      const value = (key) => lines.find((l) => l.startsWith(`${key} `)).split(' ')[1];
      assert.equal(Number(value('train_error')), run.train_error);
      assert.equal(Number(value('test_error')), run.test_error);
      assert.deepEqual(value('predictions').split(',').filter(Boolean).map(Number),
        Array.from(damlab.predictLabels(run.memories, data.test.images)));
      assert.equal(fileOf(damlab, run.memories), nativeFile);
    });
});
