// What each view shows, in a few sentences, and where it comes from: the
// passage of docs/*.md (on the site as docs/*.html, same anchors; see
// scripts/docs-pages.mjs) or of the paper, by section and equation where
// the paper has no address. Quoted words are the paper's. The texts are
// markup written here (never user data); ui/explain.js places them.
//   sources: [{text, href}] (href relative to the page; none: a passage cited in words)

const science = 'docs/science.html';
const reproducing = 'docs/reproducing.html';
const kh2016 = 'https://arxiv.org/abs/1606.01164'; // as the overloaded-regime paper's reference [8] gives it

export const explanations = {
  explorer: {
    title: 'What are Kmax, the profile and mean HD?',
    body: `
      <p>The first K of your S patterns are stored as memories. They are <em>retrieved</em> when every one of
        them is a fixed point: one update changes none of its bits. <strong>Kmax</strong> is the largest K for which
        the first K are retrieved, the correlations paper's "largest K &lt; S such that our DAM can store and
        retrieve the first K patterns perfectly (normalized inner product = 1)"; Kmax = S is censored (the
        capacity is at least S).</p>
      <p>The <strong>profile</strong> says, for every K from 1 to S, whether the first K are retrieved; damlab
        computes all of it exactly. The paper's binary search assumes the profile drops once and stays down;
        where it does not, the two Kmax differ and "Profile monotone" says no.</p>
      <p><strong>Mean HD</strong> is the mean Hamming distance (the number of differing bits) over all pairs of
        patterns: their separation, the x axis of the paper's Fig. 1 ("we re-calculate the mean separation after
        we determine Kmax"). Random patterns (p = 0.5) are about N/2 apart; MNIST digits much less.</p>`,
    sources: [
      { text: 'docs: Capacity of a pattern sequence', href: `${science}#capacity-of-a-pattern-sequence` },
      { text: 'docs: Patterns (Hamming distance, overlap)', href: `${science}#patterns` },
      { text: 'docs: Theory overlays (the estimate for random patterns)', href: `${science}#theory-overlays` },
      { text: 'correlations paper (Bielmeier & Friedland, ICLR 2025 workshop), Sec. 3, "Capacity Measurement"' },
    ],
  },
  sweeps: {
    title: 'What do Fig. 1, Fig. 2 and D_c^ε show?',
    body: `
      <p><strong>Fig. 1</strong> and <strong>Fig. 2</strong> are the correlations paper's: each run is one set of
        S = 50 patterns and its Kmax against the mean HD of its first Kmax patterns (Fig. 1), or the mean Kmax of
        the sets in the mean-HD buckets 60, 90 and 120 ± 10 bits against the degree n (Fig. 2). The paper's finding: "synthetic data
        achieves consistently higher Kmax for a given separation than MNIST", a gap that grows with n.</p>
      <p><strong>D_c^ε</strong> is the overloaded-regime paper's "fraction of data that converges to some weight
        memory pattern with ε error" (its Definition 6.2): after the updates, a probe σ counts when
        Cvg(σ) = max<sub>μ</sub> |ξ<sup>μ</sup>·σ| ≥ (1 − ε)N. Here the memories are stored raw digits, not the
        paper's trained ones, so this curve is not the paper's Fig. 1.</p>`,
    sources: [
      { text: 'docs: Fig. 1 reproduced', href: `${reproducing}#fig-1-capacity-vs-separation-artificial-vs-mnist-correlations-paper` },
      { text: 'docs: Fig. 2 reproduced', href: `${reproducing}#fig-2-capacity-vs-degree-in-hd-buckets-60-90-120--10` },
      { text: 'docs: Probe measures (convergence, D_c^ε)', href: `${science}#probe-measures` },
      { text: 'docs: Overloaded regime, what differs from the paper', href: `${reproducing}#overloaded-regime-beyond-memory-storage-capacity` },
      { text: 'correlations paper, Sec. 4 and its Fig. 1, Fig. 2' },
      { text: '"Beyond memory storage capacity", Sec. 6.1, Definitions 6.1 and 6.2 (Eq. 5, 6)' },
    ],
  },
  recall: {
    title: 'What does an update do?',
    body: `
      <p>The energy is E(σ) = −Σ<sub>μ</sub> F(ξ<sup>μ</sup>·σ): low when the state σ overlaps a memory ξ<sup>μ</sup>
        strongly. An update sets each bit to the sign that gives the lower energy (the overloaded-regime paper's Eq. 1),
        so asynchronous updates never raise it (the DAM; other models show overlaps only), and the state slides toward a memory: the stored item when K is
        below capacity and the corruption is mild, otherwise a mixture or another memory.</p>
      <p>The overlap ξ·σ = N − 2·HD counts agreeing minus differing bits: N (784 for MNIST) means the state is
        that memory exactly.</p>`,
    sources: [
      { text: 'docs: The update rule', href: `${science}#the-update-rule` },
      { text: 'docs: Dense Associative Memory (energy, F)', href: `${science}#dense-associative-memory` },
      { text: '"Beyond memory storage capacity", Sec. 5, Eq. 1 (the update) and Eq. 2 (F)' },
    ],
  },
  train: {
    title: 'What are trained memories? From features to prototypes',
    body: `
      <p>Here the memories are trained, not stored: K memories over the pixels and one label neuron per class are learned by
        gradient descent so that one update of the label neurons gives the digit's class (Krotov &amp; Hopfield
        2016, Eq. 9; loss Eq. 14). The grid draws the memories' pixels epoch by epoch.</p>
      <p>Krotov &amp; Hopfield describe the memories of a small power n as <em>features</em> (parts of digits)
        and those of a large n as <em>prototypes</em> (whole digits). damlab reproduces the prototype side
        (n = 20: mostly whole digits after 300 epochs); its n = 3 run did not learn with the n = 20 temperatures,
        so the feature side is not reproduced yet.</p>`,
    sources: [
      { text: 'docs: Trained memories (the algorithm, every option)', href: `${science}#trained-memories-krotovhopfield-2016` },
      { text: 'docs: what damlab measured, n = 20 and n = 3', href: `${reproducing}#trained-memories-krotov--hopfield-2016-on-mnist` },
      { text: 'Krotov & Hopfield, "Dense Associative Memory for Pattern Recognition" (2016), arXiv 1606.01164', href: kh2016 },
    ],
  },
  models: {
    title: 'What does the comparison measure?',
    body: `
      <p>Every model of the registry (Hebbian rules, the correlation matrix memory, Minerva2, nearest pattern,
        LSE and LSR energies, the DAM) stores the same ±1 patterns and is measured by the same code: Kmax against N
        on random patterns, Kmax on MNIST subsets of equal mean HD, classification of degraded digits, and
        (δ, ε)-retrievability: "for every pattern P(T(ξ̄) ≠ ξ) &lt; ε", ξ̄ being ξ with each bit flipped with
        probability δ (Bao et al. 2022, as Hanley's proposal states it, its Definition 1.1.2).</p>`,
    sources: [
      { text: 'docs: Other memory models (results)', href: 'docs/models.html' },
      { text: 'docs: Models (every update rule and choice)', href: `${science}#models` },
      { text: 'docs: Probe measures ((δ, ε)-retrievability)', href: `${science}#probe-measures` },
    ],
  },
  results: {
    title: 'What is a results file?',
    body: `
      <p>A record is what <code>damlab run</code> writes for one spec (the spec, the data's checksum, the result);
        a sweep CSV has one row per run of <code>damlab sweep</code>. The "Spec and native command" panel under a
        chart gives the command that writes them, and this view charts them back with the same code as the live
        views.</p>`,
    sources: [
      { text: 'docs: damlab run', href: 'docs/cli.html#damlab-run' },
      { text: 'docs: damlab sweep', href: 'docs/cli.html#damlab-sweep' },
      { text: 'docs: Records', href: 'docs/experiments.html#records' },
    ],
  },
};
