// Trained memories as a data source through the wasm module (the Recall
// view's hand-over): runTrainedSpec writes the record `damlab run` writes for
// the same spec, memory file and grey asset (but for the code version), and
// trainedTrajectory follows one probe of it to the Cvg the record averages.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { load, nativeRunner, root, throwsDamlab, variants } from './helpers.mjs';

// A grey asset of count 4 × 4 images (docs/data.md, DAMLABG), classes by turn;
// its checksum (FNV-1a 64 of the payload) written out here.
function greyAsset(count) {
  const pixels = 16, source = new TextEncoder().encode('trained source test');
  const header = 32 + Math.ceil(source.length / 8) * 8;
  const out = new Uint8Array(header + count * pixels + count);
  out.set(new TextEncoder().encode('DAMLABG\0'));
  const view = new DataView(out.buffer);
  view.setUint32(8, 1, true);
  view.setUint32(12, pixels, true);
  view.setUint32(16, count, true);
  view.setUint32(20, source.length, true);
  out.set(source, 32);
  for (let k = 0; k < count * pixels; k++) out[header + k] = (k * 37 + (k >> 4) * 11) % 256;
  for (let a = 0; a < count; a++) out[header + count * pixels + a] = a % 3;
  let hash = 0xcbf29ce484222325n;
  for (const b of out.subarray(header)) hash = BigInt.asUintN(64, (hash ^ BigInt(b)) * 0x100000001b3n);
  view.setBigUint64(24, hash, true);
  return out;
}

const K = 5, pixels = 16, classes = 3, width = pixels + classes;
const weights = Float32Array.from({ length: K * width }, (_, i) => (((i * 7919) % 200) - 100) / 100);
const memories = { memories: K, pixels, classes, F: 'rectpoly', n: 3, temperature: 4, weights };
const spec = { measure: 'convergence', data: { source: 'trained', path: 'm.memories', per_class: 4, seed: 2 }, probe: { steps: 3, delta: 0.2, seed: 7 } };
const versionless = (text) => text.replace(/"code_version": "[^"]*"/, '"code_version": ""');
const native = nativeRunner();

for (const variant of variants) {
  describe(`trained memories as a data source (${variant})`, () => {
    it('runs a convergence spec on a memory file as damlab run does, and follows its probes', async () => {
      const damlab = await load(variant);
      const files = { 'm.memories': damlab.encodeMemoryFile(memories), 'mnist-10k-grey.bin': greyAsset(30) };
      const text = damlab.runTrainedSpec(JSON.stringify(spec), files);
      const record = JSON.parse(text);
      assert.equal(record.result.probes, 12);
      // Each probe's trajectory ends at its Cvg: their mean is the record's.
      let sum = 0;
      for (let q = 0; q < 12; q++) {
        const t = damlab.trainedTrajectory(JSON.stringify(spec), files, q);
        assert.equal(t.states.length, t.flips.length + 1);
        assert.ok(t.states.length <= 4);
        const last = t.states.at(-1);
        assert.equal(last.length, width);
        // The overlaps, summed here literally, and the largest |overlap|.
        let best = 0;
        for (let mu = 0; mu < K; mu++) {
          let dot = 0;
          for (let i = 0; i < width; i++) dot += weights[mu * width + i] * last[i];
          assert.ok(Math.abs(t.overlaps.at(-1)[mu] - dot) < 1e-9);
          best = Math.max(best, Math.abs(t.overlaps.at(-1)[mu]));
        }
        sum += best / width;
        // Each state's five nearest by |overlap| (lower index on ties), the first's weights,
        // and the state before noise: the same spec without noise at step 0.
        t.overlaps.forEach((row, s) => {
          const order = [...row.keys()].sort((a, b) => Math.abs(row[b]) - Math.abs(row[a]) || a - b);
          assert.deepEqual(t.top[s].map((e) => e.memory), order);
          assert.deepEqual(t.top[s].map((e) => e.overlap), order.map((m) => row[m]));
          assert.deepEqual(Array.from(t.nearest[order[0]]), Array.from(weights.subarray(order[0] * width, (order[0] + 1) * width)));
        });
        const quiet = { ...spec, probe: { ...spec.probe, delta: 0, steps: 0 } };
        assert.deepEqual(Array.from(t.clean), Array.from(damlab.trainedTrajectory(JSON.stringify(quiet), files, q).states[0]));
      }
      assert.ok(Math.abs(record.result.mean_cvg - sum / 12) < 1e-12);
      throwsDamlab(assert, () => damlab.trainedTrajectory(JSON.stringify(spec), files, 12), { name: 'InvalidArgument', field: 'index' });
      throwsDamlab(assert, () => damlab.runTrainedSpec(JSON.stringify(spec), { 'm.memories': files['m.memories'] }), { name: 'InvalidArgument', field: 'files' });
      if (!native) return;
      const dir = mkdtempSync(join(tmpdir(), 'damlab-trained-'));
      writeFileSync(join(dir, 'm.memories'), files['m.memories']);
      writeFileSync(join(dir, 'mnist-10k-grey.bin'), files['mnist-10k-grey.bin']);
      writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
      execFileSync(native, ['run', join(dir, 'spec.json'), '--out', join(dir, 'out')], { cwd: root, stdio: 'ignore', env: { ...process.env, DAMLAB_DATA_DIR: dir } });
      assert.equal(versionless(text + '\n'), versionless(readFileSync(join(dir, 'out', 'spec.json'), 'utf8')));
    });
  });
}
