#!/usr/bin/env bash
# Whole-run benchmark: one Fashion-MNIST epoch of 784-800-10, T = 25, batch 128, trained by
#   (a) microcircuit (`--rule microcircuit`), (b) our BPTT (`--rule bptt`), (c) the PyTorch peer (bench/peer/snn_bptt.py)
# with the first layer's input product hoisted out of the time loop as we do, (d) the same peer snnTorch-style (that
# product every step, --input-every-step), alternating a b c d a b c d … (ROUNDS rounds, default 2), each under /usr/bin/time -v for the peak RSS; then the
# memory growth of peak RSS from T = 25 to T = 100 on a 2,000-sample subset. Prints the tables; raw results go
# to bench/results/<stamp>/ as JSON.
#
# Environment: ROUNDS (2), DATA_DIR (/usr/share/datasets/fashion-mnist), PYTHON (/usr/bin/python3),
# WAIT_MAX (seconds to wait for other training jobs to finish before each run, 2400), SKIP_BUILD (1 = use the
# existing Release build), SKIP_MAIN / SKIP_MEMORY (1 = leave that part out), MEM_PEER (1 = also the peer in the
# memory part, default 1), BUILD (native = the tool compiled ahead of time for this CPU, `dotnet publish
# -p:PublishAot=true -p:IlcInstructionSet=native`, the default; jit = the framework-dependent Release build run by
# `dotnet`, whose runtime and JIT add ~43 MB of RSS; both give the same weights bit for bit).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
rounds="${ROUNDS:-2}"
data_dir="${DATA_DIR:-/usr/share/datasets/fashion-mnist}"
python="${PYTHON:-/usr/bin/python3}"
wait_max="${WAIT_MAX:-2400}"
build="${BUILD:-native}"
case "$build" in native|jit) ;; *) die_early=1 ;; esac
cli="$root/src/Microcircuit.Cli/bin/Release/net10.0/Microcircuit.Cli.dll"
native="$here/.native/Microcircuit.Cli"
peer="$here/peer/snn_bptt.py"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="$here/results/$stamp"

die() { echo "run.sh: $*" >&2; exit 1; }

[ -z "${die_early:-}" ] || die "BUILD must be native or jit (got '$build')."
case "$rounds" in ''|*[!0-9]*|0) die "ROUNDS must be a positive integer (got '$rounds')." ;; esac
[ -x /usr/bin/time ] || die "/usr/bin/time is missing; install it with: sudo apt-get install time"
command -v dotnet >/dev/null 2>&1 || die "dotnet is not on PATH; install the .NET 10 SDK."
[ -x "$python" ] || die "$python not found; the peer needs Debian's python3 with python3-torch (set PYTHON=...)."
"$python" -c 'import torch, numpy' >/dev/null 2>&1 \
    || die "$python cannot import torch/numpy; install them with: sudo apt-get install python3-torch"
for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
    [ -f "$data_dir/$f.gz" ] || [ -f "$data_dir/$f" ] \
        || die "Fashion-MNIST file $data_dir/$f[.gz] is missing; install it with: sudo apt-get install dataset-fashion-mnist (or set DATA_DIR)."
done

if [ "${SKIP_BUILD:-0}" != "1" ]; then
    if [ "$build" = native ]; then
        echo "publishing the native executable (ahead-of-time compiled for this CPU) …"
        dotnet publish "$root/src/Microcircuit.Cli" -c Release -r linux-x64 -p:PublishAot=true -p:IlcInstructionSet=native \
            -o "$here/.native" -v quiet -nologo >"$here/.build.log" 2>&1 \
            || { tail -n 20 "$here/.build.log" >&2; die "native publish failed (log above); it needs a C toolchain and zlib: sudo apt-get install gcc zlib1g-dev (or run with BUILD=jit)."; }
    else
        echo "building Release …"
        dotnet build "$root/src/Microcircuit.Cli" -c Release -v quiet -nologo >"$here/.build.log" 2>&1 \
            || { tail -n 20 "$here/.build.log" >&2; die "dotnet build failed (log above)."; }
    fi
fi
if [ "$build" = native ]; then
    [ -x "$native" ] || die "$native not found; run without SKIP_BUILD=1 to publish it."
else
    [ -f "$cli" ] || die "$cli not found; run: dotnet build -c Release"
fi

