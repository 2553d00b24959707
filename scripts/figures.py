#!/usr/bin/python3
"""Draws the papers' figures (docs/reproducing.md) from results/.

Run by scripts/reproduce.sh (Debian's python3 with python3-matplotlib).
Every mean, interval and fit comes from `damlab summarize` (results/*-summary*.csv
and their records); this script only reads those tables, and the sweeps' CSVs for
the scatter of the sets. Writes results/<figure>.png. A missing input skips the
figure that needs it and says so.
"""
import csv
import json
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

RESULTS = sys.argv[1] if len(sys.argv) > 1 else "results"

def rows(name, folder=""):
    path = os.path.join(RESULTS, folder, name + ".csv")
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


def summary(name):
    """A summary written by `damlab summarize` (its CSV and its record)."""
    table = rows(name)
    path = os.path.join(RESULTS, name + ".json")
    if table is None or not os.path.exists(path):
        return None, None
    with open(path) as f:
        return table, json.load(f)["summary"]


def pooled(names):
    """The rows of several sweeps (a summary label's sets), for the scatter."""
    out = []
    for name in names if isinstance(names, list) else [names]:
        out += rows(name) or []
    return out


def columns(spec):
    """The Kmax, censored and HD columns of the summary's primary reading."""
    mode = spec["kmax"]
    hd = f"{mode}_mean_hd" if spec["hd"] == "first_kmax" else "data_mean_hd"
    return f"{mode}_kmax", f"{mode}_censored", hd


def reading(spec):
    return (f"{spec['kmax']} Kmax, censored {'excluded' if spec['censored'] == 'exclude' else 'as S'}, "
            f"HD of {'the first Kmax patterns' if spec['hd'] == 'first_kmax' else 'the whole set'}")


def same(cell, value):
    if isinstance(value, (int, float)):
        return cell != "" and float(cell) == float(value)
    return cell == value


def cells(table, **match):
    return [r for r in table if all(same(r[k], v) for k, v in match.items())]


def fig1():
    table, spec = summary("fig1-summary")
    if not table:
        return
    kcol, ccol, hcol = columns(spec)
    fig, axes = plt.subplots(1, 3, figsize=(13, 4.2), sharey=True)
    for ax, n in zip(axes, (7, 9, 11)):
        for label, color in (("artificial", "tab:blue"), ("MNIST", "tab:red")):
            sets = [r for r in pooled(spec["sweeps"][label]) if int(r["model.n"]) == n and r[hcol] != ""]
            for censored, face in ((False, color), (True, "none")):
                sel = [r for r in sets if (r[ccol] == "true") == censored]
                ax.scatter([number(r[hcol]) for r in sel], [int(r[kcol]) for r in sel], s=8,
                           facecolors=face, edgecolors=color, alpha=0.25, linewidths=0.6,
                           label=f"{label} sets{' (censored, Kmax = S: not in the means)' if censored else ''}")
            means = [r for r in cells(table, dataset=label, primary="true", n=n) if r["kmax_mean"]]
            ax.errorbar([number(r["hd_mean"]) for r in means], [number(r["kmax_mean"]) for r in means],
                        yerr=[[number(r["kmax_mean"]) - number(r["kmax_low"] or r["kmax_mean"]) for r in means],
                              [number(r["kmax_high"] or r["kmax_mean"]) - number(r["kmax_mean"]) for r in means]],
                        fmt="o-", color=color, ms=4, capsize=2, lw=1.2,
                        label=f"{label}: mean per 20-bit bin, 95% t interval")
        ax.set_title(f"rectified polynomial, n = {n}")
        ax.set_xlabel("mean pairwise HD of the first Kmax patterns (bits)" if spec["hd"] == "first_kmax"
                      else "mean pairwise HD of the whole set (bits)")
        ax.set_xlim(0, 400)
        ax.set_ylim(0, 52)
        ax.grid(alpha=0.3)
    axes[0].set_ylabel(f"Kmax ({spec['kmax']}), S = 50")
    axes[0].legend(fontsize=6.5, loc="upper left")
    fig.suptitle(f"Fig. 1 of the correlations paper, 4 replicate sets per p / target ({reading(spec)})",
                 fontsize=10)
    fig.tight_layout()
    fig.savefig(os.path.join(RESULTS, "fig1.png"), dpi=90)


