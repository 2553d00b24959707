// Types of the damlab WebAssembly module (the same API in every build).
//
// Ownership: PatternSet, Network and Rng are handles to C++ objects; call
// .delete() when done (JS garbage collection never frees them). Every other
// result is a plain JS value.
//
// Errors: a bad argument throws an Error whose message is the core's, e.g.
// "n = 0: must be an integer in [1, 60]", with
//   name  'InvalidArgument' (and .field, e.g. 'n' or 'data.p'),
//         'DataError' (malformed IDX bytes), 'Cancelled' (onProgress returned
//         false) or 'Error';
// an exception thrown by an onProgress callback comes back unchanged.

export type Variant = 'baseline' | 'simd' | 'threads';

export interface Detected {
  variant: Variant;
  features: { simd: boolean; threads: boolean; crossOriginIsolated: boolean };
}

/** A separation function F: poly x^n, rectpoly x^n for x > 0 else 0, exp e^(beta x). */
export type Model =
  | { F: 'poly' | 'rectpoly'; n: number } // integer n in [1, 60]
  | { F: 'exp'; beta: number }; // beta in (0, 100]

/** Called with the fraction done in [0, 1]; returning false cancels. */
export type OnProgress = (fraction: number) => boolean | void;

export interface DamlabError extends Error {
  name: 'InvalidArgument' | 'DataError' | 'Cancelled' | 'Error';
  /** The argument or spec field at fault (InvalidArgument only). */
  field?: string;
}

/** Bit-packed ±1 patterns of N bits (bit 1 is +1). */
export interface PatternSet {
  readonly N: number;
  readonly size: number;
  /** 64-bit words per pattern: ceil(N / 64). */
  readonly wordsPerPattern: number;
  /** A copy of the packed words, two u32 per 64-bit word, low half first. */
  words(): Uint32Array;
  /** ±1 values of pattern p. */
  signs(p: number): Int8Array;
  /** A new set holding patterns [first, first + count). */
  slice(first: number, count: number): PatternSet;
  equals(other: PatternSet): boolean;
  /** FNV-1a 64 of the packed words, in hex (the "checksum" of run records). */
  checksum(): string;
  /** Hamming distances over all pairs of the first prefix patterns (default: all). */
  pairwiseDistance(prefix?: number): { hd_sum: number; pairs: number; mean_hd: number | null };
  delete(): void;
  isDeleted(): boolean;
}

export interface PatternSetClass {
  /** count patterns of N bits, all -1. */
  new (N: number, count: number): PatternSet;
  /** count*N bytes, pattern after pattern; value >= threshold (default 1) is +1. */
  fromBytes(bytes: Uint8Array, N: number, threshold?: number): PatternSet;
  /** count*N values, each +1 or -1. */
  fromSigns(signs: Int8Array, N: number): PatternSet;
  /** Packed words as words() returns them (two u32 per 64-bit word, low half first); padding bits past N must be 0. */
  fromWords(words: Uint32Array, N: number): PatternSet;
}

/** A capacity estimate in the record schema (`damlab run`'s "result"). */
export interface Estimate {
  kmax: number;
  /** kmax == S: the true capacity is at least S. */
  censored: boolean;
  /** Mean pairwise Hamming distance of the first kmax patterns; null when kmax < 2. */
  mean_hd: number | null;
  hd_sum: number;
  pairs: number;
}

/** The "result" of a capacity record with an {F: ...} model, as `damlab run` writes it. */
export interface CapacityResult {
  N: number;
  S: number;
  exact: Estimate;
  binary: Estimate & { evaluations: number };
  monotone: boolean;
  /** One character per K = 1..S: '1' when the first K patterns are all fixed points. */
  profile: string;
}

export interface RecallOptions {
  mode?: 'sync' | 'async'; // default 'sync'
  steps?: number; // at most this many updates or sweeps (default 10)
  seed?: number; // async only: a fresh random order per sweep from Rng(seed)
  index?: number; // which pattern of the states to start from (default 0)
  clamped?: Uint8Array; // N flags: nonzero bits never update
}


/**
 * A Dense Associative Memory. Update decisions are exact; a field of exactly
 * 0 keeps the bit. Methods taking states modify that PatternSet in place.
 */
