#!/usr/bin/python3
"""Writes the comparison experiments of the memory models (docs/models.md)
as experiments/models-*.json, one spec per group of models
that take the same parameters (a sweep varies values, not keys).

  /usr/bin/python3 scripts/model_experiments.py   # rewrite the specs
  bash scripts/reproduce.sh models                # run them, draw the figures
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "experiments")

# Model groups: (file suffix, base model, model axis). Coding levels a match the
# data: 0.1 for sparse random patterns, 0.5 for dense ones, and the mean
# activity of MNIST (0.13, all 10,000) and Fashion-MNIST (0.31, every 7th item).
PLAIN = ["nearest", "cmm", "minerva2", "hopfield-activity-product", "hopfield-willshaw"]
GROUPS = {
    "plain": ({"name": "nearest"}, {"model.name": PLAIN}),
    "cov": ({"name": "hopfield-covariance", "a": 0.5},
            {"model.name": ["hopfield-covariance", "hopfield-presynaptic-covariance"]}),
    "bcpnn": ({"name": "hopfield-bcpnn", "epsilon": 0.001}, None),
    "dam": ({"name": "dam", "F": "poly", "n": 2}, {"model.n": [2, 3]}),
    "lse": ({"name": "lse", "beta": 10}, None),
    "lsr": ({"name": "lsr", "beta": 4}, None),
}

NS = [16, 32, 64, 128, 256]


def experiment(name, measure, data, model, sweep, axis, probe=None):
    """A sweep spec; axis (the group's model axis, or None) varies fastest."""
    out = {"name": name, "measure": measure, "data": data, "model": model}
    if probe:
        out["probe"] = probe
    out["sweep"] = sweep + ([axis] if axis else [])
    return out


def capacity_vs_n(group):
    model, axis = GROUPS[group]
    sizes = {"data.N": NS, "data.S": [min(2 * n, 128) for n in NS]}
    if group == "dam":  # capacity.hpp's running margins make large S cheap
        sizes["data.S"] = [2048] * len(NS)
    sweep = [sizes, {"data.seed": [1, 2, 3]}]
    if group in ("cov", "plain", "bcpnn"):  # dense and sparse random patterns
        coding = {"data.p": [0.5, 0.1]}
        if group == "cov":
            coding["model.a"] = [0.5, 0.1]
        sweep.insert(0, coding)
    return experiment(f"models-capacity-n-{group}", "capacity",
                      {"source": "rademacher", "N": 16, "S": 32, "p": 0.5, "seed": 1},
                      model, sweep, axis)


def exp_small_n():
    # exp: capacity grows like 2^(N/2); only small N stay below S.
    return experiment("models-capacity-n-exp", "capacity",
                      {"source": "rademacher", "N": 8, "S": 2048, "p": 0.5, "seed": 1},
                      {"name": "dam", "F": "exp", "beta": 1},
                      [{"data.N": [6, 8, 10, 12, 14, 16, 18, 20, 22, 24]}, {"data.seed": [1, 2, 3]}],
                      None)


def mnist_capacity(group):
    model, axis = GROUPS[group]
    sweep = [{"data.target_hd": [60, 90, 120]}, {"data.seed": [1, 2, 3]}]
    if group == "cov":
        model = dict(model, a=0.13)
    return experiment(f"models-mnist-capacity-{group}", "capacity",
                      {"source": "mnist", "S": 50, "selection": "greedy", "target_hd": 90,
                       "band": 2, "max_candidates": 3000, "seed": 1},
                      model, sweep, axis)


def degraded(group):
    model, axis = GROUPS[group]
    if group == "lse":
        model = dict(model, beta=50)
    if group == "lsr":
        model = dict(model, beta=3)
    data_axis = {"data.source": ["mnist", "fashion-mnist"]}
    if group == "cov":
        data_axis["model.a"] = [0.13, 0.31]
    levels = {
        "probe.delta": [0, 0.1, 0.2, 0.3, 0.4, 0, 0, 0, 0, 0],
        "probe.occlusion": [0, 0, 0, 0, 0, 7, 10, 14, 18, 21],
    }
    # A seeded random 700 (the assets are grouped by class); 500 memories (the
    # first 500 of the 700), 200 stored and 200 held-out probes, degraded,
    # then 3 synchronous updates; label of the nearest memory.
    return experiment(f"models-degraded-{group}", "classification",
                      {"source": "mnist", "S": 700, "selection": "random", "seed": 1},
                      model, [data_axis, levels], axis,
                      {"K": 500, "count": 200, "steps": 3, "update": "sync", "seed": 1,
                       "occlusion_position": "random", "occlusion_fill": "off"})


def retrievability(group):
    model, axis = GROUPS[group]
    ks = [2, 4, 8, 16, 32, 64, 128]
    # Bao et al.'s (δ, ε)-retrievability: every pattern, flipped bit-wise with
    # δ = 0.05, must come back with failure probability below ε = 0.1.
    return experiment(f"models-retrievability-{group}", "retrievability",
                      {"source": "rademacher", "N": 128, "S": 2, "p": 0.5, "seed": 1},
                      model, [{"data.S": ks, "probe.K": ks}], axis,
                      {"K": 2, "delta": 0.05, "trials": 40, "steps": 3, "update": "sync",
                       "epsilon": 0.1, "seed": 1})


def quarter_grid(end):
    """K = round(2^(j/4)) for j = 4, 5, ... up to end: four steps per doubling."""
    ks, j = [], 4
    while round(2 ** (j / 4)) <= end:
        k = round(2 ** (j / 4))
        if k not in ks:
            ks.append(k)
        j += 1
    return ks


# Where each (n, N) grid of the (δ, ε)-capacity across N ends: on a K that is
# not retrievable, so no series is censored. Chosen from the exact fixed-point
# Kmax of the same patterns (data seed 1, `damlab capacity`; n = 2: 8, 10, 16,
# 33; n = 3: 62, 142, 712, 2146): the first grid K above it, and where that K
# was still retrievable (retrieval is not monotone in K: N = 100, 200 at n = 3),
# the first grid K after it that was not.
DELTA_N_END = {2: {50: 10, 100: 11, 200: 19, 400: 38}, 3: {50: 64, 100: 215, 200: 861, 400: 2435}}


def delta_capacity_n():
    # The (δ, ε)-retrievability of models-retrievability-*, on a grid four
    # times finer and across N, for DAM poly n = 2 and 3; one list of points
    # (a zipped axis), each (N, n) on its own range.
    points = {"data.N": [], "data.S": [], "probe.K": [], "model.n": []}
    for N in [50, 100, 200, 400]:
        for n in [2, 3]:
            for k in quarter_grid(DELTA_N_END[n][N]):
                for key, value in (("data.N", N), ("data.S", k), ("probe.K", k), ("model.n", n)):
                    points[key].append(value)
    return experiment("models-delta-capacity-n-dam", "retrievability",
                      {"source": "rademacher", "N": 50, "S": 2, "p": 0.5, "seed": 1},
                      GROUPS["dam"][0], [points], None,
                      {"K": 2, "delta": 0.05, "trials": 40, "steps": 3, "update": "sync",
                       "epsilon": 0.1, "seed": 1})


# Minerva2 against the DAM with F_4 (the proposal's Example 1.3.2): the same
# patterns and probes for both; the DAM also with n = 3.
F4_GROUPS = {"dam": ({"name": "dam", "F": "poly", "n": 4}, {"model.n": [3, 4]}),
             "minerva2": ({"name": "minerva2"}, None)}


def f4_capacity(group):
    model, axis = F4_GROUPS[group]
    return experiment(f"models-f4-capacity-{group}", "capacity",
                      {"source": "rademacher", "N": 8, "S": 512, "p": 0.5, "seed": 1},
                      model, [{"data.N": [8, 12, 16, 20, 24, 32]}, {"data.seed": [1, 2, 3]}], axis)


def f4_retrievability(group):
    model, axis = F4_GROUPS[group]
    ks = quarter_grid(1024)
    return experiment(f"models-f4-retrievability-{group}", "retrievability",
                      {"source": "rademacher", "N": 32, "S": 2, "p": 0.5, "seed": 1},
                      model, [{"data.N": [32, 64]}, {"data.S": ks, "probe.K": ks}], axis,
                      {"K": 2, "delta": 0.05, "trials": 40, "steps": 3, "update": "sync",
                       "epsilon": 0.1, "seed": 1})


def main():
    specs = [capacity_vs_n(g) for g in GROUPS] + [exp_small_n()]
    specs += [mnist_capacity(g) for g in GROUPS] + [degraded(g) for g in GROUPS]
    specs += [retrievability(g) for g in GROUPS] + [delta_capacity_n()]
    specs += [f4_capacity(g) for g in F4_GROUPS] + [f4_retrievability(g) for g in F4_GROUPS]
    for spec in specs:
        with open(os.path.join(OUT, spec["name"] + ".json"), "w") as f:
            json.dump(spec, f, indent=2)
            f.write("\n")
    print(f"wrote {len(specs)} specs")


if __name__ == "__main__":
    main()
