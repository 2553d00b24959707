// The sweep figures of the correlations paper, as lists of experiment specs
// and the way their records become table rows and chart points. The paper's
// own specs are experiments/fig1-*.json and fig2-*.json: "paper scale" runs
// exactly their pattern sets (the same targets, p values and seeds, so the
// records equal the native ones); "reduced" runs a subset of those sets.
//   fig1: Kmax against the mean pairwise HD, for greedy MNIST subsets
//         (target HD 30 … 190) and skewed Rademacher sets (p = 0.51 … 1.0),
//         each planned set with its replicate sets
//         (experiments/fig1-*-replicates.json: 4 sets per target or p),
//         rectified polynomial n = 7, 9, 11. Each run's exact Kmax streams
//         in; when the runs finish, the core summarizes them with the
//         committed figure's summary spec (experiments/summaries/
//         fig1-summary.json, the paper's reading, as fig2 below): a point
//         is the mean Kmax of a 20-bit HD bin, at the bin's mean HD, with
//         its 95% interval. reading=whole_set: fig1-summary-whole-set.json.
//   fig2: Kmax against the degree n in mean-HD buckets 60, 90, 120 (± 10
//         bits, as in the paper), in the paper's reading by default: the
//         summary spec of the committed figure
//         (experiments/summaries/fig2-summary.json: binary-search Kmax,
//         each set in the bucket of the mean HD of its first Kmax patterns,
//         censored sets left out of the means and counted) applied by the
//         core to this sweep's CSVs (sweepCsv, then summarizeSweeps, as
//         `damlab summarize` does), when the runs finish. A point is a
//         bucket's mean Kmax with its 95% interval as an error bar. The
//         link key reading=whole_set gives damlab's earlier reading
//         (fig2-summary-whole-set.json: exact Kmax, buckets on the HD of
//         all S patterns, censored Kmax averaged in as S).
//   Both summarized figures take two more link keys: kmax (binary, exact)
//   sets the summary's primary Kmax mode, the one plotted (default: the
//   reading's own, binary for the paper's), and rule (band, strict) the
//   greedy MNIST subsets' rule (data.rule; strict has no band).
//   dc:   D_c^ε against ε for poly n = 2, 4, 8 in the overloaded regime
//         (experiments/overloaded-dc.json; reduced: K = 1,000, 200 probes).

import { palette, dashes } from '../ui/charts.js';
import fig1Mnist from '../../../experiments/fig1-mnist.json';
import fig1Artificial from '../../../experiments/fig1-artificial.json';
import fig2Summary from '../../../experiments/summaries/fig2-summary.json';
import fig2WholeSet from '../../../experiments/summaries/fig2-summary-whole-set.json';
import fig1MnistReplicates from '../../../experiments/fig1-mnist-replicates.json';
import fig1ArtificialReplicates from '../../../experiments/fig1-artificial-replicates.json';
import fig1Summary from '../../../experiments/summaries/fig1-summary.json';
import fig1WholeSet from '../../../experiments/summaries/fig1-summary-whole-set.json';

// No series is told apart by colour alone (charts.js palette: Okabe–Ito).
// Fig. 1: colour AND marker by degree, the marker family by source: MNIST
// triangles pointing up, right, down (n = 7, 9, 11); artificial circle,
// square, diamond. Fig. 2: colour and marker by source (MNIST vermillion
// triangles, artificial blue circles), dash by bucket. D_c: colour, marker
// and dash by degree (coinciding curves stay visible).
const colors = { 7: palette[0], 9: palette[1], 11: palette[2], mnist: palette[3], rademacher: palette[2] };
const sourceName = (source) => (source === 'rademacher' ? 'artificial' : 'MNIST');
const fig1Marker = {
  mnist: { 7: ['triangle', 0], 9: ['triangle', 90], 11: ['triangle', 180] },
  rademacher: { 7: ['circle', 0], 9: ['rect', 0], 11: ['rectRot', 0] },
};
const style = (source) => (source === 'rademacher' ? 'circle' : 'triangle');

