// The sweep figures of the correlations paper, as lists of experiment specs
// and the way their records become points. The paper's own specs are
// experiments/fig1-*.json and fig2-*.json.
//   fig1: Kmax against the mean pairwise HD of the first Kmax patterns, for
//         greedy MNIST subsets over a range of target HDs and skewed
//         Rademacher sets over a range of p, rectified polynomial n = 7, 9, 11.
//   fig2: Kmax against the degree n for sets of mean HD about 90: greedy
//         MNIST subsets (target 90) and Rademacher sets with p = 0.94
//         (expected mean HD 2p(1 - p)N = 88.4 bits for N = 784). One point
//         per set and degree; the paper averages over sets in HD bins.
//   dc:   D_c^ε against ε for poly n = 2, 4, 8 in the overloaded regime
//         (experiments/overloaded-dc.json; reduced: K = 1,000, 200 probes).

const colors = { 7: '#1f77b4', 9: '#2ca02c', 11: '#d62728', mnist: '#d62728', rademacher: '#1f77b4' };
const sourceName = (source) => (source === 'rademacher' ? 'artificial' : 'MNIST');
const style = (source) => (source === 'rademacher' ? 'circle' : 'triangle');

// count values evenly from `from` to `to` (both included), rounded to 6
// decimals so the specs, the links and the records stay readable.
function range(from, to, count) {
  return Array.from({ length: count }, (_, i) => Math.round((from + ((to - from) * i) / Math.max(1, count - 1)) * 1e6) / 1e6);
}

const mnist = (target_hd, seed) => ({ source: 'mnist', S: 50, selection: 'greedy', target_hd, band: 1, seed });
const rademacher = (p, seed) => ({ source: 'rademacher', N: 784, S: 50, p, seed });

/** Interleaves two lists so the scatter fills evenly as results arrive. */
function interleave(a, b) {
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => [a[i], b[i]]).flat().filter(Boolean);
}

const specs = (sets, degrees) =>
  sets.flatMap((data) => degrees.map((n) => ({ measure: 'capacity', data, model: { F: 'rectpoly', n } })));

const paperDegrees = [6, 7, 8, 9, 10, 11, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38];

export const figures = {
  fig1: {
    title: 'Kmax against separation (Fig. 1 of the correlations paper)',
    describe: (scale) =>
      scale === 'paper'
        ? 'Paper scale: 53 greedy MNIST subsets (target HD 30 to 190) and 50 skewed Rademacher sets (p = 0.51 to 1.0), S = 50, N = 784, rectified polynomial n = 7, 9, 11: 309 runs.'
        : 'Reduced: 12 greedy MNIST subsets (target HD 30 to 190) and 12 skewed Rademacher sets (p = 0.51 to 1.0), S = 50, N = 784, rectified polynomial n = 7, 9, 11: 72 runs.',
    specs(scale) {
      const [m, r] = scale === 'paper' ? [53, 50] : [12, 12];
      const sets = interleave(
        range(30, 190, m).map((hd, i) => mnist(hd, i + 1)),
        range(0.51, 1.0, r).map((p, i) => rademacher(p, i + 1)),
      );
      return specs(sets, [7, 9, 11]);
    },
    x: { title: 'mean pairwise HD of the first Kmax patterns (bits)', min: 0, max: 400 },
    series: ['mnist', 'rademacher'].flatMap((source) =>
      [7, 9, 11].map((n) => ({ label: `${sourceName(source)}, n = ${n}`, color: colors[n], style: style(source) })),
    ),
    // A point needs a mean HD, i.e. Kmax >= 2.
    point: ({ spec, result: { exact } }) =>
      exact.mean_hd === null
        ? null
        : {
            series: `${sourceName(spec.data.source)}, n = ${spec.model.n}`,
            point: { x: exact.mean_hd, y: exact.kmax, censored: exact.censored },
          },
  },
  fig2: {
    title: 'Kmax against the degree n at mean HD ≈ 90 (after Fig. 2 of the correlations paper)',
    describe: (scale) =>
      scale === 'paper'
        ? "Paper scale: the paper's 20 degrees n = 6 to 38, 10 greedy MNIST subsets (target HD 90) and 10 Rademacher sets (p = 0.94), S = 50: 400 runs."
        : 'Reduced: 11 degrees n = 6 to 38, 4 greedy MNIST subsets (target HD 90) and 4 Rademacher sets (p = 0.94), S = 50: 88 runs.',
    specs(scale) {
      const [count, degrees] = scale === 'paper' ? [10, paperDegrees] : [4, [6, 7, 8, 9, 10, 11, 12, 16, 20, 28, 38]];
      const seeds = Array.from({ length: count }, (_, i) => i + 1);
      return specs(interleave(seeds.map((s) => mnist(90, s)), seeds.map((s) => rademacher(0.94, s))), degrees);
    },
    x: { title: 'degree n of the rectified polynomial', min: 0, max: 40 },
    series: ['mnist', 'rademacher'].map((source) => ({
      label: `${sourceName(source)}, mean HD ≈ 90`,
      color: colors[source],
      style: style(source),
    })),
    point: ({ spec, result: { exact } }) => ({
      series: `${sourceName(spec.data.source)}, mean HD ≈ 90`,
      point: { x: spec.model.n, y: exact.kmax, censored: exact.censored },
    }),
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
    y: { title: 'D_c^ε (fraction of probes converged)', min: 0, max: 1.05 },
    series: [2, 4, 8].map((n, i) => ({ label: `n = ${n}`, color: ['#1f77b4', '#2ca02c', '#d62728'][i], style: 'circle', line: true })),
    columns: ['n', 'K', 'probes', 'ε', 'D_c^ε', 'mean Cvg / N', 'data checksum'],
    rows: ({ spec, result, data }) =>
      Object.entries(result.D_c).map(([epsilon, dc]) => [spec.model.n, result.K, result.probes, epsilon, dc, result.mean_cvg, data.checksum]),
    points: ({ spec, result }) =>
      Object.entries(result.D_c).map(([epsilon, dc]) => ({ series: `n = ${spec.model.n}`, point: { x: Number(epsilon), y: dc } })),
  },
};
