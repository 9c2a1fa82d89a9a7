using System.Globalization;
using Microcircuit.Checkpoints;
using Microcircuit.Errors;
using Microcircuit.Layers;
using Microcircuit.Optimizers;
using Microcircuit.Training;

namespace Microcircuit.Interop.Nir;

/// <summary>A NIR graph read into this engine's terms: the options it fixes and every layer's weights.</summary>
/// <param name="Architecture">The network in the lab's notation, e.g. 800-10 or 15C5-P2-40C5-P2-300-10.</param>
/// <param name="Dense">Whether every layer is dense (then <paramref name="Hidden"/> describes it).</param>
/// <param name="Steps">T from the graph's metadata, when it records one.</param>
/// <param name="Dataset">The dataset named in the graph's metadata, when it names one.</param>
public sealed record NirModel(string Architecture, bool Dense, IReadOnlyList<int> Hidden, float TauMembrane, float TauSynapse, float Threshold,
    float? PoolThreshold, bool Bias, IReadOnlyList<int> LayerSizes, IReadOnlyList<LayerState> Layers, int? Steps, string? Dataset)
{
    /// <summary><paramref name="options"/> with everything the graph fixes: the network, the cells' time constants and thresholds, bias, T.</summary>
    public TrainingOptions Apply(TrainingOptions options) => options with
    {
        Hidden = Dense ? Hidden : null,
        Net = Dense ? null : Architecture,
        TauMembrane = TauMembrane,
        TauSynapse = TauSynapse,
        Threshold = Threshold,
        PoolThreshold = PoolThreshold ?? options.PoolThreshold,
        Bias = Bias,
        Encoder = Encoding.EncoderKind.Direct,
    };

    /// <summary>The weights as a checkpoint without training state, to restore into an experiment built from <see cref="Apply"/>.</summary>
    public Checkpoint AsCheckpoint(TrainingOptions options) =>
        new(options, LayerSizes, Layers, new OptimizerState("none", 0, [], []), [], 0, []);
}

