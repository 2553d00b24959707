// modelRegistry(): the core's model table as the page reads it. Its names,
// parameters and ranges are checked against the native runner's own errors
// (and the wasm runSpec's), so the forms built from it accept exactly what
// the core accepts.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';

import { load, nativeRunner, variants } from './helpers.mjs';

const native = nativeRunner();

// The native runner's error line for a spec (stderr of a failing `damlab run`).
function nativeError(spec) {
  const folder = mkdtempSync(join(tmpdir(), 'damlab-registry-'));
  try {
    const path = join(folder, 'spec.json');
    writeFileSync(path, JSON.stringify(spec));
    execFileSync(native, ['run', path], { encoding: 'utf8', stdio: 'pipe' });
    return null;
  } catch (error) {
    return error.stderr.trim();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const data = { source: 'rademacher', N: 16, S: 4, p: 0.5, seed: 1 };

// The model section with every applicable parameter at its default, and the
// choice that makes `parameter` apply.
function modelWith(entry, parameter, value) {
  const model = { name: entry.name };
  for (const p of entry.parameters) if (p.kind === 'choice') model[p.key] = p.default;
  if (parameter.when) model[parameter.when.key] = parameter.when.values[0];
  for (const p of entry.parameters)
    if (p.kind !== 'choice' && (!p.when || p.when.values.includes(model[p.when.key]))) model[p.key] = p.default;
  model[parameter.key] = value;
  return model;
}

// Values just outside each end of a numeric parameter's range.
function outside(p) {
  const step = p.kind === 'integer' ? 1 : 0.5;
  return [p.minOpen ? p.min : p.min - step, p.maxOpen ? p.max : p.max + step];
}

for (const variant of variants) {
  describe(`modelRegistry (${variant})`, () => {
    let damlab;
    let registry;
    before(async () => {
      damlab = await load(variant);
      registry = damlab.modelRegistry();
    });

    it('lists every model with a label and typed parameters, the DAM first', () => {
      assert.equal(registry[0].name, 'dam');
      for (const entry of registry) {
        assert.equal(typeof entry.label, 'string');
        assert.ok(entry.label.length > 0);
        for (const p of entry.parameters) {
          assert.ok(['integer', 'real', 'choice'].includes(p.kind), `${entry.name}.${p.key}: ${p.kind}`);
          if (p.kind === 'choice') assert.ok(p.choices.includes(p.default));
          else {
            assert.ok(p.min <= p.default && p.default <= p.max, `${entry.name}.${p.key} default in range`);
            assert.equal(p.choices.length, 0);
          }
          if (p.when) assert.ok(entry.parameters.some((q) => q.key === p.when.key && q.kind === 'choice'));
        }
      }
    });

    it('names the models the native runner knows, in its order', { skip: native ? false : 'no native runner built' }, () => {
      const message = nativeError({ data, model: { name: 'bogus' } });
      assert.equal(message, `damlab: error: model.name = bogus: must be one of ${registry.map((m) => m.name).join(', ')}`);
    });

    it('gives the ranges the native runner and runSpec enforce', { skip: native ? false : 'no native runner built' }, () => {
      let checked = 0;
      for (const entry of registry) {
        for (const p of entry.parameters) {
          // Defaults run without error.
          const fine = { data, model: modelWith(entry, p, p.default) };
          assert.doesNotThrow(() => damlab.normalizeSpec(JSON.stringify(fine)), `${entry.name} defaults`);
          const bad = p.kind === 'choice' ? ['none-such'] : outside(p);
          for (const value of bad) {
            const spec = { data, model: modelWith(entry, p, value) };
            // The value as the core prints it (1000000.5 is "1e+06"), then the range.
            const expected = new RegExp(`^model\\.${p.key} = [^:]+: must be ${p.range.replace(/[()[\]]/g, '\\$&')}$`);
            // A choice's values may be listed in another order by the spec parser.
            const same = (message) =>
              p.kind === 'choice'
                ? assert.deepEqual(
                    message.replace(/.*one of /, '').split(', ').sort(),
                    [...p.choices].sort(),
                    `${entry.name}.${p.key}: ${message}`,
                  )
                : assert.match(message, expected, `${entry.name}.${p.key} = ${value}`);
            const message = nativeError(spec);
            assert.ok(message.startsWith(`damlab: error: model.${p.key} = `), message);
            same(message.replace('damlab: error: ', ''));
            assert.throws(() => damlab.runSpec(JSON.stringify(spec)), (error) => {
              same(error.message);
              assert.equal(error.field, `model.${p.key}`);
              return true;
            });
            checked++;
          }
        }
      }
      assert.ok(checked >= 10, `only ${checked} ranges checked`);
    });
  });
}