def fig2(name, png):
    table, spec = summary(name)
    if not table:
        return
    centers = spec["buckets"]["centers"]
    S = max(int(r["S"]) for r in pooled(next(iter(spec["sweeps"].values()))))
    fig, axes = plt.subplots(2, len(centers), figsize=(13, 6), sharex=True,
                             gridspec_kw={"height_ratios": [3, 1]})
    for col, center in enumerate(centers):
        ax, low = axes[0][col], axes[1][col]
        for label, color in (("artificial", "tab:blue"), ("MNIST", "tab:red")):
            for primary, style in (("true", "-"), ("false", ":")):
                sel = [r for r in cells(table, dataset=label, primary=primary, bucket=center)]
                pts = [r for r in sel if r["kmax_mean"]]
                ns = [int(r["n"]) for r in pts]
                mode = sel[0]["mode"] if sel else ""
                sets = max((int(r["sets"]) for r in sel), default=0)
                ax.plot(ns, [number(r["kmax_mean"]) for r in pts], style, color=color, marker="o" if primary == "true" else None,
                        ms=3, label=f"{label}, {mode} ({sets} sets)" if primary == "true" else f"{label}, {mode}")
                if primary == "true":
                    band = [r for r in pts if r["kmax_low"]]
                    ax.fill_between([int(r["n"]) for r in band], [number(r["kmax_low"]) for r in band],
                                    [number(r["kmax_high"]) for r in band], color=color, alpha=0.2, lw=0)
                    low.plot([int(r["n"]) for r in sel], [int(r["censored"]) / int(r["sets"]) for r in sel],
                             "o-", color=color, ms=3)
        ax.set_title(f"sets with mean HD {center:g} ± {spec['buckets']['half_width']:g}")
        ax.set_ylim(0, S * 1.05)
        ax.grid(alpha=0.3)
        low.set_xlabel("degree n")
        low.set_ylim(-0.05, 1.05)
        low.grid(alpha=0.3)
    axes[0][0].set_ylabel(f"mean Kmax, 95% t band (S = {S})")
    axes[1][0].set_ylabel("censored fraction\n(not in the means)", fontsize=8)
    axes[0][0].legend(fontsize=7, loc="upper left")
    fig.suptitle(f"Fig. 2 of the correlations paper, S = {S}, replicates ({reading(spec)})", fontsize=10)
    fig.tight_layout()
    fig.savefig(os.path.join(RESULTS, png), dpi=90)


def gap_figure(panels, png):
    """log2(MNIST / artificial Kmax) at equal HD against n, one panel per
    summary: (summary name, how its MNIST subsets were built)."""
    found = [(name, rows(name + "-gap"), summary(name)[1], how) for name, how in panels]
    found = [f for f in found if f[1] and f[2]]
    if not found:
        return
    fig, axes = plt.subplots(1, len(found), figsize=(5 * len(found), 4), sharey=True, squeeze=False)
    for ax, (name, table, spec, how) in zip(axes[0], found):
        S = max(int(r["S"]) for r in pooled(spec["sweeps"]["MNIST"]))
        for center, color in zip(spec["buckets"]["centers"], ("tab:green", "tab:orange", "tab:purple")):
            sel = [r for r in cells(table, primary="true", bucket=center) if r["gap_low"]]
            ns = [int(r["n"]) for r in sel]
            ax.plot(ns, [number(r["gap_log2"]) for r in sel], "o-", ms=3, color=color,
                    label=f"HD {center:g} ± {spec['buckets']['half_width']:g}")
            ax.fill_between(ns, [number(r["gap_low"]) for r in sel], [number(r["gap_high"]) for r in sel],
                            color=color, alpha=0.18, lw=0)
        ax.axhline(0, color="black", lw=0.8)
        ax.set_title(f"S = {S}, MNIST {how}", fontsize=10)
        ax.set_xlabel("degree n")
        ax.grid(alpha=0.3)
    axes[0][0].set_ylabel("mean log2 Kmax, MNIST − artificial\n(95% Welch interval)")
    axes[0][0].legend(fontsize=8, loc="lower left")
    fig.suptitle(f"The gap at equal separation ({reading(found[0][2])})", fontsize=10)
    fig.tight_layout()
    fig.savefig(os.path.join(RESULTS, png), dpi=90)


