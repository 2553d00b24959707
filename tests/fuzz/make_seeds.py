#!/usr/bin/env python3
"""Writes the seed corpora in corpus/<target>/: small valid inputs and one of
each kind of invalid input. Inputs that once found a bug are kept in the same
folders as regression-*; this script leaves them alone.
Usage: make_seeds.py PATH_TO_DAMLAB   (the runner writes the merge seeds' CSVs)
"""
import gzip
import json
import os
import random
import struct
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
damlab = sys.argv[1]
random.seed(1)


def write(target, name, data):
    folder = os.path.join(here, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def idx(dims, data=None, dtype=8, magic=b"\0\0"):
    size = 1
    for d in dims:
        size *= d
    if data is None:
        data = bytes(random.randrange(256) for _ in range(size))
    return magic + bytes([dtype, len(dims)]) + b"".join(struct.pack(">I", d) for d in dims) + data


def gz(data):
    return gzip.compress(data, mtime=0)


def fnv1a64(data):
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) % 2**64
    return h


def asset(N, count, source=b"seed", pattern_hook=None):
    words = (N + 63) // 64
    payload = b""
    for p in range(count):
        bits = [random.randrange(2) for _ in range(N)]
        value = sum(b << i for i, b in enumerate(bits))
        if pattern_hook:
            value = pattern_hook(p, value)
        payload += value.to_bytes(8 * words, "little")
    payload += bytes(p % 10 for p in range(count))
    header_len = 32 + (len(source) + 7) // 8 * 8
    head = b"DAMLABP\0" + struct.pack("<IIII", 1, N, count, len(source))
    head += struct.pack("<Q", fnv1a64(payload)) + source
    head += b"\0" * (header_len - len(head))
    return head + payload


# IDX files: valid shapes, then each kind of damage.
good = idx([6, 4, 5])
write("idx", "valid-3d", good)
write("idx", "valid-2d", idx([3, 7]))
write("idx", "labels-1d", idx([5], bytes([5, 0, 4, 1, 9])))
write("idx", "zero-items", idx([0, 5]))
write("idx", "truncated-data", good[:-3])
write("idx", "trailing-bytes", good + b"\1\2")
write("idx", "truncated-header", good[:9])
write("idx", "wrong-magic", idx([2, 2], magic=b"\x1f\x8b"))
write("idx", "float-type", idx([2, 2], bytes(16), dtype=0x0D))
write("idx", "zero-dims", b"\0\0\x08\0")
write("idx", "header-asks-too-much", idx([60000, 60000, 60000], b""))

# gzip: whole files, two members, and damaged streams.
packed = gz(good)
write("gzip", "valid", packed)
write("gzip", "two-members", gz(good[:50]) + gz(good[50:]))
write("gzip", "empty-content", gz(b""))
write("gzip", "truncated", packed[:-20])
write("gzip", "bad-crc", packed[:-8] + b"\xff\xff\xff\xff" + packed[-4:])
write("gzip", "bad-block", packed[:10] + b"\xff" + packed[11:])
write("gzip", "junk-after", packed + b"junk")
write("gzip", "broken-idx-inside", gz(good[:40]))

# Packed assets.
valid = asset(100, 5)
write("packed_asset", "valid-n100", valid)
write("packed_asset", "valid-n64", asset(64, 3, b"sixty-four bits"))
write("packed_asset", "valid-empty", asset(7, 0, b""))
write("packed_asset", "truncated", valid[:-1])
write("packed_asset", "trailing", valid + b"\0")
write("packed_asset", "wrong-magic", b"DAMLABQ" + valid[7:])
write("packed_asset", "version-2", valid[:8] + b"\2" + valid[9:])
write("packed_asset", "bad-checksum", valid[:24] + b"\0" * 8 + valid[32:])
write("packed_asset", "padding-bit-set", asset(100, 2, pattern_hook=lambda p, v: v | (1 << 120)))
write("packed_asset", "short-header", valid[:20])

# Experiment specs.
rad = {"source": "rademacher", "N": 40, "S": 8, "p": 0.6, "seed": 3}
specs = {
    "capacity": {"measure": "capacity", "data": rad, "model": {"F": "rectpoly", "n": 3}},
    "exp": {"data": rad, "model": {"F": "exp", "beta": 0.5}},
    "idx": {"data": {"source": "idx", "path": "d.idx", "threshold": 100, "first": 5},
            "model": {"F": "poly", "n": 2}},
    "idx-normalized": {"measure": "capacity",
                       "data": {"source": "idx", "path": "d.idx", "threshold": 128, "first": None},
                       "model": {"F": "rectpoly", "n": 3}},
    "mnist-greedy": {"data": {"source": "mnist", "S": 6, "selection": "greedy", "target_hd": 40,
                              "band": 2, "max_candidates": 50, "classes": [1, 2], "seed": 2}},
    "fashion-random": {"data": {"source": "fashion-mnist", "S": 5, "selection": "random", "seed": 4}},
    "recall": {"measure": "recall", "data": rad,
               "probe": {"K": 4, "count": 2, "delta": 0.1, "steps": 2, "update": "async", "seed": 5}},
    "convergence": {"measure": "convergence", "data": rad,
                    "probe": {"K": 4, "probes": "held_out", "epsilons": [0, 0.5]}},
    "classification": {"measure": "classification", "data": {"source": "mnist", "S": 12},
                       "probe": {"K": 8}},
    "retrievability": {"measure": "retrievability", "data": rad,
                       "probe": {"K": 3, "trials": 4, "epsilon": 0.2}},
    "sweep": {"name": "s", "data": rad, "model": {"F": "poly", "n": 2},
              "sweep": [{"data.p": {"from": 0.5, "to": 0.7, "step": 0.1},
                         "data.seed": [1, 2, 3]}, {"model.n": [2, 3]}]},
    "bad-p": {"data": dict(rad, p=2)},
    "typo": {"data": dict(rad, sed=1)},
    "too-big": {"data": dict(rad, N=1048576, S=1048576)},
    "sweep-range-int": {"data": rad, "sweep": [{"data.seed": {"from": 1, "to": 3, "step": 1}}]},
}
for name, spec in specs.items():
    write("spec", name + ".json", json.dumps(spec))
