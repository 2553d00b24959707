// Every control and seed lives in location.hash (#key=value&...), so a link
// reproduces a run. parseHash checks each value and names the field it
// rejects; a rejected field keeps its default.

const int = (min, max) => ({
  parse(text) {
    const value = Number(text);
    return Number.isInteger(value) && value >= min && value <= max && /^-?\d+$/.test(text.trim())
      ? value
      : undefined;
  },
  rule: `must be an integer in [${min}, ${max}]`,
});
const real = (min, max, openMin = false, openMax = false) => ({
  parse(text) {
    const value = Number(text);
    const ok =
      text.trim() !== '' && Number.isFinite(value) && (openMin ? value > min : value >= min) && (openMax ? value < max : value <= max);
    return ok ? value : undefined;
  },
  rule: `must be a number in ${openMin ? '(' : '['}${min}, ${max}${openMax ? ')' : ']'}`,
});
const choice = (...options) => ({
  parse: (text) => (options.includes(text) ? text : undefined),
  rule: `must be one of ${options.join(', ')}`,
});
// Digit classes as "0,1,7" (empty: all ten classes).
const classes = {
  parse(text) {
    if (text.trim() === '') return '';
    const parts = text.split(',').map((part) => part.trim());
    if (!parts.every((part) => /^\d$/.test(part))) return undefined;
    return [...new Set(parts.map(Number))].sort((a, b) => a - b).join(',');
  },
  rule: 'must be a comma-separated list of digits 0-9 (empty: all)',
};

const maxSeed = 2 ** 53 - 1;

/**
 * The Fashion-MNIST items the site ships for training (`damlab pack`: the
 * first of each part, docs/data.md): a train spec takes the first
 * data.train and data.test items, so within these the page trains on the
 * images the native runner reads from the whole files.
 */
export const fashionSite = { train: 10000, test: 1000 };

/**
 * The models and their parameters come from the core's registry
 * (modelRegistry(), sent by a worker at start-up): setRegistry adds their
 * link fields to `fields` and fills `models`. A parameter's link key is its
 * spec key, or name_key when an earlier model has that key with another
 * range (lsr's β: lsr_beta). The recall view's model and parameters take an
 * r prefix (rmodel, rF, rn, rbeta, ra, ...).
 *   models[name] = {label, params: [{field, key, info}]}  field: the link key
 */
export const models = {};
// The page's opening values where they differ from the spec defaults: the
// explorer opens at n = 7, the recall view at n = 30.
const pageDefaults = { n: 7, rn: 30 };

const range = (info) =>
  `${info.minOpen ? '(' : '['}${info.min}, ${info.max}${info.maxOpen ? ')' : ']'}`;

/** A parameter's field rules, from its registry entry. */
function parameterField(info, field) {
  const rule =
    info.kind === 'choice'
      ? choice(...info.choices)
      : info.kind === 'integer'
      ? int(info.min, info.max)
      : real(info.min, info.max, info.minOpen, info.maxOpen);
  return { ...rule, default: pageDefaults[field] ?? info.default, info };
}

/** Adds the registry's models and parameters to `fields` and `models`. */
export function setRegistry(registry) {
  const owner = {}; // spec key -> range text of the plain link key
  for (const entry of registry) {
    const params = entry.parameters.map((info) => {
      const text = info.kind === 'choice' ? info.choices.join() : range(info);
      owner[info.key] ??= text;
      const field = owner[info.key] === text ? info.key : `${entry.name}_${info.key}`;
      fields[field] ??= parameterField(info, field);
      return { field, key: info.key, info };
    });
    models[entry.name] = { label: entry.label, params };
  }
  fields.model = { ...choice(...registry.map((entry) => entry.name)), default: registry[0].name };
  fields.rmodel = { ...fields.model };
  for (const { params } of Object.values(models))
    for (const { field, info } of params) fields[`r${field}`] ??= parameterField(info, `r${field}`);
}

/** The parameters of a model that apply to the state (their `when` choice holds), by link key. */
export function modelParams(state, name = state.model, prefix = '') {
  const params = models[name]?.params ?? []; // none before the registry arrives
  const value = (key) => state[prefix + params.find((p) => p.key === key).field];
  return params.filter(({ info }) => !info.when || info.when.values.includes(value(info.when.key)));
}

