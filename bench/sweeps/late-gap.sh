#!/usr/bin/env bash
# Does the spiking circuit's late-training gap to its graded idealisation (MNIST 784-800-10: level up to epoch 20, then
# 0.4–0.9 point behind, while the angle of its update to the graded one grows from 17° to 49° as the errors shrink;
# RESULTS.md) close when the error cells carry more spikes? The protocol's options (docs/paper.md §9), seed 1, 30 epochs;
# only the error cells differ. The constant learning rate makes epoch e of these runs epoch e of the 100-epoch protocol,
# whose graded and default spiking runs are the reference. Unattended and resumable: a finished run is kept, an
# interrupted one continues from its checkpoint. Prints the table at the end. The last two pair graded and spiking cells
# under a cosine learning-rate schedule (beyond the paper's constant rate): does a decaying step calm the spiking
# circuit's late epoch-to-epoch swings?
#
#   bench/sweeps/late-gap.sh OUT [EPOCHS]        e.g. bench/sweeps/late-gap.sh runs/late-gap 30
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:?usage: late-gap.sh OUT [EPOCHS]}
epochs=${2:-30}
data=${DATA:-../shared/datasets}
tool=${MICROCIRCUIT:-dotnet src/Microcircuit.Cli/bin/Release/net10.0/Microcircuit.Cli.dll}
configs=(
  "sd-r0.3-b16|--error-cells spiking --error-rate 0.3 --error-burst 16"
  "sd-r0.1-b16-p4|--error-cells spiking --error-rate 0.1 --error-burst 16 --error-pairs 4"
  "graded-cosine|--error-cells graded --schedule cosine"
  "sd-r0.1-b16-cosine|--error-cells spiking --error-rate 0.1 --error-burst 16 --schedule cosine"
)
mkdir -p "$out"
for entry in "${configs[@]}"; do
  name=${entry%%|*}; options=${entry#*|}
  run="$out/$name"
  if [ -f "$run/metrics.json" ]; then echo "$name: finished earlier, kept"; continue; fi
  if [ -f "$run/checkpoint.mcp" ]; then
    $tool train --resume "$run" --epochs "$epochs" --quiet
  else
    # shellcheck disable=SC2086
    $tool train --dataset mnist --data-dir "$data" --hidden 800 --steps 5 --batch 100 --lr 5e-4 --optimizer adam --seed 1 \
      --epochs "$epochs" --threads 1 --quiet --overwrite --out "$run" $options
  fi
done
for entry in "${configs[@]}"; do
  name=${entry%%|*}
  echo "$name: $(tail -n 1 "$out/$name/history.csv" | cut -d, -f1,5)"
done
