#!/bin/bash
# Training throughput with --threads 1 and N side by side (rounds alternate), then the convolution kernels' ratios.
# Usage: bench/threads.sh [N] [rounds]; MC names the tool (default: the Release build through dotnet run);
# DATA_DIR the folder holding cifar-10-batches-bin (default ../shared/datasets). Run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-2}
rounds=${2:-3}
data=${DATA_DIR:-../shared/datasets}
out=$(mktemp -d)
if [ -z "${MC:-}" ]; then
  dotnet build -c Release src/Microcircuit.Cli > /dev/null
  MC="dotnet src/Microcircuit.Cli/bin/Release/net10.0/Microcircuit.Cli.dll"
fi
for round in $(seq "$rounds"); do
  for t in 1 "$threads"; do
    d="$out/r$round-t$t"
    $MC train --preset cifar10-small-relative --epochs 1 --train-limit 3000 --test-limit 500 --threads "$t" --quiet \
      --data-dir "$data" --out "$d" > "$d.log" 2>&1
    python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print(f'round $round, --threads $t: {m[\"samples_per_second\"]:.1f} samples/s, test {m[\"test_accuracy\"]}')" "$d/metrics.json"
  done
done
rm -rf "$out"
dotnet run -c Release --project bench/Microcircuit.Benchmarks -- conv-threads "$threads" 15