export interface Network {
  readonly N: number;
  /** Number of memories. */
  readonly size: number;
  readonly model: Model;
  /** E(σ) / F(N) = -Σ_μ F(ξ^μ·σ) / F(N) for pattern p of states. */
  energy(states: PatternSet, p: number): number;
  overlaps(states: PatternSet, p: number): Int32Array;
  /** Exact sign (-1, 0, +1) of the field of bit i of pattern p. */
  fieldSign(states: PatternSet, p: number, i: number): number;
  isFixedPoint(states: PatternSet, p: number): boolean;
  /**
   * One synchronous update of every state; returns the bits flipped. threads
   * (default 1, at most 1024) splits the states between threads in the threads
   * build, at most as many as its worker pool has idle workers; the other
   * builds run one thread. Same result either way.
   */
  synchronousUpdate(states: PatternSet, clamped?: Uint8Array | null, threads?: number): number;
  /** One sweep of pattern p in order (default 0..N-1); returns the bits flipped. */
  asynchronousSweep(
    states: PatternSet,
    p: number,
    order?: Uint32Array | null,
    clamped?: Uint8Array | null,
  ): number;
  /** A whole recall run from one pattern of states (states is not modified). */
  recall(states: PatternSet, options?: RecallOptions): Trajectory;
  delete(): void;
  isDeleted(): boolean;
}

export interface NetworkClass {
  /** Copies memories (at least one pattern): the set may be deleted afterwards. */
  new (memories: PatternSet, model: Model): Network;
}

/** xoshiro256** seeded by splitmix64: the same streams as the native core. */
export interface Rng {
  /** The next raw 64-bit output. */
  next(): bigint;
  /** A uniform integer in [0, bound), bound an integer in [1, 2^53 - 1]. */
  below(bound: number): number;
  /** A uniform double in [0, 1) with 53 random bits. */
  uniform(): number;
  bernoulli(p: number): boolean;
  /** A random permutation of 0..count-1. */
  permutation(count: number): Uint32Array;
  delete(): void;
  isDeleted(): boolean;
}

export interface RngClass {
  /** seed: an integer in [0, 2^53 - 1]. */
  new (seed: number): Rng;
}

/** One parameter of a registry model (models/registry.hpp). */
export interface ModelParameter {
  /** The spec key: 'F', 'n', 'beta', 'a', 'epsilon'. */
  key: string;
  /** "description symbol", e.g. 'coding level a'. */
  label: string;
  kind: 'integer' | 'real' | 'choice';
  /** integer and real: the allowed range (null for a choice); an open end excludes its value. */
  min: number | null;
  max: number | null;
  minOpen: boolean;
  maxOpen: boolean;
  /** A number, or one of choices. */
  default: number | string;
  /** choice: the allowed values (empty otherwise). */
  choices: string[];
  /** The core's wording of the range: 'an integer in [1, 60]', 'in (0, 100]', 'one of rectpoly, poly, exp'. */
  range: string;
  /** Applies only when the choice parameter `key` has one of `values` (null: always). */
  when: { key: string; values: string[] } | null;
}

/** A spec's "model" section: the DAM's short form, or a registry name with its parameters. */
export type RegistryModel = Model | ({ name: string } & Record<string, number | string>);

/** Each state of a recall run (entry 0 the probe) with its overlaps with every memory. */
export interface Trajectory {
  states: Int8Array[];
  overlaps: Int32Array[];
  /** One per state; empty for a model without an energy. */
  energies: Float64Array;
  /** Bits flipped by each step. */
  flips: Uint32Array;
  /** The last step flipped nothing. */
  converged: boolean;
}

/** A registry model: the name a spec gives as "model": {"name": ...}. */
export interface ModelInfo {
  name: string;
  label: string;
  parameters: ModelParameter[];
}

/** The points of an experiment's sweep grid, in point order (the last axis fastest). */
export interface ExpandedExperiment {
  name: string;
  /** The swept paths, in column order (e.g. 'data.p', 'model.n'). */
  columns: string[];
  /** Each point's spec and its values of columns. */
  points: { spec: Record<string, unknown>; values: unknown[] }[];
}

/** A packed data asset: its patterns (a handle: delete it), one label per pattern, its source text. */
export interface PackedAsset {
  patterns: PatternSet;
  labels: Uint8Array;
  source: string;
}

/**
 * An occlusion of square images (N = side²): size × size pixels at a
 * position ('random' by default, drawn from the Rng, or 'center'), or the
 * first or last size rows (top, bottom) or columns (left, right); set to -1
 * (fill 'off', the default) or random ±1 ('random').
 */
