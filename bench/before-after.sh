#!/usr/bin/env bash
# Speed of this tree against an earlier commit, side by side in one run: the Release tool of BASE (built in a temporary
# worktree) and of the working tree train the same jobs alternately (base, head, base, head, …, ROUNDS rounds), so
# drift in the machine's load falls on both. Jobs: Fashion-MNIST 784-800-10, T = 25, batch 128, one epoch on LIMIT
# samples, by the microcircuit and by BPTT; and the convolutional preset mnist-cnn (15C5-P2-40C5-P2-300-10) on CONV
# samples. Prints samples/s per job and build, and head ÷ base (the median of the rounds' ratios).
#
#   bench/before-after.sh BASE        e.g. bench/before-after.sh 7a3fcf4       (ROUNDS=3 LIMIT=12000 CONV=1500 DATA=../shared/datasets)
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:?usage: before-after.sh BASE}
rounds=${ROUNDS:-3}; limit=${LIMIT:-12000}; conv=${CONV:-1500}; data=${DATA:-../shared/datasets}
work=$(mktemp -d); trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/base" "$base" >/dev/null
dotnet build -c Release "$work/base/src/Microcircuit.Cli" >/dev/null
dotnet build -c Release src/Microcircuit.Cli >/dev/null
declare -A tool=([base]="$work/base/src/Microcircuit.Cli/bin/Release/net10.0/Microcircuit.Cli.dll" [head]="src/Microcircuit.Cli/bin/Release/net10.0/Microcircuit.Cli.dll")
jobs=(
  "microcircuit|--dataset fashion-mnist --hidden 800 --steps 25 --batch 128 --rule microcircuit --train-limit $limit --test-limit 500"
  "bptt|--dataset fashion-mnist --hidden 800 --steps 25 --batch 128 --rule bptt --train-limit $limit --test-limit 500"
  "conv|--preset mnist-cnn --data-dir $data --train-limit $conv --test-limit 200"
)
results="$work/results.tsv"
for round in $(seq 1 "$rounds"); do
  for entry in "${jobs[@]}"; do
    name=${entry%%|*}; options=${entry#*|}
    for build in base head; do
      # shellcheck disable=SC2086
      dotnet "${tool[$build]}" train $options --epochs 1 --threads 1 --seed 1 --quiet --overwrite --out "$work/run" >/dev/null
      rate=$(grep -o '"samples_per_second": [0-9.]*' "$work/run/metrics.json" | head -n 1 | cut -d' ' -f2)
      printf '%s\t%s\t%s\t%s\n' "$round" "$name" "$build" "$rate" >> "$results"
    done
  done
done
/usr/bin/python3 - "$results" "$base" "$(git rev-parse --short HEAD)" <<'PY'
import sys, statistics, collections
rows = [l.split('\t') for l in open(sys.argv[1]).read().split('\n') if l]
rate = collections.defaultdict(dict)
for r, job, build, value in rows: rate[(job, r)][build] = float(value)
print(f"\n| job | base {sys.argv[2]} (samples/s, median) | head {sys.argv[3]} + working tree | head ÷ base (median of rounds) |")
print("|---|---|---|---|")
for job in dict.fromkeys(j for j, _ in rate):
    rounds = [v for (j, _), v in rate.items() if j == job]
    ratio = statistics.median(v['head'] / v['base'] for v in rounds)
    print(f"| {job} | {statistics.median(v['base'] for v in rounds):.0f} | {statistics.median(v['head'] for v in rounds):.0f} | {ratio:.3f} |")
PY