/** The fields, their defaults and their rules. */
export const fields = {
  view: { ...choice('explorer', 'sweeps', 'recall', 'train', 'models', 'results'), default: 'explorer' },
  source: { ...choice('mnist', 'rademacher', 'fashion-mnist', 'idx'), default: 'mnist' },
  threshold: { ...int(0, 255), default: 128 },
  selection: { ...choice('greedy', 'random', 'first'), default: 'greedy' },
  target_hd: { ...real(1, 784), default: 120 },
  S: { ...int(2, 2000), default: 50 },
  classes: { ...classes, default: '' },
  p: { ...real(0, 1), default: 0.88 },
  N: { ...int(2, 65536), default: 784 },
  seed: { ...int(0, maxSeed), default: 1 },
  figure: { ...choice('fig1', 'fig2', 'dc'), default: 'fig1' },
  scale: { ...choice('reduced', 'paper'), default: 'reduced' },
  // Fig. 1 and Fig. 2's summary: the paper's reading, or damlab's earlier
  // whole-set one; kmax: the summary's primary (plotted) Kmax mode, '' (not
  // in a link): the reading's own; rule: the greedy MNIST subsets' rule.
  reading: { ...choice('paper', 'whole_set'), default: 'paper' },
  kmax: { parse: (text) => (['', 'binary', 'exact'].includes(text) ? text : undefined), rule: "must be one of binary, exact (empty: the reading's)", default: '' },
  rule: { ...choice('band', 'strict'), default: 'band' },
  embed: { ...choice('0', '1'), default: '0' },
  // The recall view: K memories (a seeded random subset of a packed data
  // set), the stored item to corrupt, its corruption (clamp = 1: the pixels
  // outside the occlusion never update) and the update rule.
  rsource: { ...choice('mnist', 'fashion-mnist'), default: 'mnist' },
  K: { ...int(1, 10000), default: 100 },
  digit: { ...int(0, 9999), default: 3 },
  delta: { ...real(0, 1), default: 0.2 },
  occlude: { ...choice('none', 'top', 'bottom', 'left', 'right', 'center'), default: 'none' },
  clamp: { ...choice('0', '1'), default: '0' },
  rseed: { ...int(0, maxSeed), default: 1 },
  update: { ...choice('async', 'sync'), default: 'async' },
  steps: { ...int(1, 100), default: 10 },
  // trained: the Recall run was on memories sent from the Train view, which
  // a link cannot carry (such a link says so and does not run).
  rmemories: { ...choice('data', 'trained'), default: 'data' },
  // model, its parameters and the recall view's rF, rn, rbeta: setRegistry.
  ...trainFields(),
};

/**
 * The train view's link keys (prefix t) and the spec path each sets; the
 * ranges are the core's (docs/experiments.md, "Training"; the core checks
 * them again). Defaults: setTrainDefaults, from the core's normalized spec.
 */
export const trainKeys = {
  tdata: 'data.source',
  ttest: 'data.test_per_class',
  tsplit: 'data.seed',
  ttrain: 'data.train',
  ttestn: 'data.test',
  tF: 'model.F',
  tn: 'model.n',
  tK: 'train.memories',
  tepochs: 'train.epochs',
  tbatch: 'train.batch',
  tlr: 'train.learning_rate',
  tdecay: 'train.learning_rate_decay',
  tmomentum: 'train.momentum',
  tm: 'train.loss_power',
  tT0: 'train.temperature_initial',
  tT1: 'train.temperature_final',
  tramp: 'train.temperature_ramp_epochs',
  tmean: 'train.init_mean',
  tstd: 'train.init_std',
  tseed: 'train.seed',
};

function trainFields() {
  return {
    tdata: choice('mnist', 'fashion-mnist', 'idx'),
    ttest: int(1, 10000),
    tsplit: int(0, maxSeed),
    ttrain: int(0, 2 ** 32),
    ttestn: int(1, fashionSite.test),
    tF: choice('rectpoly', 'exp'),
    tn: int(1, 100),
    tK: int(1, 1000000),
    tepochs: int(1, 1000000),
    tbatch: int(1, 1000000),
    tlr: real(0, 1, true),
    tdecay: real(0, 1, true),
    tmomentum: real(0, 1, false, true),
    tm: int(1, 100),
    tT0: real(0, 1e6, true),
    tT1: real(0, 1e6, true),
    tramp: int(0, 1000000),
    tmean: real(-1, 1),
    tstd: real(0, 10),
    tseed: int(0, maxSeed),
  };
}

