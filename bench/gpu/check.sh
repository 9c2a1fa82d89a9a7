#!/usr/bin/env bash
# Runs on a GPU machine lent through the device tool (bench/gpu/pack.sh first, .gpu carried): the conformance suite on
# CUDA against the CPU back end, then the same training jobs on --device cuda and --device cpu (one thread), side by
# side: 12,000 Fashion-MNIST samples of 784-800-10, T = 25, batch 128, by the microcircuit and by BPTT; and 200
# CIFAR-10 samples (JPEG-q75 reconstruction) of the cifar10-full preset (a CPU thread takes ~50 s for them).
# Two files come back: $OUT/gpu-check.json (the figures) and $OUT/log.txt (every command's output).
# Each run is cut at 150 s; on a CPU thread the whole script takes about 4 minutes. Device tool: timeout_s 600.
set -uo pipefail
cd "$(dirname "$0")/../.."
out=${OUT:-/tmp/gpu-check}; mkdir -p "$out"
tar -C /tmp -xJf .gpu/bundle.tar.xz
export DOTNET_ROOT=/tmp/dotnet DOTNET_CLI_TELEMETRY_OPTOUT=1
tool() { /tmp/dotnet/dotnet /tmp/tool/Microcircuit.Cli.dll "$@"; }
runs=/tmp/gpu-runs; mkdir -p "$runs"
log="$out/log.txt"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader > "$runs/gpu.txt" 2>&1 || echo "no nvidia-smi" > "$runs/gpu.txt"
tool devices --check --json > "$runs/devices.json" 2>> "$log"; echo "devices: exit $?" | tee -a "$log"
jobs=(
  "fashion-microcircuit|--dataset .gpu/fashion-12k.npz --hidden 800 --steps 25 --batch 128 --rule microcircuit --test-limit 2000 --epochs 1"
  "fashion-bptt|--dataset .gpu/fashion-12k.npz --hidden 800 --steps 25 --batch 128 --rule bptt --test-limit 2000 --epochs 1"
)
[ -f .gpu/cifar10-1k.npz ] && jobs+=("cifar10-full|--preset cifar10-full --dataset .gpu/cifar10-1k.npz --epochs 1 --train-limit 200 --test-limit 50")
for entry in "${jobs[@]}"; do
  name=${entry%%|*}; options=${entry#*|}
  for device in cuda cpu; do
    echo "== $name on $device" >> "$log"
    # shellcheck disable=SC2086
    timeout 150 /tmp/dotnet/dotnet /tmp/tool/Microcircuit.Cli.dll train $options --device $device --threads 1 --seed 1 --quiet --overwrite --out "/tmp/run-$name-$device" \
      >> "$log" 2>&1
    echo "$name $device: exit $?" | tee -a "$log"
    cp "/tmp/run-$name-$device/metrics.json" "$runs/$name-$device.json" 2>/dev/null || true
  done
done
/usr/bin/env python3 - "$runs" "$out" <<'PY' || true
import json, os, sys, glob
runs, out = sys.argv[1], sys.argv[2]
result = {"gpu": open(os.path.join(runs, "gpu.txt")).read().strip()}
try: result["devices"] = json.load(open(os.path.join(runs, "devices.json")))
except Exception as e: result["devices"] = str(e)
for path in sorted(glob.glob(os.path.join(runs, "*-c*.json"))):
    name = os.path.basename(path)[:-5]
    m = json.load(open(path))
    result[name] = {k: m.get(k) for k in ("test_accuracy", "samples_per_second", "train_samples", "network")}
json.dump(result, open(os.path.join(out, "gpu-check.json"), "w"), indent=2)
print(json.dumps(result, indent=2))
PY
