#!/usr/bin/python3
"""A straightforward NumPy version of the paper reproduction (Fig. 1 + Fig. 2).

Benchmark baseline only: it does the same steps as experiments/fig1-artificial,
fig1-mnist, fig2-artificial and fig2-mnist at the paper's scale, written the
way one would in NumPy (matrix products in float64, plain Python loops where
the algorithm is sequential), so bench/reproduction.sh can time damlab against
it in the same run. It uses numpy's own RNG, so its subsets and Kmax values are
not damlab's bit for bit; the summary it prints (mean Kmax per n, Fig. 2 HD
buckets) shows that it computes the same kind of thing.

Usage: /usr/bin/python3 bench/numpy_reproduction.py [--root DIR] [NAME ...]
  NAME: experiment names (default: the four above), read from DIR/experiments.
Needs only numpy (Debian's python3-numpy) and the standard library.
"""

import argparse
import itertools
import json
import math
import os
import struct
import sys
import time

import numpy as np

EXPERIMENTS = ["fig1-artificial", "fig1-mnist", "fig2-artificial", "fig2-mnist"]


# ---------------------------------------------------------------- data ----

def load_packed_asset(path):
    """Patterns (float64, +-1) and labels of a packed asset (docs/data.md)."""
    with open(path, "rb") as f:
        raw = f.read()
    magic, version, N, count, L, _checksum = struct.unpack_from("<8sIIIIQ", raw, 0)
    if magic != b"DAMLABP\0" or version != 1:
        sys.exit(f"{path}: not a version 1 packed asset")
    header = (32 + L + 7) // 8 * 8
    words = (N + 63) // 64
    size = header + 8 * words * count + count
    if len(raw) != size:
        sys.exit(f"{path}: {len(raw)} bytes, expected {size}")
    # Little-endian words: pixel i is bit i % 8 of byte i // 8 of the pattern.
    packed = np.frombuffer(raw, np.uint8, 8 * words * count, header).reshape(count, 8 * words)
    bits = np.unpackbits(packed, axis=1, bitorder="little")[:, :N]
    labels = np.frombuffer(raw, np.uint8, count, header + 8 * words * count)
    # The asset is already binarized (pixel >= 128 is bit 1, i.e. +1).
    return bits.astype(np.float64) * 2 - 1, labels


def rademacher(N, S, p, seed):
    """S patterns of N bits, each +1 with probability p."""
    rng = np.random.default_rng(seed)
    return np.where(rng.random((S, N)) < p, 1.0, -1.0)


def greedy_subset(pool, size, target, band, max_candidates, seed, max_attempts=100):
    """Greedy hill-climbing subset with mean pairwise HD near target.

    The rule of core/src/subsets.cpp: draw a random not-yet-chosen candidate
    and accept it when the mean pairwise HD after adding it lies within
    max(band, current distance to the target) of the target; after
    max_candidates draws without one, start the subset again (on the last
    attempt take the best candidate seen and count the slot as capped).
    Returns (indices, reached mean HD, candidates drawn, attempts, capped slots).
    """
    rng = np.random.default_rng(seed)
    N = pool.shape[1]
    chosen_rows = np.empty((size, N))  # rows of the chosen patterns, in order
    candidates = 0
    for attempt in range(1, max_attempts + 1):
        last = attempt == max_attempts
        free = list(range(len(pool)))
        chosen, hd_sum, pairs, capped = [], 0, 0, 0

        def take(position, added):
            nonlocal hd_sum, pairs
            index = free[position]
            hd_sum += added
            pairs += len(chosen)
            chosen_rows[len(chosen)] = pool[index]
            chosen.append(index)
            # Remove by swapping with the last: no rejection loop later.
            free[position] = free[-1]
            free.pop()

        take(int(rng.integers(len(free))), 0)
        candidates += 1
        complete = True
        while len(chosen) < size:
            k = len(chosen)
            pairs_after = pairs + k
            # With one pattern there is no mean to move toward: only the band counts.
            limit = band if pairs == 0 else max(band, abs(hd_sum / pairs - target))
            best, best_gap, best_added, accepted = 0, math.inf, 0, False
            for _ in range(max_candidates):
                position = int(rng.integers(len(free)))
                candidates += 1
                # HD to each chosen pattern = (N - overlap) / 2, overlaps by one product.
                overlaps = chosen_rows[:k] @ pool[free[position]]
                added = int(round((k * N - overlaps.sum()) / 2))
                gap = abs((hd_sum + added) / pairs_after - target)
                if gap <= limit:
                    best, best_added, accepted = position, added, True
                    break
                if gap < best_gap:
                    best, best_gap, best_added = position, gap, added
            if not accepted:
                if not last:
                    complete = False
                    break
                capped += 1
            take(best, best_added)
        if complete:
            return chosen, hd_sum / pairs, candidates, attempt, capped
    raise AssertionError("unreachable: the last attempt always completes")


# ------------------------------------------------------------ capacity ----

