// The sweep figures of the correlations paper, as lists of experiment specs
// and the way their records become table rows and chart points. The paper's
// own specs are experiments/fig1-*.json and fig2-*.json: "paper scale" runs
// exactly their pattern sets (the same targets, p values and seeds, so the
// records equal the native ones); "reduced" runs a subset of those sets.
//   fig1: Kmax against the mean pairwise HD of the first Kmax patterns, for
//         greedy MNIST subsets (target HD 30 … 190) and skewed Rademacher
//         sets (p = 0.51 … 1.0), rectified polynomial n = 7, 9, 11.
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
//   dc:   D_c^ε against ε for poly n = 2, 4, 8 in the overloaded regime
//         (experiments/overloaded-dc.json; reduced: K = 1,000, 200 probes).

import { palette, dashes } from '../ui/charts.js';
import fig1Mnist from '../../../experiments/fig1-mnist.json';
import fig1Artificial from '../../../experiments/fig1-artificial.json';
import fig2Summary from '../../../experiments/summaries/fig2-summary.json';
import fig2WholeSet from '../../../experiments/summaries/fig2-summary-whole-set.json';

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
// Rademacher set (rademacherMeanHd). The sets are the points of the files' first
// axis, expanded by the core (expandExperiment, in a worker): paperSets(pool)
// asks for them once.
const setsOnly = (experiment) => JSON.stringify({ ...experiment, sweep: experiment.sweep.slice(0, 1) });
let paperSetsPromise = null;
export function paperSets(pool) {
  const expand = (experiment) => pool.submit('expand', { experiment: setsOnly(experiment) }).promise;
  paperSetsPromise ??= (async () => {
    const [mnist, rademacher] = await Promise.all([expand(fig1Mnist), expand(fig1Artificial)]);
    const calls = rademacher.points.map(({ spec: { data } }) => ({ name: 'rademacherMeanHd', args: [data.N, data.p] }));
    const planned = await pool.submit('theory', { calls }).promise;
    return {
      mnist: mnist.points.map(({ spec }) => ({ data: spec.data, planned: spec.data.target_hd })),
      rademacher: rademacher.points.map(({ spec }, i) => ({ data: spec.data, planned: planned[i] })),
    };
  })();
  // A failed expansion (a worker replaced) is asked again next time.
  paperSetsPromise.catch(() => (paperSetsPromise = null));
  return paperSetsPromise;
}

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

export const figures = {
  fig1: {
    title: 'Kmax against separation (Fig. 1 of the correlations paper)',
    describe: (scale) =>
      scale === 'paper'
        ? 'Paper scale (experiments/fig1-*.json): 53 greedy MNIST subsets (target HD 30 to 190) and 50 skewed Rademacher sets (p = 0.51 to 1.0), S = 50, N = 784, rectified polynomial n = 7, 9, 11: 309 runs.'
        : 'Reduced: 12 of the paper-scale greedy MNIST subsets (target HD 30 to 190) and 12 of its skewed Rademacher sets (p = 0.51 to 1.0), S = 50, N = 784, rectified polynomial n = 7, 9, 11: 72 runs.',
    specs(scale, paperSets) {
      const pick = (list) => (scale === 'paper' ? list : spread(list, 12)).map((set) => set.data);
      return specs(interleave(pick(paperSets.mnist), pick(paperSets.rademacher)), [7, 9, 11]);
    },
    caption: 'Kmax (exact mode) of each run; MNIST triangles (▲ n = 7, ▶ n = 9, ▼ n = 11), artificial ● n = 7, ■ n = 9, ◆ n = 11; hollow: censored (Kmax = S).',
    columns: ['source', 'n', 'target HD or p', 'seed', 'Kmax', 'censored', 'mean HD of first Kmax', 'data checksum'],
    rows: ({ spec, result: { exact }, data }) => [
      [sourceName(spec.data.source), spec.model.n, planOf(spec.data), spec.data.seed, exact.kmax, exact.censored, exact.mean_hd, data.checksum],
    ],
    x: { title: 'mean pairwise HD of the first Kmax patterns (bits)', min: 0, max: 400 },
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
  },
  fig2: {
    title: 'Kmax against the degree n in mean-HD buckets (Fig. 2 of the correlations paper)',
    describe: (scale, reading) =>
      (scale === 'paper'
        ? "Paper scale (experiments/fig2-*.json): the Fig. 1 sets (53 greedy MNIST subsets, 50 Rademacher sets, S = 50) at the paper's 20 degrees n = 6 to 38: 2,060 runs."
        : 'Reduced: the paper-scale sets planned inside a bucket (target HD, or 2p(1 − p)N, within 10 bits of 60, 90 or 120), every other MNIST subset of those: 10 MNIST subsets and 4 Rademacher sets, S = 50, at 11 of its degrees: 154 runs.') +
      (reading === 'whole_set'
        ? " Earlier reading (experiments/summaries/fig2-summary-whole-set.json): exact Kmax, each set in the bucket of the mean pairwise HD of all S patterns (± 10 bits), censored Kmax averaged in as S."
        : " The paper's reading (experiments/summaries/fig2-summary.json, as the committed figure): binary-search Kmax, each set in the bucket of the mean pairwise HD of its first Kmax patterns (± 10 bits), censored sets left out of the means and counted.") +
      ' A point is the mean Kmax of a bucket with its 95% interval, computed by the core (damlab summarize) when the runs finish.',
    specs(scale, paperSets) {
      if (scale === 'paper') return specs(interleave(...['mnist', 'rademacher'].map((s) => paperSets[s].map((set) => set.data))), paperDegrees);
      const planned = (list) => list.filter((set) => bucketOf(set.planned) !== null).map((set) => set.data);
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
    // The summary spec of the committed figure for reading, its sweeps
    // named by this sweep's experiments ({MNIST, artificial} -> name).
    summary(reading, names) {
      const spec = reading === 'whole_set' ? fig2WholeSet : fig2Summary;
      return { ...spec, name: `playground-${spec.name}`, sweeps: names };
    },
    pointColumns: ['series', 'n', 'mean Kmax', '95% low', '95% high', 'sets', 'censored', 'used'],
    // The rows of the core's summary CSV (the primary mode) as points per
    // series; a bucket with no uncensored set has no mean and no point.
    summaryPoints(rows) {
      const series = new Map();
      for (const row of rows) {
        if (row.primary !== 'true' || row.kmax_mean === '') continue;
        const label = `${row.dataset}, HD ${row.bucket} ± 10`;
        if (!series.has(label)) series.set(label, []);
        series.get(label).push({
          x: Number(row.n),
          y: Number(row.kmax_mean),
          low: row.kmax_low === '' ? null : Number(row.kmax_low),
          high: row.kmax_high === '' ? null : Number(row.kmax_high),
          censored: row.censored !== '0',
          sets: Number(row.sets),
          censoredSets: Number(row.censored),
          used: Number(row.used),
        });
      }
      return series;
    },
  },
  dc: {
    title: 'D_c^ε against ε in the overloaded regime ("Beyond memory storage capacity")',
    describe: (scale) =>
      (scale === 'paper'
        ? 'Paper scale (experiments/overloaded-dc.json): K = 5,500 of a seeded shuffle of the 10,000 MNIST digits, 1,000 held-out digits as probes'
        : 'Reduced: K = 1,000 of a seeded shuffle of the 10,000 MNIST digits, 200 held-out digits as probes') +
      ', 3 synchronous updates, polynomial F with n = 2, 4, 8: 3 runs. D_c^ε is the fraction of probes whose final Cvg = max_μ |ξ^μ·σ| is within εN of N.',
    specs: (scale) =>
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
