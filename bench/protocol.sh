#!/usr/bin/env bash
# The lab's protocol (docs/paper.md §9, docs/paper.md §9): 100 epochs of MNIST 784-800-10 and Fashion-MNIST 784-400-400-10,
# T = 5, batch 100, Adam 5e-4, for the spiking and the graded microcircuit, BP, BPTT and FA, three seeds each, through
# `compare --out` (first time) or `compare --resume` (every later time): interrupt it at any moment and run it again;
# finished runs are kept and each interrupted run continues from its last epoch's checkpoint.
#
#   bench/protocol.sh OUT mnist|fashion-mnist [SHARD]        e.g. bench/protocol.sh runs/protocol mnist 1/2
#
# MICROCIRCUIT (default: dotnet src/Microcircuit.Cli/bin/Release/net10.0/Microcircuit.Cli.dll) and DATA (default
# ../shared/datasets, for MNIST) may be set.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: protocol.sh OUT mnist|fashion-mnist [SHARD]}
dataset=${2:?usage: protocol.sh OUT mnist|fashion-mnist [SHARD]}
shard=${3:-1/1}
data=${DATA:-../shared/datasets}
tool=${MICROCIRCUIT:-dotnet src/Microcircuit.Cli/bin/Release/net10.0/Microcircuit.Cli.dll}
case "$dataset" in
  mnist) network=(--dataset mnist --data-dir "$data" --hidden 800) ;;
  fashion-mnist) network=(--dataset fashion-mnist --hidden 400,400) ;;
  *) echo "protocol.sh: dataset must be mnist or fashion-mnist" >&2; exit 2 ;;
esac
folder="$out/$dataset"
if [ -f "$folder/comparison-plan.json" ]; then
  exec $tool compare --resume "$folder" --shard "$shard"
fi
exec $tool compare "${network[@]}" --rules fa,bp,bptt,microcircuit-graded,microcircuit-spiking --seeds 3 --epochs 100 \
  --steps 5 --batch 100 --lr 5e-4 --optimizer adam --alignment 100 --threads 1 --out "$folder" --shard "$shard"
