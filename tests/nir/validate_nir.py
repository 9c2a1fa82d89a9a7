#!/usr/bin/python3
"""An independent check of NIR files against the NIR specification (github neuromorphs/NIR, v1.0), reading them with
h5py only: the root `version` string; `node` a NIRGraph with `nodes` and `edges` ([E, 2] strings naming existing nodes);
every node's `type`, its parameter names (all required ones present, none unknown), their dtypes (floating point for
parameters, integers for shapes, sizes and strides) and their shapes, which must agree along the edges (Affine/Linear
weight [out, in], Conv2d weight [out, in, k, k], CubaLIF parameters all of the cells' shape).

usage: validate_nir.py FILE.nir [FILE.nir …]      exit 0 when every file passes; one line per problem otherwise.
"""
import sys

import h5py
import numpy as np

REQUIRED = {
    "Input": {"shape"},
    "Output": {"shape"},
    "Affine": {"weight", "bias"},
    "Linear": {"weight"},
    "Conv2d": {"weight", "bias", "stride", "padding", "dilation", "groups"},
    "AvgPool2d": {"kernel_size", "stride", "padding"},
    "SumPool2d": {"kernel_size", "stride", "padding"},
    "Flatten": {"start_dim", "end_dim"},
    "CubaLIF": {"tau_syn", "tau_mem", "r", "v_leak", "v_threshold"},
    "LIF": {"tau", "r", "v_leak", "v_threshold"},
}
OPTIONAL = {
    "Conv2d": {"input_shape"},
    "Flatten": {"input_type"},
    "CubaLIF": {"v_reset", "w_in"},
    "LIF": {"v_reset"},
}
INTEGER = {"shape", "stride", "padding", "dilation", "groups", "kernel_size", "start_dim", "end_dim", "input_type", "input_shape"}


def check(path):
    problems = []
    say = lambda text: problems.append(f"{path}: {text}")
    with h5py.File(path, "r") as f:
        if "version" not in f or not isinstance(f["version"][()], (bytes, str)):
            say("no string dataset 'version' at the root")
        if "node" not in f or not isinstance(f["node"], h5py.Group):
            say("no group 'node'")
            return problems
        graph = f["node"]
        kind = graph["type"][()] if "type" in graph else b""
        if (kind.decode() if isinstance(kind, bytes) else kind) != "NIRGraph":
            say(f"node/type is {kind!r}, not NIRGraph")
        nodes = graph.get("nodes")
        if not isinstance(nodes, h5py.Group) or len(nodes) == 0:
            say("node/nodes is missing or empty")
            return problems
        edges = graph["edges"][()] if "edges" in graph else None
        if edges is None or edges.ndim != 2 or edges.shape[1] != 2:
            say("node/edges is not an [E, 2] array")
            edges = np.zeros((0, 2), dtype=object)
        names = set(nodes.keys())
        pairs = [tuple(v.decode() if isinstance(v, bytes) else str(v) for v in row) for row in edges]
        for src, dst in pairs:
            if src not in names or dst not in names:
                say(f"edge {src} -> {dst} names a node that does not exist")
        shapes = {}
        for name, node in nodes.items():
            t = node["type"][()] if "type" in node else b""
            t = t.decode() if isinstance(t, bytes) else str(t)
            if t not in REQUIRED:
                say(f"node {name}: type {t!r} is not one this check knows")
                continue
            keys = set(node.keys()) - {"type", "metadata"}
            for missing in sorted(REQUIRED[t] - keys):
                say(f"node {name} ({t}): parameter '{missing}' is missing")
            for extra in sorted(keys - REQUIRED[t] - OPTIONAL.get(t, set())):
                say(f"node {name} ({t}): parameter '{extra}' is not in the specification")
            for key in keys:
                ds = node[key]
                if not isinstance(ds, h5py.Dataset):
                    continue
                if key in INTEGER:
                    if not np.issubdtype(ds.dtype, np.integer):
                        say(f"node {name} ({t}): '{key}' has dtype {ds.dtype}, not an integer type")
                elif not np.issubdtype(ds.dtype, np.floating):
                    say(f"node {name} ({t}): '{key}' has dtype {ds.dtype}, not a floating-point type")
            if t == "CubaLIF":
                cells = node["v_threshold"].shape
                for key in keys & (REQUIRED[t] | OPTIONAL[t]):
                    if node[key].shape not in (cells, ()):
                        say(f"node {name} (CubaLIF): '{key}' has shape {node[key].shape}, the cells' shape is {cells}")
                shapes[name] = (cells, cells)
            elif t in ("Affine", "Linear"):
                w = node["weight"].shape
                if len(w) != 2:
                    say(f"node {name} ({t}): weight has shape {w}, not [out, in]")
                elif t == "Affine" and node["bias"].shape != (w[0],):
                    say(f"node {name} (Affine): bias has shape {node['bias'].shape} for {w[0]} outputs")
                else:
                    shapes[name] = ((w[1],), (w[0],))
            elif t == "Conv2d":
                w = node["weight"].shape
                if len(w) != 4:
                    say(f"node {name} (Conv2d): weight has shape {w}, not [out, in, kh, kw]")
                if node["bias"].shape != (w[0],):
                    say(f"node {name} (Conv2d): bias has shape {node['bias'].shape} for {w[0]} maps")
            elif t in ("Input", "Output"):
                s = tuple(int(v) for v in np.atleast_1d(node["shape"][()]))
                shapes[name] = (s, s)
        # Along every edge: what one node sends must be what the next one takes, where both are known and flat.
        for src, dst in pairs:
            if src in shapes and dst in shapes:
                out, into = shapes[src][1], shapes[dst][0]
                if np.prod(out) != np.prod(into):
                    say(f"edge {src} -> {dst}: {src} sends {out}, {dst} takes {into}")
    return problems


def main(paths):
    problems = [p for path in paths for p in check(path)]
    for p in problems:
        print(p)
    if not problems:
        print(f"{len(paths)} file(s) conform to the NIR specification")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]) if len(sys.argv) > 1 else 2)
