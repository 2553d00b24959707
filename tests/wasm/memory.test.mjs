// Ownership: class handles hold wasm memory until .delete(). Creating and
// deleting thousands of large sets keeps memory flat; the same without
// delete grows it. Plain results and thrown errors leave nothing behind
// (no heap bytes, no Embind value handles, no wasm stack).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { load, variants } from './helpers.mjs';

const N = 784;
const count = 1000; // 13 words of 8 bytes per pattern: 104 kB per set
const setBytes = count * Math.ceil(N / 64) * 8;

for (const variant of variants) {
  describe(`wasm ${variant}: memory`, () => {
    let damlab;
    before(async () => {
      damlab = await load(variant);
    });

    it('stays flat over thousands of large sets created and deleted', () => {
      const bytes = new Uint8Array(N * count).map((_, k) => (k * 7919) % 3 === 0);
      const first = damlab.PatternSet.fromBytes(bytes, N);
      const words = first.words();
      first.delete();
      const before = damlab.memoryStats();
      for (let k = 0; k < 3000; ++k) {
        const set = k % 2 ? damlab.PatternSet.fromBytes(bytes, N) : damlab.PatternSet.fromWords(words, N);
        const copy = set.slice(0, count);
        copy.delete();
        set.delete();
      }
      const end = damlab.memoryStats();
      assert.equal(end.wasmBytes, before.wasmBytes);
      assert.equal(end.allocatedBytes, before.allocatedBytes);
    });

    it('grows when the handles are not deleted (the control)', () => {
      const before = damlab.memoryStats();
      const kept = Array.from({ length: 1000 }, () => new damlab.PatternSet(N, count));
      const grown = damlab.memoryStats();
      assert.ok(grown.allocatedBytes - before.allocatedBytes >= kept.length * setBytes);
      assert.ok(grown.wasmBytes > before.wasmBytes, `${grown.wasmBytes} vs ${before.wasmBytes}`);
      kept.forEach((set) => set.delete());
      assert.equal(damlab.memoryStats().allocatedBytes, before.allocatedBytes);
    });

    it('leaves nothing behind after plain results and errors', () => {
      const set = damlab.rademacher(100, 30, 0.55, 2);
      const net = new damlab.Network(set, { F: 'rectpoly', n: 3 });
      const spec = JSON.stringify({ data: { source: 'rademacher', N: 100, S: 30, p: 0.5, seed: 7 } });
      const idx = new Uint8Array(1 << 16); // a large argument on a failing call
      const rounds = () => {
        damlab.capacity(set, { F: 'poly', n: 2 }, () => true);
        damlab.runSpec(spec);
        net.recall(set, { mode: 'async', seed: 1, steps: 3 });
        const rng = new damlab.Rng(5);
        rng.permutation(100);
        rng.delete();
        for (const bad of [
          () => damlab.runSpec('{"data": {"source": "idx", "path": "x"}}', idx),
          () => damlab.runSpec('{'),
          () => damlab.capacity(set, { F: 'poly', n: 99 }),
          () => damlab.capacity(set, { F: 'poly', n: 2 }, () => false),
          () => damlab.capacity(set, { F: 'poly', n: 2 }, () => { throw 7; }),
          () => net.recall(set, { mode: 'nope' }),
          () => damlab.PatternSet.fromBytes(idx, 3),
          () => new damlab.Rng(-1),
        ])
          assert.throws(bad);
      };
      rounds(); // first-call allocations (tables, caches) happen here
      const before = { ...damlab.memoryStats(), handles: damlab.count_emval_handles(), sp: damlab.stackSave() };
      for (let k = 0; k < 2000; ++k) rounds();
      const end = { ...damlab.memoryStats(), handles: damlab.count_emval_handles(), sp: damlab.stackSave() };
      assert.deepEqual(end, before);
      net.delete();
      set.delete();
    });
  });
}
