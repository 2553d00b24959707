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


def main():
    specs = [capacity_vs_n(g) for g in GROUPS] + [exp_small_n()]
    specs += [mnist_capacity(g) for g in GROUPS] + [degraded(g) for g in GROUPS]
    specs += [retrievability(g) for g in GROUPS]
    for spec in specs:
        with open(os.path.join(OUT, spec["name"] + ".json"), "w") as f:
            json.dump(spec, f, indent=2)
            f.write("\n")
    print(f"wrote {len(specs)} specs")


if __name__ == "__main__":
    main()