write("spec", "broken.json", '{"data": ')
write("spec", "nested.json", "[" * 50 + "]" * 50)

# Shard CSVs of the merge target's experiment (targets.cpp), joined by 0
# bytes after a --shard value.
experiment = {"name": "fuzz", "data": {"source": "rademacher", "N": 40, "S": 8, "p": 0.5, "seed": 1},
              "model": {"F": "poly", "n": 2},
              "sweep": [{"data.seed": [1, 2, 3]}, {"model.n": [2, 3]}]}
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "fuzz.json")
    with open(path, "w") as f:
        json.dump(experiment, f)
    shards = []
    for i in range(3):
        subprocess.run([damlab, "sweep", path, "--out", tmp, "--shard", f"{i}/3"],
                       check=True, stderr=subprocess.DEVNULL)
        with open(os.path.join(tmp, f"fuzz.shard-{i}-of-3.csv")) as f:
            shards.append(f.read())
    subprocess.run([damlab, "sweep", path, "--out", tmp], check=True, stderr=subprocess.DEVNULL)
    with open(os.path.join(tmp, "fuzz.csv")) as f:
        whole = f.read()
write("merge", "three-shards", "\0".join(["0/3"] + shards))
write("merge", "whole", "\0".join(["1/2", whole]))
write("merge", "duplicate", "\0".join(["2/3", shards[0], shards[0]]))
write("merge", "foreign-header", "\0".join(["0/1", "a,b\n1,2\n"]))
lines = whole.split("\n")
write("merge", "bad-point", "\0".join(["x/y", lines[0] + "\n" + "1x" + lines[1][1:] + "\n"]))
write("merge", "short-row", "\0".join(["3/3", lines[0] + "\n" + lines[1].rsplit(",", 1)[0] + "\n"]))

# Trained-memory files (docs/data.md): K, N, C, F, n, T, checksum, weights.
def memories(K, N, C, kind=0, degree=3, T=400.0, weights=None):
    if weights is None:
        weights = [random.uniform(-1, 1) for _ in range(K * (N + C))]
    payload = b"".join(struct.pack("<f", w) for w in weights)
    return (b"DAMLABM\0" + struct.pack("<IIIIIId", 1, K, N, C, kind, degree, T)
            + struct.pack("<Q", fnv1a64(payload)) + payload)


valid = memories(3, 5, 2)
write("memory_file", "valid", valid)
write("memory_file", "valid-exp", memories(2, 4, 3, kind=1, degree=0, T=1.5))
write("memory_file", "truncated", valid[:-1])
write("memory_file", "trailing", valid + b"\0")
write("memory_file", "short-header", valid[:40])
write("memory_file", "version-2", valid[:8] + b"\2" + valid[9:])
write("memory_file", "classes-1", memories(1, 3, 1))
write("memory_file", "degree-0", memories(1, 3, 2, degree=0))
write("memory_file", "temperature-negative", memories(1, 3, 2, T=-1.0))
write("memory_file", "weight-above-1", memories(1, 2, 2, weights=[0.5, 1.5, 0, 0]))
write("memory_file", "bad-checksum", valid[:40] + b"\0" * 8 + valid[48:])


# Grey assets: pixel bytes and labels.
def grey(pixels, count, source=b"seed"):
    payload = bytes(random.randrange(256) for _ in range(pixels * count))
    payload += bytes(p % 10 for p in range(count))
    head = b"DAMLABG\0" + struct.pack("<IIII", 1, pixels, count, len(source))
    head += struct.pack("<Q", fnv1a64(payload)) + source
    head += b"\0" * (32 + (len(source) + 7) // 8 * 8 - len(head))
    return head + payload


valid = grey(9, 4)
write("grey_asset", "valid", valid)
write("grey_asset", "valid-empty", grey(3, 0, b""))
write("grey_asset", "truncated", valid[:-1])
write("grey_asset", "trailing", valid + b"\0")
write("grey_asset", "wrong-magic", b"DAMLABP" + valid[7:])
write("grey_asset", "bad-checksum", valid[:24] + b"\0" * 8 + valid[32:])

# Train specs and trained memories as a source (parsed; their files are not
# handed over, so a run stops at the first missing file).
write("spec", "train.json", json.dumps({
    "name": "t", "measure": "train", "data": {"source": "mnist", "test_per_class": 10, "train": 100},
    "model": {"F": "rectpoly", "n": 3}, "train": {"memories": 5, "epochs": 1, "batch": 10},
    "sweep": [{"train.memories": [5, 6]}]}))
write("spec", "train-idx.json", json.dumps({
    "measure": "train", "data": {"source": "idx", "images": "i", "labels": "l", "test_images": "ti",
                                 "test_labels": "tl", "test": 3},
    "model": {"F": "exp"}, "train": {"momentum": 0.5, "temperature_initial": 10}}))
write("spec", "trained.json", json.dumps({
    "measure": "convergence", "data": {"source": "trained", "path": "m.memories", "per_class": 5},
    "probe": {"steps": 2, "epsilons": [0, 0.5]}}))
