// Every registry model (docs/science.md, "Models") through the WebAssembly
// runSpec: the same record text as the native runner, byte for byte except
// the code_version line, for capacity and for recall of occluded, noisy
// probes with asynchronous updates (seeded orders and occlusion positions).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { exampleModels as models, load, nativeRecords, nativeRunner, variants, withoutVersion } from './helpers.mjs';


const specs = {};
for (const model of models) {
  specs[`${model.name}-capacity`] = {
    data: { source: 'rademacher', N: 64, S: 40, p: 0.3, seed: 5 },
    model,
  };
  specs[`${model.name}-recall`] = {
    measure: 'recall',
    data: { source: 'rademacher', N: 64, S: 12, p: 0.3, seed: 6 },
    model,
    probe: { delta: 0.05, steps: 3, update: 'async', seed: 2, occlusion: 3, occlusion_fill: 'random' },
  };
}

const native = nativeRunner();

describe('registry models: wasm and native agree', { skip: native ? false : 'no native runner built' }, () => {
  let expected;
  before(() => {
    expected = nativeRecords(native, specs);
  });

  for (const variant of variants) {
    describe(variant, () => {
      let damlab;
      before(async () => {
        damlab = await load(variant);
      });
      for (const name of Object.keys(specs)) {
        it(`${name}: same record text`, () => {
          const text = `${damlab.runSpec(JSON.stringify(specs[name]))}\n`;
          assert.equal(withoutVersion(text), withoutVersion(expected[name]));
        });
      }
      it('an unknown model name is refused with the known names', () => {
        assert.throws(
          () => damlab.runSpec(JSON.stringify({ data: specs['cmm-capacity'].data, model: { name: 'hopfeld' } })),
          /model\.name.*hopfield-bcpnn/,
        );
      });
    });
  }
});