// count elements spread evenly over a list, first and last included.
const spread = (list, count) =>
  Array.from({ length: count }, (_, i) => list[Math.round((i * (list.length - 1)) / Math.max(1, count - 1))]);

// The pattern sets of experiments/fig1-*.json (fig2-*.json sweeps the same
// sets), each with its planned mean HD: the target, or the expected HD of a
// Rademacher set (rademacherMeanHd), and its replicates: the sets of
// fig1-*-replicates.json with the same target or p (those files list the
// targets, or p values, once per replicate, in the same order). The sets
// are the points of the files' first axis, expanded by the core
// (expandExperiment, in a worker): paperSets(pool) asks for them once.
const setsOnly = (experiment) => JSON.stringify({ ...experiment, sweep: experiment.sweep.slice(0, 1) });
let paperSetsPromise = null;
export function paperSets(pool) {
  const expand = async (experiment) => (await pool.submit('expand', { experiment: setsOnly(experiment) }).promise).points.map(({ spec }) => spec.data);
  // The replicates of set i: every count-th set from i.
  const replicatesOf = (sets, replicates) => sets.map((_, i) => replicates.filter((__, j) => j % sets.length === i));
  paperSetsPromise ??= (async () => {
    const [mnist, rademacher, mnistReplicates, rademacherReplicates] = await Promise.all(
      [fig1Mnist, fig1Artificial, fig1MnistReplicates, fig1ArtificialReplicates].map(expand),
    );
    const calls = rademacher.map((data) => ({ name: 'rademacherMeanHd', args: [data.N, data.p] }));
    const planned = await pool.submit('theory', { calls }).promise;
    const mnistOthers = replicatesOf(mnist, mnistReplicates);
    const rademacherOthers = replicatesOf(rademacher, rademacherReplicates);
    return {
      mnist: mnist.map((data, i) => ({ data, planned: data.target_hd, replicates: mnistOthers[i] })),
      rademacher: rademacher.map((data, i) => ({ data, planned: planned[i], replicates: rademacherOthers[i] })),
    };
  })();
  // A failed expansion (a worker replaced) is asked again next time.
  paperSetsPromise.catch(() => (paperSetsPromise = null));
  return paperSetsPromise;
}

// A greedy MNIST set under the subset rule of the link (rule): the band
// rule's sets as the files give them; the strict rule has no band.
function underRule(data, rule) {
  if (data.source === 'rademacher' || rule === 'band') return data;
  const { band, ...rest } = data;
  return { ...rest, rule };
}

// The summary spec of a summarized figure: the committed one of the
// reading, the primary Kmax mode of the link (kmax; '' keeps the spec's),
// its sweeps named by this sweep's experiments ({MNIST, artificial} -> name).
function summarySpec(paper, wholeSet) {
  return ({ reading, kmax }, names) => {
    const spec = reading === 'whole_set' ? wholeSet : paper;
    return { ...spec, name: `playground-${spec.name}`, sweeps: names, ...(kmax ? { kmax } : {}) };
  };
}

// The sentences every summarized figure's description ends with.
const readingText = (state, paper, wholeSet) =>
  (state.reading === 'whole_set'
    ? ` Earlier reading (experiments/summaries/${wholeSet}.json): exact Kmax, each set placed by the mean pairwise HD of all S patterns, censored Kmax averaged in as S.`
    : ` The paper's reading (experiments/summaries/${paper}.json, as the committed figure): binary-search Kmax, each set placed by the mean pairwise HD of its first Kmax patterns, censored sets left out of the means and counted.`) +
  (state.kmax ? ` Plotted Kmax mode (kmax in the link): ${state.kmax === 'binary' ? 'binary search' : 'exact'}.` : '') +
  (state.rule === 'strict' ? ' MNIST subsets built with the strict rule (data.rule = strict: toward the target or stay).' : '');

