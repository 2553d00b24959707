// One wasm module per worker, and a dispatch table of short handlers. Every
// number comes from the module; this file only moves values between it and
// the page. Protocol (both directions): {id, type, data}.
//   in:  hello    {base}              loads the module: {variant, features, version, registry}
//        run      {base, spec, theory, bytes}  spec: an experiment spec object;
//                                     bytes: the IDX file of an idx source
//        expand   {base, experiment}  an experiment file's text: its points
//                                     (expandExperiment)
//        theory   {base, calls: [{name, args}]}  values of bound theory functions
//        recall   {base, spec}        a trajectory spec's record (see handlers.recall)
//        train    {base, spec, files, threads}  trains a train spec's classifier (see handlers.train)
//        memoryFile {base, memories}  the DAMLABM file of trained memories
//        trainedRecall {base, spec, memories, index}  a convergence spec on trained
//                                     memories (memories: the DAMLABM bytes): its record
//                                     and probe index's trajectory (see handlers.trainedRecall)
//        normalize {base, specs}       the specs as the core normalizes them (normalizeSpec)
//        summarize {base, summary, sweeps: [{experiment, records}]}  the replicate
//                                     summary (summarizeSweeps) of sweeps run point by
//                                     point: each experiment's CSV from its records (sweepCsv)
//   out: progress  fraction in [0, 1], or a handler's own report (train: each epoch)
//        result    the handler's value (run: {record, variant, version, theory})
//        error     {name, message, field, fatal}
//                  fatal: the module cannot be trusted with another job (out
//                  of memory, or an emscripten abort): the pool replaces this
//                  worker. Wasm memory never shrinks, so even a clean
//                  std::bad_alloc leaves the worker holding the browser's
//                  whole allowance; a fresh worker gives it back.
// A run is one synchronous runSpec call, so it cannot read a cancel message:
// the pool cancels by terminating this worker.
import { loadDamlab } from '../../wasm/js/damlab.js';

let damlab = null;
const assetBytes = new Map(); // packed data set file name -> bytes

async function module(base) {
  damlab ??= await loadDamlab({ baseUrl: new URL('wasm/', base).href });
  return damlab;
}

// mnist-grey: the grey digits a train spec's mnist source reads, under the
// file name the core gives them (trainingData's files key).
// fashion-PART-KIND: the first Fashion-MNIST items as IDX files (fashionFiles).
const assetFile = { mnist: 'mnist-10k.bin', 'fashion-mnist': 'fashion-mnist.bin', 'mnist-grey': 'mnist-10k-grey.bin' };
for (const part of ['train', 't10k']) for (const kind of ['images', 'labels']) assetFile[`fashion-${part}-${kind}`] = `fashion-mnist-${part}-${kind}.idx`;

async function fetchAsset(base, source) {
  const file = assetFile[source];
  if (!file) return null;
  if (!assetBytes.has(file)) {
    const response = await fetch(new URL(`data/${file}`, base));
    if (!response.ok) throw new Error(`data/${file}: HTTP ${response.status}`);
    assetBytes.set(file, new Uint8Array(await response.arrayBuffer()));
  }
  return assetBytes.get(file);
}

// Fashion-MNIST for training: the site's first 10,000 training and 1,000
// test items (`damlab pack`, plain IDX), under the names of Debian's files
// that a train spec's fashion-mnist source reads (the core takes the first
// data.train and data.test items of them, as the native runner does of the
// whole files; the page keeps both counts within what the site ships).
async function fashionFiles(base) {
  const files = {};
  for (const part of ['train', 't10k'])
    for (const kind of ['images', 'labels'])
      files[`fashion-mnist/${part}-${kind}-idx${kind === 'images' ? 3 : 1}-ubyte.gz`] = await fetchAsset(base, `fashion-${part}-${kind}`);
  return files;
}

// The theory functions the pages may call, by the module's names.
const theoryFunctions = ['kmax', 'kmaxHopfield', 'kmaxMceliece', 'kmaxWillshaw', 'kmaxExponential', 'rademacherMeanHd'];