mkdir -p "$out"
echo "raw results: $out"
{
    echo "{"
    echo "  \"stamp\": \"$stamp\","
    echo "  \"cpu\": \"$(lscpu | sed -n 's/^Model name: *//p' | head -n 1)\","
    echo "  \"nproc\": $(nproc),"
    echo "  \"dotnet\": \"$(dotnet --version)\","
    echo "  \"build\": \"$build\","
    echo "  \"torch\": \"$("$python" -c 'import torch; print(torch.__version__)')\","
    echo "  \"commit\": \"$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)\""
    echo "}"
} >"$out/machine.json"

# Waits (polling every 30 s, at most WAIT_MAX seconds) until no other Microcircuit training job runs.
# Prints "quiet" or "busy" (busy: it gave up waiting and measures anyway).
wait_quiet() {
    local waited=0
    while pgrep -f "Microcircuit.Cli.*compare" >/dev/null || pgrep -f "Microcircuit.Cli.*train" >/dev/null; do
        if [ "$waited" -ge "$wait_max" ]; then echo busy; return; fi
        [ "$waited" -eq 0 ] && echo "  other training jobs are running; waiting (up to ${wait_max}s) …" >&2
        sleep 30
        waited=$((waited + 30))
    done
    echo quiet
}

# measure NAME KIND COMMAND…: runs COMMAND under /usr/bin/time -v, writes NAME.json (the program's JSON),
# NAME.time (time's report) and NAME.meta.json (state of the machine around the run).
measure() {
    local name="$1" kind="$2"; shift 2
    local state load rc=0
    state="$(wait_quiet)"
    load="$(cut -d ' ' -f 1 /proc/loadavg)"
    echo "  $name ($kind) …" >&2
    /usr/bin/time -v -o "$out/$name.time" "$@" >"$out/$name.json" 2>"$out/$name.err" || rc=$?
    if [ "$rc" -ne 0 ]; then
        tail -n 5 "$out/$name.err" >&2
        die "$name failed with exit code $rc (stderr in $out/$name.err)."
    fi
    printf '{"name": "%s", "kind": "%s", "machine": "%s", "load_before": %s, "load_after": %s}\n' \
        "$name" "$kind" "$state" "$load" "$(cut -d ' ' -f 1 /proc/loadavg)" >"$out/$name.meta.json"
}

# /usr/bin/time runs programs, not shell functions: the two command prefixes as arrays.
if [ "$build" = native ]; then ours=("$native"); else ours=(dotnet "$cli"); fi
ours+=(train --dataset fashion-mnist --data-dir "$data_dir" --json)
peer_run=(env OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$python" "$peer" --data-dir "$data_dir" --threads 1)

if [ "${SKIP_MAIN:-0}" != "1" ]; then
    echo "whole run: Fashion-MNIST, 784-800-10, T = 25, batch 128, 1 epoch, $rounds round(s)"
    for r in $(seq 1 "$rounds"); do
        measure "main-microcircuit-r$r" main "${ours[@]}" --rule microcircuit --hidden 800 --steps 25 --batch 128 --epochs 1
        measure "main-bptt-r$r" main "${ours[@]}" --rule bptt --hidden 800 --steps 25 --batch 128 --epochs 1
        measure "main-pytorch-r$r" main "${peer_run[@]}" --hidden 800 --steps 25 --batch 128 --epochs 1
        measure "main-pytorchstep-r$r" main "${peer_run[@]}" --hidden 800 --steps 25 --batch 128 --epochs 1 --input-every-step
    done
fi

if [ "${SKIP_MEMORY:-0}" != "1" ]; then
    echo "memory growth: 784-800-10, batch 128, 2,000 train / 500 test samples, T = 25 and T = 100"
    for steps in 25 100; do
        measure "mem-microcircuit-T$steps" memory "${ours[@]}" --rule microcircuit --hidden 800 --steps "$steps" --batch 128 --epochs 1 --train-limit 2000 --test-limit 500
        measure "mem-bptt-T$steps" memory "${ours[@]}" --rule bptt --hidden 800 --steps "$steps" --batch 128 --epochs 1 --train-limit 2000 --test-limit 500
        if [ "${MEM_PEER:-1}" = "1" ]; then
            measure "mem-pytorch-T$steps" memory "${peer_run[@]}" --hidden 800 --steps "$steps" --batch 128 --epochs 1 --train-limit 2000 --test-limit 500
        fi
    done
fi

"$python" "$here/summarise.py" "$out"
