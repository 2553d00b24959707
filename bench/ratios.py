#!/usr/bin/env python3
"""Prints each benchmark's throughput beside its baselines from one run.

Usage: python3 bench/ratios.py results.json   (Google Benchmark JSON output)

Names are family/variant/key:value...; cases of one family with the same
values (threads and path aside) are compared. The baselines of each family
are listed below; every other variant gets its ratio to each of them.
"""
import json
import sys

BASELINES = {
    "overlap": ["per_pair"],
    "update": ["plain_loop", "openblas_sgemm", "openblas_dgemm"],
    "capacity": ["openblas_binary"],
    "train": ["scalar_reference"],
}
NOT_CASE = ("threads", "path", "real_time", "iterations")


def case_of(name):
    family, variant, *rest = name.split("/")
    values = tuple(p for p in rest if not p.startswith(NOT_CASE))
    return family, variant, values


def main(path):
    runs = [b for b in json.load(open(path))["benchmarks"] if "error_message" not in b]
    speed = {}
    for b in runs:
        family, variant, values = case_of(b["name"])
        speed[(family, variant, values)] = b["items_per_second"]
    print(f"{'benchmark':52} {'items/s':>10} {'peak MiB':>9}  ratios")
    for b in runs:
        family, variant, values = case_of(b["name"])
        ratios = []
        if variant not in BASELINES.get(family, []):
            for base in BASELINES.get(family, []):
                if (family, base, values) in speed:
                    ratios.append(f"{b['items_per_second'] / speed[(family, base, values)]:.2f}x {base}")
        label = f" [{b['label']}]" if b.get("label") else ""
        extra = "".join(f" {k}={b[k]:g}" for k in ("kmax", "differing_bits") if k in b)
        print(f"{b['name'] + label:52} {b['items_per_second']:10.3g} {b.get('peak_MiB', 0):9.1f}  "
              + ", ".join(ratios) + extra)


if __name__ == "__main__":
    main(sys.argv[1])