export interface Occlusion {
  size: number;
  position?: 'random' | 'center' | 'top' | 'bottom' | 'left' | 'right';
  fill?: 'off' | 'random';
}

/**
 * Labelled images for training (Krotov–Hopfield 2016): count × pixels values
 * in [-1, 1] (a grey byte b is 2b/255 - 1), image after image, and one label
 * in [0, classes) per image.
 */
export interface LabelledData {
  images: Float32Array;
  labels: Uint8Array;
  pixels: number;
  classes: number; // in [2, 255]
}

/**
 * Trained memories: K memories over N pixels then C label neurons, each
 * value in [-1, 1]; weights row-major, K × (N + C), memory after memory.
 * Draw memory mu's pixels from weights.subarray(mu * (N + C), mu * (N + C) + N).
 */
export interface TrainedMemories {
  memories: number; // K
  pixels: number; // N
  classes: number; // C
  F: 'rectpoly' | 'exp';
  n?: number; // rectpoly's degree, in [1, 100]
  temperature: number; // T of the label update
  weights: Float32Array;
}

/**
 * The core's TrainingOptions, field for field; every one optional, with the
 * paper's defaults (docs/science.md, "Trained memories"). An unknown key or a
 * value out of range throws InvalidArgument naming it.
 */
export interface TrainingOptions {
  memories?: number; // K, in [1, 1000000] (default 100)
  F?: 'rectpoly' | 'exp'; // default rectpoly
  n?: number; // degree of rectpoly, in [1, 100] (default 20); absent for exp
  loss_power?: number; // m, in [1, 100] (default 30)
  epochs?: number; // in [1, 1000000] (default 200)
  batch?: number; // in [1, 1000000] (default 1000)
  learning_rate?: number; // eps0, in (0, 1] (default 0.04)
  learning_rate_decay?: number; // in (0, 1] (default 0.998)
  momentum?: number; // in [0, 1) (default 0.6)
  temperature_initial?: number; // in (0, 1e6] (default 700)
  temperature_final?: number; // in (0, 1e6] (default 400)
  temperature_ramp_epochs?: number; // in [0, 1000000] (default 100)
  init_mean?: number; // in [-1, 1] (default -0.3)
  init_std?: number; // in [0, 10] (default 0.3)
  precision?: number; // in (0, 1e-3] (default 1e-30)
  seed?: number; // integer in [0, 2^53 - 1] (default 1)
  threads?: number; // in [1, 1024] (default 1); the result does not depend on it
}

export interface EpochStats {
  epoch: number; // from 0
  temperature: number;
  learning_rate: number;
  /** Mean over the training images of sum_alpha (t_alpha - c_alpha)^(2m), before each minibatch's update. */
  loss: number;
  /** Running training error of the epoch (the same forward passes). */
  train_error: number;
  /** Test error after the epoch; null without a test set. */
  test_error: number | null;
}

export interface TrainingResult {
  epochs: EpochStats[];
  /** onProgress returned false: epochs and memories are those completed before. */
  cancelled: boolean;
  /** The final memories' errors over the whole sets, as in a train record (null when cancelled / no test set). */
  train_error: number | null;
  test_error: number | null;
  memories: TrainedMemories;
}

/** The grey asset (DAMLABG) as labelled data; test is null without a split. */
export interface GreyData {
  source: string;
  train: LabelledData;
  test: LabelledData | null;
  /** With a split: the indices into the asset of each part. */
  indices?: { train: Uint32Array; test: Uint32Array };
}

export interface Damlab {
  /** The build loaded (set by the loaders). */
  variant: Variant;
  /** What feature detection found (browser loader only). */
  features?: Detected['features'];

  PatternSet: PatternSetClass;
  Network: NetworkClass;
  Rng: RngClass;

  /** Both capacity modes of the ordered set. */
  capacity(set: PatternSet, model: Model, onProgress?: OnProgress | null): CapacityResult;
  /**
   * Runs an experiment spec (JSON text) and returns its record as JSON text,
   * identical to the native `damlab run` output (but for code_version).
   * idxBytes: the contents of the file an idx source names, or the packed
   * asset of an mnist / fashion-mnist source. A "trajectory" spec gives one
   * probe's states step by step (the Recall view; docs/experiments.md).
   */
  runSpec(spec: string, idxBytes?: Uint8Array | null, onProgress?: OnProgress | null): string;
  /** The spec with every default filled in (JSON text); throws on an invalid spec. */
  normalizeSpec(spec: string): string;
  /** `git describe` of the sources the module was built from. */
  version(): string;

