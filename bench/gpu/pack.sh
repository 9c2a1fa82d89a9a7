#!/usr/bin/env bash
# Prepares what bench/gpu/check.sh needs on a GPU machine lent through the device tool, which has no .NET: the tool
# (framework-dependent, linux-x64), the .NET runtime it runs on, and two small datasets as .npz (12,000 Fashion-MNIST
# training images with the 10,000 test images; 1,000 + 500 CIFAR-10 images from the JPEG-q75 reconstruction in
# ../shared/datasets). Everything goes to .gpu/ (ignored by git: name it in the device tool's `carry`), ~45 MB.
#
#   bench/gpu/pack.sh            then, with the device tool: run(command="bench/gpu/check.sh", carry=[".gpu"])
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.gpu; rm -rf "$out"; mkdir -p "$out"
# .gpu/ is in .gitignore: it travels only because the device call names it in carry.
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
dotnet publish src/Microcircuit.Cli -c Release -r linux-x64 --self-contained false -o "$work/tool" >/dev/null
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
runtime=$(ls -d "$dotnet_root"/shared/Microsoft.NETCore.App/* | sort -V | tail -n 1)
mkdir -p "$work/dotnet/shared/Microsoft.NETCore.App" "$work/dotnet/host"
cp "$dotnet_root/dotnet" "$work/dotnet/"
cp -r "$dotnet_root/host/fxr" "$work/dotnet/host/"
cp -r "$runtime" "$work/dotnet/shared/Microsoft.NETCore.App/"
tar -C "$work" -cJf "$out/bundle.tar.xz" dotnet tool
/usr/bin/python3 - "$out" "${DATA:-../shared/datasets}" <<'PY'
import gzip, sys, os, numpy as np
out, shared = sys.argv[1], sys.argv[2]
def idx(path):
    with gzip.open(path) as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], 'big') for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)
f = '/usr/share/datasets/fashion-mnist/'
np.savez_compressed(os.path.join(out, 'fashion-12k.npz'),
    x_train=idx(f + 'train-images-idx3-ubyte.gz')[:12000], y_train=idx(f + 'train-labels-idx1-ubyte.gz')[:12000],
    x_test=idx(f + 't10k-images-idx3-ubyte.gz'), y_test=idx(f + 't10k-labels-idx1-ubyte.gz'))
batches = os.path.join(shared, 'cifar-10-batches-bin')
if os.path.isdir(batches):
    def load(name, n):
        with gzip.open(os.path.join(batches, name + '.gz')) as fh:
            raw = np.frombuffer(fh.read(), np.uint8).reshape(-1, 3073)[:n]
        return raw[:, 1:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1).copy(), raw[:, 0].copy()
    xt, yt = load('data_batch_1.bin', 1000); xs, ys = load('test_batch.bin', 500)
    np.savez_compressed(os.path.join(out, 'cifar10-1k.npz'), x_train=xt, y_train=yt, x_test=xs, y_test=ys)
PY
du -sh "$out"/*