def subset_rules():
    """The sensitivity study (docs/reproducing.md): the gap log2(MNIST /
    artificial Kmax) against n in each bucket, one line per way of building
    the MNIST subsets (dashed: only sets whose HD at Kmax is within 3 bits of
    their whole set's), and the drift of the HD at Kmax from the whole set's."""
    table, spec = summary("subset-rules")
    gaps, drift = rows("subset-rules-gap"), rows("subset-rules-drift")
    within = rows("subset-rules-within-3-gap")
    if not (table and gaps and drift):
        return
    rules = [(num, den) for num, den in spec["gap"]]
    colors = ("tab:red", "tab:blue", "tab:gray")
    centers = spec["buckets"]["centers"]
    fig, axes = plt.subplots(1, len(centers) + 1, figsize=(4.2 * (len(centers) + 1), 4))
    for ax, center in zip(axes, centers):
        for (num, den), color in zip(rules, colors):
            for source, style in ((gaps, "o-"), (within, "--")):
                sel = [r for r in cells(source or [], primary="true", bucket=center, numerator=num)
                       if r["gap_low"]]
                ns = [int(r["n"]) for r in sel]
                ax.plot(ns, [number(r["gap_log2"]) for r in sel], style, ms=3, color=color, lw=1,
                        label=num if style == "o-" else None)
                if style == "o-":
                    ax.fill_between(ns, [number(r["gap_low"]) for r in sel],
                                    [number(r["gap_high"]) for r in sel], color=color, alpha=0.15, lw=0)
        ax.axhline(0, color="black", lw=0.8)
        ax.set_title(f"HD {center:g} ± {spec['buckets']['half_width']:g}", fontsize=10)
        ax.set_xlabel("degree n")
        ax.grid(alpha=0.3)
    axes[0].set_ylabel(f"mean log2 Kmax, MNIST − {rules[0][1]}\n(95% Welch interval)")
    axes[0].legend(fontsize=8, loc="lower left", title="MNIST subsets", title_fontsize=8)
    ax = axes[-1]
    for label, color in zip([num for num, _ in rules] + [rules[0][1]], colors + ("tab:green",)):
        sel = cells(drift, dataset=label, primary="true")
        ns = [int(r["n"]) for r in sel]
        ax.plot(ns, [number(r["drift_mean"]) for r in sel], "o-", ms=3, color=color, lw=1, label=label)
        ax.fill_between(ns, [number(r["drift_low"]) for r in sel], [number(r["drift_high"]) for r in sel],
                        color=color, alpha=0.15, lw=0)
    ax.axhline(0, color="black", lw=0.8)
    ax.set_title("drift: HD of the first Kmax − HD of all S", fontsize=10)
    ax.set_xlabel("degree n")
    ax.set_ylabel("mean drift (bits, 95% t interval)")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.suptitle(f"How MNIST's subsets are built ({reading(spec)}; dashed: |drift| ≤ 3 bits)",
                 fontsize=10)
    fig.tight_layout()
    fig.savefig(os.path.join(RESULTS, "subset-rules.png"), dpi=90)


def appA1():
    """ln Kmax against separation with the fits `damlab summarize` made."""
    fits, spec = summary("fig1-summary")
    fits = rows("fig1-summary-fit") if fits else None
    if not fits:
        return
    kcol, ccol, hcol = columns(spec)
    fig, ax = plt.subplots(figsize=(6.5, 4.2))
    for label, color in (("artificial", "tab:blue"), ("MNIST", "tab:red")):
        sets = pooled(spec["sweeps"][label])
        for n, style in ((7, "o"), (9, "s"), (11, "^")):
            pts = [(number(r[hcol]), math.log(int(r[kcol]))) for r in sets
                   if int(r["model.n"]) == n and r[ccol] == "false" and int(r[kcol]) >= 2 and r[hcol] != ""]
            fit = cells(fits, dataset=label, primary="true", n=n)
            if not pts or not fit:
                continue
            fit = fit[0]
            ax.scatter([x for x, _ in pts], [y for _, y in pts], s=5, marker=style, color=color, alpha=0.25)
            xs = [min(x for x, _ in pts), max(x for x, _ in pts)]
            ax.plot(xs, [number(fit["intercept"]) + number(fit["rate_per_bit"]) * x for x in xs], color=color,
                    label=f"{label} n={n}: {number(fit['rate_per_bit']):.4f} "
                          f"[{number(fit['rate_low']):.4f}, {number(fit['rate_high']):.4f}]/bit")
    finish(fig, ax, "mean pairwise HD of the first Kmax patterns", "ln Kmax (uncensored, Kmax ≥ 2)",
           "appA1.png", 6.5)


