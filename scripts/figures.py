#!/usr/bin/python3
"""Draws the papers' figures (docs/reproducing.md) from the sweep CSVs in results/.

Run by scripts/reproduce.sh (Debian's python3 with python3-matplotlib).
Reads results/<name>.csv, writes results/<name>.png and results/appA1-fit.csv.
A missing input CSV skips the figure that needs it and says so.
"""
import csv
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

RESULTS = sys.argv[1] if len(sys.argv) > 1 else "results"
S = 50


def rows(name):
    path = os.path.join(RESULTS, name + ".csv")
    if not os.path.exists(path):
        print(f"figures: {path} missing, skipping what needs it", file=sys.stderr)
        return None
    with open(path) as f:
        return list(csv.DictReader(f))


def number(value):
    return float(value) if value not in ("", None) else math.nan


def finish(fig, ax, xlabel, ylabel, name, legend_size=None):
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=legend_size)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(os.path.join(RESULTS, name), dpi=90)


def fig1(art, mnist):
    fig, axes = plt.subplots(1, 3, figsize=(13, 4), sharey=True)
    for ax, n in zip(axes, (7, 9, 11)):
        for label, data, color in (("artificial", art, "tab:blue"), ("MNIST", mnist, "tab:red")):
            if not data:
                continue
            pts = [r for r in data if int(r["model.n"]) == n and r["exact_mean_hd"] != ""]
            for censored, marker_face in ((False, color), (True, "none")):
                sel = [r for r in pts if (r["exact_censored"] == "true") == censored]
                ax.scatter([number(r["exact_mean_hd"]) for r in sel],
                           [int(r["exact_kmax"]) for r in sel], s=18, facecolors=marker_face,
                           edgecolors=color,
                           label=f"{label}{' (censored, Kmax = S)' if censored else ''}")
        ax.set_title(f"rectified polynomial, n = {n}")
        ax.set_xlabel("mean pairwise HD of the first Kmax patterns (bits)")
        ax.set_xlim(0, 400)
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("Kmax (exact mode), S = 50")
    axes[0].legend(fontsize=8, loc="upper left")
    fig.suptitle("Capacity vs separation (Fig. 1 of the correlations paper), measured by damlab")
    fig.tight_layout()
    fig.savefig(os.path.join(RESULTS, "fig1.png"), dpi=90)


def fig2(art, mnist):
    fig, axes = plt.subplots(1, 3, figsize=(13, 4), sharey=True)
    for ax, center in zip(axes, (60, 90, 120)):
        for label, data, color in (("artificial", art, "tab:blue"), ("MNIST", mnist, "tab:red")):
            if not data:
                continue
            inside = [r for r in data if abs(number(r["data_mean_hd"]) - center) <= 10]
            ns = sorted({int(r["model.n"]) for r in inside})
            means, any_censored = [], []
            for n in ns:
                ks = [r for r in inside if int(r["model.n"]) == n]
                means.append(sum(int(r["exact_kmax"]) for r in ks) / len(ks))
                any_censored.append(any(r["exact_censored"] == "true" for r in ks))
            subsets = len({r["data_checksum"] for r in inside})
            ax.plot(ns, means, "-", color=color, label=f"{label} ({subsets} subsets)")
            ax.scatter([n for n, c in zip(ns, any_censored) if c],
                       [m for m, c in zip(means, any_censored) if c], facecolors="none",
                       edgecolors=color, s=30)
        ax.set_title(f"subsets with mean HD {center} ± 10")
        ax.set_xlabel("degree n")
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("mean Kmax (exact); hollow: some subsets censored")
    axes[0].legend(fontsize=8)
    fig.suptitle("Capacity vs degree (Fig. 2 of the correlations paper), measured by damlab")
    fig.tight_layout()
    fig.savefig(os.path.join(RESULTS, "fig2.png"), dpi=90)


def fit(points):
    """Least squares of ln Kmax = a + rate * HD."""
    n = len(points)
    if n < 3:
        return None
    sx = sum(x for x, _ in points); sy = sum(y for _, y in points)
    sxx = sum(x * x for x, _ in points); sxy = sum(x * y for x, y in points)
    rate = (n * sxy - sx * sy) / (n * sxx - sx * sx)
    a = (sy - rate * sx) / n
    mean_y = sy / n
    ss_tot = sum((y - mean_y) ** 2 for _, y in points)
    ss_res = sum((y - a - rate * x) ** 2 for x, y in points)
    return rate, a, 1 - ss_res / ss_tot if ss_tot > 0 else math.nan, n