  /** count skewed Rademacher patterns: each bit +1 with probability p. */
  rademacher(N: number, count: number, p: number, seed: number): PatternSet;
  /** The expected HD between two such patterns: 2p(1 - p)N. */
  rademacherMeanHd(N: number, p: number): number;

  /** Theory overlays for random patterns (per-bit, per-pattern estimates). */
  kmax(N: number, n: number): number;
  logKmax(N: number, n: number): number;
  errorProbability(N: number, n: number, K: number): number;
  kmaxHopfield(N: number): number;
  kmaxMceliece(N: number): number;
  /** Willshaw network, k = aN active units, a in (0, 1): the K before spurious units appear (capped at 10^6). */
  kmaxWillshaw(N: number, a: number): number;
  /** DAM with F = exp: 2^(N/2). */
  kmaxExponential(N: number): number;
  /** The median K at which K random patterns first hold a pair at Hamming distance 1 (no DAM stores both of such a pair). */
  kmaxClosePair(N: number): number;
  /**
   * Finite-N theory (docs/science.md, "Finite-N capacity"), F = poly or rectpoly:
   * P(one bit of one of K stored random patterns is unstable), exactly.
   */
  bitInstability(N: number, model: { F: 'poly' | 'rectpoly'; n: number }, K: number): number;
  /** (1 - bitInstability)^(K N): the first K retrieved, bits taken as independent. */
  allRetrievedProbability(N: number, model: { F: 'poly' | 'rectpoly'; n: number }, K: number): number;
  /** The estimated distribution of Kmax ("all first K retrieved"): mean and quartiles. */
  finiteCapacity(
    N: number,
    model: { F: 'poly' | 'rectpoly'; n: number },
  ): { mean: number; lowerQuartile: number; median: number; upperQuartile: number };

  /**
   * Every overlap a_r · b_c (same N), row-major: a.size × b.size values (at
   * most 2^28). The core's block kernel.
   */
  overlapMatrix(a: PatternSet, b: PatternSet): Int32Array;
  /** A copy of set with each bit flipped with probability delta (the native stream). */
  flipBits(set: PatternSet, delta: number, rng: Rng): PatternSet;

  /** The model registry: every model, its parameters and ranges, the DAM first. */
  modelRegistry(): ModelInfo[];
  /** The points of an experiment (JSON text with an optional "sweep"), each validated. */
  expandExperiment(experiment: string): ExpandedExperiment;
  /**
   * The CSV `damlab sweep` writes for experiment (JSON text with a "sweep"),
   * from the records of its points (runSpec's JSON texts, one per point, in
   * point order).
   */
  sweepCsv(experiment: string, records: string[]): string;
  /**
   * The replicate summary of capacity sweeps (docs/experiments.md, "Summaries"),
   * as `damlab summarize` writes it: spec is the summary spec as JSON text, csvs
   * maps each sweep name it lists to that sweep's CSV text. gap and fit are ""
   * unless the spec asks for them; record is JSON text.
   */
  summarizeSweeps(spec: string, csvs: Record<string, string>): {
    summary: string;
    gap: string;
    fit: string;
    record: string;
  };
  /** Reads a packed asset (docs/data.md); a bad layout or checksum throws a DataError. */
  parsePackedAsset(bytes: Uint8Array): PackedAsset;
  /** The patterns of pool at indices, in that order. */
  selectPatterns(pool: PatternSet, indices: Uint32Array): PatternSet;
  /** A copy of set with every pattern occluded (random positions and fills draw from rng). */
  occlude(set: PatternSet, occlusion: Occlusion, rng: Rng): PatternSet;
  /**
   * The recall trajectory of pattern options.index of probes under any
   * registry model (model: a spec's "model" section, e.g. {name: 'lse', beta: 20}
   * or the DAM's {F: 'rectpoly', n: 3}), with the memories stored.
   */
  recallTrajectory(memories: PatternSet, model: RegistryModel, probes: PatternSet, options?: RecallOptions): Trajectory;
  /** N flags, 1 where an occlusion at a fixed position covers a pixel. */
  occlusionMask(N: number, occlusion: Occlusion): Uint8Array;

