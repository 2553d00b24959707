// measure = trajectory (experiment/trajectory_measure.hpp), the Recall
// view's spec: runSpec gives `damlab run`'s record byte for byte (but for
// code_version), and its numbers equal the composition the page's worker
// made before it had a spec (Rng permutation, selectPatterns, flipBits,
// occlude, occlusionMask, recallTrajectory), so no trajectory changed.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';

import { load, nativeRecords, nativeRunner, root, variants, withoutVersion } from './helpers.mjs';

const mnistPath = join(root, 'public/data/mnist-10k.bin');
const hasMnist = existsSync(mnistPath);

const specs = {
  'rademacher-async-clamped': {
    measure: 'trajectory',
    data: { source: 'rademacher', N: 100, S: 30, p: 0.5, seed: 3 },
    model: { F: 'rectpoly', n: 2 },
    probe: { K: 25, memory: 7, delta: 0.3, steps: 8, update: 'async', seed: 5, occlusion_position: 'left', clamp: true },
  },
  'rademacher-hopfield': {
    measure: 'trajectory',
    data: { source: 'rademacher', N: 64, S: 12, p: 0.5, seed: 2 },
    model: { name: 'hopfield-covariance', a: 0.3 },
    probe: { memory: 4, delta: 0.1, steps: 5, seed: 1 },
  },
  ...(hasMnist && {
    'mnist-recall-view': {
      measure: 'trajectory',
      data: { source: 'mnist' },
      model: { F: 'rectpoly', n: 40 },
      probe: { K: 100, memory: 3, delta: 0.2, steps: 10, update: 'async', seed: 1, occlusion_position: 'top', clamp: false },
    },
    'mnist-exp-clamped': {
      measure: 'trajectory',
      data: { source: 'mnist' },
      model: { F: 'exp', beta: 0.5 },
      probe: { K: 50, memory: 5, delta: 0.05, steps: 10, update: 'sync', seed: 2, occlusion_position: 'bottom', clamp: true },
    },
  }),
};

const bytesOf = (spec) => (spec.data.source === 'mnist' ? new Uint8Array(readFileSync(mnistPath)) : undefined);
const signs = (bits) => Int8Array.from(bits, (bit) => (bit === '1' ? 1 : -1));

// The page's former worker composition, step by step, on the asset's patterns.
function formerComposition(damlab, spec) {
  const handles = [];
  const own = (handle) => (handles.push(handle), handle);
  try {
    const { probe: p } = spec;
    const asset = damlab.parsePackedAsset(bytesOf(spec));
    handles.push(asset.patterns);
    const count = asset.patterns.size;
    const rng = own(new damlab.Rng(p.seed));
    const chosen = rng.permutation(count).subarray(0, p.K);
    const memories = own(damlab.selectPatterns(asset.patterns, chosen));
    let start = own(damlab.flipBits(own(memories.slice(p.memory, 1)), p.delta, rng));
    const occlusion = { size: Math.floor(Math.round(Math.sqrt(asset.patterns.N)) / 2), position: p.occlusion_position, fill: 'off' };
    start = own(damlab.occlude(start, occlusion, rng));
    const clamped = p.clamp ? damlab.occlusionMask(asset.patterns.N, occlusion).map((covered) => (covered ? 0 : 1)) : null;
    const run = damlab.recallTrajectory(memories, spec.model, start, { mode: p.update, steps: p.steps, seed: p.seed, index: 0, ...(clamped ? { clamped } : {}) });
    const top = run.overlaps.map((overlaps) =>
      Array.from(overlaps.keys())
        .sort((a, b) => overlaps[b] - overlaps[a] || a - b)
        .slice(0, 5)
        .map((m) => ({ memory: m, overlap: overlaps[m], data_index: chosen[m], label: asset.labels[chosen[m]] })),
    );
    return { run, top, stored: memories.signs(p.memory), item: chosen[p.memory], label: asset.labels[chosen[p.memory]] };
  } finally {
    for (const handle of handles.reverse()) handle.delete();
  }
}

const native = nativeRunner();

for (const variant of variants) {
  describe(`trajectory spec (${variant})`, () => {
    let damlab;
    let expected;
    before(async () => {
      damlab = await load(variant);
      expected = native ? nativeRecords(native, specs) : null;
    });

    for (const name of Object.keys(specs)) {
      it(`${name}: runSpec's record is damlab run's, byte for byte`, { skip: native ? false : 'no native runner built' }, () => {
        const text = `${damlab.runSpec(JSON.stringify(specs[name]), bytesOf(specs[name]))}\n`;
        assert.equal(withoutVersion(text), withoutVersion(expected[name]));
      });
    }

    for (const name of Object.keys(specs).filter((n) => n.startsWith('mnist'))) {
      it(`${name}: the numbers of the page's former composition`, () => {
        const spec = specs[name];
        const { result } = JSON.parse(damlab.runSpec(JSON.stringify(spec), bytesOf(spec)));
        const former = formerComposition(damlab, spec);
        assert.deepEqual(result.states.map(signs), former.run.states);
        assert.deepEqual(result.energies, Array.from(former.run.energies));
        assert.deepEqual(result.flips, Array.from(former.run.flips));
        assert.equal(result.converged, former.run.converged);
        assert.deepEqual(result.nearest, former.top);
        assert.deepEqual(signs(result.probed.bits), former.stored);
        assert.deepEqual([result.probed.data_index, result.probed.label], [former.item, former.label]);
        assert.ok(result.states.length >= 2, 'the probe moves');
      });
    }

    it('refuses a bad field by name, with its range', () => {
      const bad = { ...specs['rademacher-hopfield'], probe: { memory: 12 } };
      assert.throws(() => damlab.runSpec(JSON.stringify(bad)), (error) => error.field === 'probe.memory' && /below K = 12/.test(error.message));
    });
  });
}
