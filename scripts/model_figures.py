#!/usr/bin/python3
"""Draws the memory-model comparison figures from results/models-*.csv
(docs/models.md). Run by scripts/reproduce.sh after the sweeps;
a missing CSV skips the figure that needs it and says so.

Writes results/models-capacity-n.png, results/models-mnist-capacity.png,
results/models-degraded.png, results/models-retrievability.png and
results/models-summary.csv (the values drawn); and for the checks of the
Hebbian proposal, results/models-delta-capacity-n.png, results/models-f4.png
and results/models-checks-summary.csv. The theory lines are the
core's (dam/theory.hpp), printed by `damlab theory` (the runner at $DAMLAB,
default build/cli/damlab).
"""
import csv
import glob
import json
import os
import subprocess
import sys
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

RESULTS = sys.argv[1] if len(sys.argv) > 1 else "results"
DAMLAB = os.environ.get("DAMLAB") or os.path.join(os.path.dirname(__file__), "..", "build", "cli", "damlab")


def theory(Ns, n=3, a=0.1):
    """The core's theory lines at each N: Kmax estimates by name, one value per N."""
    out = subprocess.run([DAMLAB, "theory", "--N", *map(str, Ns), "--n", str(n), "--a", str(a)],
                         check=True, capture_output=True, text=True).stdout
    lines = json.loads(out)
    return {"hopfield": lines["hopfield"], "mceliece": lines["mceliece"],
            "exponential": lines["exponential"], "dam": lines["dam"][str(n)],
            "willshaw": next(iter(lines["willshaw"].values()))}


def load(prefix):
    rows = []
    for path in sorted(glob.glob(os.path.join(RESULTS, prefix + "*.csv"))):
        group = os.path.basename(path)[:-4].rsplit("-", 1)[1]  # models-<figure>-<group>.csv
        with open(path) as f:
            for r in csv.DictReader(f):
                r["group"] = group
                rows.append(r)
    if not rows:
        print(f"model_figures: no {RESULTS}/{prefix}*.csv, skipping its figure", file=sys.stderr)
    return rows


def label(r):
    """The model of a row, named as in the spec."""
    if r["group"] in ("dam", "exp"):
        return "dam poly n=" + r["model.n"] if r.get("model.n") else "dam exp β=1"
    if r["group"] == "lse":
        return "lse"
    if r["group"] == "lsr":
        return "lsr"
    if r["group"] == "bcpnn":
        return "hopfield-bcpnn"
    return r["model.name"]


STYLE = {}


def style(name):
    if name not in STYLE:
        markers = "osD^v<>pPX*hH"
        colors = ["tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple", "tab:brown",
                  "tab:pink", "tab:gray", "tab:olive", "tab:cyan", "black", "gold", "navy"]
        STYLE[name] = dict(marker=markers[len(STYLE) % len(markers)], color=colors[len(STYLE) % len(colors)])
    return STYLE[name]


def mean_by(rows, key):
    """(model, key...) -> (mean Kmax, any censored, count)."""
    groups = defaultdict(list)
    for r in rows:
        groups[(label(r),) + key(r)].append(r)
    out = {}
    for k, rs in groups.items():
        out[k] = (sum(int(r["exact_kmax"]) for r in rs) / len(rs),
                  any(r["exact_censored"] == "true" for r in rs), len(rs))
    return out


def scatter(ax, means, p_filter, summary, panel):
    names = sorted({m[0] for m in means if m[1] == p_filter})
    for name in names:
        pts = sorted((N, v) for (m, p, N), v in means.items() if m == name and p == p_filter)
        xs = [N for N, _ in pts]
        ys = [max(v[0], 0.5) for _, v in pts]  # Kmax = 0 drawn at 0.5 on the log axis
        st = style(name)
        ax.plot(xs, ys, color=st["color"], lw=1, alpha=0.6)
        for (N, v), y in zip(pts, ys):
            ax.scatter([N], [y], marker=st["marker"], color=st["color"] if not v[1] else "none",
                       edgecolors=st["color"], s=28)
            summary.append([panel, name, p_filter, N, f"{v[0]:.2f}", v[1], v[2]])