  /**
   * Trains the Krotov–Hopfield (2016) classifier on train (test may be null)
   * with the core's trainer. onProgress(fraction) after every minibatch:
   * returning false stops there and returns what the completed epochs gave,
   * with cancelled: true (no exception). onEpoch(epoch, stats, weights) after
   * every epoch, weights a copy of the memories after it (laid out as
   * TrainedMemories.weights: K × (N + C), memory after memory), so a page can
   * draw them as they learn. K × (N + C) is at most 2^25 values. With threads > 1 the threads
   * build uses up to its idle pool workers; the result is the same.
   */
  trainClassifier(
    train: LabelledData,
    test: LabelledData | null,
    options?: TrainingOptions | null,
    onProgress?: OnProgress | null,
    onEpoch?: ((epoch: number, stats: EpochStats, weights: Float32Array) => void) | null,
  ): TrainingResult;
  /** One minibatch's loss, misclassified count and exact gradient dL/dxi (K × (N + C)) at memories.temperature. */
  lossGradient(
    memories: TrainedMemories,
    batch: LabelledData,
    lossPower: number,
    threads?: number,
  ): { loss: number; wrong: number; gradient: Float64Array };
  /** The predicted class (argmax of the one-step label update) of each image (count × N values in [-1, 1]). */
  predictLabels(memories: TrainedMemories, images: Float32Array, threads?: number): Uint8Array;
  /** The label neurons c_alpha of each image, count × C, each in [-1, 1]. */
  labelScores(memories: TrainedMemories, images: Float32Array, threads?: number): Float64Array;
  /** The fraction of data's images predicted wrongly. */
  errorRate(memories: TrainedMemories, data: LabelledData, threads?: number): number;
  /**
   * Reads a grey asset (e.g. public/data/mnist-10k-grey.bin); a bad layout or
   * checksum throws a DataError. split: the core's seeded class-balanced split
   * (test_per_class images of each class to test). classes = largest label + 1.
   */
  greyData(bytes: Uint8Array, split?: { test_per_class: number; seed?: number } | null): GreyData;
  /**
   * The training and test sets of a train spec (JSON text) as `damlab run`
   * makes them (mnist: the split, then the first data.train digits; idx: the
   * files' items), the training budget checked. files: the bytes of every
   * file its data names (mnist: 'mnist-10k-grey.bin'; idx: its names, not
   * gzipped). source and checksum are the record's data.source and data.checksum.
   */
  trainingData(
    spec: string,
    files: Record<string, Uint8Array>,
  ): { train: LabelledData; test: LabelledData | null; source: string; checksum: string };
  /** The trained-memory file (DAMLABM, docs/data.md) of memories, and back (DataError on bad bytes). */
  encodeMemoryFile(memories: TrainedMemories): Uint8Array;
  decodeMemoryFile(bytes: Uint8Array): TrainedMemories;
  /**
   * The record text `damlab run` prints for a convergence spec on trained
   * memories (data.source = trained; JSON text). files: the memory file
   * under data.path and the grey asset as 'mnist-10k-grey.bin'.
   */
  runTrainedSpec(spec: string, files: Record<string, Uint8Array>, onProgress?: OnProgress | null): string;
  /** Probe index of such a spec step by step: its states over N + C neurons and their overlaps with every memory. */
  trainedTrajectory(
    spec: string,
    files: Record<string, Uint8Array>,
    index: number,
  ): {
    pixels: number;
    classes: number;
    item: number;
    label: number;
    /** the digit's state before noise */
    clean: Int8Array;
    states: Int8Array[];
    overlaps: Float64Array[];
    /** per state, the five memories of largest |overlap| (lower index first on ties) */
    top: { memory: number; overlap: number }[][];
    /** the weights (N + C) of each state's first memory in top, by memory index */
    nearest: Record<string, Float32Array>;
    flips: number[];
    converged: boolean;
  };

  /** wasm memory size and bytes currently allocated (to spot handles never deleted). */
  memoryStats(): { wasmBytes: number; allocatedBytes: number };
}

export declare const variants: Variant[];
export declare function detectVariant(): Promise<Detected>;
export declare function loadDamlab(options?: { baseUrl?: string; variant?: Variant }): Promise<Damlab>;