/// <summary>
/// Reads a NIR graph into the engine (docs/interop.md): a chain Input → (synapses → CubaLIF)… → Output, the synapses
/// <c>Affine</c>, <c>Linear</c>, <c>Conv2d</c> or <c>AvgPool2d</c>, with <c>Flatten</c> allowed before a dense layer.
/// Every node type or parameter this engine cannot represent is refused in one line naming it.
/// </summary>
public static class NirImport
{
    public static NirModel From(NirGraph graph, string source)
    {
        var chain = Chain(graph, source);
        double dt = graph.Metadata.TryGetValue("dt", out var d) && d.Numbers.Length == 1 && d.Numbers[0] > 0 ? d.Numbers[0] : NirExport.TimeStep;
        var input = chain[0];
        long[] inputShape = input["shape"].Numbers.Select(v => (long)v).ToArray();
        int inputSize = checked((int)inputShape.Aggregate(1L, (a, b) => a * b));

        var specs = new List<LayerSpec>();
        var layers = new List<LayerState>();
        var sizes = new List<int> { inputSize };
        var cellTimes = new List<(float Tm, float Ts, string Node)>();
        float? threshold = null, poolThreshold = null;
        bool bias = false;
        int previous = inputSize;
        for (int i = 1; i < chain.Count - 1; i++)
        {
            var node = chain[i];
            if (node.Type == "Flatten") continue;
            if (node.Type is not ("Affine" or "Linear" or "Conv2d" or "AvgPool2d"))
                throw Unsupported(source, node, "a layer's synapses are Affine, Linear, Conv2d or AvgPool2d, and its cells CubaLIF");
            var cells = chain[i + 1];
            if (cells.Type != "CubaLIF")
                throw Unsupported(source, cells, $"the synapses '{node.Name}' must be followed by CubaLIF cells (this engine's neurons have a synaptic trace)");
            i++;
            var (tm, ts, theta, wIn) = Cells(cells, dt, source);
            cellTimes.Add((tm, ts, cells.Name));
            int outputs = checked((int)cells["v_threshold"].Count);
            switch (node.Type)
            {
                case "Affine" or "Linear":
                {
                    var w = node["weight"];
                    if (w.Shape.Length != 2 || w.Shape[0] != outputs || w.Shape[1] != previous)
                        throw Mismatch(source, node, $"its weight is [{string.Join(", ", w.Shape)}] where [{outputs}, {previous}] belongs");
                    var weights = Scale(w.Floats, wIn, outputs, node, source);
                    float[]? b = node.Type == "Affine" ? node["bias"].Floats : null;
                    if (b is not null && b.Length != outputs) throw Mismatch(source, node, $"its bias has {b.Length} values for {outputs} cells");
                    bias |= b is not null && b.Any(v => v != 0f);
                    specs.Add(LayerSpec.Dense(outputs));
                    layers.Add(new LayerState(previous, outputs, weights, b, null));
                    threshold = Same(threshold, theta, cells, "v_threshold", source);
                    break;
                }
                case "Conv2d":
                {
                    var w = node["weight"];
                    if (w.Shape.Length != 4 || w.Shape[2] != w.Shape[3]) throw Unsupported(source, node, "only square Conv2d kernels [out, in, k, k] are represented here");
                    int maps = (int)w.Shape[0], k = (int)w.Shape[2];
                    int stride = Pair(node, "stride", source), padding = Pair(node, "padding", source);
                    if (Pair(node, "dilation", source) != 1) throw Unsupported(source, node, "dilation other than 1 is not represented here");
                    if (node.Has("groups") && node["groups"].Numbers[0] != 1) throw Unsupported(source, node, "groups other than 1 are not represented here");
                    var weights = Scale(w.Floats, wIn, maps, node, source);
                    float[]? b = node.Has("bias") ? node["bias"].Floats : null;
                    bias |= b is not null && b.Any(v => v != 0f);
                    specs.Add(LayerSpec.Convolution(maps, k, stride, padding));
                    layers.Add(new LayerState(previous, outputs, weights, b, null));
                    threshold = Same(threshold, theta, cells, "v_threshold", source);
                    break;
                }
                default:
                {
                    int k = Pair(node, "kernel_size", source);
                    if (Pair(node, "stride", source) != k || Pair(node, "padding", source) != 0)
                        throw Unsupported(source, node, "an AvgPool2d is represented here with its stride equal to its kernel and no padding");
                    if (wIn.Any(v => v != 1f)) throw Unsupported(source, cells, "w_in other than 1 after a pool (whose synapses are fixed) is not represented here");
                    specs.Add(LayerSpec.Pooling(k));
                    layers.Add(new LayerState(previous, outputs, [], null, null));
                    poolThreshold = Same(poolThreshold, theta, cells, "v_threshold", source);
                    break;
                }
            }
            sizes.Add(outputs);
            previous = outputs;
        }
        if (specs.Count == 0) throw Unsupported(source, chain[^1], "the graph has no layer between Input and Output");
        var (tm0, ts0, _) = cellTimes[0];
        foreach (var (tm, ts, name) in cellTimes)
        {
            if (MathF.Abs(tm - tm0) > 1e-4f * tm0) throw Unsupported(source, graph.Node(name), $"tau_mem differs between CubaLIF nodes ({tm0} and {tm} steps); this engine has one membrane time constant");
            if (MathF.Abs(ts - ts0) > 1e-4f * ts0) throw Unsupported(source, graph.Node(name), $"tau_syn differs between CubaLIF nodes ({ts0} and {ts} steps); this engine has one synaptic time constant");
        }
        if (bias)
            for (int l = 0; l < layers.Count; l++)
                if (specs[l].Kind != LayerKind.Pooling && layers[l].Bias is null) layers[l] = layers[l] with { Bias = new float[specs[l].Kind == LayerKind.Dense ? specs[l].Size : specs[l].Size] };
        if (!bias) layers = layers.Select(l => l with { Bias = null }).ToList();

        bool dense = specs.All(s => s.Kind == LayerKind.Dense);
        string notation = NetworkNotation.Format(specs);
        int? steps = graph.Metadata.TryGetValue("time_steps", out var t) && t.Numbers.Length == 1 ? (int)t.Numbers[0] : null;
        string? dataset = graph.Metadata.TryGetValue("dataset", out var ds) ? ds.Text : null;
        return new NirModel(notation, dense, specs.SkipLast(1).Select(s => s.Size).ToArray(), tm0, ts0, threshold ?? 1f, poolThreshold, bias,
            sizes, layers, steps, dataset);
    }

    /// <summary>The nodes from Input to Output along the edges; anything but one chain is refused.</summary>
    private static List<NirNode> Chain(NirGraph graph, string source)
    {
        var inputs = graph.Nodes.Where(n => n.Type == "Input").ToList();
        if (inputs.Count != 1) throw NirFile.Fail($"{source} has {inputs.Count} Input nodes; a graph for this engine has one.");
        var names = graph.Nodes.Select(n => n.Name).ToHashSet();
        foreach (var (s, t) in graph.Edges)
            if (!names.Contains(s) || !names.Contains(t)) throw NirFile.Fail($"{source}: the edge {s} → {t} names a node the graph does not hold; the file is damaged.");
        var chain = new List<NirNode> { inputs[0] };
        var seen = new HashSet<string> { inputs[0].Name };
        while (chain[^1].Type != "Output")
        {
            var next = graph.Edges.Where(e => e.Source == chain[^1].Name).Select(e => e.Target).ToList();
            if (next.Count != 1)
                throw Unsupported(source, chain[^1], next.Count == 0 ? "it leads nowhere, and no Output follows" : $"it feeds {next.Count} nodes; only feed-forward chains are represented here");
            if (graph.Edges.Count(e => e.Target == next[0]) != 1)
                throw Unsupported(source, graph.Node(next[0]), "it has several inputs (a recurrent or merging graph); only feed-forward chains are represented here");
            if (!seen.Add(next[0])) throw Unsupported(source, graph.Node(next[0]), "the graph loops back to it");
            chain.Add(graph.Node(next[0]));
        }
        var unused = graph.Nodes.Where(n => !seen.Contains(n.Name)).ToList();
        if (unused.Count > 0) throw Unsupported(source, unused[0], "it is not on the path from Input to Output");
        return chain;
    }