def rectpoly(x, n, N):
    """F(x) = x^n for x > 0, else 0, on the scaled argument x / N.

    A positive common factor changes no decision, and (x/N)^n stays within
    float64's range for n up to 60 where x^n would not.
    """
    return np.where(x > 0, (np.maximum(x, 0) / N) ** n, 0.0)


def first_k_retrieved(X, K, n):
    """Whether each of the first K patterns is a fixed point of the DAM storing them.

    Energy-difference update field of bit i for state sigma = xi^nu:
      field_i = sum_mu xi_i^mu c(m_mu) + sigma_i sum_mu d(m_mu),
      c(m) = (F(m+2) - F(m-2)) / 2,  d(m) = (2F(m) - F(m+2) - F(m-2)) / 2,
    so all K patterns are tested with two matrix products. A bit flips only
    when its margin sigma_i * field_i is negative (a tie keeps the bit).
    """
    N = X.shape[1]
    memories = X[:K]
    m = memories @ memories.T  # overlaps m[nu, mu] = xi^nu . xi^mu
    f_plus, f_minus, f_zero = rectpoly(m + 2, n, N), rectpoly(m - 2, n, N), rectpoly(m, n, N)
    c = (f_plus - f_minus) / 2
    d = (2 * f_zero - f_plus - f_minus) / 2
    fields = c @ memories + memories * d.sum(axis=1, keepdims=True)
    return bool(np.all(memories * fields >= 0))


