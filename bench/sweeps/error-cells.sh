#!/usr/bin/env bash
# Sweep of the spiking error cells' mechanisms (issue: the spiking microcircuit learns as well as its idealisation).
# Every configuration trains MNIST 784-800-10 and Fashion-MNIST 784-400-400-10 with the same seed and options, only the
# error cells differ; graded error cells are the reference. Runs unattended and resumes: a finished run (metrics.json)
# is kept, an interrupted one continues from its checkpoint. At the end it writes OUT/sweep.csv and prints a table.
#
#   bench/sweeps/error-cells.sh OUT [EPOCHS] [SEEDS]        e.g. bench/sweeps/error-cells.sh runs/sweep 3 1
#
# MICROCIRCUIT (default: dotnet src/Microcircuit.Cli/bin/Release/net10.0/Microcircuit.Cli.dll) and DATA (default
# ../shared/datasets, for MNIST) may be set; Fashion-MNIST comes from Debian's dataset-fashion-mnist.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:?usage: error-cells.sh OUT [EPOCHS] [SEEDS]}
epochs=${2:-3}
seeds=${3:-1}
data=${DATA:-../shared/datasets}
tool=${MICROCIRCUIT:-dotnet src/Microcircuit.Cli/bin/Release/net10.0/Microcircuit.Cli.dll}
[ -f src/Microcircuit.Cli/bin/Release/net10.0/Microcircuit.Cli.dll ] || dotnet build -c Release src/Microcircuit.Cli >/dev/null

# name|options (the error cells only)
configs=(
  "graded|--error-cells graded"
  "bernoulli-fixed-1|--error-cells spiking --error-coding bernoulli --error-gain fixed --error-spike 1"
  "bernoulli-fixed-0.05|--error-cells spiking --error-coding bernoulli --error-gain fixed --error-spike 0.05"
  "bernoulli-fixed-0.01-b8|--error-cells spiking --error-coding bernoulli --error-gain fixed --error-spike 0.01 --error-burst 8"
  "bernoulli-r0.1|--error-cells spiking --error-coding bernoulli --error-rate 0.1"
  "bernoulli-r0.03-b8|--error-cells spiking --error-coding bernoulli --error-rate 0.03 --error-burst 8"
  "bernoulli-r0.1-p4|--error-cells spiking --error-coding bernoulli --error-rate 0.1 --error-pairs 4"
  "sd-fixed-0.05|--error-cells spiking --error-coding sigma-delta --error-gain fixed --error-spike 0.05"
  "sd-fixed-0.01-b8|--error-cells spiking --error-coding sigma-delta --error-gain fixed --error-spike 0.01 --error-burst 8"
  "sd-r0.1|--error-cells spiking --error-coding sigma-delta --error-rate 0.1"
  "sd-r0.1-b4|--error-cells spiking --error-coding sigma-delta --error-rate 0.1 --error-burst 4"
  "sd-r0.1-b16|--error-cells spiking --error-coding sigma-delta --error-rate 0.1 --error-burst 16"
  "sd-r0.03-b8|--error-cells spiking --error-coding sigma-delta --error-rate 0.03 --error-burst 8"
  "sd-r0.03-b16|--error-cells spiking --error-coding sigma-delta --error-rate 0.03 --error-burst 16"
  "sd-r0.01-b16|--error-cells spiking --error-coding sigma-delta --error-rate 0.01 --error-burst 16"
  "sd-r0.3-b16|--error-cells spiking --error-coding sigma-delta --error-rate 0.3 --error-burst 16"
  "sd-r0.03-b8-p4|--error-cells spiking --error-coding sigma-delta --error-rate 0.03 --error-burst 8 --error-pairs 4"
)
datasets=(
  "mnist|--dataset mnist --data-dir $data --hidden 800"
  "fashion-mnist|--dataset fashion-mnist --hidden 400,400"
)

mkdir -p "$out"
for d in "${datasets[@]}"; do
  IFS='|' read -r dname dopts <<<"$d"
  for c in "${configs[@]}"; do
    IFS='|' read -r cname copts <<<"$c"
    for seed in $(seq 1 "$seeds"); do
      run="$out/$dname/$cname/seed$seed"
      [ -f "$run/metrics.json" ] && continue
      if [ -f "$run/checkpoint.mcp" ]; then
        $tool train --resume "$run" --epochs "$epochs" --quiet
      else
        rm -rf "$run"
        # shellcheck disable=SC2086
        $tool train $dopts $copts --epochs "$epochs" --seed "$seed" --threads 1 --quiet --out "$run"
      fi
    done
  done
done

/usr/bin/python3 - "$out" <<'PY'
import csv, json, pathlib, sys
out = pathlib.Path(sys.argv[1])
rows = []
for metrics in sorted(out.glob("*/*/seed*/metrics.json")):
    run = metrics.parent
    m = json.loads(metrics.read_text())
    history = list(csv.DictReader((run / "history.csv").open()))
    last = history[-1]
    rates = [float(v) for k, v in last.items() if k.startswith("error_rate_l") and v]
    sat = [float(v) for k, v in last.items() if k.startswith("error_saturation_l") and v]
    rows.append({"dataset": run.parent.parent.name, "cells": run.parent.name, "seed": run.name[4:],
                 "epochs": m["epochs"], "test_accuracy": m["test_accuracy"],
                 "error_rate_mean": sum(rates) / len(rates) if rates else "",
                 "error_rate_per_layer": " ".join(f"{r:.4f}" for r in rates),
                 "saturated_per_layer": " ".join(f"{s:.4f}" for s in sat),
                 "samples_per_second": m["samples_per_second"]})
with (out / "sweep.csv").open("w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
    w.writeheader()
    w.writerows(rows)
graded = {(r["dataset"], r["seed"]): r["test_accuracy"] for r in rows if r["cells"] == "graded"}
print("| dataset | error cells | seed | test accuracy | gap to graded (points) | error-cell rate (spikes/cell/step, per layer) | saturated (per layer) | samples/s |")
print("|---|---|---|---|---|---|---|---|")
for r in rows:
    g = graded.get((r["dataset"], r["seed"]))
    gap = f"{100 * (g - r['test_accuracy']):.2f}" if g is not None else ""
    print(f"| {r['dataset']} | {r['cells']} | {r['seed']} | {r['test_accuracy']:.4f} | {gap} | {r['error_rate_per_layer']} | {r['saturated_per_layer']} | {r['samples_per_second']:.0f} |")
PY
