// One wasm module per worker. Protocol (both directions): {id, type, data}.
//   in:  run   {base, spec, theory}  spec: an experiment spec object
//        hello {base}                loads the module, answers with its build
//   out: progress  fraction in [0, 1]
//        result    {record, variant, version, theory}
//        error     {name, message, field}
// A run is one synchronous runSpec call, so it cannot read a cancel message:
// the pool cancels by terminating this worker.
import { loadDamlab } from '../../wasm/js/damlab.js';

let damlab = null;
const assets = new Map(); // packed data set file name -> bytes

async function module(base) {
  damlab ??= await loadDamlab({ baseUrl: new URL('wasm/', base).href });
  return damlab;
}

const assetFile = { mnist: 'mnist-10k.bin', 'fashion-mnist': 'fashion-mnist.bin' };

async function asset(base, source) {
  const file = assetFile[source];
  if (!file) return null;
  if (!assets.has(file)) {
    const response = await fetch(new URL(`data/${file}`, base));
    if (!response.ok) throw new Error(`data/${file}: HTTP ${response.status}`);
    assets.set(file, new Uint8Array(await response.arrayBuffer()));
  }
  return assets.get(file);
}

async function run(id, { base, spec, theory }) {
  const dam = await module(base);
  const bytes = await asset(base, spec.data.source);
  let last = -1;
  const record = dam.runSpec(JSON.stringify(spec), bytes, (fraction) => {
    // At most 100 messages per run.
    const step = Math.floor(fraction * 100);
    if (step !== last) {
      last = step;
      postMessage({ id, type: 'progress', data: fraction });
    }
  });
  const result = { record, variant: dam.variant, version: dam.version(), theory: null };
  const model = spec.model;
  if (theory && model.F !== 'exp') {
    const N = JSON.parse(record).result.N;
    // The formula has a domain of its own (e.g. n >= 2): outside it, say so.
    try {
      result.theory = { N, n: model.n, kmax: dam.kmax(N, model.n) };
    } catch (error) {
      result.theory = { N, n: model.n, error: error.message };
    }
  }
  return result;
}

onmessage = async ({ data: message }) => {
  const { id, type, data } = message;
  try {
    let result;
    if (type === 'run') result = await run(id, data);
    else if (type === 'hello') {
      const dam = await module(data.base);
      result = { variant: dam.variant, version: dam.version() };
    } else throw new Error(`unknown message type ${type}`);
    postMessage({ id, type: 'result', data: result });
  } catch (error) {
    postMessage({
      id,
      type: 'error',
      data: { name: error?.name ?? 'Error', message: error?.message ?? String(error), field: error?.field },
    });
  }
};