/** A run's name in messages (which point of a sweep failed). */
export function runLabel(spec) {
  const { data, model } = spec;
  if (spec.measure === 'convergence') return `D_c run n = ${model.n}, K = ${spec.probe.K}`;
  const set = data.source === 'rademacher' ? `artificial p = ${data.p}` : `MNIST target HD ${data.target_hd}`;
  return `${set}, seed ${data.seed}, n = ${model.n}`;
}

const buckets = [60, 90, 120];
const bucketOf = (hd) => buckets.find((centre) => hd !== null && Math.abs(hd - centre) <= 10) ?? null;

/** Interleaves two lists so the scatter fills evenly as results arrive. */
function interleave(a, b) {
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => [a[i], b[i]]).flat().filter(Boolean);
}

const planOf = (data) => (data.source === 'rademacher' ? data.p : data.target_hd);

const specs = (sets, degrees) =>
  sets.flatMap((data) => degrees.map((n) => ({ measure: 'capacity', data, model: { F: 'rectpoly', n } })));

const paperDegrees = [6, 7, 8, 9, 10, 11, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38];

// The rows of the core's summary CSV in the primary mode as points per
// series (label(row)), at x(row); a bucket with no set in the means has no
// mean and no point.
function summaryPoints(rows, label, x) {
  const series = new Map();
  const number = (cell) => (cell === '' ? null : Number(cell));
  for (const row of rows) {
    if (row.primary !== 'true' || row.kmax_mean === '') continue;
    if (!series.has(label(row))) series.set(label(row), []);
    series.get(label(row)).push({
      x: x(row),
      y: Number(row.kmax_mean),
      low: number(row.kmax_low),
      high: number(row.kmax_high),
      censored: row.censored !== '0',
      bucket: Number(row.bucket),
      sets: Number(row.sets),
      censoredSets: Number(row.censored),
      used: Number(row.used),
    });
  }
  return series;
}

