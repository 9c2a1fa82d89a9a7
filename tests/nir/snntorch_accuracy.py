#!/usr/bin/python3
"""Runs a NIR file exported by microcircuit through snnTorch's NIR importer on the MNIST test set and prints the test
accuracy with microcircuit's readout (most output spikes over T steps, ties broken by the larger summed membrane), so
the two can be compared (docs/interop.md, "Checked"). Not part of CI: it needs snnTorch, NIR and NIRTorch importable
(pip install snntorch nir nirtorch) and torch.

usage: snntorch_accuracy.py MODEL.nir MNIST_DIR [--limit N]
       MNIST_DIR holds t10k-images-idx3-ubyte[.gz] and t10k-labels-idx1-ubyte[.gz].

The input is what microcircuit's direct encoding presents: the normalised pixels from the file's metadata
(x = (p / input_scale - input_mean) / input_std), the same tensor at every one of time_steps steps. snnTorch's importer
passes NIR's Flatten dimensions (which do not count the batch) to torch unchanged; this script shifts them by one.
"""
import argparse
import contextlib
import gzip
import io
import os

import h5py
import numpy as np
import torch
import nir
import snntorch
from snntorch.import_nir import import_from_nir


def idx(folder, name, offset):
    for path in (os.path.join(folder, name), os.path.join(folder, name + ".gz")):
        if os.path.exists(path):
            opener = gzip.open if path.endswith(".gz") else open
            with opener(path, "rb") as f:
                return np.frombuffer(f.read(), np.uint8, offset=offset)
    raise SystemExit(f"{name}[.gz] not found in {folder}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("mnist")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    torch.set_num_threads(1)

    with h5py.File(args.model, "r") as f:
        meta = f["node/metadata"]
        steps = int(meta["time_steps"][()])
        scale = float(meta["input_scale"][()])
        mean = np.atleast_1d(meta["input_mean"][()]).astype(np.float64)
        std = np.atleast_1d(meta["input_std"][()]).astype(np.float64)

    graph = nir.read(args.model)
    input_shape = [int(v) for v in np.atleast_1d(next(n for n in graph.nodes.values() if isinstance(n, nir.Input)).input_type["input"])]
    output_node = next(name for name, n in graph.nodes.items() if isinstance(n, nir.Output))
    last = next(src for src, dst in graph.edges if dst == output_node)
    with contextlib.redirect_stdout(io.StringIO()):   # the importer prints its threshold-scaling notice per layer
        net = import_from_nir(graph)
    for module in net.modules():
        if isinstance(module, torch.nn.Flatten):
            module.start_dim += 1 if module.start_dim >= 0 else 0
            module.end_dim += 1 if module.end_dim >= 0 else 0
        if isinstance(module, snntorch.SpikingNeuron):
            module.reset_mem()
    cells = net.get_submodule(last.replace(".", "_"))

    images = idx(args.mnist, "t10k-images-idx3-ubyte", 16).reshape(-1, *input_shape) if len(input_shape) > 1 \
        else idx(args.mnist, "t10k-images-idx3-ubyte", 16).reshape(-1, input_shape[0])
    labels = idx(args.mnist, "t10k-labels-idx1-ubyte", 8)
    if args.limit:
        images, labels = images[:args.limit], labels[:args.limit]
    x = torch.from_numpy(((images / scale - mean[0]) / std[0]).astype(np.float32))

    counts, membrane = 0, 0
    with torch.no_grad():
        for _ in range(steps):
            before = cells.mem.clone() if cells.mem.shape[:1] == x.shape[:1] else None
            out, _ = net(x)
            spikes = (out[0] if isinstance(out, tuple) else out).double()
            counts = counts + spikes
            beta = cells.beta.clamp(0, 1)
            membrane = membrane + ((beta * before if before is not None else 0) + cells.syn).double()   # before the reset
    score = counts * 1e6 + membrane
    predicted = score.argmax(1).numpy()
    print(f"snnTorch: test accuracy {(predicted == labels).mean():.4f} on {len(labels)} images, T = {steps}, "
          f"{int(counts.sum())} output spikes")


if __name__ == "__main__":
    main()