def overloaded(dc, errors):
    if dc:
        fig, ax = plt.subplots(figsize=(6, 4))
        for n in sorted({int(r["model.n"]) for r in dc}):
            r = next(r for r in dc if int(r["model.n"]) == n)
            eps = sorted((float(k[len("D_c_"):]), float(v)) for k, v in r.items() if k.startswith("D_c_"))
            ax.plot([e for e, _ in eps], [v for _, v in eps], "o-", label=f"n = {n}")
        ax.set_title(f"K = {dc[0]['K']} MNIST memories, {dc[0]['probes']} held-out probes")
        finish(fig, ax, "ε", "D_c^ε (fraction of probes with Cvg ≥ (1−ε)N)", "overloaded-dc.png")
    error_figures(errors, "error (label of the nearest memory after the update)")


def error_figures(errors, ylabel):
    """Train and test error against K, a line per n; errors: (png path, data,
    rows[, replicate summary rows]). A replicate summary (damlab summarize
    with group_by) adds its test-error means with their intervals where a
    point has two replicates or more."""
    for name, data, rows_, *replicates in errors:
        if not rows_:
            continue
        fig, ax = plt.subplots(figsize=(6, 4))
        for n in sorted({int(r["model.n"]) for r in rows_}):
            sel = sorted((int(r.get("K") or r["train.memories"]), float(r["train_error"]), float(r["test_error"]))
                         for r in rows_ if int(r["model.n"]) == n)
            line, = ax.plot([k for k, _, _ in sel], [t for _, _, t in sel], "o-", label=f"test, n = {n}")
            ax.plot([k for k, _, _ in sel], [t for _, t, _ in sel], "x--", color=line.get_color(),
                    label=f"train, n = {n}")
            reps = sorted((int(r["train.memories"]), number(r["test_error_mean"]), number(r["test_error_low"]),
                           number(r["test_error_high"]), int(r["replicates"]))
                          for r in (replicates[0] if replicates and replicates[0] else [])
                          if int(r["model.n"]) == n and int(r["replicates"]) >= 2)
            if reps:
                ax.errorbar([k * 1.04 for k, *_ in reps], [m for _, m, *_ in reps],
                            yerr=[[m - lo for _, m, lo, _, _ in reps], [hi - m for _, m, _, hi, _ in reps]],
                            fmt="s", ms=4, capsize=3, color=line.get_color(),
                            label=f"test, n = {n}: mean of {reps[0][4]} seeds, 95% interval")
        ax.set_xscale("log")
        finish(fig, ax, f"K ({data})", ylabel, name + ".png", 6)