def capacity_vs_n(summary):
    rows = load("models-capacity-n-")
    if not rows:
        return
    rows = [r for r in rows if r["group"] != "exp"]
    means = mean_by(rows, lambda r: (r.get("data.p") or "0.5", int(r["data.N"])))
    fig, axes = plt.subplots(1, 3, figsize=(17, 6.2))
    Ns = [16, 32, 64, 128, 256]
    for ax, p in zip(axes[:2], ("0.5", "0.1")):
        scatter(ax, means, p, summary, "capacity-n")
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        ax.set_title(f"random patterns, P(+1) = {p}; hollow: censored (Kmax = S)")
        ax.set_xlabel("N")
        ax.grid(alpha=0.3, which="both")
    lines = theory(Ns, n=3, a=0.1)
    axes[0].plot(Ns, lines["hopfield"], "k--", lw=1, label="0.138 N (Amit et al.; ≈1.6% wrong bits allowed)")
    axes[0].plot(Ns, lines["mceliece"], "k:", lw=1, label="N / (4 ln N) (all patterns exact)")
    axes[0].plot(Ns, lines["dam"], "-.", color="gray",
                 lw=1, label="N² / (2·3!!·ln N) (DAM n = 3, per pattern)")
    axes[1].plot(Ns, lines["willshaw"], "k--", lw=1,
                 label="Willshaw estimate: K(N−k)q^k = 1, k = aN, q = 1−(1−a²)^K")
    axes[0].set_ylabel("Kmax (first K all fixed points), mean of 3 seeds")
    for ax in axes[:2]:
        ax.legend(fontsize=7, loc="upper left")  # the theory lines
    exp_rows = load("models-capacity-n-exp")
    ax = axes[2]
    if exp_rows:
        m = mean_by(exp_rows, lambda r: ("0.5", int(r["data.N"])))
        scatter(ax, m, "0.5", summary, "capacity-n-exp")
        ns = sorted({int(r["data.N"]) for r in exp_rows})
        ax.plot(ns, theory(ns)["exponential"], "k--", lw=1, label="2^(N/2)")
        ax.set_yscale("log", base=2)
        ax.set_xlabel("N")
        ax.set_title("DAM exp (β = 1), S = 2048")
        ax.legend(fontsize=7, loc="upper left")
        ax.grid(alpha=0.3, which="both")
    handles = [plt.Line2D([], [], marker=st["marker"], color=st["color"], label=name)
               for name, st in STYLE.items()]
    fig.legend(handles=handles, fontsize=8, loc="lower center", ncol=7)
    fig.suptitle("Capacity vs N of every model (damlab, exact-mode Kmax)")
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    fig.savefig(os.path.join(RESULTS, "models-capacity-n.png"), dpi=90)


def mnist_capacity(summary):
    rows = load("models-mnist-capacity-")
    if not rows:
        return
    means = mean_by(rows, lambda r: (int(float(r["data.target_hd"])),))
    names = sorted({k[0] for k in means})
    hds = sorted({k[1] for k in means})
    fig, ax = plt.subplots(figsize=(12, 4.6))
    width = 0.8 / len(hds)
    for h, hd in enumerate(hds):
        xs = [i + (h - (len(hds) - 1) / 2) * width for i in range(len(names))]
        ys = [means[(n, hd)][0] for n in names]
        bars = ax.bar(xs, ys, width, label=f"target mean HD {hd}")
        for bar, n in zip(bars, names):
            summary.append(["mnist-capacity", n, hd, "", f"{means[(n, hd)][0]:.2f}", means[(n, hd)][1],
                            means[(n, hd)][2]])
            if means[(n, hd)][1]:
                bar.set_hatch("//")
    ax.set_xticks(range(len(names)))
    ax.set_xticklabels(names, rotation=25, ha="right", fontsize=8)
    ax.set_ylabel("Kmax, mean of 3 greedy subsets (S = 50; hatched: some censored)")
    ax.set_title("Capacity on MNIST subsets at equal mean pairwise HD")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3, axis="y")
    fig.tight_layout()
    fig.savefig(os.path.join(RESULTS, "models-mnist-capacity.png"), dpi=90)


