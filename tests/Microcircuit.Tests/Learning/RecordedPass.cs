using Microcircuit.Circuits;
using Microcircuit.Encoding;
using Microcircuit.Layers;
using Microcircuit.Learning;
using Microcircuit.Losses;
using Microcircuit.Neurons;
using Microcircuit.Randomness;

namespace Microcircuit.Tests.Learning;

/// <summary>
/// A small random network run forward for one batch, with every step recorded and every step's output error kept,
/// so a rule's ΔW can be checked against plain matrix code on exactly the same forward pass.
/// </summary>
internal sealed class RecordedPass
{
    public RecordedPass(int[] sizes, int batch, int steps, IInputEncoder encoder, ulong seed, float inputScale = 1.5f, float weightScale = 1f)
        : this(new NetworkShape(sizes[0], sizes[1..^1], sizes[^1]), batch, steps, encoder, seed, inputScale, weightScale)
    {
    }

    /// <summary>Any network shape, convolutional ones included (their pools with threshold <paramref name="poolThreshold"/>).</summary>
    public RecordedPass(NetworkShape shape, int batch, int steps, IInputEncoder encoder, ulong seed, float inputScale = 1.5f, float weightScale = 1f,
        float poolThreshold = 1f, bool bias = false)
    {
        int[] sizes = [.. shape.LayerSizes];
        Sizes = sizes;
        Batch = batch;
        Steps = steps;
        Lif = LifParameters.Default;
        var random = new SeededRandom(seed);
        Network = new SpikingNetwork(shape, Lif, SurrogateGradient.Default, encoder, bias, random, poolThreshold);
        foreach (var layer in Network.Layers)
            for (int i = 0; i < layer.Weights.Length; i++) layer.Weights[i] *= weightScale;
        Pixels = new float[batch * sizes[0]];
        for (int i = 0; i < Pixels.Length; i++)
            Pixels[i] = encoder.UsesIntensity ? random.NextFloat() : inputScale * random.NextGaussian();
        Labels = new byte[batch];
        for (int b = 0; b < batch; b++) Labels[b] = (byte)random.NextInt(sizes[^1]);
        Loss = new SpikeTrainLoss(Lif, steps, sizes[^1]);
        EncoderRandom = SeededRandom.Derive(seed, 99);
    }

    public int[] Sizes { get; }
    public int Batch { get; }
    public int Steps { get; }
    public LifParameters Lif { get; }
    public SpikingNetwork Network { get; }
    public float[] Pixels { get; }
    public byte[] Labels { get; }
    public SpikeTrainLoss Loss { get; }
    public SeededRandom EncoderRandom { get; }
    public int Layers => Sizes.Length - 1;

    /// <summary>Runs the batch through <paramref name="rule"/> and returns its G per layer, the recording and the output errors.</summary>
    public (Gradients Gradients, SpikeHistory Recording, float[][] Errors) Run(ICreditAssignment rule, ulong encoderSeed = 7)
    {
        var encoderRandom = new SeededRandom(encoderSeed);
        var gradients = new Gradients(Network.Layers);
        var recording = SpikeHistory.For(Network, keepSpikesAndGates: true);
        var errors = new float[Steps][];
        Network.BeginBatch(Pixels, Batch);
        recording.Begin(Batch, Network.InputIsConstant, Network.Pixels);
        rule.BeginBatch(Network);
        for (int t = 1; t <= Steps; t++)
        {
            Network.Advance(encoderRandom, computeGates: true);
            errors[t - 1] = new float[Batch * Sizes[^1]];
            Loss.Step(t, Network.Output.ActiveSpan(Network.Output.Trace), Network.Output.ActiveSpan(Network.Output.Spikes), Labels, errors[t - 1]);
            recording.Capture(Network, errors[t - 1]);
            rule.AfterStep(Network, errors[t - 1], gradients);
        }
        rule.EndBatch(Network, gradients);
        return (gradients, recording, errors);
    }

    /// <summary>
    /// Plain-matrix time-local error propagation in double: δ_L = s_L·g_L ⊙ e, δ_l = s_l·g_l ⊙ (δ_{l+1} · F_{l+1}),
    /// G_l = (1/B) Σ_t δ_lᵀ a_{l−1}, with F_l given in W's layout and a per-layer gate scale s. With an
    /// <paramref name="eligibilityDecay"/> k &gt; 0 the presynaptic factor is ε[t] = k·ε[t−1] + a_{l−1}[t] instead.
    /// </summary>
    public static double[][] Reference(RecordedPass pass, SpikeHistory rec, float[][] errors, Func<int, float[]> feedback, double gateScale = 1.0,
        double eligibilityDecay = 0.0)
    {
        int layers = pass.Layers, batch = pass.Batch;
        var sizes = pass.Sizes;
        var g = new double[layers][];
        for (int l = 0; l < layers; l++) g[l] = new double[sizes[l + 1] * sizes[l]];
        var eligibility = Enumerable.Range(0, layers).Select(l => new double[batch * sizes[l]]).ToArray();
        for (int t = 1; t <= pass.Steps; t++)
        {
            var delta = new double[layers][];
            int top = layers - 1;
            delta[top] = new double[batch * sizes[^1]];
            var gateTop = rec.Gate(top, t);
            for (int i = 0; i < delta[top].Length; i++) delta[top][i] = gateScale * gateTop[i] * errors[t - 1][i];
            for (int l = top - 1; l >= 0; l--)
            {
                int n = sizes[l + 1], above = sizes[l + 2];
                var f = feedback(l + 1);
                var gate = rec.Gate(l, t);
                delta[l] = new double[batch * n];
                for (int b = 0; b < batch; b++)
                    for (int i = 0; i < n; i++)
                    {
                        double v = 0;
                        for (int j = 0; j < above; j++) v += delta[l + 1][b * above + j] * f[j * n + i];
                        delta[l][b * n + i] = gateScale * gate[b * n + i] * v;
                    }
            }
            for (int l = 0; l < layers; l++)
            {
                int n = sizes[l + 1], m = sizes[l];
                var trace = l == 0 ? rec.InputTrace(t) : rec.Trace(l - 1, t);
                var pre = eligibility[l];
                for (int j = 0; j < pre.Length; j++) pre[j] = eligibilityDecay * pre[j] + trace[j];
                for (int b = 0; b < batch; b++)
                    for (int i = 0; i < n; i++)
                    {
                        double d = delta[l][b * n + i];
                        if (d == 0) continue;
                        for (int j = 0; j < m; j++) g[l][i * m + j] += d * pre[b * m + j] / batch;
                    }
            }
        }
        return g;
    }

    public static double MaxRelativeError(float[] actual, double[] expected)
    {
        double scale = expected.Max(Math.Abs), worst = 0;
        Assert.True(scale > 0, "the reference update is all zeros: the test network is silent");
        for (int i = 0; i < actual.Length; i++) worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]));
        return worst / scale;
    }

    public static double Cosine(double[] a, double[] b)
    {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.Length; i++) { ab += a[i] * b[i]; aa += a[i] * a[i]; bb += b[i] * b[i]; }
        return ab / Math.Sqrt(aa * bb);
    }
}