def binary_search_kmax(S, retrieved):
    """The paper's binary search over K in [0, S] (assumes monotone retrieval).

    retrieved(K) says whether the first K patterns are all fixed points.
    Invariant: the first lo patterns are retrieved; hi is the largest K not
    yet ruled out. Returns (Kmax, number of K evaluated).
    """
    lo, hi, evaluations = 0, S, 0
    while lo < hi:
        mid = lo + (hi - lo + 1) // 2
        evaluations += 1
        if retrieved(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo, evaluations


def retrieval_profile(X, n):
    """Whether the first K are retrieved, for every K = 1..S (damlab's exact mode)."""
    return [first_k_retrieved(X, K, n) for K in range(1, len(X) + 1)]


def capacity(X, n, profile):
    """(binary-search Kmax, K evaluated, exact-mode Kmax or None).

    With profile, every K is tested once and the binary search reads its
    answers off the profile, as damlab's records do; without, the binary
    search tests only the K it visits (the paper's procedure).
    """
    if not profile:
        kmax, evaluations = binary_search_kmax(len(X), lambda K: first_k_retrieved(X, K, n))
        return kmax, evaluations, None
    retrieved = retrieval_profile(X, n)
    kmax, evaluations = binary_search_kmax(len(X), lambda K: retrieved[K - 1])
    exact = retrieved.index(False) if False in retrieved else len(X)
    return kmax, evaluations, exact


def mean_pairwise_hd(X, K):
    """Mean Hamming distance over the pairs of the first K patterns (nan if K < 2)."""
    if K < 2:
        return math.nan
    m = X[:K] @ X[:K].T
    upper = np.triu_indices(K, 1)
    return float(np.mean((X.shape[1] - m[upper]) / 2))


# --------------------------------------------------------- experiments ----

def axis_values(spec):
    """Values of one sweep path: a list, or an inclusive {from, to, step} range."""
    if isinstance(spec, list):
        return spec
    start, stop, step = spec["from"], spec["to"], spec["step"]
    steps = math.floor((stop - start) / step + 1e-9)
    if all(isinstance(v, int) for v in (start, step)):
        return [start + k * step for k in range(steps + 1)]
    return [round(start + k * step, 12) for k in range(steps + 1)]


def sweep_points(experiment):
    """The points of a spec's sweep, each a dict path -> value.

    Paths within one axis move together; axes combine as a product, the last
    axis fastest (damlab's point order).
    """
    axes = []
    for axis in experiment.get("sweep", []):
        columns = {path: axis_values(spec) for path, spec in axis.items()}
        length = len(next(iter(columns.values())))
        axes.append([{path: values[k] for path, values in columns.items()} for k in range(length)])
    points = []
    for combination in itertools.product(*axes):
        point = {}
        for part in combination:
            point.update(part)
        points.append(point)
    return points


def point_spec(experiment, point):
    spec = json.loads(json.dumps({k: v for k, v in experiment.items() if k != "sweep"}))
    for path, value in point.items():
        section, field = path.split(".")
        spec[section][field] = value
    return spec


def build_data(data, pool):
    """The pattern set of a data spec, with a note on how it was made."""
    if data["source"] == "rademacher":
        return rademacher(data["N"], data["S"], data["p"], data["seed"]), {}
    if data["source"] == "mnist" and data.get("selection") == "greedy":
        indices, reached, candidates, attempts, capped = greedy_subset(
            pool, data["S"], data["target_hd"], data.get("band", 1),
            data.get("max_candidates", 1000), data["seed"])
        return pool[indices], {"reached": reached, "candidates": candidates,
                               "attempts": attempts, "capped": capped}
    sys.exit(f"unsupported data spec for this baseline: {data}")


def run_experiment(name, root, pool, per_point, profile):
    with open(os.path.join(root, "experiments", name + ".json")) as f:
        experiment = json.load(f)
    if experiment.get("measure") != "capacity":
        sys.exit(f"{name}: only capacity experiments are in this baseline")
    # Group the points by their data: each pattern set is built once and every
    # n of the sweep is measured on it, unless per_point asks for a build per
    # point (what `damlab sweep` does: each point is an independent run).
    groups = {}
    for point in sweep_points(experiment):
        spec = point_spec(experiment, point)
        if spec["model"]["F"] != "rectpoly":
            sys.exit(f"{name}: F = {spec['model']['F']}, this baseline has rectpoly only")
        key = json.dumps(spec["data"], sort_keys=True)
        groups.setdefault(key, (spec["data"], []))[1].append(spec["model"]["n"])
    batches = [(data, [n]) for data, degrees in groups.values() for n in degrees] \
        if per_point else list(groups.values())

    subset_seconds = capacity_seconds = 0.0
    # rows: (n, binary Kmax, K evaluated, exact Kmax or None,
    #        mean HD of the first Kmax, mean HD of the whole set)
    rows, notes = [], []
    for data, degrees in batches:
        start = time.perf_counter()
        X, note = build_data(data, pool)
        subset_seconds += time.perf_counter() - start
        if note:
            notes.append(note)
        start = time.perf_counter()
        whole_hd = mean_pairwise_hd(X, len(X))
        for n in degrees:
            kmax, evaluations, exact = capacity(X, n, profile)
            rows.append((n, kmax, evaluations, exact, mean_pairwise_hd(X, kmax), whole_hd))
        capacity_seconds += time.perf_counter() - start
    return subset_seconds, capacity_seconds, rows, notes, len(groups), len(batches)


def summarize(name, rows, notes, sets, builds):
    degrees = sorted({row[0] for row in rows})
    kmax = {n: [row[1] for row in rows if row[0] == n] for n in degrees}
    evaluations = sum(row[2] for row in rows)
    profiled = rows[0][3] is not None
    print(f"  {len(rows)} points ({sets} pattern sets x {len(degrees)} degrees, "
          f"{builds} sets built), {evaluations} K visited by the binary searches"
          + (f", profiles of all {len(rows)} points" if profiled else ""))
    if notes:
        reached = [note["reached"] for note in notes]
        print(f"  greedy: reached mean HD {min(reached):.1f} .. {max(reached):.1f}, "
              f"{sum(note['candidates'] for note in notes)} candidates, "
              f"{sum(note['attempts'] for note in notes)} attempts, "
              f"{sum(note['capped'] for note in notes)} capped slots")
    print("  kmax " + name + " " + " ".join(f"{n}={np.mean(kmax[n]):.2f}" for n in degrees))
    if profiled:
        differ = sum(1 for row in rows if row[1] != row[3])
        print(f"  exact-mode Kmax differs from the binary search on {differ} of {len(rows)} points")
    if name.startswith("fig2"):
        # Fig. 2 buckets on the whole subset's mean HD (as docs/reproducing.md's table).
        for centre in (60, 90, 120):
            bucket = [row for row in rows if abs(row[5] - centre) <= 10]
            shown = " ".join(
                f"n={n}:{np.mean([row[1] for row in bucket if row[0] == n]):.1f}"
                for n in (7, 11, 20, 30, 38) if any(row[0] == n for row in bucket))
            count = sum(1 for row in bucket if row[0] == degrees[0])
            print(f"  bucket HD {centre}+-10 ({count} sets): mean Kmax {shown or '-'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                        help="the damlab checkout (experiments/ and public/data/)")
    parser.add_argument("--per-point", action="store_true",
                        help="build the pattern set again at every sweep point, as damlab sweep does")
    parser.add_argument("--profile", action="store_true",
                        help="test every K (damlab's exact mode) and read the binary search off it")
    parser.add_argument("names", nargs="*", default=EXPERIMENTS)
    args = parser.parse_args()

    start = time.perf_counter()
    pool, _labels = load_packed_asset(os.path.join(args.root, "public", "data", "mnist-10k.bin"))
    load_seconds = time.perf_counter() - start
    print(f"numpy {np.__version__}; MNIST asset {pool.shape[0]} x {pool.shape[1]} loaded in "
          f"{load_seconds:.2f} s; sets built {'per point' if args.per_point else 'once per experiment'}; "
          f"capacity by {'profile + binary search' if args.profile else 'binary search'}")

    total_subsets = total_capacity = 0.0
    for name in args.names:
        subsets, capacity, rows, notes, sets, builds = run_experiment(
            name, args.root, pool, args.per_point, args.profile)
        total_subsets += subsets
        total_capacity += capacity
        # One line per experiment in a fixed form: bench/reproduction.sh reads it.
        print(f"experiment {name} subsets {subsets:.2f} s capacity {capacity:.2f} s "
              f"total {subsets + capacity:.2f} s")
        summarize(name, rows, notes, sets, builds)
    print(f"total subsets {total_subsets:.2f} s capacity {total_capacity:.2f} s "
          f"total {total_subsets + total_capacity:.2f} s")


if __name__ == "__main__":
    main()
