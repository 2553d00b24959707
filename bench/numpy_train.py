"""NumPy float32 baseline of one Krotov-Hopfield (2016) training step.

An independent implementation (not a binding of the core) of what the native
benchmark train/damlab times (damlab::loss_gradient): the forward pass of a
minibatch through one shared pixel product h = xi_pixels . v, the one-step
label update, the loss of Eq. 14 and its exact gradient, the pixel gradient a
second product g . v. The update of Eq. 13 (momentum, per-memory normalized
step, clip) follows as in training; it is K x (N + C) work, timed with the
rest. The two products in float32 by NumPy's BLAS, the element-wise terms in
float64 as in damlab (in float32, (x/T)^20 of these small arguments falls
into subnormal numbers, which run about a hundred times slower).

Same workload as bench/native/train_bench.cpp: N = 784 pixels, C = 10
classes, B = 1000 random images in [-1, 1], memories drawn as at the start of
training (Normal(-0.3, 0.3) clipped to [-1, 1]), rectpoly n = 20 at T = 540,
loss power m = 30.

    OPENBLAS_NUM_THREADS=2 /usr/bin/python3 bench/numpy_train.py [--json FILE] [K ...]

Prints the BLAS library NumPy runs (from the process's memory map) and the
median wall and CPU time (all threads) of the step per K (5 runs after a
warm-up; with --json also {"K": {"wall": s, "cpu": s}} into FILE, for
bench/train.sh); refuses to report when that
library is the reference BLAS (unoptimized, not a fair baseline).
"""

import json
import sys
import time

import numpy as np

N, C, B = 784, 10, 1000
DEGREE, TEMPERATURE, LOSS_POWER = 20, 540.0, 30
MOMENTUM, LEARNING_RATE, PRECISION = 0.6, 0.04, 1e-30


def blas_library():
    """The BLAS shared object mapped into this process after a product."""
    a = np.ones((64, 64), dtype=np.float32)
    (a @ a).sum()
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    return sorted(paths)


def workload(K, seed=3):
    rng = np.random.default_rng(seed)
    memories = np.clip(rng.normal(-0.3, 0.3, size=(K, N + C)), -1, 1).astype(np.float32)
    images = rng.uniform(-1, 1, size=(B, N)).astype(np.float32)
    labels = rng.integers(0, C, size=B)
    return memories, images, labels


def powers(x, inv_t):
    """(y^(n-1), y^n) with y = max(x, 0)/T, by repeated squaring (n = 20)."""
    y = np.maximum(x, 0)
    y *= inv_t
    y2 = y * y
    y4 = y2 * y2
    y8 = y4 * y4
    y16 = y8 * y8
    y19 = y16 * y2
    y19 *= y
    return y19, y19 * y


def loss_gradient(memories, images, labels):
    """Loss, errors and dL/dxi (K x (N + C)) of one minibatch."""
    K = memories.shape[0]
    inv_t = 1 / TEMPERATURE
    slope = DEGREE / TEMPERATURE
    pixels, label_values = memories[:, :N], memories[:, N:].astype(np.float64)
    h = pixels @ images.T  # K x B, the shared pixel product (float32)
    off = h.astype(np.float64) - label_values.sum(axis=1, keepdims=True)
    d_off_power, f_off = powers(off, inv_t)
    fields = np.empty((B, C))
    d_on = np.empty((C, K, B))
    for alpha in range(C):
        p, f_on = powers(off + 2 * label_values[:, alpha : alpha + 1], inv_t)
        fields[:, alpha] = (f_on - f_off).sum(axis=0)
        d_on[alpha] = p * slope
    c = np.tanh(fields)
    target = -np.ones((B, C))
    target[np.arange(B), labels] = 1
    d = target - c
    d_odd = d ** (2 * LOSS_POWER - 1)
    loss = float((d_odd * d).sum())
    wrong = int((fields.argmax(axis=1) != labels).sum())
    e = -2 * LOSS_POWER * d_odd * (1 - c) * (1 + c)  # B x C
    d_off = d_off_power * slope
    g = np.zeros((K, B))
    gradient = np.empty((K, N + C))
    for alpha in range(C):
        g += e[:, alpha] * (d_on[alpha] - d_off)
    for alpha in range(C):
        gradient[:, N + alpha] = 2 * (d_on[alpha] * e[:, alpha]).sum(axis=1)
    gradient[:, N:] -= g.sum(axis=1, keepdims=True)
    # The second product in float32, g scaled by a power of two into range.
    scale = 2.0 ** (64 - np.frexp(np.abs(g).max())[1]) if g.any() else 1.0
    gradient[:, :N] = ((g * scale).astype(np.float32) @ images) / scale
    return loss, wrong, gradient


def update(memories, velocity, gradient):
    """Eq. 13: momentum, the per-memory normalized step, the clip."""
    velocity *= MOMENTUM
    velocity -= gradient
    largest = np.maximum(np.abs(velocity).max(axis=1, keepdims=True), PRECISION)
    memories[:] = np.clip(memories + (LEARNING_RATE / largest) * velocity, -1, 1)


def time_step(K, repeats):
    memories, images, labels = workload(K)
    velocity = np.zeros(memories.shape)
    loss_gradient(memories, images, labels)  # warm-up
    times, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        loss, wrong, gradient = loss_gradient(memories, images, labels)
        update(memories, velocity, gradient)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return float(np.median(times)), float(np.median(cpu)), loss, wrong


def main():
    args = sys.argv[1:]
    out = None
    if args[:1] == ["--json"]:
        out, args = args[1], args[2:]
    sizes = [int(k) for k in args] or [2000, 5500]
    libraries = blas_library()
    print(f"numpy {np.__version__}, BLAS: {', '.join(libraries) or 'none found'}")
    if not any("openblas" in path for path in libraries):
        sys.exit("numpy_train: NumPy does not run OpenBLAS (the reference BLAS is no fair "
                 "baseline); install libopenblas0-pthread")
    figures = {}
    for K in sizes:
        seconds, cpu, loss, wrong = time_step(K, repeats=5)
        figures[K] = {"wall": seconds, "cpu": cpu}
        print(f"numpy K={K} N={N} B={B}: {seconds * 1e3:.1f} ms per step, "
              f"{cpu * 1e3:.1f} ms CPU time (loss {loss:.4g}, {wrong} wrong)", flush=True)
    if out:
        with open(out, "w") as f:
            json.dump(figures, f)


if __name__ == "__main__":
    main()
