#!/usr/bin/python3
"""PyTorch reference of Microcircuit's network and training, for the whole-run benchmark (bench/run.sh).

The same model as docs/model.md, written directly in eager PyTorch with autograd doing the BPTT:

  u[t] = (1 - 1/tau_m) * u[t-1] * (1 - s[t-1]) + W a_{l-1}[t]     (reset not detached)
  s[t] = H(u[t] - theta)          backward: sigma'((u - theta)/alpha)/alpha, argument clipped to [-8, 8]
  a[t] = (1 - 1/tau_s) * a[t-1] + s[t]/tau_s
  a_0[t] = c[t] * x               (direct input: c is the trace's response to a constant 1, x standardised)
  E = 1/2 sum_t sum_o (a_L[t] - abar[t])^2, averaged over the batch
  abar = the trace of the desired train (label cell 0,1,0,1,... for T >= 10; silent,1,1,... for T < 10)

Kaiming-normal weights (std sqrt(2/fan_in)), no bias, Adam (lr 5e-4, betas 0.9/0.999, eps 1e-8), weights
clamped to [-4, 4] after every step. Readout: argmax of output spike counts, ties by summed membrane.

--input-every-step computes the first layer's current from the input trace at every step, W (c[t] x), the way
snnTorch-style code calls fc1(x) inside its time loop; by default the product is hoisted, c[t] (W x), as
Microcircuit does (the same numbers up to float rounding).

Prints one JSON line: samples_per_second, epoch_seconds (training only), test_accuracy, threads, ...
Exit codes: 2 bad option, 3 dataset missing or unreadable.
"""
import argparse
import gzip
import json
import os
import struct
import sys
import time

try:
    import numpy as np
    import torch
except ImportError as missing:  # pragma: no cover - environment problem, reported in one line
    print(f"snn_bptt.py: {missing}; install Debian's PyTorch with: sudo apt-get install python3-torch "
          "(and run this script with /usr/bin/python3)", file=sys.stderr)
    sys.exit(3)

MEAN, STD = 0.1307, 0.3081  # the same standardisation Microcircuit uses for (Fashion-)MNIST


def fail(message, code):
    print(f"snn_bptt.py: {message}", file=sys.stderr)
    sys.exit(code)


def read_idx(folder, stem):
    """Reads one IDX file (plain or .gz) into a numpy uint8 array."""
    for name in (stem + ".gz", stem):
        path = os.path.join(folder, name)
        if os.path.exists(path):
            opener = gzip.open if name.endswith(".gz") else open
            with opener(path, "rb") as handle:
                data = handle.read()
            magic = struct.unpack(">I", data[:4])[0]
            if magic >> 8 != 0x08:
                fail(f"{path} is not an unsigned-byte IDX file", 3)
            dims = struct.unpack(">" + "I" * (magic & 0xFF), data[4:4 + 4 * (magic & 0xFF)])
            offset = 4 + 4 * len(dims)
            array = np.frombuffer(data, dtype=np.uint8, offset=offset)
            if array.size != int(np.prod(dims)):
                fail(f"{path} is truncated", 3)
            return array.reshape(dims)
    fail(f"{os.path.join(folder, stem)}[.gz] not found; install it with: sudo apt-get install dataset-fashion-mnist", 3)


def load_split(folder, prefix, limit):
    images = read_idx(folder, f"{prefix}-images-idx3-ubyte")
    labels = read_idx(folder, f"{prefix}-labels-idx1-ubyte")
    if limit is not None:
        images, labels = images[:limit], labels[:limit]
    # Kept as bytes (as Microcircuit keeps them); standardised per batch by standardise().
    pixels = images.reshape(len(images), -1).copy()  # writable, owns its memory
    return torch.from_numpy(pixels), torch.from_numpy(labels.astype(np.int64))


def standardise(pixels):
    return (pixels.to(torch.float32) / 255.0 - MEAN) / STD


class Spike(torch.autograd.Function):
    """Heaviside forward; logistic-derivative gate backward."""

    theta = 1.0
    alpha = 0.2

    @staticmethod
    def forward(ctx, u):
        ctx.save_for_backward(u)
        return (u > Spike.theta).to(u.dtype)

    @staticmethod
    def backward(ctx, grad):
        (u,) = ctx.saved_tensors
        sigma = torch.sigmoid(((u - Spike.theta) / Spike.alpha).clamp(-8.0, 8.0))
        return grad * sigma * (1.0 - sigma) / Spike.alpha


spike = Spike.apply


