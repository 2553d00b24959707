// The data bindings of the recall view: parsePackedAsset (layout and
// checksum), selectPatterns, occlude and occlusionMask. The probe they build
// equals the one the page used to build in JS (permutation, per-bit
// bernoulli flips, the 28×28 half-image regions), so recall results are unchanged.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';

import { load, root, throwsDamlab, variants } from './helpers.mjs';

const corpus = (name) => new Uint8Array(readFileSync(join(root, 'tests/fuzz/corpus/packed_asset', name)));
const mnistPath = join(root, 'public/data/mnist-10k.bin');

// The half-image regions the page drew by hand before occlude was bound
// (row and column of a side × side image).
const regions = (side) => {
  const h = side / 2;
  const q = side / 4; // side 28: rows and columns 7 to 20
  return {
    top: (row) => row < h,
    bottom: (row) => row >= h,
    left: (row, col) => col < h,
    right: (row, col) => col >= h,
    center: (row, col) => row >= q && row < side - q && col >= q && col < side - q,
  };
};

for (const variant of variants) {
  describe(`data bindings (${variant})`, () => {
    let damlab;
    before(async () => {
      damlab = await load(variant);
    });

    it('parsePackedAsset reads patterns, labels and source', () => {
      const asset = damlab.parsePackedAsset(corpus('valid-n100'));
      try {
        assert.equal(asset.patterns.N, 100);
        assert.equal(asset.patterns.size, 5);
        assert.equal(asset.labels.length, 5);
        assert.ok(asset.labels instanceof Uint8Array);
        assert.equal(asset.source, 'seed');
      } finally {
        asset.patterns.delete();
      }
      const empty = damlab.parsePackedAsset(corpus('valid-empty'));
      assert.equal(empty.patterns.size, 0);
      empty.patterns.delete();
    });

    it('parsePackedAsset rejects a corrupted checksum, a changed payload and a bad size', () => {
      throwsDamlab(assert, () => damlab.parsePackedAsset(corpus('bad-checksum')), { name: 'DataError', message: /checksum/ });
      const changed = corpus('valid-n100');
      changed[changed.length - 1] ^= 1; // a label byte
      throwsDamlab(assert, () => damlab.parsePackedAsset(changed), { name: 'DataError', message: /checksum/ });
      throwsDamlab(assert, () => damlab.parsePackedAsset(corpus('truncated')), { name: 'DataError' });
      throwsDamlab(assert, () => damlab.parsePackedAsset([1, 2]), { name: 'InvalidArgument', field: 'bytes' });
    });

    it('selectPatterns picks pool patterns by index, in order', () => {
      const asset = damlab.parsePackedAsset(corpus('valid-n100'));
      const chosen = damlab.selectPatterns(asset.patterns, new Uint32Array([4, 0, 2]));
      try {
        assert.equal(chosen.size, 3);
        [4, 0, 2].forEach((p, i) => assert.deepEqual(chosen.signs(i), asset.patterns.signs(p)));
        throwsDamlab(assert, () => damlab.selectPatterns(asset.patterns, new Uint32Array([5])), {
          name: 'InvalidArgument',
          field: 'indices[0]',
        });
      } finally {
        chosen.delete();
        asset.patterns.delete();
      }
    });

    it('occlude and occlusionMask cover the half-image regions', () => {
      for (const side of [28]) {
        const N = side * side;
        const ones = damlab.PatternSet.fromSigns(new Int8Array(N).fill(1), N);
        const rng = new damlab.Rng(1);
        try {
          for (const [position, covered] of Object.entries(regions(side))) {
            const occlusion = { size: side / 2, position, fill: 'off' };
            const expected = Uint8Array.from({ length: N }, (_, i) => (covered(Math.floor(i / side), i % side) ? 1 : 0));
            assert.deepEqual(damlab.occlusionMask(N, occlusion), expected, `${position}, side ${side}`);
            const occluded = damlab.occlude(ones, occlusion, rng);
            assert.deepEqual(occluded.signs(0), Int8Array.from(expected, (m) => (m ? -1 : 1)));
            occluded.delete();
          }
          // A fixed position with fill off draws nothing.
          assert.equal(rng.next(), new damlab.Rng(1).next());
          throwsDamlab(assert, () => damlab.occlusionMask(N, { size: 2, position: 'random' }), {
            name: 'InvalidArgument',
            field: 'occlusion.position',
          });
          throwsDamlab(assert, () => damlab.occlude(ones, { size: side + 1, position: 'top' }, rng), { name: 'InvalidArgument' });
          throwsDamlab(assert, () => damlab.occlude(ones, { size: 1, where: 'top' }, rng), { name: 'InvalidArgument' });
        } finally {
          ones.delete();
          rng.delete();
        }
      }
    });

    it('the recall probe equals the page\'s former JS construction', { skip: existsSync(mnistPath) ? false : 'public/data/mnist-10k.bin not built' }, () => {
      const asset = damlab.parsePackedAsset(new Uint8Array(readFileSync(mnistPath)));
      const handles = [asset.patterns];
      const own = (h) => (handles.push(h), h);
      try {
        const { N, size: count } = asset.patterns;
        const side = 28;
        for (const [K, digit, delta, position, seed] of [[100, 3, 0.2, 'top', 1], [50, 0, 0.1, 'center', 7], [10, 9, 0.3, 'none', 2]]) {
          // Bound: permutation, selectPatterns, flipBits, occlude.
          const rng = own(new damlab.Rng(seed));
          const chosen = rng.permutation(count).subarray(0, K);
          const memories = own(damlab.selectPatterns(asset.patterns, chosen));
          let start = own(damlab.flipBits(own(memories.slice(digit, 1)), delta, rng));
          if (position !== 'none') start = own(damlab.occlude(start, { size: 14, position, fill: 'off' }, rng));
          // Former: the words copied by hand, a bernoulli draw per bit, the region table.
          const old = own(new damlab.Rng(seed));
          const oldChosen = old.permutation(count).subarray(0, K);
          assert.deepEqual(oldChosen, chosen);
          const probe = Int8Array.from(asset.patterns.signs(oldChosen[digit]));
          for (let i = 0; i < N; i++) if (old.bernoulli(delta)) probe[i] = -probe[i];
          if (position !== 'none')
            for (let i = 0; i < N; i++) if (regions(side)[position](Math.floor(i / side), i % side)) probe[i] = -1;
          assert.deepEqual(start.signs(0), probe, `K ${K}, item ${digit}, ${position}`);
          assert.equal(rng.next(), old.next());
        }
      } finally {
        for (const h of handles.reverse()) h.delete();
      }
    });
  });
}
