// recallTrajectory(): the recall run of one probe under any registry model.
// For the DAM it equals Network.recall and Network.overlaps (the path the
// playground used before); for every model its steps are consistent.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { exampleModels, load, throwsDamlab, variants } from './helpers.mjs';

// Every registry model but the DAM, whose trajectory the tests here compare with Network.recall.
const models = exampleModels.filter((model) => model.name !== 'dam');

const hd = (a, b) => a.reduce((sum, x, i) => sum + (x !== b[i] ? 1 : 0), 0);

for (const variant of variants) {
  describe(`recallTrajectory (${variant})`, () => {
    let damlab;
    const handles = [];
    const keep = (h) => (handles.push(h), h);
    before(async () => {
      damlab = await load(variant);
    });

    it('equals Network.recall and Network.overlaps for the DAM', () => {
      const memories = keep(damlab.rademacher(100, 12, 0.5, 3));
      const rng = keep(new damlab.Rng(4));
      const probes = keep(damlab.flipBits(memories, 0.2, rng));
      for (const model of [{ F: 'rectpoly', n: 3 }, { F: 'poly', n: 2 }, { F: 'exp', beta: 1 }]) {
        const net = keep(new damlab.Network(memories, model));
        const clamped = Uint8Array.from({ length: 100 }, (_, i) => (i < 30 ? 1 : 0));
        for (const options of [
          { mode: 'sync', steps: 5, index: 2 },
          { mode: 'async', steps: 10, seed: 7, index: 5 },
          { mode: 'async', steps: 3, index: 1, clamped },
          {},
        ]) {
          const run = damlab.recallTrajectory(memories, model, probes, options);
          const old = net.recall(probes, options);
          assert.deepEqual(run.states, old.states);
          assert.deepEqual(run.energies, old.energies);
          assert.deepEqual(run.flips, old.flips);
          assert.equal(run.converged, old.converged);
          const all = new Int8Array(old.states.length * 100);
          old.states.forEach((state, t) => all.set(state, t * 100));
          const states = keep(damlab.PatternSet.fromSigns(all, 100));
          old.states.forEach((_, t) => assert.deepEqual(run.overlaps[t], net.overlaps(states, t)));
        }
      }
      // The named DAM is the same model.
      const named = damlab.recallTrajectory(memories, { name: 'dam', F: 'rectpoly', n: 3 }, probes, { steps: 4 });
      assert.deepEqual(named, damlab.recallTrajectory(memories, { F: 'rectpoly', n: 3 }, probes, { steps: 4 }));
    });

    it('runs every registry model with consistent steps', () => {
      const memories = keep(damlab.rademacher(64, 6, 0.3, 5));
      const rng = keep(new damlab.Rng(6));
      const probes = keep(damlab.flipBits(memories, 0.05, rng));
      for (const model of models) {
        for (const mode of ['sync', 'async']) {
          const run = damlab.recallTrajectory(memories, model, probes, { mode, steps: 6, seed: 2, index: 1 });
          const name = `${model.name} ${mode}`;
          assert.deepEqual(run.states[0], probes.signs(1), name);
          assert.equal(run.flips.length, run.states.length - 1, name);
          assert.equal(run.overlaps.length, run.states.length, name);
          assert.ok(run.energies.length === 0 || run.energies.length === run.states.length, name);
          run.flips.forEach((f, t) => assert.equal(f, hd(run.states[t], run.states[t + 1]), `${name} step ${t + 1}`));
          if (run.converged) assert.equal(run.flips.at(-1), 0, name);
          for (const overlaps of run.overlaps) assert.equal(overlaps.length, 6, name);
          // A clamped run never changes the clamped bits.
          const clamped = Uint8Array.from({ length: 64 }, (_, i) => i % 2);
          const held = damlab.recallTrajectory(memories, model, probes, { mode, steps: 4, index: 1, clamped });
          for (const state of held.states) for (let i = 1; i < 64; i += 2) assert.equal(state[i], held.states[0][i], name);
        }
      }
      // A stored pattern is a fixed point of the nearest-pattern model.
      const stored = damlab.recallTrajectory(memories, { name: 'nearest' }, memories, { index: 3 });
      assert.equal(stored.converged, true);
      assert.equal(stored.states.length, 2);
      assert.equal(stored.overlaps[0][3], 64);
    });

    it('rejects a bad model, mode, steps or index naming the field', () => {
      const memories = keep(damlab.rademacher(16, 3, 0.5, 1));
      const run = (model, options) => () => damlab.recallTrajectory(memories, model, memories, options);
      throwsDamlab(assert, run({ name: 'lse', beta: 0 }), { name: 'InvalidArgument', field: 'model.beta' });
      throwsDamlab(assert, run({ name: 'bogus' }), { name: 'InvalidArgument', field: 'model.name', message: /must be one of dam, lse/ });
      throwsDamlab(assert, run('dam'), { name: 'InvalidArgument', field: 'model' });
      throwsDamlab(assert, run({ F: 'poly', n: 2 }, { mode: 'fast' }), { name: 'InvalidArgument', field: 'mode' });
      throwsDamlab(assert, run({ F: 'poly', n: 2 }, { steps: 0 }), { name: 'InvalidArgument', field: 'steps' });
      throwsDamlab(assert, run({ F: 'poly', n: 2 }, { index: 3 }), { name: 'InvalidArgument', field: 'index' });
      throwsDamlab(assert, run({ F: 'poly', n: 2 }, { bogus: 1 }), { name: 'InvalidArgument' });
    });

    it('leaves no handle behind', () => {
      for (const h of handles.splice(0).reverse()) h.delete();
    });
  });
}