const handlers = {
  async hello({ base }) {
    const dam = await module(base);
    // trainSpec: the core's defaults of a train spec (the train view's form).
    const trainSpec = JSON.parse(dam.normalizeSpec(JSON.stringify({ measure: 'train', data: { source: 'mnist' } })));
    return { variant: dam.variant, features: dam.features, version: dam.version(), registry: dam.modelRegistry(), trainSpec };
  },

  async run({ base, spec, theory, bytes: file }, progress) {
    const dam = await module(base);
    const bytes = file ?? (await fetchAsset(base, spec.data.source));
    const record = dam.runSpec(JSON.stringify(spec), bytes, progress);
    const result = { record, variant: dam.variant, version: dam.version(), theory: null };
    const model = spec.model;
    // The formula is the DAM's (polynomial F); other models have none here.
    if (theory && !model.name && model.F !== 'exp') {
      const N = JSON.parse(record).result.N;
      // The formula has a domain of its own (e.g. n >= 2): outside it, say so.
      try {
        result.theory = { N, n: model.n, kmax: dam.kmax(N, model.n) };
      } catch (error) {
        result.theory = { N, n: model.n, error: error.message };
      }
    }
    return result;
  },

  // The specs as the core completes and checks them (what runSpec runs and
  // its record names): the page shows these as the specs behind a chart.
  async normalize({ base, specs }) {
    const dam = await module(base);
    return specs.map((spec) => JSON.parse(dam.normalizeSpec(JSON.stringify(spec))));
  },

  // The tables `damlab summarize` writes for these sweeps: each sweep's CSV
  // is the one `damlab sweep` writes (the core's, from the records in point
  // order), summary the summary spec naming the sweeps by experiment name.
  async summarize({ base, summary, sweeps }) {
    const dam = await module(base);
    const csvs = Object.fromEntries(sweeps.map(({ experiment, records }) => [experiment.name, dam.sweepCsv(JSON.stringify(experiment), records)]));
    return dam.summarizeSweeps(JSON.stringify(summary), csvs);
  },

  async expand({ base, experiment }) {
    return (await module(base)).expandExperiment(experiment);
  },

  async theory({ base, calls }) {
    const dam = await module(base);
    return calls.map(({ name, args }) => {
      if (!theoryFunctions.includes(name)) throw new Error(`theory ${name}: must be one of ${theoryFunctions.join(', ')}`);
      return dam[name](...args);
    });
  },

  // The Krotov–Hopfield classifier of a train spec, as `damlab run` trains
  // it: the core checks the spec (normalizeSpec: its errors name spec
  // paths), trainingData makes the sets with the native runner's code (mnist:
  // the grey asset's seeded split; idx: the page's files, by the names the
  // spec gives them), and trainClassifier runs with the spec's options. After
  // each epoch, send posts that epoch's stats and the memories after it (the
  // page draws them, and keeps the last ones to export if the run is
  // cancelled). The result: the final errors and the DAMLABM file of the
  // final memories.
  async train({ base, spec, files, threads }, progress, send) {
    const dam = await module(base);
    const normalized = JSON.parse(dam.normalizeSpec(JSON.stringify(spec)));
    const { model, train: options } = normalized;
    const source = normalized.data.source;
    const bytes =
      source === 'mnist'
        ? { [assetFile['mnist-grey']]: await fetchAsset(base, 'mnist-grey') }
        : source === 'fashion-mnist'
        ? await fashionFiles(base)
        : files;
    const sets = dam.trainingData(JSON.stringify(normalized), bytes ?? {});
    const { pixels, classes } = sets.train;
    const f = model.F === 'exp' ? { F: 'exp' } : { F: 'rectpoly', n: model.n };
    const shape = { memories: options.memories, pixels, classes, ...f };
    const result = dam.trainClassifier(sets.train, sets.test, { ...options, ...f, threads }, progress, (epoch, stats, weights) =>
      send({ epoch, stats, memories: { ...shape, temperature: stats.temperature, weights } }, [weights.buffer]),
    );
    return {
      cancelled: result.cancelled,
      train_error: result.train_error,
      test_error: result.test_error,
      epochs: result.epochs,
      file: dam.encodeMemoryFile(result.memories),
      counts: { train: sets.train.labels.length, test: sets.test?.labels.length ?? 0 },
      source: sets.source,
      checksum: sets.checksum,
      variant: dam.variant,
      version: dam.version(),
    };
  },

  async memoryFile({ base, memories }) {
    return (await module(base)).encodeMemoryFile(memories);
  },

  // Trained memories handed over by the Train view: spec is a convergence
  // spec on them (data.source = trained, data.path naming the memory file),
  // run as `damlab run` runs it (runTrainedSpec: the record, D_c^ε on the
  // overloaded-regime paper's D), and probe `index` of it followed step by
  // step (trainedTrajectory: with that digit's state before noise, each
  // state's five memories of largest |overlap| and the weights of the
  // nearest ones, to draw).
  async trainedRecall({ base, spec, memories, index }, progress) {
    const dam = await module(base);
    const files = { [spec.data.path]: memories, [assetFile['mnist-grey']]: await fetchAsset(base, 'mnist-grey') };
    const text = JSON.stringify(spec);
    const trajectory = dam.trainedTrajectory(text, files, index);
    const record = dam.runTrainedSpec(text, files, progress);
    return { record, trajectory, variant: dam.variant, version: dam.version() };
  },

  // The Recall view's trajectory: a spec of measure = trajectory (its
  // memories, probe and updates: experiment/trajectory_measure.hpp) run as
  // `damlab run` runs it (runSpec), so the record is the native one byte for
  // byte; it holds every state and its nearest memories.
  async recall({ base, spec }, progress) {
    const dam = await module(base);
    const record = dam.runSpec(JSON.stringify(spec), await fetchAsset(base, spec.data.source), progress);
    return { record, variant: dam.variant, version: dam.version() };
  },
};

