#!/usr/bin/python3
"""Summarises one bench/run.sh results folder: writes results.json and prints the Markdown tables."""
import glob
import json
import os
import statistics
import sys

CONTENDERS = ("microcircuit", "bptt", "pytorch", "pytorchstep")
PEERS = {"pytorch": "PyTorch (input product hoisted)", "pytorchstep": "PyTorch snnTorch-style (input product every step)"}


def fail(message):
    print(f"summarise.py: {message}", file=sys.stderr)
    sys.exit(1)


def read_time(path):
    """Peak RSS (MB) and wall seconds from a /usr/bin/time -v report."""
    rss_kb, wall = None, None
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if line.startswith("Maximum resident set size (kbytes):"):
                rss_kb = int(line.rsplit(":", 1)[1])
            elif line.startswith("Elapsed (wall clock) time"):
                parts = [float(p) for p in line.rsplit(" ", 1)[1].split(":")]
                wall = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    if rss_kb is None or wall is None:
        fail(f"{path} is not a /usr/bin/time -v report")
    return rss_kb / 1024.0, wall


def load(folder):
    records = []
    for meta_path in sorted(glob.glob(os.path.join(folder, "*.meta.json"))):
        with open(meta_path, encoding="utf-8") as handle:
            meta = json.load(handle)
        name = meta["name"]
        with open(os.path.join(folder, name + ".json"), encoding="utf-8") as handle:
            text = handle.read()
        try:
            result = json.loads(text)
        except json.JSONDecodeError:
            fail(f"{name}.json does not hold one JSON object")
        rss, wall = read_time(os.path.join(folder, name + ".time"))
        contender = next(c for c in CONTENDERS if f"-{c}-" in name)
        train = result.get("train_samples")
        sps = result["samples_per_second"]
        records.append({
            **meta,
            "contender": contender,
            "steps": result.get("steps"),
            "samples_per_second": sps,
            "epoch_seconds": result.get("epoch_seconds", train / sps if train and sps else None),
            "test_accuracy": result["test_accuracy"],
            "train_accuracy": result.get("train_accuracy"),
            "peak_rss_mb": rss,
            "wall_seconds": wall,
        })
    if not records:
        fail(f"no results in {folder}")
    return records


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def main():
    if len(sys.argv) != 2:
        fail("usage: summarise.py RESULTS_FOLDER")
    folder = sys.argv[1]
    records = load(folder)
    summary = {"runs": records, "main": {}, "memory": {}}
    machine_path = os.path.join(folder, "machine.json")
    if os.path.exists(machine_path):
        with open(machine_path, encoding="utf-8") as handle:
            summary["machine"] = json.load(handle)
        build = summary["machine"].get("build", "jit")
        print(f"our tool: {'native executable (ahead-of-time compiled)' if build == 'native' else 'framework-dependent build run by dotnet (JIT)'}")

    main_runs = [r for r in records if r["kind"] == "main"]
    if main_runs:
        busy = sorted({r["name"] for r in main_runs if r["machine"] != "quiet"})
        print()
        print(f"Whole run, median of {max(len([r for r in main_runs if r['contender'] == c]) for c in CONTENDERS)} round(s)"
              + (f" (measured while other training jobs ran: {', '.join(busy)})" if busy else ""))
        print()
        print("| contender | samples/s | epoch s (training) | wall s (process) | peak RSS MB | test accuracy | train accuracy |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for c in CONTENDERS:
            runs = [r for r in main_runs if r["contender"] == c]
            if not runs:
                continue
            row = {k: median([r[k] for r in runs]) for k in
                   ("samples_per_second", "epoch_seconds", "wall_seconds", "peak_rss_mb", "test_accuracy", "train_accuracy")}
            row["rounds"] = len(runs)
            row["samples_per_second_all"] = [r["samples_per_second"] for r in runs]
            summary["main"][c] = row
            print(f"| {c} | {row['samples_per_second']:.0f} | {row['epoch_seconds']:.1f} | {row['wall_seconds']:.1f} | "
                  f"{row['peak_rss_mb']:.0f} | {row['test_accuracy']:.4f} | {row['train_accuracy']:.4f} |")
        m = summary["main"]
        ratios = {}
        goals = {"speed_microcircuit": "≥ 10", "speed_bptt": "≥ 3", "rss_microcircuit": "≤ 0.25", "rss_bptt": "≤ 0.25"}
        rows = []
        for peer, peer_label in PEERS.items():
            if peer not in m:
                continue
            for c in ("microcircuit", "bptt"):
                if c not in m:
                    continue
                speed = m[c]["samples_per_second"] / m[peer]["samples_per_second"]
                rss = m[c]["peak_rss_mb"] / m[peer]["peak_rss_mb"]
                ratios[f"{c}_speed_vs_{peer}"] = speed
                ratios[f"{c}_rss_vs_{peer}"] = rss
                rows.append(f"| {c} ÷ {peer_label}, samples/s | {speed:.2f} | {goals['speed_' + c]} |")
                rows.append(f"| {c} ÷ {peer_label}, peak RSS | {rss:.2f} | {goals['rss_' + c]} |")
        if ratios:
            summary["ratios"] = ratios
            print()
            print("| ratio | value | goal |")
            print("|---|---:|---|")
            for row in rows:
                print(row)

    memory_runs = [r for r in records if r["kind"] == "memory"]
    if memory_runs:
        busy = sorted({r["name"] for r in memory_runs if r["machine"] != "quiet"})
        print()
        print("Memory growth, 2,000 train / 500 test samples, batch 128"
              + (f" (measured while other training jobs ran: {', '.join(busy)})" if busy else ""))
        print()
        print("| contender | peak RSS MB, T = 25 | peak RSS MB, T = 100 | RSS(T=100) ÷ RSS(T=25) | samples/s T = 25 | samples/s T = 100 |")
        print("|---|---:|---:|---:|---:|---:|")
        for c in CONTENDERS:
            by_steps = {r["steps"]: r for r in memory_runs if r["contender"] == c}
            if 25 not in by_steps or 100 not in by_steps:
                continue
            low, high = by_steps[25], by_steps[100]
            ratio = high["peak_rss_mb"] / low["peak_rss_mb"]
            summary["memory"][c] = {"rss_mb_t25": low["peak_rss_mb"], "rss_mb_t100": high["peak_rss_mb"], "ratio": ratio,
                                    "samples_per_second_t25": low["samples_per_second"],
                                    "samples_per_second_t100": high["samples_per_second"]}
            print(f"| {c} | {low['peak_rss_mb']:.0f} | {high['peak_rss_mb']:.0f} | {ratio:.2f} | "
                  f"{low['samples_per_second']:.0f} | {high['samples_per_second']:.0f} |")

    with open(os.path.join(folder, "results.json"), "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2)
    print()
    print(f"wrote {os.path.join(folder, 'results.json')}")


if __name__ == "__main__":
    main()