def degraded(summary):
    rows = load("models-degraded-")
    if not rows:
        return
    fig, axes = plt.subplots(2, 2, figsize=(13, 10), sharey=True)
    for row, source in enumerate(("mnist", "fashion-mnist")):
        sel = [r for r in rows if r["data.source"] == source]
        for col, kind in enumerate(("flip", "occlusion")):
            ax = axes[row][col]
            for name in sorted({label(r) for r in sel}):
                pts = []
                for r in sel:
                    if label(r) != name:
                        continue
                    delta, occ = float(r["probe.delta"]), int(r["probe.occlusion"])
                    level = delta if kind == "flip" else occ
                    if (kind == "flip" and occ == 0) or (kind == "occlusion" and delta == 0):
                        pts.append((level, 1 - float(r["test_error"])))
                pts.sort()
                st = style(name)
                ax.plot([x for x, _ in pts], [y for _, y in pts], marker=st["marker"], color=st["color"],
                        label=name, ms=4, lw=1)
                for x, y in pts:
                    summary.append([f"degraded-{source}-{kind}", name, x, "", f"{y:.3f}", "", 1])
            ax.set_title(f"{source}: {'bit flips' if kind == 'flip' else 'random s×s block set to −1'}")
            ax.set_xlabel("flip probability δ" if kind == "flip" else "block side s (pixels of 28)")
            ax.grid(alpha=0.3)
        axes[row][0].set_ylabel("held-out accuracy (label of the nearest memory)")
    handles, labels = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, labels, fontsize=8, loc="lower center", ncol=6)
    fig.suptitle("Classification of degraded held-out images: 500 memories, 200 probes, 3 synchronous updates")
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    fig.savefig(os.path.join(RESULTS, "models-degraded.png"), dpi=90)


def retrievability(summary):
    rows = load("models-retrievability-")
    if not rows:
        return
    fig, ax = plt.subplots(figsize=(11, 5.2))
    for name in sorted({label(r) for r in rows}):
        pts = sorted((int(r["K"]), r) for r in rows if label(r) == name)
        ks = [k for k, _ in pts]
        worst = [float(r["worst_rate"]) for _, r in pts]
        low = [w - float(r["worst_lower"]) for w, (_, r) in zip(worst, pts)]
        high = [float(r["worst_upper"]) - w for w, (_, r) in zip(worst, pts)]
        st = style(name)
        ax.errorbar(ks, worst, yerr=[low, high], marker=st["marker"], color=st["color"], label=name,
                    capsize=3, lw=1, ms=4)
        # The (δ, ε)-capacity on this grid: the largest K up to which every K
        # is retrievable with the Wilson upper bound below ε.
        capacity = 0
        for k, r in pts:
            if r["retrievable_confidently"] != "true":
                break
            capacity = k
        summary.append(["retrievability", name, "capacity", 128, capacity, capacity == ks[-1], 1])
    ax.axhline(0.1, color="k", ls="--", lw=1, label="ε = 0.1")
    ax.set_xscale("log", base=2)
    ax.set_xlabel("K stored random patterns (N = 128, P(+1) = 0.5)")
    ax.set_ylabel("failure rate of the worst pattern (Wilson 95%)")
    ax.set_title("(δ, ε)-retrievability, δ = 0.05: 40 noisy copies of each pattern, 3 synchronous updates")
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5))
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(os.path.join(RESULTS, "models-retrievability.png"), dpi=90)


def grid_capacity(pts):
    """The (δ, ε)-capacity on a grid: the largest K up to which every K of the
    grid is retrievable with the Wilson upper bound below ε (0 if none);
    censored when the grid's last K passes."""
    capacity = 0
    for k, r in pts:
        if r["retrievable_confidently"] != "true":
            return capacity, False
        capacity = k
    return capacity, True


def failure_curves(ax, rows, name_of, linestyle_of=lambda r: "-", style_of=lambda name: name):
    """Worst-pattern failure rate against K, one curve per name_of(row)."""
    out = {}
    for name in sorted({name_of(r) for r in rows}):
        pts = sorted((int(r["K"]), r) for r in rows if name_of(r) == name)
        st = style(style_of(name))
        ax.plot([k for k, _ in pts], [float(r["worst_rate"]) for _, r in pts], marker=st["marker"],
                color=st["color"], ls=linestyle_of(pts[0][1]), lw=1, ms=3, label=name)
        out[name] = grid_capacity(pts)
    ax.axhline(0.1, color="k", ls="--", lw=1)
    ax.set_xscale("log", base=2)
    ax.set_ylabel("failure rate of the worst pattern")
    ax.grid(alpha=0.3, which="both")
    return out


