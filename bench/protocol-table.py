#!/usr/bin/python3
"""The protocol's table so far: for each comparison folder given (bench/protocol.sh's OUT/mnist, OUT/fashion-mnist), the
finished runs (those with metrics.json) per rule — final test accuracy per seed, mean ± std, the best epoch's accuracy,
the error cells' rate where they spike — as a markdown table. Runs still going are counted, not shown.

usage: /usr/bin/python3 bench/protocol-table.py runs/protocol/mnist [runs/protocol/fashion-mnist …]
"""
import csv
import json
import pathlib
import statistics
import sys


def table(folder):
    folder = pathlib.Path(folder)
    plan = json.loads((folder / "comparison-plan.json").read_text())
    print(f"\n{folder.name}: {plan['options']['dataset']}, {plan['options'].get('hidden') or plan['options'].get('net')}, "
          f"{plan['options']['epochs']} epochs, seeds {plan['seeds']}\n")
    print("| rule | finished seeds | test accuracy (mean ± std) | per seed | best epoch's test accuracy (mean) | error-cell rate per layer |")
    print("|---|---|---|---|---|---|")
    running = []
    for entry in plan["entries"]:
        finals, bests, rates = [], [], []
        for seed in plan["seeds"]:
            run = folder / "runs" / f"{entry}-seed{seed}"
            if not (run / "metrics.json").exists():
                if run.exists():
                    rows = list(csv.DictReader((run / "history.csv").open())) if (run / "history.csv").exists() else []
                    running.append(f"{entry}-seed{seed} (epoch {len(rows)})")
                continue
            rows = list(csv.DictReader((run / "history.csv").open()))
            finals.append(float(rows[-1]["test_accuracy"]))
            bests.append(max(float(r["test_accuracy"]) for r in rows))
            layer_rates = [float(v) for k, v in rows[-1].items() if k.startswith("error_rate_l") and v]
            if layer_rates:
                rates.append(layer_rates)
        if not finals:
            continue
        mean = statistics.mean(finals)
        std = statistics.stdev(finals) if len(finals) > 1 else 0.0
        rate = " ".join(f"{statistics.mean(r[l] for r in rates):.3f}" for l in range(len(rates[0]))) if rates else "—"
        print(f"| {entry} | {len(finals)} | {mean:.4f} ± {std:.4f} | {' '.join(f'{a:.4f}' for a in finals)} | {statistics.mean(bests):.4f} | {rate} |")
    if running:
        print(f"\nstill running or interrupted: {', '.join(running)}")


for f in sys.argv[1:]:
    table(f)