class Network:
    def __init__(self, sizes, steps, tau_m, tau_s, generator, input_every_step=False):
        self.input_every_step = input_every_step
        self.weights = []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
            w = torch.randn(fan_out, fan_in, generator=generator) * (2.0 / fan_in) ** 0.5
            self.weights.append(w.requires_grad_())
        self.steps = steps
        self.beta = 1.0 - 1.0 / tau_m
        self.lam = 1.0 - 1.0 / tau_s
        self.gain = 1.0 / tau_s
        # c[t]: the trace's response to a constant 1; abar[t]: the trace of the label cell's desired train.
        c, trace, self.c, self.target = 0.0, 0.0, [], []
        for t in range(1, steps + 1):
            c = self.lam * c + self.gain
            desired = (0.0 if t == 1 else 1.0) if steps < 10 else (1.0 if t % 2 == 0 else 0.0)
            trace = self.lam * trace + self.gain * desired
            self.c.append(c)
            self.target.append(trace)

    def run(self, x, labels=None):
        """Simulates T steps; returns (summed loss or None, spike counts, summed output membrane)."""
        batch = x.shape[0]
        layers = len(self.weights)
        # direct input: W (c[t] x) = c[t] (W x), computed once (or, snnTorch-style, every step)
        first = None if self.input_every_step else x @ self.weights[0].t()
        u = [x.new_zeros(batch, w.shape[0]) for w in self.weights]
        s = [x.new_zeros(batch, w.shape[0]) for w in self.weights]
        a = [x.new_zeros(batch, w.shape[0]) for w in self.weights]
        onehot = None if labels is None else torch.nn.functional.one_hot(labels, self.weights[-1].shape[0]).to(x.dtype)
        loss = x.new_zeros(()) if labels is not None else None
        counts = x.new_zeros(batch, self.weights[-1].shape[0])
        membrane = x.new_zeros(batch, self.weights[-1].shape[0])
        for t in range(self.steps):
            for l in range(layers):
                if l > 0:
                    current = a[l - 1] @ self.weights[l].t()
                elif first is None:
                    current = (x * self.c[t]) @ self.weights[0].t()
                else:
                    current = first * self.c[t]
                u[l] = self.beta * u[l] * (1.0 - s[l]) + current
                s[l] = spike(u[l])
                a[l] = self.lam * a[l] + self.gain * s[l]
            if labels is not None:
                loss = loss + 0.5 * (a[-1] - self.target[t] * onehot).pow(2).sum()
            counts = counts + s[-1].detach()
            membrane = membrane + u[-1].detach()
        return loss, counts, membrane


def predict(counts, membrane):
    """argmax of spike counts, ties broken by the larger summed membrane (first index on a full tie)."""
    best = counts.max(dim=1, keepdim=True).values
    key = torch.where(counts == best, membrane, torch.full_like(membrane, float("-inf")))
    return key.argmax(dim=1)


def main():
    parser = argparse.ArgumentParser(description="PyTorch surrogate-gradient BPTT peer of Microcircuit's LIF network.")
    parser.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--hidden", type=int, default=800)
    parser.add_argument("--steps", type=int, default=25)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--lr", type=float, default=5e-4)
    parser.add_argument("--clamp", type=float, default=4.0)
    parser.add_argument("--tau-m", type=float, default=5.0)
    parser.add_argument("--tau-s", type=float, default=3.0)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--input-every-step", action="store_true",
                        help="compute the first layer's current from the input trace every step (snnTorch style)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--train-limit", type=int)
    parser.add_argument("--test-limit", type=int)
    args = parser.parse_args()
    for name in ("hidden", "steps", "batch", "epochs", "threads"):
        if getattr(args, name) < 1:
            fail(f"--{name} must be at least 1", 2)

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    generator = torch.Generator().manual_seed(args.seed)
    order_rng = np.random.default_rng(args.seed)

    train_x, train_y = load_split(args.data_dir, "train", args.train_limit)
    test_x, test_y = load_split(args.data_dir, "t10k", args.test_limit)

    net = Network([train_x.shape[1], args.hidden, 10], args.steps, args.tau_m, args.tau_s, generator, args.input_every_step)
    optimiser = torch.optim.Adam(net.weights, lr=args.lr, betas=(0.9, 0.999), eps=1e-8)

    train_seconds = 0.0
    started = time.perf_counter()
    for _ in range(args.epochs):
        order = torch.from_numpy(order_rng.permutation(len(train_x)))
        loss_sum, correct = 0.0, 0
        clock = time.perf_counter()
        for start in range(0, len(order), args.batch):
            index = order[start:start + args.batch]
            x, y = standardise(train_x[index]), train_y[index]
            loss, counts, membrane = net.run(x, y)
            optimiser.zero_grad(set_to_none=True)
            (loss / len(index)).backward()
            optimiser.step()
            with torch.no_grad():
                for w in net.weights:
                    w.clamp_(-args.clamp, args.clamp)
            loss_sum += float(loss)
            correct += int((predict(counts, membrane) == y).sum())
        train_seconds += time.perf_counter() - clock
        if not np.isfinite(loss_sum):
            fail("training diverged (non-finite loss)", 6)

    clock = time.perf_counter()
    test_correct = 0
    with torch.no_grad():
        for start in range(0, len(test_x), args.batch):
            _, counts, membrane = net.run(standardise(test_x[start:start + args.batch]))
            test_correct += int((predict(counts, membrane) == test_y[start:start + args.batch]).sum())
    test_seconds = time.perf_counter() - clock

    samples = len(train_x) * args.epochs
    print(json.dumps({
        "samples_per_second": samples / train_seconds,
        "epoch_seconds": train_seconds / args.epochs,
        "test_accuracy": test_correct / len(test_x),
        "train_accuracy": correct / len(train_x),
        "train_loss": loss_sum / len(train_x),
        "test_seconds": test_seconds,
        "total_seconds": time.perf_counter() - started,
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "steps": args.steps,
        "batch": args.batch,
        "hidden": args.hidden,
        "train_samples": len(train_x),
        "test_samples": len(test_x),
    }))


if __name__ == "__main__":
    main()
