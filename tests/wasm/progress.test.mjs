// Progress callbacks: they fire with fractions in [0, 1]; returning false
// stops a long run with a 'Cancelled' error; a callback that throws ends the
// run with its own exception; the module keeps working afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { load, variants } from './helpers.mjs';

// Work growing as S²: a cancel at 1% of the work stops long before the end.
const long = { data: { source: 'rademacher', N: 784, S: 1500, p: 0.5, seed: 1 }, model: { F: 'poly', n: 3 } };

for (const variant of variants) {
  describe(`wasm ${variant}: progress and cancellation`, () => {
    let damlab;
    let set;
    before(async () => {
      damlab = await load(variant);
      set = damlab.rademacher(200, 60, 0.6, 3);
    });
    after(() => set.delete());

    it('reports increasing fractions up to 1', () => {
      const seen = [];
      const result = damlab.capacity(set, { F: 'rectpoly', n: 5 }, (fraction) => {
        seen.push(fraction);
        return true;
      });
      assert.ok(seen.length >= set.size, `${seen.length} calls`);
      assert.ok(seen.every((f, k) => f >= 0 && f <= 1 && (k === 0 || f >= seen[k - 1])));
      assert.equal(seen.at(-1), 1);
      // A callback returning nothing does not cancel.
      assert.deepEqual(damlab.capacity(set, { F: 'rectpoly', n: 5 }, () => {}), result);
      const spec = JSON.stringify({ data: { source: 'rademacher', N: 100, S: 20, p: 0.5, seed: 1 } });
      let calls = 0;
      damlab.runSpec(spec, null, () => ++calls > 0);
      assert.ok(calls >= 20);
    });

    it("stops a long run when the callback returns false, with a 'Cancelled' error", () => {
      // The full run first, so both runs see compiled code.
      let calls = 0;
      const full = performance.now();
      const record = JSON.parse(damlab.runSpec(JSON.stringify(long), null, () => (++calls, true)));
      const complete = performance.now() - full;
      const fullCalls = calls;
      calls = 0;
      const started = performance.now();
      assert.throws(
        () => damlab.runSpec(JSON.stringify(long), null, (fraction) => (++calls, fraction < 0.01)),
        (error) => error instanceof Error && error.name === 'Cancelled' && error.message === 'cancelled',
      );
      const cancelled = performance.now() - started;
      assert.ok(calls < fullCalls / 2, `${calls} calls before stopping, ${fullCalls} in a full run`);
      assert.ok(cancelled < complete / 2, `cancelled after ${cancelled} ms, a full run takes ${complete} ms`);
      assert.equal(record.result.S, 1500);
      assert.throws(() => damlab.capacity(set, { F: 'poly', n: 2 }, () => false), { name: 'Cancelled' });
    });

    it("passes a callback's own exception through", () => {
      class Stop extends Error {}
      const stop = new Stop('from the callback');
      assert.throws(() => damlab.capacity(set, { F: 'poly', n: 2 }, () => { throw stop; }), (e) => e === stop);
      assert.throws(() => damlab.runSpec(JSON.stringify(long), null, () => { throw 42; }), (e) => e === 42);
      // Nothing is left half done.
      assert.equal(damlab.capacity(set, { F: 'poly', n: 2 }).S, 60);
    });
  });
}
