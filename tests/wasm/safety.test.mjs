// Memory safety at the JS boundary: sizes past the core's limits are refused
// before any allocation (wasm32's size_t is 32 bits, so a wrapped size would
// overwrite the module's memory); a set deleted by a progress callback does
// not change the running call; a caller's getter, Proxy or fake typed array
// that throws ends the call with its own error and leaks no handle.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { load, throwsDamlab, variants } from './helpers.mjs';

const invalid = (field, message) => ({ name: 'InvalidArgument', field, message });

for (const variant of variants) {
  describe(`wasm ${variant}: safety`, () => {
    let damlab;
    before(async () => {
      damlab = await load(variant);
    });

    // The module still works: a small capacity run gives its known answer.
    const stillWorks = () => {
      const set = damlab.rademacher(100, 30, 0.5, 7);
      const result = damlab.capacity(set, { F: 'rectpoly', n: 3 });
      set.delete();
      assert.equal(result.S, 30);
      assert.equal(result.exact.kmax, 30);
    };

    it('refuses sizes past the core limits before allocating', () => {
      const big = 2 ** 32 - 1;
      throwsDamlab(assert, () => damlab.rademacher(big, 1, 0.5, 1),
        invalid('N', 'N = 4294967295: must be at most 1048576'));
      throwsDamlab(assert, () => damlab.rademacher(10, big, 0.5, 1),
        invalid('count', 'count = 4294967295: must be at most 1048576'));
      throwsDamlab(assert, () => damlab.rademacher(2 ** 20, 2 ** 12, 0.5, 1),
        invalid('N * count', /^N \* count = 4294967296: must be at most 2147483648 bits/));
      throwsDamlab(assert, () => new damlab.PatternSet(big, 2), invalid('N', /must be at most 1048576/));
      throwsDamlab(assert, () => damlab.PatternSet.fromWords(new Uint32Array(4), big),
        invalid('N', /must be at most 1048576/));
      throwsDamlab(assert, () => damlab.PatternSet.fromBytes(new Uint8Array(4), big),
        invalid('N', /must be at most 1048576/));
      stillWorks();
    });

    it('keeps a set deleted by the progress callback alive for the call', () => {
      const make = () => damlab.rademacher(200, 500, 0.5, 3);
      const reference = make();
      const expected = damlab.capacity(reference, { F: 'rectpoly', n: 3 });
      reference.delete();
      const set = make();
      let deleted = false;
      const result = damlab.capacity(set, { F: 'rectpoly', n: 3 }, () => {
        if (!deleted) {
          set.delete();
          deleted = true;
          // Fill the freed memory, as later allocations would.
          for (let k = 0; k < 20; ++k) damlab.rademacher(200, 500, 1, k).delete();
        }
        return true;
      });
      assert.ok(deleted);
      assert.ok(expected.exact.kmax > 1);
      assert.deepEqual(result, expected);
      stillWorks();
    });

    it('ends with the caller\'s own error and leaks no handle', () => {
      const set = damlab.rademacher(20, 4, 0.5, 1);
      const net = new damlab.Network(set, { F: 'rectpoly', n: 3 });
      const thrown = new Error('from a getter');
      const throwing = { get F() { throw thrown; } };
      const proxy = new Proxy({}, { ownKeys() { throw thrown; } });
      const fake = Object.create(Uint8Array.prototype);
      const trap = new Proxy(new Uint8Array(4), { getPrototypeOf() { throw thrown; } });
      const toString = { toString() { throw thrown; } };
      const tag = { get [Symbol.toStringTag]() { throw thrown; } };
      const ownLength = new Uint8Array([1, 0, 1, 0]);
      Object.defineProperty(ownLength, 'length', { get() { throw thrown; } });
      const calls = [
        [() => damlab.capacity(set, throwing), thrown],
        [() => damlab.capacity(set, proxy), thrown],
        [() => new damlab.Network(set, throwing), thrown],
        [() => net.recall(set, { get mode() { throw thrown; } }), thrown],
        [() => damlab.runSpec(tag), thrown],
        [() => damlab.runSpec(toString), { name: 'InvalidArgument', field: 'spec' }],
        [() => damlab.capacity(set, { F: toString }), { name: 'InvalidArgument', field: 'F' }],
        [() => damlab.PatternSet.fromBytes(fake, 2), { name: 'InvalidArgument', field: 'bytes' }],
        [() => damlab.PatternSet.fromBytes(trap, 2), { name: 'InvalidArgument', field: 'bytes' }],
        [() => damlab.PatternSet.fromWords(fake, 2), { name: 'InvalidArgument', field: 'words' }],
        [() => damlab.runSpec('{}', fake), { name: 'InvalidArgument', field: 'idxBytes' }],
      ];
      const round = () => {
        for (const [call, expected] of calls)
          assert.throws(call, (error) => {
            if (expected === thrown) return error === thrown;
            assert.equal(error.name, expected.name);
            assert.equal(error.field, expected.field);
            return true;
          });
        // A real typed array with a length property of its own is read by
        // its internal length, without calling the getter.
        const copy = damlab.PatternSet.fromBytes(ownLength, 2);
        assert.deepEqual([...copy.signs(1)], [1, -1]);
        copy.delete();
      };
      round();
      const start = { ...damlab.memoryStats(), handles: damlab.count_emval_handles(), sp: damlab.stackSave() };
      for (let k = 0; k < 300; ++k) round();
      const end = { ...damlab.memoryStats(), handles: damlab.count_emval_handles(), sp: damlab.stackSave() };
      assert.deepEqual(end, start);
      net.delete();
      set.delete();
    });
  });
}
