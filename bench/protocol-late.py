#!/usr/bin/python3
"""How the spiking and the graded microcircuit of one protocol comparison (bench/protocol.sh's OUT/mnist or
OUT/fashion-mnist) move apart over training: per epoch (selected), the mean over seeds of both test accuracies, their gap,
the spiking runs' angle to the graded update (first layer) and their error-cell rate; then, over epochs 50-100, each
kind's epoch-to-epoch standard deviation of test accuracy (mean over seeds), its worst epoch and its final train accuracy.

usage: /usr/bin/python3 bench/protocol-late.py runs/protocol/mnist
"""
import csv
import json
import pathlib
import statistics
import sys

folder = pathlib.Path(sys.argv[1])
seeds = json.loads((folder / "comparison-plan.json").read_text())["seeds"]


def histories(entry):
    return [list(csv.DictReader((folder / "runs" / f"{entry}-seed{s}" / "history.csv").open())) for s in seeds]


graded, spiking = histories("microcircuit-graded"), histories("microcircuit-spiking")
epochs = min(len(h) for h in graded + spiking)
mean = lambda runs, i, key: statistics.mean(float(r[i][key]) for r in runs)
print("| epoch | graded | spiking | gap (points) | spiking's angle to graded, layer 1 | spiking's error-cell rate, layer 1 |")
print("|---|---|---|---|---|---|")
for e in [1, 3, 5, 10, 20, 30, 50, 70, 100]:
    if e > epochs:
        break
    i = e - 1
    g, s = mean(graded, i, "test_accuracy"), mean(spiking, i, "test_accuracy")
    print(f"| {e} | {g:.4f} | {s:.4f} | {100 * (g - s):+.2f} | {mean(spiking, i, 'align_graded_l1'):.1f}° | {mean(spiking, i, 'error_rate_l1'):.3f} |")
print("\n| error cells | epoch-to-epoch std of test accuracy, epochs 50-100 | worst epoch | final train accuracy |")
print("|---|---|---|---|")
for name, runs in [("graded", graded), ("spiking", spiking)]:
    late = [[float(r["test_accuracy"]) for r in h[49:epochs]] for h in runs]
    std = statistics.mean(statistics.pstdev(x) for x in late)
    print(f"| {name} | {std:.4f} | {min(min(x) for x in late):.4f} | {mean(runs, epochs - 1, 'train_accuracy'):.4f} |")
