// The guided tour's steps (tutorial.html, tour.js): five findings of the
// papers, each with a live figure (the playground embedded with the link of
// its run: index.html?embed=1#…, computed by the wasm module in the embed's
// workers), a short text and its sources. Sizes are small: each figure
// computes in a few seconds on two cores. A step may offer a few variants
// of its figure (other links). Texts are markup written here.

const science = 'docs/science.html';
const reproducing = 'docs/reproducing.html';

export const steps = [
  {
    id: 'random',
    title: 'Capacity grows like Nⁿ⁻¹ for random patterns',
    body: `
      <p>Store random patterns (each of N bits +1 or −1 with probability ½) one after another in a Dense
        Associative Memory with the rectified polynomial F(x) = x<sup>n</sup> for x ≥ 0 (0 below), n = 3, and find
        <strong>Kmax</strong>, the largest K for which the first K are all fixed points. For random patterns the
        theory (the overloaded-regime paper's Eq. 4, after Krotov &amp; Hopfield) is
        K<sup>max</sup> ≈ N<sup>n−1</sup> / (2 (2n−3)!! ln N): doubling N multiplies the capacity by a little less
        than 2<sup>n−1</sup> = 4 (the ln N). One measured set of each size scatters around that.</p>
      <p>Switch N below and read "Kmax, exact" under the figure; the curve is the retrieval profile (1: the
        first K are retrieved), the dashed line Kmax.</p>`,
    variants: [50, 100, 200].map((N) => ({
      label: `N = ${N}`,
      hash: `view=explorer&source=rademacher&p=0.5&N=${N}&S=${{ 50: 300, 100: 1000, 200: 2000 }[N]}&seed=1&F=rectpoly&n=3`,
    })),
    height: 340,
    sources: [
      { text: 'docs: Theory overlays', href: `${science}#theory-overlays` },
      { text: 'docs: the measured Kmax held to a finite-N estimate', href: `${reproducing}#kmax-all-first-k-retrieved-against-the-finite-n-estimate` },
      { text: '"Beyond memory storage capacity", Sec. 5, Eq. 4 and Example 5.1' },
    ],
  },
  {
    id: 'correlated',
    title: 'Correlated digits store fewer patterns than random ones at equal separation',
    body: `
      <p>Real images are not random: handwritten digits share many pixels. The correlations paper builds sets of
        50 MNIST digits with a chosen mean Hamming distance (HD, the number of differing bits) and sets of skewed
        random patterns of the same separation, and measures Kmax of each. Its finding: "synthetic data achieves
        consistently higher Kmax for a given separation than MNIST" (Fig. 1), and "at higher polynomial degrees,
        correlated data (MNIST) notably suffers an increasing capacity drop relative to synthetic data" (Fig. 2).</p>
      <p>In Fig. 1 each point is one set: triangles MNIST, circles, squares and diamonds random patterns (one
        shape per n); hollow points are censored (all 50 retrieved). Fig. 2 averages the sets inside mean-HD
        buckets of ± 10 bits: triangles MNIST, circles random.</p>`,
    variants: [
      { label: 'Fig. 1: Kmax against mean HD', hash: 'view=sweeps&figure=fig1&scale=reduced' },
      { label: 'Fig. 2: Kmax against n', hash: 'view=sweeps&figure=fig2&scale=reduced' },
    ],
    height: 420,
    sources: [
      { text: 'docs: Fig. 1 reproduced', href: `${reproducing}#fig-1-capacity-vs-separation-artificial-vs-mnist-correlations-paper` },
      { text: 'docs: Fig. 2 reproduced', href: `${reproducing}#fig-2-capacity-vs-degree-in-hd-buckets-60-90-120--10` },
      { text: 'correlations paper (Bielmeier & Friedland, ICLR 2025 workshop), Sec. 3 and Sec. 4' },
    ],
  },
  {
    id: 'profile',
    title: 'The exact capacity profile: retrieval is not always monotone in K',
    body: `
      <p>The paper finds Kmax by binary search, which assumes that once the first K patterns fail, every larger
        set fails too. damlab computes the whole <strong>profile</strong> exactly: for every K, whether the first K
        are all fixed points. In this set of 200 random patterns (N = 50, n = 3) the first 61 are retrieved, the
        62nd breaks retrieval, yet larger sets are retrieved again, and the binary search lands far higher. Both
        numbers are under the figure; the profile shows why they differ.</p>`,
    variants: [{ label: 'N = 50, seed 16', hash: 'view=explorer&source=rademacher&p=0.5&N=50&S=200&seed=16&F=rectpoly&n=3' }],
    height: 340,
    sources: [
      { text: 'docs: Capacity of a pattern sequence (exact and binary modes)', href: `${science}#capacity-of-a-pattern-sequence` },
      { text: 'correlations paper, Sec. 3, "Capacity Measurement"' },
    ],
  },
  {
    id: 'overloaded',
    title: 'Beyond capacity: how much still converges (D_c^ε)',
    body: `
      <p>Far above Kmax no pattern is a fixed point, but a state may still end close to a memory. The
        overloaded-regime paper measures "the recovery of state σ", Cvg(σ) = max<sub>μ</sub> |ξ<sup>μ</sup>·σ|
        after synchronous updates, and D<sub>c</sub><sup>ε</sup>, "the fraction of data that converges to some
        weight memory pattern with ε error": the probes with Cvg ≥ (1 − ε)N.</p>
      <p>Here K = 1,000 raw MNIST digits are stored and 200 other digits are the probes. The paper's memories are
        trained (the next step), so these curves are damlab's measure on stored digits, not the paper's figure:
        every probe ends with an overlap between 0.90 N and 0.95 N with some memory, so
        D<sub>c</sub><sup>ε</sup> jumps from 0 to 1 between ε = 0.05 and 0.1, for every n.</p>`,
    variants: [{ label: 'n = 2, 4, 8', hash: 'view=sweeps&figure=dc&scale=reduced' }],
    height: 420,
    sources: [
      { text: 'docs: Probe measures (convergence)', href: `${science}#probe-measures` },
      { text: 'docs: Overloaded regime, what differs from the paper', href: `${reproducing}#overloaded-regime-beyond-memory-storage-capacity` },
      { text: '"Beyond memory storage capacity", Sec. 6.1, Definitions 6.1 and 6.2' },
    ],
  },
  {
    id: 'trained',
    title: 'Memories that are learned: from features to prototypes',
    body: `
      <p>Krotov &amp; Hopfield (2016) <em>train</em> the memories: K memories over the pixels and one label neuron per class,
        by gradient descent, so that one update of the label neurons gives a digit's class. They describe the
        memories of a small power n as features (parts of digits) and those of a large n as prototypes (whole
        digits). Watch 36 memories form over 20 epochs of a small run at n = 20 (grid: the memories' pixels;
        chart: loss and errors per epoch).</p>
      <p>damlab's long run at n = 20 ends with mostly whole digits; its n = 3 run did not learn with the same
        temperatures, so the feature side is not reproduced yet.</p>`,
    variants: [{ label: 'n = 20, 20 epochs', hash: 'view=train&tepochs=20' }],
    height: 540,
    sources: [
      { text: 'docs: Trained memories', href: `${science}#trained-memories-krotovhopfield-2016` },
      { text: 'docs: what damlab measured', href: `${reproducing}#trained-memories-krotov--hopfield-2016-on-mnist` },
      { text: 'Krotov & Hopfield (2016), arXiv 1606.01164', href: 'https://arxiv.org/abs/1606.01164' },
    ],
  },
];
