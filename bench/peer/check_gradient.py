#!/usr/bin/python3
"""Checks that the peer's autograd gradient is the one Microcircuit's BPTT computes.

Runs the peer's Network (snn_bptt.py) on a small random network and batch, takes autograd's gradient of the
batch-mean loss, and compares it with the recurrences documented in
src/Microcircuit/Learning/BackpropagationThroughTime.cs, re-implemented here in float64 numpy:
  dE/da_l[t] = lam dE/da_l[t+1] + (l = L ? e[t] : dE/du_{l+1}[t] W_{l+1})
  dE/ds_l[t] = dE/da_l[t]/tau_s - beta u_l[t] dE/du_l[t+1]
  dE/du_l[t] = g_l[t] dE/ds_l[t] + beta (1 - s_l[t]) dE/du_l[t+1]
  G_l = (1/B) sum_t dE/du_l[t]^T a_{l-1}[t]
Prints the maximum relative difference per layer and exits 1 if any exceeds 1e-4.
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from snn_bptt import Network  # noqa: E402


def reference(net, x, labels):
    beta, lam, gain, theta, alpha = net.beta, net.lam, net.gain, 1.0, 0.2
    weights = [w.detach().double().numpy() for w in net.weights]
    batch, steps, layers = x.shape[0], net.steps, len(weights)
    x = x.double().numpy()
    onehot = np.eye(weights[-1].shape[0])[labels.numpy()]
    u_prev = [np.zeros((batch, w.shape[0])) for w in weights]
    s_prev = [np.zeros((batch, w.shape[0])) for w in weights]
    a_prev = [np.zeros((batch, w.shape[0])) for w in weights]
    record = []  # per step: (inputs to each layer, u, s, e)
    for t in range(steps):
        pre, us, ss = [], [], []
        for l in range(layers):
            inp = net.c[t] * x if l == 0 else a_prev[l - 1]
            u = beta * u_prev[l] * (1 - s_prev[l]) + inp @ weights[l].T
            s = (u > theta).astype(float)
            a_prev[l] = lam * a_prev[l] + gain * s
            u_prev[l], s_prev[l] = u, s
            pre.append(inp)
            us.append(u)
            ss.append(s)
        record.append((pre, us, ss, a_prev[-1] - net.target[t] * onehot))
    grads = [np.zeros_like(w) for w in weights]
    da_next = [np.zeros((batch, w.shape[0])) for w in weights]
    du_next = [np.zeros((batch, w.shape[0])) for w in weights]
    for t in reversed(range(steps)):
        pre, us, ss, e = record[t]
        du_now = [None] * layers
        for l in reversed(range(layers)):
            da = (e if l == layers - 1 else du_now[l + 1] @ weights[l + 1]) + lam * da_next[l]
            z = np.clip((us[l] - theta) / alpha, -8, 8)
            sigma = 1 / (1 + np.exp(-z))
            g = sigma * (1 - sigma) / alpha
            ds = da * gain - beta * us[l] * du_next[l]
            du = g * ds + beta * (1 - ss[l]) * du_next[l]
            grads[l] += du.T @ pre[l]
            du_now[l] = du
            da_next[l] = da
        du_next = du_now
    return [g / batch for g in grads]


def main():
    torch.manual_seed(3)
    generator = torch.Generator().manual_seed(3)
    worst = 0.0
    for steps in (5, 25):
        net = Network([20, 30, 10], steps, 5.0, 3.0, generator)
        x = torch.randn(8, 20, generator=generator) * 1.5
        labels = torch.randint(0, 10, (8,), generator=generator)
        loss, _, _ = net.run(x, labels)
        (loss / x.shape[0]).backward()
        for l, (w, ref) in enumerate(zip(net.weights, reference(net, x, labels))):
            diff = np.abs(w.grad.double().numpy() - ref).max() / max(np.abs(ref).max(), 1e-12)
            worst = max(worst, diff)
            print(f"T = {steps}, layer {l + 1}: max |autograd − formula| / max |formula| = {diff:.2e}")
    if worst > 1e-4:
        print("MISMATCH: the peer's gradient differs from Microcircuit's BPTT recurrences", file=sys.stderr)
        sys.exit(1)
    print("ok: the peer's autograd gradient matches Microcircuit's BPTT recurrences")


if __name__ == "__main__":
    main()
