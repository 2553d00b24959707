// Every function the WebAssembly module exports, and the errors bad arguments
// give (the core's messages, with name and field), for every build variant.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { idxBytes, load, throwsDamlab, variants } from './helpers.mjs';

const invalid = (field, message) => ({ name: 'InvalidArgument', field, message });

// The literal energy -Σ_μ F(m_μ) / F(N), from ±1 arrays.
function referenceEnergy(model, memories, state) {
  const N = state.length;
  const F = (x) => {
    if (model.F === 'exp') return Math.exp(model.beta * (x - N));
    if (model.F === 'rectpoly' && x <= 0) return 0;
    return (x / N) ** model.n;
  };
  let energy = 0;
  for (const memory of memories) {
    let m = 0;
    for (let i = 0; i < N; ++i) m += memory[i] * state[i];
    energy -= F(m);
  }
  return energy;
}

const signsOf = (set) => Array.from({ length: set.size }, (_, p) => set.signs(p));

for (const variant of variants) {
  describe(`wasm ${variant}: module API`, () => {
    let damlab;
    const handles = [];
    // Handles made by a test; deleted after the suite.
    const keep = (handle) => (handles.push(handle), handle);
    before(async () => {
      damlab = await load(variant);
    });
    after(() => handles.forEach((h) => h.isDeleted() || h.delete()));

    describe('PatternSet', () => {
      it('is built from 0/1 bytes, and reports N, size, words and signs', () => {
        const set = keep(damlab.PatternSet.fromBytes(new Uint8Array([1, 0, 1, 1, 0, 0, 0, 1]), 4));
        assert.equal(set.N, 4);
        assert.equal(set.size, 2);
        assert.equal(set.wordsPerPattern, 1);
        assert.deepEqual(set.signs(0), new Int8Array([1, -1, 1, 1]));
        assert.deepEqual(set.signs(1), new Int8Array([-1, -1, -1, 1]));
        assert.deepEqual(set.words(), new Uint32Array([0b1101, 0, 0b1000, 0]));
      });

      it('thresholds bytes, and round-trips words and signs', () => {
        const grey = keep(damlab.PatternSet.fromBytes(new Uint8Array([200, 100, 128, 0]), 2, 128));
        assert.deepEqual(signsOf(grey), [new Int8Array([1, -1]), new Int8Array([1, -1])]);
        // 70 bits span two 64-bit words: the second holds bits 64..69.
        const words = new Uint32Array([0x0c400801, 0x4418a840, 0x2, 0]);
        const wide = keep(damlab.PatternSet.fromWords(words, 70));
        assert.deepEqual(wide.words(), words);
        assert.equal(wide.signs(0)[65], 1);
        assert.equal(wide.signs(0)[64], -1);
        const again = keep(damlab.PatternSet.fromSigns(wide.signs(0), 70));
        assert.ok(again.equals(wide));
        const blank = keep(new damlab.PatternSet(3, 2));
        assert.deepEqual(signsOf(blank), [new Int8Array([-1, -1, -1]), new Int8Array([-1, -1, -1])]);
      });

      it('slices, checksums and measures pairwise distance', () => {
        const set = keep(
          damlab.PatternSet.fromSigns(new Int8Array([1, 1, 1, 1, -1, -1, 1, 1, -1, -1, -1, -1]), 4),
        );
        const middle = keep(set.slice(1, 1));
        assert.deepEqual(middle.signs(0), new Int8Array([-1, -1, 1, 1]));
        assert.ok(!middle.equals(set));
        // Distances 2, 4, 2.
        assert.deepEqual(set.pairwiseDistance(), { hd_sum: 8, pairs: 3, mean_hd: 8 / 3 });
        assert.deepEqual(set.pairwiseDistance(1), { hd_sum: 0, pairs: 0, mean_hd: null });
        assert.match(set.checksum(), /^[0-9a-f]{16}$/);
        assert.equal(keep(set.slice(0, 3)).checksum(), set.checksum());
      });

      it('rejects bad arguments with the core messages', () => {
        const { PatternSet } = damlab;
        throwsDamlab(assert, () => PatternSet.fromBytes([1, 0], 2),
          invalid('bytes', 'bytes = Array: must be a Uint8Array'));
        throwsDamlab(assert, () => PatternSet.fromBytes(new Uint8Array(3), 2),
          invalid('values.length', 'values.length = 3: must be a multiple of N = 2'));
        throwsDamlab(assert, () => PatternSet.fromBytes(new Uint8Array(3), 0),
          invalid('N', 'N = 0: must be at least 1'));
        throwsDamlab(assert, () => PatternSet.fromBytes(new Uint8Array(3), 2.5),
          invalid('N', 'N = 2.5: must be an integer in [0, 4294967295]'));
        throwsDamlab(assert, () => PatternSet.fromBytes(new Uint8Array(4), 2, 300),
          invalid('threshold', 'threshold = 300: must be an integer in [0, 255]'));
        throwsDamlab(assert, () => PatternSet.fromWords(new Uint32Array(3), 64),
          invalid('words.length', /^words.length = 3: must be even/));
        throwsDamlab(assert, () => PatternSet.fromWords(new Uint32Array([0, 1 << 6]), 38),
          invalid('words (pattern 0 padding)', /must be 0 in the bits past N/));
        throwsDamlab(assert, () => PatternSet.fromSigns(new Int8Array([1, 0]), 2),
          invalid('signs[1]', 'signs[1] = 0: must be +1 or -1'));
        throwsDamlab(assert, () => PatternSet.fromSigns(new Uint8Array([1, 1]), 2),
          invalid('signs', 'signs = Uint8Array: must be an Int8Array'));
        const set = keep(new PatternSet(4, 2));
        throwsDamlab(assert, () => set.signs(5), invalid('p', 'p = 5: must be an integer below size = 2'));
        throwsDamlab(assert, () => set.slice(1, 5), invalid('slice', /must be at most the set size 2/));
        throwsDamlab(assert, () => set.pairwiseDistance(3), invalid('prefix', /must be at most the set size 2/));
      });
    });

    describe('Network', () => {
      const models = [
        { F: 'poly', n: 3 },
        { F: 'rectpoly', n: 5 },
        { F: 'exp', beta: 0.1 },
      ];

      it('reports N, size, model and overlaps', () => {
        const memories = keep(damlab.rademacher(100, 5, 0.5, 1));
        const net = keep(new damlab.Network(memories, { F: 'poly', n: 2 }));
        assert.equal(net.N, 100);
        assert.equal(net.size, 5);
        assert.deepEqual(net.model, { F: 'poly', n: 2 });
        const xi = signsOf(memories);
        const expected = xi.map((m) => m.reduce((sum, v, i) => sum + v * xi[3][i], 0));
        assert.deepEqual(net.overlaps(memories, 3), new Int32Array(expected));
        assert.deepEqual(keep(new damlab.Network(memories, { F: 'exp', beta: 2 })).model, {
          F: 'exp',
          beta: 2,
        });
      });

      // No native energy output exists: the reference is the literal formula.
      it('gives energies within 1e-12 (relative) of the literal formula', () => {
        const memories = keep(damlab.rademacher(120, 8, 0.6, 4));
        const states = keep(damlab.rademacher(120, 6, 0.5, 5));
        for (const model of models) {
          const net = keep(new damlab.Network(memories, model));
          for (let p = 0; p < states.size; ++p) {
            const expected = referenceEnergy(model, signsOf(memories), states.signs(p));
            const got = net.energy(states, p);
            assert.ok(Math.abs(got - expected) <= 1e-12 * Math.abs(expected),
              `${model.F} p=${p}: ${got} vs ${expected}`);
          }
        }
      });

      it('updates synchronously and asynchronously, exactly and coarse-grained', () => {
        const memories = keep(damlab.rademacher(100, 5, 0.5, 1));
        const net = keep(new damlab.Network(memories, { F: 'poly', n: 3 }));
        for (let p = 0; p < 5; ++p) {
          assert.equal(net.isFixedPoint(memories, p), true);
          for (const i of [0, 17, 99]) assert.equal(net.fieldSign(memories, p, i), memories.signs(p)[i]);
        }
        // Pattern 0 with 12 bits flipped returns to pattern 0.
        const noisy = Int8Array.from(memories.signs(0), (v, i) => (i % 8 === 0 ? -v : v));
        const sync = keep(damlab.PatternSet.fromSigns(noisy, 100));
        assert.equal(net.synchronousUpdate(sync), 13);
        assert.deepEqual(sync.signs(0), memories.signs(0));
        const frozen = keep(damlab.PatternSet.fromSigns(noisy, 100));
        assert.equal(net.synchronousUpdate(frozen, new Uint8Array(100).fill(1)), 0);
        const sweep = keep(damlab.PatternSet.fromSigns(noisy, 100));
        assert.equal(net.asynchronousSweep(sweep, 0), 13);
        assert.deepEqual(sweep.signs(0), memories.signs(0));
        const ordered = keep(damlab.PatternSet.fromSigns(noisy, 100));
        const order = keep(new damlab.Rng(1)).permutation(100);
        assert.equal(net.asynchronousSweep(ordered, 0, order), 13);
        const half = new Uint8Array(100).fill(1, 0, 50);
        const clamped = keep(damlab.PatternSet.fromSigns(noisy, 100));
        assert.equal(net.asynchronousSweep(clamped, 0, null, half), 6);
        assert.deepEqual(clamped.signs(0).slice(0, 50), noisy.slice(0, 50));
      });

      it('runs a whole recall in one call', () => {
        const memories = keep(damlab.rademacher(100, 5, 0.5, 1));
        const net = keep(new damlab.Network(memories, { F: 'rectpoly', n: 4 }));
        const noisy = Int8Array.from(memories.signs(2), (v, i) => (i % 5 === 0 ? -v : v));
        const start = keep(damlab.PatternSet.fromSigns(noisy, 100));
        for (const options of [{ mode: 'sync', steps: 5 }, { mode: 'async', steps: 5, seed: 3 }]) {
          const run = net.recall(start, options);
          assert.equal(run.energies.length, run.flips.length + 1);
          assert.equal(run.states.length, run.energies.length);
          assert.deepEqual(run.states[0], noisy);
          assert.deepEqual(run.states.at(-1), memories.signs(2));
          assert.equal(run.converged, true);
          assert.equal(run.flips.at(-1), 0);
          assert.ok(run.energies.at(-1) < run.energies[0]);
          assert.ok(Math.abs(run.energies[0] - net.energy(start, 0)) === 0);
        }
        // Asynchronous updates never raise the energy.
        const run = net.recall(start, { mode: 'async' });
        for (let t = 1; t < run.energies.length; ++t) assert.ok(run.energies[t] <= run.energies[t - 1]);
        assert.deepEqual(start.signs(0), noisy, 'recall leaves its input alone');
        const one = net.recall(start, { steps: 1, clamped: new Uint8Array(100).fill(1) });
        assert.deepEqual(Array.from(one.flips), [0]);
        assert.equal(net.recall(start).converged, true);
        const pair = keep(damlab.rademacher(100, 2, 0.5, 9));
        assert.deepEqual(net.recall(pair, { index: 1, steps: 1 }).states[0], pair.signs(1));
      });

      it('rejects bad arguments with the core messages', () => {
        const memories = keep(damlab.rademacher(10, 3, 0.5, 1));
        const { Network } = damlab;
        throwsDamlab(assert, () => new Network(memories, { F: 'poly', n: 0 }),
          invalid('n', 'n = 0: must be an integer in [1, 60]'));
        throwsDamlab(assert, () => new Network(memories, { F: 'exp', beta: 0 }),
          invalid('beta', 'beta = 0: must be in (0, 100]'));
        throwsDamlab(assert, () => new Network(memories, { F: 'exp', n: 3, beta: 1 }),
          invalid('n', 'n = present: must be absent for F = exp (it takes beta)'));
        throwsDamlab(assert, () => new Network(memories, { F: 'poly', n: 2, beta: 1 }),
          invalid('beta', 'beta = present: must be absent for F = poly (it takes n)'));
        throwsDamlab(assert, () => new Network(memories, { F: 'quad', n: 2 }),
          invalid('F', 'F = quad: must be one of poly, rectpoly, exp'));
        throwsDamlab(assert, () => new Network(memories, { F: 3 }),
          invalid('F', 'F = 3: must be one of poly, rectpoly, exp'));
        throwsDamlab(assert, () => new Network(memories, { F: 'poly', n: 2.5 }),
          invalid('n', 'n = 2.5: must be an integer'));
        throwsDamlab(assert, () => new Network(memories, { F: 'poly', n: '3' }),
          invalid('n', 'n = 3: must be a number'));
        throwsDamlab(assert, () => new Network(memories, { F: 'poly', degree: 3 }),
          invalid('degree', 'degree = present: must be one of the keys of model: F, n, beta'));
        throwsDamlab(assert, () => new Network(memories, null),
          invalid('model', 'model = null: must be an object'));
        throwsDamlab(assert, () => new Network(keep(new damlab.PatternSet(10, 0)), { F: 'poly', n: 2 }),
          invalid('memories.length', 'memories.length = 0: must be at least 1'));
        const net = keep(new Network(memories, { F: 'poly', n: 2 }));
        const other = keep(damlab.rademacher(12, 1, 0.5, 1));
        throwsDamlab(assert, () => net.energy(other, 0), invalid('states.N', /^states.N = 12: must be/));
        throwsDamlab(assert, () => net.energy(memories, 9), invalid('state index', /^state index = 9: must be/));
        throwsDamlab(assert, () => net.synchronousUpdate(memories, new Uint8Array(3)),
          invalid('clamped.length', /^clamped.length = 3: must be/));
        throwsDamlab(assert, () => net.synchronousUpdate(memories, [1]),
          invalid('clamped', 'clamped = Array: must be a Uint8Array'));
        throwsDamlab(assert, () => net.asynchronousSweep(memories, 0, new Uint32Array(10)),
          invalid('order', /^order = 0: must be/));
        throwsDamlab(assert, () => net.recall(memories, { mode: 'gibbs' }),
          invalid('mode', 'mode = gibbs: must be sync or async'));
        throwsDamlab(assert, () => net.recall(memories, { steps: 0 }),
          invalid('steps', 'steps = 0: must be an integer in [1, 1048576]'));
        throwsDamlab(assert, () => net.recall(memories, { index: 3 }),
          invalid('index', 'index = 3: must be an integer below states.size = 3'));
        throwsDamlab(assert, () => net.recall(memories, { seed: -1, mode: 'async' }),
          invalid('seed', 'seed = -1: must be an integer in [0, 9007199254740991]'));
        throwsDamlab(assert, () => net.recall(memories, { step: 3 }),
          invalid('step', /^step = present: must be one of the keys of options/));
      });
    });

    describe('capacity', () => {
      it('reports both modes on a set where they differ', () => {
        const rows = ['+++-+++---+-++', '++-+-+++--++++', '+--+-++---+-+-',
          '+++-+++--+++-+', '+--+++-+++++++', '++-+++-++-++++'];
        const signs = Int8Array.from(rows.join(''), (ch) => (ch === '+' ? 1 : -1));
        const set = keep(damlab.PatternSet.fromSigns(signs, 14));
        const result = damlab.capacity(set, { F: 'poly', n: 2 });
        assert.equal(result.N, 14);
        assert.equal(result.S, 6);
        assert.equal(result.monotone, false);
        assert.equal(result.profile, '111010');
        assert.equal(result.exact.kmax, 3);
        assert.equal(result.binary.kmax, 5);
        assert.equal(result.binary.evaluations, 3);
        assert.equal(result.exact.censored, false);
        const first3 = set.slice(0, 3);
        assert.deepEqual(
          { hd_sum: result.exact.hd_sum, pairs: result.exact.pairs, mean_hd: result.exact.mean_hd },
          first3.pairwiseDistance(),
        );
        first3.delete();
      });

      it('marks a saturated set censored, and a single pattern has no mean HD', () => {
        const set = keep(damlab.rademacher(200, 20, 0.5, 1));
        const result = damlab.capacity(set, { F: 'rectpoly', n: 7 }, null);
        assert.equal(result.exact.kmax, 20);
        assert.equal(result.exact.censored, true);
        const one = keep(damlab.rademacher(10, 1, 0.5, 1));
        const single = damlab.capacity(one, { F: 'exp', beta: 1 });
        assert.equal(single.exact.mean_hd, null);
        assert.equal(single.exact.pairs, 0);
      });

      it('rejects bad arguments with the core messages', () => {
        const set = keep(damlab.rademacher(10, 3, 0.5, 1));
        throwsDamlab(assert, () => damlab.capacity(set, { F: 'rectpoly', n: 61 }),
          invalid('n', 'n = 61: must be an integer in [1, 60]'));
        throwsDamlab(assert, () => damlab.capacity(keep(new damlab.PatternSet(10, 0)), { F: 'poly', n: 2 }),
          invalid('patterns.length', 'patterns.length = 0: must be at least 1'));
        throwsDamlab(assert, () => damlab.capacity(set, { F: 'poly', n: 2 }, 3),
          invalid('onProgress', 'onProgress = 3: must be a function'));
        // Wrong argument counts, non-handles and deleted handles are Embind's own errors.
        assert.throws(() => damlab.capacity(), { name: 'BindingError' });
        assert.throws(() => damlab.capacity({}, { F: 'poly', n: 2 }), { name: 'BindingError' });
        const gone = damlab.rademacher(10, 2, 0.5, 1);
        gone.delete();
        assert.throws(() => damlab.capacity(gone, { F: 'poly', n: 2 }), {
          name: 'BindingError',
          message: 'Cannot pass deleted object as a pointer of type PatternSet',
        });
      });
    });

    describe('runSpec, normalizeSpec, version', () => {
      const spec = { data: { source: 'rademacher', N: 100, S: 30, p: 0.5, seed: 7 }, model: { F: 'poly', n: 2 } };

      it('returns the record of a spec, consistent with capacity()', () => {
        const record = JSON.parse(damlab.runSpec(JSON.stringify(spec)));
        const set = keep(damlab.rademacher(100, 30, 0.5, 7));
        const result = damlab.capacity(set, spec.model);
        assert.equal(record.data.checksum, set.checksum());
        assert.equal(record.result.exact.kmax, result.exact.kmax);
        assert.equal(record.result.binary.kmax, result.binary.kmax);
        assert.equal(record.result.binary.evaluations, result.binary.evaluations);
        assert.equal(record.result.profile, result.profile);
        // capacity() returns the record schema itself.
        assert.deepEqual(result, record.result);
        assert.equal(record.code_version, damlab.version());
        assert.equal(damlab.runSpec(JSON.stringify(spec), null, () => true), damlab.runSpec(JSON.stringify(spec)));
      });

      it('runs an idx source from the bytes it is handed', () => {
        const idx = { data: { source: 'idx', path: 'x.idx', threshold: 100, first: 12 } };
        const record = JSON.parse(damlab.runSpec(JSON.stringify(idx), idxBytes([20, 6, 7])));
        assert.equal(record.result.N, 42);
        assert.equal(record.result.S, 12);
        assert.equal(record.seed, null);
      });

      it('normalizes specs and reports the version', () => {
        const normal = JSON.parse(damlab.normalizeSpec('{"data": {"source": "rademacher", "N": 10, "S": 3, "p": 0.5}}'));
        assert.deepEqual(normal.model, { F: 'rectpoly', n: 3 });
        assert.equal(normal.data.seed, 1);
        assert.match(damlab.version(), /\S/);
      });

      it('rejects bad specs and files with the core messages', () => {
        throwsDamlab(assert, () => damlab.runSpec('{"data": '), invalid('spec', /^spec: not valid JSON/));
        throwsDamlab(assert, () => damlab.normalizeSpec('{"data": {"source": "rademacher", "N": 10, "S": 3, "p": 2}}'),
          invalid('data.p', 'data.p = 2: must be in [0, 1]'));
        throwsDamlab(assert, () => damlab.runSpec('{"data": {"source": "rademacher", "N": 10, "S": 3, "p": 0.5, "sed": 1}}'),
          invalid('data.sed', /^data.sed = present/));
        throwsDamlab(assert, () => damlab.runSpec(3), invalid('spec', 'spec = 3: must be a string of JSON'));
        const idx = JSON.stringify({ data: { source: 'idx', path: 'x.idx' } });
        throwsDamlab(assert, () => damlab.runSpec(idx), {
          name: 'DataError',
          message: 'IDX: header truncated: 0 bytes present, the magic number needs 4',
        });
        const bad = idxBytes([2, 2]);
        bad[1] = 0x1f;
        throwsDamlab(assert, () => damlab.runSpec(idx, bad), { name: 'DataError', message: /^IDX: wrong magic number/ });
        throwsDamlab(assert, () => damlab.runSpec(idx, [0, 0]), invalid('idxBytes', 'idxBytes = Array: must be a Uint8Array'));
      });
    });

    describe('theory', () => {
      it('matches the documented values and formulas', () => {
        assert.ok(Math.abs(damlab.kmax(200, 3) - 1258.26) < 0.01);
        assert.ok(Math.abs(damlab.kmax(784, 3) - 15371.6) < 0.1);
        assert.ok(Math.abs(damlab.logKmax(784, 3) - Math.log(damlab.kmax(784, 3))) < 1e-12);
        assert.ok(Number.isFinite(damlab.logKmax(4096, 60)));
        // sqrt(3!!/(2π)) (K/N^2) exp(-N^2/(2K 3!!)) for n = 3.
        const [N, K] = [200, 2000];
        const literal = Math.sqrt(3 / (2 * Math.PI)) * (K / N ** 2) * Math.exp(-(N ** 2) / (2 * K * 3));
        assert.ok(Math.abs(damlab.errorProbability(N, 3, K) - literal) <= 1e-12 * literal);
        assert.ok(Math.abs(damlab.kmaxHopfield(1000) - 138) < 1e-9);
        assert.equal(damlab.kmaxMceliece(1000), 1000 / (4 * Math.log(1000)));
      });

      it('rejects bad arguments with the core messages', () => {
        throwsDamlab(assert, () => damlab.kmax(1, 3), invalid('N', 'N = 1: must be at least 2'));
        throwsDamlab(assert, () => damlab.kmax(200, 1), invalid('n', 'n = 1: must be an integer in [2, 60]'));
        throwsDamlab(assert, () => damlab.logKmax(200, 2.5), invalid('n', 'n = 2.5: must be an integer'));
        throwsDamlab(assert, () => damlab.errorProbability(200, 3, 0), invalid('K', 'K = 0: must be a positive number'));
        throwsDamlab(assert, () => damlab.kmaxHopfield(-1), invalid('N', 'N = -1: must be an integer in [0, 4294967295]'));
        throwsDamlab(assert, () => damlab.kmaxMceliece(1), invalid('N', 'N = 1: must be at least 2'));
      });
    });

    it('reports memory use', () => {
      const stats = damlab.memoryStats();
      assert.ok(stats.wasmBytes >= 16 * 1024 * 1024);
      assert.ok(stats.allocatedBytes > 0 && stats.allocatedBytes < stats.wasmBytes);
    });
  });
}