// At most 100 progress messages per job.
function progressOf(id) {
  let last = -1;
  return (fraction) => {
    const step = Math.floor(fraction * 100);
    if (step !== last) {
      last = step;
      postMessage({ id, type: 'progress', data: fraction });
    }
  };
}

onmessage = async ({ data: { id, type, data } }) => {
  try {
    const handler = handlers[type];
    if (!handler) throw new Error(`unknown message type ${type}`);
    const send = (value, transfer = []) => postMessage({ id, type: 'progress', data: value }, transfer);
    postMessage({ id, type: 'result', data: await handler(data, progressOf(id), send) });
  } catch (error) {
    const message = error?.message ?? String(error);
    const fatal = isFatal(error, message);
    postMessage({
      id,
      type: 'error',
      data: {
        name: error?.name ?? 'Error',
        message: fatal ? outOfMemory(message) : message,
        field: error?.field,
        fatal,
      },
    });
  }
};

// std::bad_alloc arrives as an Error with that message (the bindings rethrow
// every std::exception); a failed memory growth without exceptions, or any
// other abort, arrives as a WebAssembly.RuntimeError ("Aborted(...)") and
// leaves the module unusable; a JS-side allocation can fail as a RangeError.
function isFatal(error, message) {
  return (
    error instanceof WebAssembly.RuntimeError ||
    /bad_alloc|Aborted\(|Cannot enlarge memory|Out of memory|Array buffer allocation failed|Maximum memory size/i.test(message)
  );
}

function outOfMemory(message) {
  const memory = /bad_alloc|enlarge memory|Out of memory|allocation failed|Maximum memory/i.test(message);
  return memory
    ? `Out of memory: the run needed more WebAssembly memory than this browser allows the page (${message}). ` +
        'The worker was replaced; try a smaller S or N.'
    : `The WebAssembly module stopped (${message}). The worker was replaced.`;
}