    /// <summary>τm and τs in steps, θ, and w_in of a CubaLIF node, checked against what the engine's cells are.</summary>
    private static (float Tm, float Ts, float Theta, float[] WIn) Cells(NirNode cells, double dt, string source)
    {
        foreach (string p in new[] { "tau_syn", "tau_mem", "r", "v_leak", "v_threshold" })
            if (!cells.Has(p)) throw NirFile.Fail($"{source}: CubaLIF node '{cells.Name}' lacks its parameter '{p}'; the file is damaged.");
        int n = (int)cells["v_threshold"].Count;
        double Uniform(string p)
        {
            var v = cells[p].Numbers;
            if (v.Length != n) throw Mismatch(source, cells, $"'{p}' has {v.Length} values for {n} cells");
            if (v.Any(x => Math.Abs(x - v[0]) > 1e-6 * Math.Max(1, Math.Abs(v[0]))))
                throw Unsupported(source, cells, $"'{p}' differs between its cells; this engine's cells of a layer share it");
            return v[0];
        }
        double tauSyn = Uniform("tau_syn") / dt, tauMem = Uniform("tau_mem") / dt, r = Uniform("r");
        if (Math.Abs(r - tauMem) > 1e-4 * tauMem)
            throw Unsupported(source, cells, $"'r' is {r} where this engine's cells need r = tau_mem / dt = {tauMem.ToString("G6", CultureInfo.InvariantCulture)} (the current adds to the membrane with unit gain)");
        if (Uniform("v_leak") != 0) throw Unsupported(source, cells, "'v_leak' is not 0; this engine's membrane leaks to 0");
        if (cells.Has("v_reset") && cells["v_reset"].Numbers.Any(v => v != 0)) throw Unsupported(source, cells, "'v_reset' is not 0; this engine's cells reset to 0");
        float[] wIn = cells.Has("w_in") ? cells["w_in"].Floats : Enumerable.Repeat(1f, n).ToArray();
        if (wIn.Length == 1 && n > 1) wIn = Enumerable.Repeat(wIn[0], n).ToArray();
        return ((float)tauMem, (float)tauSyn, (float)Uniform("v_threshold"), wIn);
    }

    /// <summary>The weights with NIR's per-cell input gain w_in folded in (rows of a dense layer, maps of a convolution); untouched when every w_in is 1.</summary>
    private static float[] Scale(float[] weights, float[] wIn, int rows, NirNode node, string source)
    {
        if (wIn.All(v => v == 1f)) return weights;
        int cellsPerRow = wIn.Length / rows;
        int perRow = weights.Length / rows;
        var scaled = (float[])weights.Clone();
        for (int r = 0; r < rows; r++)
        {
            float g = wIn[r * cellsPerRow];
            for (int c = 1; c < cellsPerRow; c++)
                if (wIn[r * cellsPerRow + c] != g) throw Unsupported(source, node, "w_in differs within a feature map; a convolution's cells share their synapses");
            for (int j = 0; j < perRow; j++) scaled[r * perRow + j] *= g;
        }
        return scaled;
    }

    private static int Pair(NirNode node, string parameter, string source)
    {
        if (!node.Has(parameter)) return parameter is "stride" or "dilation" ? 1 : 0;
        var v = node[parameter];
        if (v.IsText) throw Unsupported(source, node, $"'{parameter}' = '{v.Text}' (only explicit sizes are represented here)");
        if (v.Numbers.Length == 0 || v.Numbers.Any(x => x != v.Numbers[0])) throw Unsupported(source, node, $"'{parameter}' differs between height and width");
        return (int)v.Numbers[0];
    }

    private static float Same(float? known, float value, NirNode node, string parameter, string source) =>
        known is { } k && MathF.Abs(k - value) > 1e-6f * MathF.Max(1f, MathF.Abs(k))
            ? throw Unsupported(source, node, $"'{parameter}' is {value} where earlier layers of its kind have {k}; this engine has one threshold per kind of layer")
            : value;

    private static MicrocircuitException Unsupported(string source, NirNode node, string why) =>
        NirFile.Fail($"{source}: NIR node '{node.Name}' ({node.Type}) cannot be represented here: {why}.");

    private static MicrocircuitException Mismatch(string source, NirNode node, string what) =>
        NirFile.Fail($"{source}: NIR node '{node.Name}' ({node.Type}) does not fit its neighbours: {what}.");
}
