#!/usr/bin/python3
"""Writes tests/Microcircuit.Tests/Interop/Fixtures/handwritten.nir by hand, with h5py, from the NIR specification — not
with microcircuit's writer — as another tool would: float64 and float32 parameters side by side, an Affine with a bias
array, a CubaLIF with w_in = 2, node names of its own and edges in no particular order. It also writes the inputs
(handwritten-inputs.csv: 8 samples of 64 values) and the output spike counts over T = 5 steps that NIR's CubaLIF
gives when stepped by Euler at dt = 1e-4 s (handwritten-counts.csv), simulated here in numpy from the specification's
equations: tau_syn dI/dt = -I + w_in S, tau_mem dv/dt = (v_leak - v) + R I, spike when v > v_threshold, then v = v_reset.

usage: /usr/bin/python3 tests/nir/make_fixture.py        (run from the repository root)
"""
import os

import h5py
import numpy as np

here = "tests/Microcircuit.Tests/Interop/Fixtures"
dt, T = 1e-4, 5
rng = np.random.default_rng(20261205)
w1 = rng.normal(0, 0.35, size=(16, 64))            # float64, as numpy makes it
b1 = np.zeros(16)                                  # an Affine always has a bias array
w2 = rng.normal(0, 0.6, size=(10, 16)).astype(np.float32)
x = rng.normal(0, 1, size=(8, 64)).astype(np.float32)


def cells(n, tau_syn, tau_mem, w_in, dtype):
    return {"tau_syn": np.full(n, tau_syn, dtype), "tau_mem": np.full(n, tau_mem, dtype), "r": np.full(n, tau_mem / dt, dtype),
            "v_leak": np.zeros(n, dtype), "v_threshold": np.ones(n, dtype), "v_reset": np.zeros(n, dtype), "w_in": np.full(n, w_in, dtype)}


layers = [("dense_in", "Affine", {"weight": w1, "bias": b1}, "cells_in", cells(16, 3e-4, 5e-4, 2.0, np.float64)),
          ("dense_out", "Linear", {"weight": w2}, "cells_out", cells(10, 3e-4, 5e-4, 1.0, np.float32))]
os.makedirs(here, exist_ok=True)
with h5py.File(f"{here}/handwritten.nir", "w") as f:
    f.create_dataset("version", data="1.0", dtype=h5py.string_dtype())
    g = f.create_group("node")
    g.create_dataset("type", data="NIRGraph", dtype=h5py.string_dtype())
    nodes = g.create_group("nodes")
    for name, kind, params in [("pixels", "Input", {"shape": np.array([64])}), ("scores", "Output", {"shape": np.array([10])})] + \
            [(a, k, p) for a, k, p, _, _ in layers] + [(c, "CubaLIF", p) for _, _, _, c, p in layers]:
        node = nodes.create_group(name)
        node.create_dataset("type", data=kind, dtype=h5py.string_dtype())
        for key, value in params.items():
            node.create_dataset(key, data=value)
    edges = [("dense_out", "cells_out"), ("pixels", "dense_in"), ("cells_out", "scores"), ("dense_in", "cells_in"), ("cells_in", "dense_out")]
    g.create_dataset("edges", data=np.array(edges, dtype=object), dtype=h5py.string_dtype())
    meta = g.create_group("metadata")
    meta.create_dataset("dt", data=dt)
    meta.create_dataset("source", data="handwritten from the NIR specification", dtype=h5py.string_dtype())

counts = np.zeros((8, 10))
signal = x.astype(np.float64)
for _, _, synapse, _, p in layers:
    alpha, beta, R = 1 - dt / p["tau_syn"][0], 1 - dt / p["tau_mem"][0], p["r"][0]
    weight = synapse["weight"].astype(np.float64)
    bias = synapse.get("bias", np.zeros(weight.shape[0]))
    current, v = np.zeros((8, weight.shape[0])), np.zeros((8, weight.shape[0]))
    spikes = []
    for t in range(T):
        inp = signal if signal.ndim == 2 else signal[t]
        current = alpha * current + (dt / p["tau_syn"][0]) * p["w_in"][0] * (inp @ weight.T + bias)
        v = beta * v + (dt / p["tau_mem"][0]) * R * current       # v_leak = 0
        s = (v > p["v_threshold"][0]).astype(np.float64)
        v = np.where(s > 0, p["v_reset"][0], v)
        spikes.append(s)
    signal = np.stack(spikes)            # [T, batch, cells]: what the next layer receives, step by step
    counts = signal.sum(0)
np.savetxt(f"{here}/handwritten-inputs.csv", x, delimiter=",", fmt="%.9g")
np.savetxt(f"{here}/handwritten-counts.csv", counts, delimiter=",", fmt="%d")
print("wrote", here, "counts per sample:", counts.sum(1))
