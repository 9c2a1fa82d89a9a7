#!/usr/bin/env bash
# Speed of the spiking microcircuit against its graded idealisation, side by side in one run: one MNIST epoch of
# 784-800-10 (T = 5, batch 100, one thread), graded and spiking error cells alternating for ROUNDS rounds (default 3),
# each the same options but the error cells. Prints samples/s per run and the ratio of the medians (goal: spiking
# within 1.5× of graded, i.e. ratio ≤ 1.5). Run it on a quiet machine.
#
#   bench/error-cells.sh [DATA]        (DATA: the folder holding mnist/, default ../shared/datasets)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/datasets}
rounds=${ROUNDS:-3}
tool=${MICROCIRCUIT:-dotnet src/Microcircuit.Cli/bin/Release/net10.0/Microcircuit.Cli.dll}
[ -n "${MICROCIRCUIT:-}" ] || dotnet build -c Release src/Microcircuit.Cli -v quiet -nologo >/dev/null
out=$(mktemp -d)
for round in $(seq 1 "$rounds"); do
  for cells in graded spiking; do
    # shellcheck disable=SC2086
    $tool train --dataset mnist --data-dir "$data" --hidden 800 --epochs 1 --threads 1 --error-cells "$cells" --json --out "$out/$cells-$round" \
      | /usr/bin/python3 -c 'import json,sys; m=json.load(sys.stdin); print(m["samples_per_second"], m["test_accuracy"])' > "$out/$cells-$round.txt"
    echo "round $round, $cells: $(cut -d' ' -f1 "$out/$cells-$round.txt") samples/s (test accuracy $(cut -d' ' -f2 "$out/$cells-$round.txt"))"
  done
done
/usr/bin/python3 - "$out" "$rounds" <<'PY'
import statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
speed = {c: [float(open(f"{out}/{c}-{r}.txt").read().split()[0]) for r in range(1, rounds + 1)] for c in ("graded", "spiking")}
g, s = statistics.median(speed["graded"]), statistics.median(speed["spiking"])
print(f"median samples/s: graded {g:.0f}, spiking {s:.0f}; graded ÷ spiking = {g / s:.2f} (goal ≤ 1.5)")
PY
rm -rf "$out"