def appA1(art, mnist):
    """Fits ln Kmax against separation per n (App. A.1) and compares the two
    data sets at HD 90 through their fits (Fig. 1's gap)."""
    out = [("dataset", "n", "rate_per_bit", "intercept", "r2", "points", "kmax_at_hd90")]
    fig, ax = plt.subplots(figsize=(6, 4))
    for label, data, color in (("artificial", art, "tab:blue"), ("MNIST", mnist, "tab:red")):
        if not data:
            continue
        for n, style in ((7, "o"), (9, "s"), (11, "^")):
            pts = [(number(r["exact_mean_hd"]), math.log(int(r["exact_kmax"])))
                   for r in data if int(r["model.n"]) == n and r["exact_censored"] == "false"
                   and int(r["exact_kmax"]) >= 2 and r["exact_mean_hd"] != ""]
            result = fit(pts)
            if not result:
                continue
            rate, a, r2, count = result
            out.append((label, n, f"{rate:.5f}", f"{a:.4f}", f"{r2:.3f}", count,
                        f"{math.exp(a + rate * 90):.2f}"))
            ax.scatter([x for x, _ in pts], [y for _, y in pts], s=8, marker=style, color=color,
                       alpha=0.5)
            xs = [min(x for x, _ in pts), max(x for x, _ in pts)]
            ax.plot(xs, [a + rate * x for x in xs], color=color,
                    label=f"{label} n={n}: rate {rate:.4f}/bit")
    finish(fig, ax, "mean pairwise HD of the first Kmax patterns", "ln Kmax (uncensored)",
           "appA1.png", 7)
    with open(os.path.join(RESULTS, "appA1-fit.csv"), "w") as f:
        for row in out:
            f.write(",".join(str(c) for c in row) + "\n")


def overloaded(dc, errors):
    if dc:
        fig, ax = plt.subplots(figsize=(6, 4))
        for n in sorted({int(r["model.n"]) for r in dc}):
            r = next(r for r in dc if int(r["model.n"]) == n)
            eps = sorted((float(k[len("D_c_"):]), float(v)) for k, v in r.items() if k.startswith("D_c_"))
            ax.plot([e for e, _ in eps], [v for _, v in eps], "o-", label=f"n = {n}")
        ax.set_title(f"K = {dc[0]['K']} MNIST memories, {dc[0]['probes']} held-out probes")
        finish(fig, ax, "ε", "D_c^ε (fraction of probes with Cvg ≥ (1−ε)N)", "overloaded-dc.png")
    for name, data, rows_ in errors:
        if not rows_:
            continue
        fig, ax = plt.subplots(figsize=(6, 4))
        for n in sorted({int(r["model.n"]) for r in rows_}):
            sel = sorted((int(r["K"]), float(r["train_error"]), float(r["test_error"]))
                         for r in rows_ if int(r["model.n"]) == n)
            line, = ax.plot([k for k, _, _ in sel], [t for _, _, t in sel], "o-", label=f"test, n = {n}")
            ax.plot([k for k, _, _ in sel], [t for _, t, _ in sel], "x--", color=line.get_color(),
                    label=f"train, n = {n}")
        finish(fig, ax, f"K (stored {data} patterns)",
               "error (label of the nearest memory after the update)", name + ".png", 7)


def main():
    art1, mnist1 = rows("fig1-artificial"), rows("fig1-mnist")
    art2, mnist2 = rows("fig2-artificial"), rows("fig2-mnist")
    if art1 or mnist1:
        fig1(art1, mnist1)
        appA1(art1, mnist1)
    if art2 or mnist2:
        fig2(art2, mnist2)
    overloaded(rows("overloaded-dc"),
               [("overloaded-error", "MNIST", rows("overloaded-error")),
                ("overloaded-error-fashion", "Fashion-MNIST", rows("overloaded-error-fashion"))])


if __name__ == "__main__":
    main()
