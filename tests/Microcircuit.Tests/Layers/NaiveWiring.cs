using Microcircuit.Layers;

namespace Microcircuit.Tests.Layers;

/// <summary>One synapse of a layer's wiring within a sample: presynaptic index, postsynaptic index, and either the index of its plastic weight or, for a pool, its fixed weight.</summary>
internal readonly record struct Synapse(int Input, int Output, int Tap, double Fixed);

/// <summary>
/// A layer's wiring written out synapse by synapse from its spec alone (no library code), with the layer products in
/// double by direct loops: the definitions the layers and the rules are checked against. Convolution: output
/// (o, oy, ox) sees input (c, oy·s − p + i, ox·s − p + j) through tap (o, c, i, j); pool: output (c, oy, ox) sees its
/// w×w window with weight 1/w²; dense: cell i sees input j through weight (i, j).
/// </summary>
internal sealed class NaiveWiring
{
    public NaiveWiring(LayerSpec spec, ImageShape input)
    {
        var synapses = new List<Synapse>();
        int c = input.Channels, h = input.Height, w = input.Width;
        switch (spec.Kind)
        {
            case LayerKind.Convolution:
            {
                int maps = spec.Size, k = spec.Kernel, s = spec.Stride, p = spec.Padding;
                int oh = Extent(h, k, s, p), ow = Extent(w, k, s, p);
                Output = new ImageShape(maps, oh, ow);
                Weights = maps * c * k * k;
                Biases = maps;
                for (int o = 0; o < maps; o++)
                for (int ch = 0; ch < c; ch++)
                for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++)
                for (int i = 0; i < k; i++)
                for (int j = 0; j < k; j++)
                {
                    int iy = oy * s - p + i, ix = ox * s - p + j;
                    if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                    synapses.Add(new Synapse((ch * h + iy) * w + ix, (o * oh + oy) * ow + ox, ((o * c + ch) * k + i) * k + j, 0));
                }
                BiasOf = Enumerable.Range(0, Output.Size).Select(cell => cell / (oh * ow)).ToArray();
                break;
            }
            case LayerKind.Pooling:
            {
                int win = spec.Kernel, oh = h / win, ow = w / win;
                Output = new ImageShape(c, oh, ow);
                for (int ch = 0; ch < c; ch++)
                for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++)
                for (int i = 0; i < win; i++)
                for (int j = 0; j < win; j++)
                    synapses.Add(new Synapse((ch * h + oy * win + i) * w + ox * win + j, (ch * oh + oy) * ow + ox, -1, 1.0 / (win * win)));
                BiasOf = Enumerable.Repeat(-1, Output.Size).ToArray();
                break;
            }
            default:
            {
                int m = input.Size, n = spec.Size;
                Output = new ImageShape(n, 1, 1);
                Weights = n * m;
                Biases = n;
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < m; j++) synapses.Add(new Synapse(j, i, i * m + j, 0));
                BiasOf = Enumerable.Range(0, n).ToArray();
                break;
            }
        }
        Input = input;
        Synapses = synapses.ToArray();
    }

    /// <summary>(n + 2p − k)/s + 1 rounded down, no pixel at all when the padded map is smaller than the kernel.</summary>
    private static int Extent(int n, int k, int s, int p) => n + 2 * p < k ? 0 : (n + 2 * p - k) / s + 1;

    public ImageShape Input { get; }
    public ImageShape Output { get; }
    public Synapse[] Synapses { get; }
    public int Weights { get; }
    public int Biases { get; }

    /// <summary>The bias each cell takes (its feature map for a convolution, itself for a dense layer; −1 for a pool).</summary>
    public int[] BiasOf { get; }

    public bool IsPlastic => Weights > 0;

    private double Weight(Synapse s, IReadOnlyList<double> weights) => s.Tap < 0 ? s.Fixed : weights[s.Tap];

    /// <summary>W ∗ x for a batch [batch × inputs] → [batch × cells].</summary>
    public double[] Project(IReadOnlyList<double> x, IReadOnlyList<double> weights, int batch)
    {
        int m = Input.Size, n = Output.Size;
        var y = new double[batch * n];
        for (int b = 0; b < batch; b++)
            foreach (var s in Synapses) y[b * n + s.Output] += Weight(s, weights) * x[b * m + s.Input];
        return y;
    }

    /// <summary>The error sent down through feedback in W's layout (ignored by a pool): below[pre] = Σ f·e[post].</summary>
    public double[] SendBack(IReadOnlyList<double> error, IReadOnlyList<double> feedback, int batch)
    {
        int m = Input.Size, n = Output.Size;
        var below = new double[batch * m];
        for (int b = 0; b < batch; b++)
            foreach (var s in Synapses) below[b * m + s.Input] += Weight(s, feedback) * error[b * n + s.Output];
        return below;
    }

    /// <summary>Σ_b post ⊗ pre summed onto each plastic weight.</summary>
    public double[] WeightProduct(IReadOnlyList<double> post, IReadOnlyList<double> pre, int batch)
    {
        int m = Input.Size, n = Output.Size;
        var g = new double[Weights];
        if (!IsPlastic) return g;
        for (int b = 0; b < batch; b++)
            foreach (var s in Synapses) g[s.Tap] += post[b * n + s.Output] * pre[b * m + s.Input];
        return g;
    }

    /// <summary>Σ_b (and over positions) of post per bias.</summary>
    public double[] BiasProduct(IReadOnlyList<double> post, int batch)
    {
        int n = Output.Size;
        var g = new double[Biases];
        for (int b = 0; b < batch; b++)
            for (int i = 0; i < n; i++)
                if (BiasOf[i] >= 0) g[BiasOf[i]] += post[b * n + i];
        return g;
    }

    public static double[] Doubles(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = values[i];
        return result;
    }
}