// The train view opens on a small run that shows memories forming within
// seconds (README, "Train view"); every other default is the core's.
const trainPageDefaults = { ttrain: 1000, ttestn: 1000, tK: 36, tepochs: 20, tbatch: 100, tlr: 0.06, tT0: 300, tT1: 300 };

const specValue = (spec, path) => path.split('.').reduce((object, key) => object?.[key], spec);

/** The core's defaults of a train spec (normalizeSpec, from a worker at start-up), under the page's own. */
export function setTrainDefaults(normalized) {
  for (const [key, path] of Object.entries(trainKeys))
    fields[key].default = trainPageDefaults[key] ?? specValue(normalized, path) ?? fields[key].default;
}

/** The train keys that apply: n for rectpoly only (exp has no degree), the split for mnist only, ttestn for fashion-mnist only. */
export const trainKeyApplies = (state, key) =>
  !(key === 'tn' && state.tF === 'exp') &&
  !((key === 'ttest' || key === 'tsplit') && state.tdata !== 'mnist') &&
  !(key === 'ttestn' && state.tdata !== 'fashion-mnist');

/**
 * The `damlab run` spec of the train view's state: the native runner
 * trains the same memories from it (threads: the result does not depend on
 * them). The view's worker trains from the same object. files: an idx
 * source's file names ({images, labels, test_images, test_labels}; the
 * test pair optional), as the spec names them (beside the spec file).
 */
export function trainSpec(state, files = {}) {
  const spec = { measure: 'train', data: {}, model: {}, train: {} };
  for (const [key, path] of Object.entries(trainKeys)) {
    if (!trainKeyApplies(state, key)) continue;
    const [section, name] = path.split('.');
    spec[section][name] = state[key];
  }
  if (state.tdata === 'idx')
    for (const name of ['images', 'labels', 'test_images', 'test_labels']) if (files[name]) spec.data[name] = files[name];
  spec.train.threads = 2;
  return spec;
}

/** Checks between fields, each message naming the field at fault. */
export function crossCheck(state) {
  const errors = [];
  if (state.view === 'train' && state.tdata === 'fashion-mnist' && !(state.ttrain >= 1 && state.ttrain <= fashionSite.train))
    errors.push(
      `ttrain (data.train) = ${state.ttrain}: must be in [1, ${fashionSite.train}] for tdata = fashion-mnist ` +
        `(the site ships the first ${fashionSite.train.toLocaleString('en')} training items; 0, all 60,000, runs natively only)`,
    );
  if (state.view === 'recall' && state.digit >= state.K)
    errors.push(`digit = ${state.digit}: must be less than K = ${state.K} (an index into the memories)`);
  if (state.view === 'recall' && state.clamp === '1' && state.occlude === 'none')
    errors.push('clamp = 1: needs an occlusion (with none, every pixel would be clamped and nothing could change)');
  return errors;
}

export function defaults() {
  return Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, field.default]));
}

/**
 * The field of a link key, or undefined: an own property only, so a key
 * that is a built-in name of every object (constructor, __proto__,
 * toString) is an unknown parameter like any other.
 */
export const fieldOf = (key) => (Object.hasOwn(fields, key) ? fields[key] : undefined);

/** A value as a message quotes it: at most 40 characters, then how long it is. */
export function quote(text) {
  return text.length > 40 ? `${text.slice(0, 40)}… (${text.length} characters)` : text;
}

/**
 * @returns {{state: object, errors: string[]}} errors read like
 *   "n = 99: must be an integer in [1, 60]".
 */
export function parseParams(text, state = defaults()) {
  const errors = [];
  for (const [key, raw] of new URLSearchParams(text)) {
    const field = fieldOf(key);
    if (!field) {
      errors.push(`${quote(key)}: unknown parameter`);
      continue;
    }
    const value = field.parse(raw);
    if (value === undefined) errors.push(`${key} = ${quote(raw)}: ${field.rule}`);
    else state[key] = value;
  }
  return { state, errors };
}