def trained_memories():
    """The first trained memories of each KH2016 run as 28 × 28 images
    (results/train/NAME-memories.csv, printed by `damlab memories`)."""
    folder = os.path.join(RESULTS, "train")
    names = sorted(f[:-len("-memories.csv")] for f in os.listdir(folder)
                   if f.endswith("-memories.csv")) if os.path.isdir(folder) else []
    for name in names:
        with open(os.path.join(folder, name + "-memories.csv")) as f:
            table = list(csv.DictReader(f))
        side = int(round(math.sqrt(sum(1 for k in table[0] if k.startswith("pixel_")))))
        shown = table[:25]
        cols = 5
        fig, axes = plt.subplots((len(shown) + cols - 1) // cols, cols, figsize=(6, 6))
        for ax in axes.flat:
            ax.axis("off")
        for ax, row in zip(axes.flat, shown):
            image = [[float(row[f"pixel_{y * side + x}"]) for x in range(side)] for y in range(side)]
            ax.imshow(image, cmap="bwr", vmin=-1, vmax=1)
        fig.suptitle(f"{name}: the first {len(shown)} memories (pixels, blue −1 … red +1)")
        fig.tight_layout()
        fig.savefig(os.path.join(folder, name + "-memories.png"), dpi=90)
        plt.close(fig)


def train_rows(name):
    return rows(name, "train")


def kh2016_training():
    """Test error per epoch of the KH2016 runs (their records), and the
    validation error after the temperature scans' epochs against T."""
    folder = os.path.join(RESULTS, "train")
    runs = []
    for name, data in [(f"kh2016-mnist-n{n}", "MNIST") for n in (2, 3, 20)] + [("kh2016-fashion-n3", "Fashion-MNIST")]:
        path = os.path.join(folder, name + ".json")
        if os.path.exists(path):
            with open(path) as f:
                runs.append((data, json.load(f)))
    if runs:
        fig, ax = plt.subplots(figsize=(6, 4))
        for data, record in runs:
            train = record["spec"]["train"]
            errors = record["result"]["curves"]["test_error"]
            ax.plot(range(1, len(errors) + 1), errors, "--" if data != "MNIST" else "-",
                    label=f"{data}, n = {record['spec']['model']['n']} (T {number(train['temperature_initial']):g} → "
                          f"{number(train['temperature_final']):g}): final {record['result']['test_error']:.3f}")
        ax.set_yscale("log")
        finish(fig, ax, "epoch", "test error (1,000 held-out items)", os.path.join("train", "kh2016-mnist-test-error.png"), 7)
    scans = [(n, train_rows(f"kh2016-mnist-n{n}-temperature")) for n in (2, 3, 4, 8)]
    scans = [(n, r) for n, r in scans if r]
    if scans:
        fig, ax = plt.subplots(figsize=(6, 4))
        for n, table in scans:
            pts = sorted((number(r["train.temperature_final"]), number(r["test_error"])) for r in table)
            ax.plot([t for t, _ in pts], [e for _, e in pts], "o-", label=f"n = {n}")
        ax.set_xscale("log")
        finish(fig, ax, f"T (constant), {scans[0][1][0]['epochs']} epochs",
               "validation error (1,000 held-out digits)",
               os.path.join("train", "kh2016-mnist-temperature.png"))


def trained_overloaded():
    """The overloaded-regime paper on trained memories: errors against K (its
    Sec. 3.1) and D_c^ε against ε (its Fig. 1)."""
    error_figures([(os.path.join("train", name), data, train_rows(name), train_rows(name + "-summary"))
                   for name, data in
                   (("overloaded-trained-error", "trained memories, MNIST"),
                    ("overloaded-trained-error-fashion", "trained memories, Fashion-MNIST"))],
                  "error (label neurons' one-step update)")
    dc = train_rows("overloaded-dc-trained")
    if not dc:
        return
    fig, ax = plt.subplots(figsize=(6, 4))
    for r in dc:
        eps = sorted((float(k[len("D_c_"):]), float(v)) for k, v in r.items() if k.startswith("D_c_"))
        ax.plot([e for e, _ in eps], [v for _, v in eps], "o-", label=os.path.basename(r["data.path"]).split(".")[0])
    ax.set_title(f"K = {dc[0]['K']} trained memories, {dc[0]['probes']} held-out digits (100 per class)")
    finish(fig, ax, "ε", "D_c^ε (fraction with Cvg ≥ (1−ε)(N + C))", os.path.join("train", "overloaded-dc-trained.png"))


def main():
    fig1()
    appA1()
    fig2("fig2-summary", "fig2.png")
    fig2("fig2-s200-summary", "fig2-s200.png")
    gap_figure([("fig2-summary", "greedy subsets"), ("fig2-s200-summary", "greedy subsets"),
                ("fig2-random-summary", "random subsets of chosen classes")], "fig2-gap.png")
    subset_rules()
    overloaded(rows("overloaded-dc"),
               [("overloaded-error", "stored MNIST patterns", rows("overloaded-error")),
                ("overloaded-error-fashion", "stored Fashion-MNIST patterns", rows("overloaded-error-fashion"))])
    trained_memories()
    kh2016_training()
    trained_overloaded()


if __name__ == "__main__":
    main()