export const figures = {
  fig1: {
    title: 'Kmax against separation (Fig. 1 of the correlations paper)',
    describe: (state) =>
      (state.scale === 'paper'
        ? 'Paper scale (experiments/fig1-*.json and fig1-*-replicates.json): 53 greedy MNIST targets (HD 30 to 190) and 50 skewed Rademacher p values (0.51 to 1.0), 4 sets each, S = 50, N = 784, rectified polynomial n = 7, 9, 11: 1,236 runs.'
        : 'Reduced: 8 of the paper-scale MNIST targets (HD 30 to 190) and 8 of its Rademacher p values (0.51 to 1.0), 2 of the 4 sets of each, S = 50, N = 784, rectified polynomial n = 7, 9, 11: 96 runs.') +
      readingText(state, 'fig1-summary', 'fig1-summary-whole-set') +
      ' Each run streams in as a point; when the runs finish, a point is the mean Kmax of a 20-bit HD bin (at the mean HD of its sets) with its 95% interval, computed by the core (damlab summarize).',
    specs(state, paperSets) {
      const pick = (list) =>
        (state.scale === 'paper' ? list : spread(list, 8)).flatMap((set) =>
          (state.scale === 'paper' ? [set.data, ...set.replicates] : [set.data, set.replicates[0]]).map((data) => underRule(data, state.rule)),
        );
      return specs(interleave(pick(paperSets.mnist), pick(paperSets.rademacher)), [7, 9, 11]);
    },
    caption:
      "While the runs finish, each run's exact Kmax against the mean HD of its first Kmax patterns; then the core's summary: per source and n, the mean Kmax of each 20-bit HD bin with its 95% interval (error bars), joined by lines. MNIST triangles (▲ n = 7, ▶ n = 9, ▼ n = 11), artificial ● n = 7, ■ n = 9, ◆ n = 11; hollow: censored (Kmax = S; in a mean: some set of the bin, the table counts them).",
    columns: ['source', 'n', 'target HD or p', 'seed', 'Kmax', 'censored', 'mean HD of first Kmax', 'data checksum'],
    rows: ({ spec, result: { exact }, data }) => [
      [sourceName(spec.data.source), spec.model.n, planOf(spec.data), spec.data.seed, exact.kmax, exact.censored, exact.mean_hd, data.checksum],
    ],
    x: { title: 'mean pairwise HD of the first Kmax patterns (bits)', min: 0, max: 400 },
    // As the committed figure: Kmax up to S = 50 in every reading.
    y: { title: 'Kmax (exact mode)', min: 0, max: 52 },
    series: ['mnist', 'rademacher'].flatMap((source) =>
      [7, 9, 11].map((n) => {
        const [marker, rotation] = fig1Marker[source][n];
        return { label: `${sourceName(source)}, n = ${n}`, color: colors[n], style: marker, rotation };
      }),
    ),
    // A point needs a mean HD, i.e. Kmax >= 2.
    points: ({ spec, result: { exact } }) =>
      exact.mean_hd === null
        ? []
        : [{ series: `${sourceName(spec.data.source)}, n = ${spec.model.n}`, point: { x: exact.mean_hd, y: exact.kmax, censored: exact.censored } }],
    summary: summarySpec(fig1Summary, fig1WholeSet),
    // The summary's axes (the runs' are exact Kmax against the first-Kmax HD).
    summaryAxes: ({ reading }, mode) => ({
      x: `mean pairwise HD of ${reading === 'whole_set' ? 'all S patterns' : 'the first Kmax patterns'} (bits), mean of the 20-bit bin`,
      y: `mean ${mode} Kmax (95% CI)`,
    }),
    pointColumns: ['series', 'HD bin', 'mean HD', 'mean Kmax', '95% low', '95% high', 'sets', 'censored', 'used'],
    pointRow: (label, p) => [label, p.bucket, p.x, p.y, p.low ?? '', p.high ?? '', p.sets, p.censoredSets, p.used],
    // The rows of the core's summary CSV (the primary mode) as points per
    // series, at the bin's mean HD; a bin with no set in the means has no point.
    summaryPoints: (rows) => summaryPoints(rows, (row) => `${row.dataset}, n = ${row.n}`, (row) => Number(row.hd_mean)),
  },
  fig2: {
    title: 'Kmax against the degree n in mean-HD buckets (Fig. 2 of the correlations paper)',
    describe: (state) =>
      (state.scale === 'paper'
        ? "Paper scale (experiments/fig2-*.json): the Fig. 1 sets (53 greedy MNIST subsets, 50 Rademacher sets, S = 50) at the paper's 20 degrees n = 6 to 38: 2,060 runs."
        : 'Reduced: the paper-scale sets planned inside a bucket (target HD, or 2p(1 − p)N, within 10 bits of 60, 90 or 120), every other MNIST subset of those: 10 MNIST subsets and 4 Rademacher sets, S = 50, at 11 of its degrees: 154 runs.') +
      readingText(state, 'fig2-summary', 'fig2-summary-whole-set') +
      ' A point is the mean Kmax of a bucket with its 95% interval, computed by the core (damlab summarize) when the runs finish.',
    specs(state, paperSets) {
      const ruled = (list) => list.map((set) => underRule(set.data, state.rule));
      if (state.scale === 'paper') return specs(interleave(ruled(paperSets.mnist), ruled(paperSets.rademacher)), paperDegrees);
      const planned = (list) => ruled(list.filter((set) => bucketOf(set.planned) !== null));
      const mnistSets = planned(paperSets.mnist).filter((_, i) => i % 2 === 0);
      return specs(interleave(mnistSets, planned(paperSets.rademacher)), [6, 7, 8, 9, 10, 11, 12, 16, 20, 28, 38]);
    },
    x: { title: 'degree n of the rectified polynomial', min: 5, max: 40 },
    y: { title: 'mean Kmax in the bucket (95% interval)', min: 0, max: 52 },
    series: buckets.flatMap((centre, i) =>
      ['mnist', 'rademacher'].map((source) => ({
        label: `${sourceName(source)}, HD ${centre} ± 10`,
        color: colors[source],
        style: style(source),
        dash: dashes[i],
        line: true,
      })),
    ),
    caption:
      'Mean Kmax against n with 95% intervals (error bars), one line per source and bucket: MNIST vermillion triangles, artificial blue circles; HD 60 solid, 90 dashed, 120 dotted; hollow: some set of the bucket censored (Kmax = S; the table counts them).',
    columns: ['source', 'n', 'target HD or p', 'seed', 'binary Kmax', 'binary censored', 'mean HD of first Kmax (binary)', 'exact Kmax', 'exact censored', 'mean HD of the S patterns', 'data checksum'],
    rows: ({ spec, result: { exact, binary }, data }) => [
      [sourceName(spec.data.source), spec.model.n, planOf(spec.data), spec.data.seed, binary.kmax, binary.censored, binary.mean_hd, exact.kmax, exact.censored, data.mean_hd, data.checksum],
    ],
    // Nothing per run: the points are the summary's (summarize below).
    points: () => [],
    summary: summarySpec(fig2Summary, fig2WholeSet),
    // Short: the title fits along the axis of an embedded figure.
    summaryAxes: (state, mode) => ({ y: `mean ${mode} Kmax (95% CI)` }),
    pointColumns: ['series', 'n', 'mean Kmax', '95% low', '95% high', 'sets', 'censored', 'used'],
    pointRow: (label, p) => [label, p.x, p.y, p.low ?? '', p.high ?? '', p.sets, p.censoredSets, p.used],
    summaryPoints: (rows) => summaryPoints(rows, (row) => `${row.dataset}, HD ${row.bucket} ± 10`, (row) => Number(row.n)),
  },
  dc: {
    title: 'D_c^ε against ε in the overloaded regime ("Beyond memory storage capacity")',
    describe: ({ scale }) =>
      (scale === 'paper'
        ? 'Paper scale (experiments/overloaded-dc.json): K = 5,500 of a seeded shuffle of the 10,000 MNIST digits, 1,000 held-out digits as probes'
        : 'Reduced: K = 1,000 of a seeded shuffle of the 10,000 MNIST digits, 200 held-out digits as probes') +
      ', 3 synchronous updates, polynomial F with n = 2, 4, 8: 3 runs. D_c^ε is the fraction of probes whose final Cvg = max_μ |ξ^μ·σ| is within εN of N.',
    specs: ({ scale }) =>
      [2, 4, 8].map((n) => ({
        measure: 'convergence',
        data: { source: 'mnist', S: 10000, selection: 'random', seed: 1 },
        model: { F: 'poly', n },
        probe: {
          K: scale === 'paper' ? 5500 : 1000,
          probes: 'held_out',
          count: scale === 'paper' ? 1000 : 200,
          steps: 3,
          update: 'sync',
          epsilons: [0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5],
          seed: 1,
        },
      })),
    x: { title: 'ε', min: 0, max: 0.5 },
    // A fraction: the axis ends at 1 (the chart keeps markers on it whole).
    y: { title: 'D_c^ε (fraction converged)', min: 0, max: 1 },
    series: [2, 4, 8].map((n, i) => ({
      label: `n = ${n}`,
      color: palette[i],
      style: ['circle', 'triangle', 'rect'][i],
      dash: dashes[i],
      // Chart.js draws the first series on top: smallest first, so coinciding points all show.
      radius: [3, 4.5, 6][i],
      line: true,
    })),
    caption: 'D_c^ε of each run against ε, one line per degree n (● solid n = 2, ▲ dashed n = 4, ■ dotted n = 8); curves that coincide overlap, their markers stay visible.',
    columns: ['n', 'K', 'probes', 'ε', 'D_c^ε', 'mean Cvg / N', 'data checksum'],
    rows: ({ spec, result, data }) =>
      Object.entries(result.D_c).map(([epsilon, dc]) => [spec.model.n, result.K, result.probes, epsilon, dc, result.mean_cvg, data.checksum]),
    points: ({ spec, result }) =>
      Object.entries(result.D_c).map(([epsilon, dc]) => ({ series: `n = ${spec.model.n}`, point: { x: Number(epsilon), y: dc } })),
  },
};