/** State from the page's address: the hash, and ?embed=1 from the query. */
export function readLocation(location = window.location) {
  const { state, errors } = parseParams(location.hash.replace(/^#/, ''));
  const query = new URLSearchParams(location.search);
  if (query.get('embed') === '1') state.embed = '1';
  return { state, errors: [...errors, ...crossCheck(state)] };
}

/** The hash of a state: only the fields that matter for its view and data source. */
export function toHash(state) {
  const keys = ['view'];
  if (state.view === 'explorer') {
    keys.push('source');
    if (state.source === 'rademacher') keys.push('p', 'N');
    else if (state.source === 'idx') keys.push('threshold');
    else keys.push('selection', 'target_hd', 'classes');
    keys.push('S', 'seed');
    // A link without a model is the registry's first (the DAM).
    if (state.model !== fields.model.default) keys.push('model');
    keys.push(...modelParams(state).map(({ field }) => field));
  } else if (state.view === 'sweeps') {
    keys.push('figure', 'scale');
    if (state.figure !== 'dc') keys.push(...['reading', 'kmax', 'rule'].filter((key) => state[key] !== fields[key].default));
  }
  else if (state.view === 'train') keys.push(...Object.keys(trainKeys).filter((key) => trainKeyApplies(state, key)));
  else if (state.view === 'recall' && state.rmemories === 'trained') keys.push('rmemories');
  else if (state.view === 'recall') {
    keys.push('rsource', 'K', 'digit', 'delta', 'occlude', 'clamp', 'rseed', 'update', 'steps');
    // A link without rmodel steps the registry's first (the DAM).
    if (state.rmodel !== fields.rmodel.default) keys.push('rmodel');
    keys.push(...recallParams(state).map(({ field }) => `r${field}`));
  }
  if (state.embed === '1') keys.push('embed');
  const params = new URLSearchParams();
  for (const key of keys) params.set(key, String(state[key]));
  return '#' + params.toString().replace(/%2C/g, ',');
}

/**
 * The experiment spec of the explorer's state (the core checks it again).
 * fileName: the name of the local file of the idx source (its bytes go to
 * runSpec beside the spec).
 */
export function explorerSpec(state, fileName = '') {
  const data =
    state.source === 'idx'
      ? { source: 'idx', path: fileName, threshold: state.threshold, first: state.S }
      : state.source === 'rademacher'
      ? { source: 'rademacher', N: state.N, S: state.S, p: state.p, seed: state.seed }
      : {
          source: state.source,
          S: state.S,
          selection: state.selection,
          ...(state.selection === 'greedy' ? { target_hd: state.target_hd } : {}),
          classes: state.classes === '' ? [] : state.classes.split(',').map(Number),
          seed: state.seed,
        };
  return { measure: 'capacity', data, model: explorerModel(state) };
}

/**
 * The spec's model: the registry's first (the DAM) in its original form,
 * without a name; any other by name with only its own parameters.
 */
export function explorerModel(state) {
  const params = Object.fromEntries(modelParams(state).map(({ field, key }) => [key, state[field]]));
  return state.model === fields.model.default ? params : { name: state.model, ...params };
}

/** The parameters of the recall view's model that apply, by link key without the r prefix. */
export const recallParams = (state) => modelParams(state, state.rmodel, 'r');

/**
 * The recall view's spec (measure = trajectory, docs/experiments.md): the
 * worker runs it with runSpec, as `damlab run` does.
 */
export function recallSpec(state) {
  const params = Object.fromEntries(recallParams(state).map(({ field, key }) => [key, state[`r${field}`]]));
  const model = state.rmodel === fields.rmodel.default ? params : { name: state.rmodel, ...params };
  const { rsource: source, K, digit: memory, delta, occlude, rseed: seed, update, steps } = state;
  return {
    measure: 'trajectory',
    data: { source },
    model,
    probe: { K, memory, delta, steps, update, seed, occlusion_position: occlude, clamp: state.clamp === '1' },
  };
}
