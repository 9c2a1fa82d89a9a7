using Microcircuit.Compute.Cpu;
using Microcircuit.Learning;
using Microcircuit.Neurons;
using Microcircuit.Randomness;

namespace Microcircuit.Tests.Learning;

/// <summary>
/// BPTT's backward pass checked against central finite differences of the loss. A spiking network's loss is a step
/// function of the weights, so the check runs on the smoothed network in which the spike is s = σ((u − θ)/α) and the
/// gate is its exact derivative: there the surrogate gradient is the true gradient, reset path included.
/// </summary>
public sealed class BpttGradientCheckTests
{
    private static readonly int[] Sizes = [6, 5, 4, 3];
    private const int Batch = 2, Steps = 6;
    private const double Alpha = 0.5;
    private static readonly LifParameters Lif = LifParameters.Default;

    private sealed record Problem(double[][] Weights, double[][] InputTrace, double[][] Target);

    private static Problem Make(ulong seed)
    {
        var random = new SeededRandom(seed);
        var weights = Enumerable.Range(0, Sizes.Length - 1)
            .Select(l => Enumerable.Range(0, Sizes[l + 1] * Sizes[l]).Select(_ => 1.6 * random.NextGaussian() / Math.Sqrt(Sizes[l])).ToArray()).ToArray();
        var input = Enumerable.Range(0, Steps).Select(_ => Enumerable.Range(0, Batch * Sizes[0]).Select(_ => 1.5 * (double)random.NextFloat()).ToArray()).ToArray();
        var target = Enumerable.Range(0, Steps).Select(_ => Enumerable.Range(0, Batch * Sizes[^1]).Select(_ => 0.5 * (double)random.NextFloat()).ToArray()).ToArray();
        return new Problem(weights, input, target);
    }

    /// <summary>The smoothed forward pass in double; fills <paramref name="history"/> when given. Returns E averaged over the batch.</summary>
    private static double Forward(Problem p, double[][] weights, SpikeHistory? history)
    {
        int layers = Sizes.Length - 1;
        double beta = Lif.MembraneDecay, lambda = Lif.TraceDecay, gain = Lif.TraceGain, theta = Lif.Threshold;
        var u = Enumerable.Range(1, layers).Select(l => new double[Batch * Sizes[l]]).ToArray();
        var s = Enumerable.Range(1, layers).Select(l => new double[Batch * Sizes[l]]).ToArray();
        var a = Enumerable.Range(1, layers).Select(l => new double[Batch * Sizes[l]]).ToArray();
        double loss = 0;
        history?.Begin(Batch, inputIsConstant: false, []);
        for (int t = 1; t <= Steps; t++)
        {
            int step = history?.NextStep() ?? t;
            for (int l = 0; l < layers; l++)
            {
                int n = Sizes[l + 1], m = Sizes[l];
                var pre = l == 0 ? p.InputTrace[t - 1] : a[l - 1];
                for (int b = 0; b < Batch; b++)
                    for (int i = 0; i < n; i++)
                    {
                        int k = b * n + i;
                        double current = 0;
                        for (int j = 0; j < m; j++) current += weights[l][i * m + j] * pre[b * m + j];
                        u[l][k] = beta * u[l][k] * (1 - s[l][k]) + current;
                        double sigma = 1 / (1 + Math.Exp(-(u[l][k] - theta) / Alpha));
                        s[l][k] = sigma;
                        a[l][k] = lambda * a[l][k] + gain * sigma;
                        if (history is not null)
                        {
                            history.Membrane(l, step)[k] = (float)u[l][k];
                            history.Spikes(l, step)[k] = (float)sigma;
                            history.Gate(l, step)[k] = (float)(sigma * (1 - sigma) / Alpha);
                            history.Trace(l, step)[k] = (float)a[l][k];
                        }
                    }
            }
            for (int k = 0; k < Batch * Sizes[^1]; k++)
            {
                double e = a[^1][k] - p.Target[t - 1][k];
                loss += 0.5 * e * e / Batch;
                if (history is not null) history.Error(step)[k] = (float)e;
            }
            if (history is not null)
                for (int k = 0; k < Batch * Sizes[0]; k++) history.InputTrace(step)[k] = (float)p.InputTrace[t - 1][k];
        }
        return loss;
    }

    private static Gradients Backward(Problem p, bool detachReset)
    {
        var history = new SpikeHistory(Sizes);
        Forward(p, p.Weights, history);
        var layers = Enumerable.Range(0, Sizes.Length - 1).Select(l => new Microcircuit.Layers.DenseLayer(Sizes[l], Sizes[l + 1], bias: false)).ToArray();
        for (int l = 0; l < layers.Length; l++)
            for (int i = 0; i < layers[l].Weights.Length; i++) layers[l].Weights[i] = (float)p.Weights[l][i];
        var gradients = new Gradients(layers);
        BackpropagationThroughTime.Backward(history, layers, Lif, detachReset, gradients, CpuBackend.Serial, new BackpropagationThroughTime.Workspace());
        return gradients;
    }

    private static double FiniteDifference(Problem p, int layer, int index, double h = 1e-5)
    {
        var w = p.Weights.Select(x => (double[])x.Clone()).ToArray();
        w[layer][index] += h;
        double up = Forward(p, w, null);
        w[layer][index] -= 2 * h;
        double down = Forward(p, w, null);
        return (up - down) / (2 * h);
    }

    private static double WorstRelativeError(Problem p, Gradients g)
    {
        double worst = 0;
        for (int l = 0; l < Sizes.Length - 1; l++)
        {
            var fd = Enumerable.Range(0, p.Weights[l].Length).Select(i => FiniteDifference(p, l, i)).ToArray();
            double scale = fd.Max(Math.Abs);
            Assert.True(scale > 1e-6, $"layer {l + 1}: the loss does not depend on these weights");
            for (int i = 0; i < fd.Length; i++) worst = Math.Max(worst, Math.Abs(g.Weights[l][i] - fd[i]) / scale);
        }
        return worst;
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void Bptt_equals_finite_differences_of_the_smoothed_network(ulong seed)
    {
        var p = Make(seed);
        double error = WorstRelativeError(p, Backward(p, detachReset: false));
        TestContext.Current.TestOutputHelper?.WriteLine($"seed {seed}: max relative error vs finite differences {error:E2}");
        Assert.True(error < 1e-5, $"max relative error {error:E2} against finite differences");
    }

    [Fact]
    public void The_check_fails_without_the_reset_path_so_it_is_sensitive()
    {
        var p = Make(1);
        double error = WorstRelativeError(p, Backward(p, detachReset: true));
        TestContext.Current.TestOutputHelper?.WriteLine($"detached reset: max relative error {error:E2}");
        Assert.True(error > 1e-2, $"dropping the reset path changed the gradient by only {error:E2}");
    }
}