def delta_capacity_n(summary):
    rows = load("models-delta-capacity-n-")
    if not rows:
        return
    fig, axes = plt.subplots(1, 2, figsize=(15, 5.6))
    caps = failure_curves(axes[0], rows, lambda r: f"dam poly n={r['model.n']}, N={int(r['N']):03d}",
                          lambda r: "-" if r["model.n"] == "3" else ":")
    axes[0].set_xlabel("K stored random patterns (grid: four steps per doubling)")
    axes[0].set_title("(δ, ε)-retrievability across N, δ = 0.05, ε = 0.1 (dashed), 40 trials, 3 sync updates")
    axes[0].legend(fontsize=7, ncol=2)
    ax = axes[1]
    Ns = sorted({int(r["N"]) for r in rows})
    for n in ("2", "3"):
        pts = [(N, caps[f"dam poly n={n}, N={N:03d}"]) for N in Ns]
        st = style(f"dam poly n={n}")
        ax.plot(Ns, [c for _, (c, _) in pts], marker=st["marker"], color=st["color"],
                label=f"dam poly n={n}: (δ, ε)-capacity on the grid")
        for N, (c, censored) in pts:
            summary.append(["delta-capacity-n", f"dam poly n={n}", "K grid 2^(j/4)", N, c, censored, 1])
    lines = theory(Ns, n=3)
    ax.plot(Ns, lines["dam"], "-.", color="gray", lw=1, label="N² / (2·3!!·ln N) (n = 3, per pattern)")
    ax.plot(Ns, lines["mceliece"], "k:", lw=1, label="N / (4 ln N) (n = 2, all patterns exact)")
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("N")
    ax.set_ylabel("largest grid K up to which every grid K is retrievable")
    ax.set_title("(δ, ε)-capacity vs N (data seed 1); no series censored")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3, which="both")
    fig.tight_layout()
    fig.savefig(os.path.join(RESULTS, "models-delta-capacity-n.png"), dpi=90)


def f4_label(r):
    return "minerva2" if r["group"] == "minerva2" else "dam poly n=" + r["model.n"]


def f4(summary):
    cap_rows = load("models-f4-capacity-")
    ret_rows = load("models-f4-retrievability-")
    if not cap_rows or not ret_rows:
        return
    fig, axes = plt.subplots(1, 3, figsize=(18, 5.6))
    ax = axes[0]
    means = defaultdict(list)
    for r in cap_rows:
        means[(f4_label(r), int(r["data.N"]))].append(r)
    for name in sorted({m for m, _ in means}):
        pts = sorted((N, rs) for (m, N), rs in means.items() if m == name)
        st = style(name)
        ys = [sum(int(r["exact_kmax"]) for r in rs) / len(rs) for _, rs in pts]
        ax.plot([N for N, _ in pts], ys, color=st["color"], lw=1, alpha=0.6)
        for (N, rs), y in zip(pts, ys):
            censored = any(r["exact_censored"] == "true" for r in rs)
            ax.scatter([N], [y], marker=st["marker"], color="none" if censored else st["color"],
                       edgecolors=st["color"], s=28)
            summary.append(["f4-capacity", name, "fixed points", N, f"{y:.2f}", censored, len(rs)])
        ax.plot([], [], marker=st["marker"], color=st["color"], label=name)
    ax.set_yscale("log")
    ax.set_xlabel("N")
    ax.set_ylabel("Kmax (first K all fixed points), mean of 3 seeds")
    ax.set_title("fixed points, S = 512; hollow: censored (Kmax = S)")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3, which="both")
    for ax, N in zip(axes[1:], ("32", "64")):
        rows = [r for r in ret_rows if r["N"] == N]
        caps = failure_curves(ax, rows, f4_label)
        for name, (c, censored) in caps.items():
            summary.append(["f4-retrievability", name, "K grid 2^(j/4)", int(N), c, censored, 1])
        ax.set_xlabel(f"K stored random patterns, N = {N}")
        ax.set_title(f"(δ, ε)-retrievability, N = {N}, δ = 0.05, ε = 0.1 (dashed)")
        ax.legend(fontsize=8)
    fig.suptitle("Minerva2 (sgn Σ ξ^μ (normalized overlap)³) against the DAM with F_4 = x⁴/4 "
                 "(energy-difference update) on the same patterns and probes")
    fig.tight_layout()
    fig.savefig(os.path.join(RESULTS, "models-f4.png"), dpi=90)


def main():
    summary = []
    capacity_vs_n(summary)
    mnist_capacity(summary)
    degraded(summary)
    retrievability(summary)
    with open(os.path.join(RESULTS, "models-summary.csv"), "w") as f:
        w = csv.writer(f)
        w.writerow(["figure", "model", "x", "N", "value", "censored", "count"])
        w.writerows(summary)
    # The figures of the Hebbian proposal's checks (docs/models.md), in their
    # own summary so models-summary.csv stays as it was.
    checks = []
    delta_capacity_n(checks)
    f4(checks)
    with open(os.path.join(RESULTS, "models-checks-summary.csv"), "w") as f:
        w = csv.writer(f)
        w.writerow(["figure", "model", "x", "N", "value", "censored", "count"])
        w.writerows(checks)


if __name__ == "__main__":
    main()
