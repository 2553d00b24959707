#!/usr/bin/python3
"""Draws the finite-N theory against measurement (docs/reproducing.md, "Theory
held to measurement") from the CSVs of `damlab theory --finite ... --out`.

Every number, interval included, comes from those CSVs (the core computes
them); this script only draws. Writes results/theory-bit-instability.png,
results/theory-finite-capacity.png and results/theory-exponential.png. A
missing input skips its figure.
"""
import os

# The results folder (first argument), its CSV reader and the Agg backend,
# shared with figures.py.
from figures import RESULTS, rows

import matplotlib.pyplot as plt  # noqa: E402


def bit_instability():
    panels = [("theory-eq3-n2-bit-instability", "n = 2, N = 1000"),
              ("theory-eq3-n3-bit-instability", "n = 3, N = 200")]
    tables = [(rows(name), title) for name, title in panels]
    if any(t is None for t, _ in tables):
        return
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    for ax, (table, title) in zip(axes, tables):
        for kind, colour in (("poly", "tab:blue"), ("rectpoly", "tab:red")):
            sel = [r for r in table if r["F"] == kind]
            K = [int(r["K"]) for r in sel]
            ax.plot(K, [float(r["p_bit"]) for r in sel], "-", color=colour,
                    label=f"{kind}: exact p_bit")
            ax.plot(K, [float(r["p_gaussian"]) for r in sel], "--", color=colour, alpha=0.6,
                    label=f"{kind}: normal, exact variance")
            seen = [(int(r["K"]), float(r["measured_rate"])) for r in sel if int(r["unstable_bits"]) > 0]
            ax.plot([k for k, _ in seen], [v for _, v in seen], "o", color=colour,
                    label=f"{kind}: measured")
        eq3 = [r for r in table if r["F"] == "poly"]
        ax.plot([int(r["K"]) for r in eq3], [float(r["p_eq3"]) for r in eq3], ":", color="black",
                label="Eq. 3 (same for both)")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_ylim(1e-9, 1)
        ax.set_title(title)
        ax.set_xlabel("K (stored random patterns)")
        ax.set_ylabel("P(a bit of a stored pattern is unstable)")
        ax.grid(alpha=0.3)
    axes[0].legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(os.path.join(RESULTS, "theory-bit-instability.png"), dpi=90)


def finite_capacity():
    names = ["theory-n2-finite-capacity", "theory-n3-finite-capacity",
             "theory-n4-finite-capacity", "theory-n3-500-finite-capacity",
             "theory-n3-1000-finite-capacity"]
    table = []
    for name in names:
        table += rows(name) or []
    if not table:
        return
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    styles = {"poly": "tab:blue", "rectpoly": "tab:red"}
    markers = {"2": "o", "3": "s", "4": "^"}
    for kind in ("poly", "rectpoly"):
        for n in ("2", "3", "4"):
            sel = sorted((r for r in table if r["F"] == kind and r["n"] == n), key=lambda r: int(r["N"]))
            if not sel:
                continue
            N = [int(r["N"]) for r in sel]
            ax.plot(N, [float(r["estimate_mean"]) for r in sel], "-", color=styles[kind], alpha=0.6)
            mean = [float(r["measured_mean"]) for r in sel]
            low = [m - float(r["measured_low"]) for m, r in zip(mean, sel)]
            high = [float(r["measured_high"]) - m for m, r in zip(mean, sel)]
            ax.errorbar(N, mean, yerr=[low, high], fmt=markers[n], color=styles[kind], ms=4,
                        capsize=2, label=f"{kind} n = {n}")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("N")
    ax.set_ylabel("mean Kmax (all first K retrieved)")
    ax.set_title("lines: finite-N estimate; points: measured, 95% t interval")
    ax.legend(fontsize=7)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(os.path.join(RESULTS, "theory-finite-capacity.png"), dpi=90)


def exponential():
    table = []
    for name in ("theory-exp-large-beta", "theory-exp-small-beta", "theory-exp-beta-0.2"):
        table += rows(name + "-exp-capacity") or []
    if not table:
        return
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    betas = sorted({r["beta"] for r in table}, key=float)
    colours = plt.cm.viridis([i / max(1, len(betas) - 1) for i in range(len(betas))])
    for beta, colour in zip(betas, colours):
        sel = sorted((r for r in table if r["beta"] == beta), key=lambda r: int(r["N"]))
        N = [int(r["N"]) for r in sel]
        mean = [float(r["measured_mean"]) for r in sel]
        low = [m - float(r["measured_low"]) for m, r in zip(mean, sel)]
        high = [float(r["measured_high"]) - m for m, r in zip(mean, sel)]
        ax.errorbar(N, mean, yerr=[low, high], fmt="o-", color=colour, ms=3, capsize=2,
                    label=f"β = {beta}")
        cens = [(n, m) for n, m, r in zip(N, mean, sel) if int(r["censored"]) > 0]
        ax.plot([n for n, _ in cens], [m for _, m in cens], "x", color="black", ms=7)
    lines = sorted({(int(r["N"]), float(r["exponential"]), float(r["close_pair"])) for r in table})
    ax.plot([n for n, _, _ in lines], [e for _, e, _ in lines], ":", color="grey", label="2^(N/2)")
    ax.plot([n for n, _, _ in lines], [c for _, _, c in lines], "--", color="black",
            label="first pair at HD 1 (median K)")
    ax.set_yscale("log")
    ax.set_ylim(1, 1e5)
    ax.set_xlabel("N")
    ax.set_ylabel("mean Kmax, F = exp(βx) (95% t interval)")
    ax.set_title("random patterns; β ≥ 0.5 coincide (x: censored sets)", fontsize=9)
    ax.legend(fontsize=7)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(os.path.join(RESULTS, "theory-exponential.png"), dpi=90)


bit_instability()
finite_capacity()
exponential()
