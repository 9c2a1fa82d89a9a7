using Microcircuit.Compute.Cpu;
using Microcircuit.Layers;
using Microcircuit.Learning;
using Microcircuit.Neurons;
using Microcircuit.Randomness;
using Microcircuit.Tests.Layers;
using static Microcircuit.Tests.Learning.ConvolutionalFixture;

namespace Microcircuit.Tests.Learning;

/// <summary>
/// BPTT through convolutions and a pool against central finite differences of a smoothed convolutional network, and
/// the check's sensitivity (it fails when the reset path is dropped).
/// </summary>
public sealed class ConvolutionalBpttGradientCheckTests
{
    /// <summary>
    /// BPTT on a smoothed convolutional network (spike s = σ((u − θ)/α), gate its exact derivative, so the surrogate
    /// gradient is the true one): convolution with padding, a pool with its own θ, a strided convolution, a dense output.
    /// </summary>
    private sealed class SmoothedNetwork
    {
        public static readonly ImageShape In = new(2, 6, 6);
        public const string Net = "3C3p1-P2-2C3p1s2-3";   // 3×6×6 → 3×3×3 → 2×2×2 → 3
        public const int Batch = 2, Steps = 6;
        public const double Alpha = 0.5;
        public const float PoolTheta = 0.7f;
        public static readonly LifParameters Lif = LifParameters.Default;
        public readonly NetworkShape Shape = NetworkNotation.Parse(Net, In, classes: 3);
        public readonly NaiveWiring[] Wiring;
        public readonly double[][] Weights, Bias, InputTrace, Target;

        public SmoothedNetwork(ulong seed)
        {
            Wiring = Wirings(Shape);
            var random = new SeededRandom(seed);
            Weights = Wiring.Select(w => Enumerable.Range(0, w.Weights).Select(_ => 1.6 * random.NextGaussian() / Math.Sqrt(FanIn(w))).ToArray()).ToArray();
            Bias = Wiring.Select(w => Enumerable.Range(0, w.Biases).Select(_ => 0.1 * random.NextGaussian()).ToArray()).ToArray();
            InputTrace = Enumerable.Range(0, Steps).Select(_ => Enumerable.Range(0, Batch * In.Size).Select(_ => 1.5 * (double)random.NextFloat()).ToArray()).ToArray();
            Target = Enumerable.Range(0, Steps).Select(_ => Enumerable.Range(0, Batch * Shape.Outputs).Select(_ => 0.5 * (double)random.NextFloat()).ToArray()).ToArray();
        }

        private static double FanIn(NaiveWiring w) => (double)w.Synapses.Length / w.Output.Size;

        /// <summary>E averaged over the batch, in double; fills <paramref name="history"/> when given.</summary>
        public double Forward(double[][] weights, double[][] bias, SpikeHistory? history)
        {
            int layers = Wiring.Length;
            double beta = Lif.MembraneDecay, lambda = Lif.TraceDecay, gain = Lif.TraceGain;
            var u = Wiring.Select(w => new double[Batch * w.Output.Size]).ToArray();
            var s = Wiring.Select(w => new double[Batch * w.Output.Size]).ToArray();
            var a = Wiring.Select(w => new double[Batch * w.Output.Size]).ToArray();
            double loss = 0;
            history?.Begin(Batch, inputIsConstant: false, []);
            for (int t = 1; t <= Steps; t++)
            {
                int step = history?.NextStep() ?? t;
                for (int l = 0; l < layers; l++)
                {
                    var w = Wiring[l];
                    double theta = w.IsPlastic ? Lif.Threshold : PoolTheta;
                    var current = w.Project(l == 0 ? InputTrace[t - 1] : a[l - 1], weights[l], Batch);
                    for (int k = 0; k < current.Length; k++)
                    {
                        int cell = k % w.Output.Size;
                        double input = current[k] + (w.BiasOf[cell] >= 0 ? bias[l][w.BiasOf[cell]] : 0);
                        u[l][k] = beta * u[l][k] * (1 - s[l][k]) + input;
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
                for (int k = 0; k < a[^1].Length; k++)
                {
                    double e = a[^1][k] - Target[t - 1][k];
                    loss += 0.5 * e * e / Batch;
                    if (history is not null) history.Error(step)[k] = (float)e;
                }
                if (history is not null)
                    for (int k = 0; k < InputTrace[t - 1].Length; k++) history.InputTrace(step)[k] = (float)InputTrace[t - 1][k];
            }
            return loss;
        }

        /// <summary>The library's BPTT on the recorded smoothed pass, through the library's layers holding these weights.</summary>
        public Gradients Backward(bool detachReset)
        {
            var history = new SpikeHistory(Shape.LayerSizes);
            Forward(Weights, Bias, history);
            var layers = Enumerable.Range(0, Shape.Layers.Count).Select(l => SpikingLayer.Create(Shape.Layers[l], Shape.Shapes[l], bias: true, PoolTheta)).ToArray();
            for (int l = 0; l < layers.Length; l++)
            {
                Assert.Equal(Weights[l].Length, layers[l].Weights.Length);
                for (int i = 0; i < Weights[l].Length; i++) layers[l].Weights[i] = (float)Weights[l][i];
                for (int i = 0; i < Bias[l].Length; i++) layers[l].Bias![i] = (float)Bias[l][i];
            }
            var gradients = new Gradients(layers);
            BackpropagationThroughTime.Backward(history, layers, Lif, detachReset, gradients, CpuBackend.Serial, new BackpropagationThroughTime.Workspace());
            return gradients;
        }

        /// <summary>The worst difference from central finite differences, relative to each parameter group's largest derivative.</summary>
        public double WorstRelativeError(Gradients g)
        {
            const double h = 1e-5;
            double worst = 0;
            for (int l = 0; l < Wiring.Length; l++)
            {
                if (!Wiring[l].IsPlastic)
                {
                    Assert.Empty(g.Weights[l]);
                    continue;
                }
                foreach (var (parameters, actual) in new[] { (Weights, g.Weights[l]), (Bias, g.Bias[l]!) })
                {
                    var fd = new double[parameters[l].Length];
                    for (int i = 0; i < fd.Length; i++)
                    {
                        var saved = parameters[l][i];
                        parameters[l][i] = saved + h;
                        double up = Forward(Weights, Bias, null);
                        parameters[l][i] = saved - h;
                        double down = Forward(Weights, Bias, null);
                        parameters[l][i] = saved;
                        fd[i] = (up - down) / (2 * h);
                    }
                    double scale = fd.Max(Math.Abs);
                    Assert.True(scale > 1e-6, $"layer {l + 1}: the loss does not depend on these parameters");
                    for (int i = 0; i < fd.Length; i++) worst = Math.Max(worst, Math.Abs(actual[i] - fd[i]) / scale);
                }
            }
            return worst;
        }
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void Bptt_through_convolutions_and_a_pool_equals_finite_differences_of_the_smoothed_network(ulong seed)
    {
        var network = new SmoothedNetwork(seed);
        double error = network.WorstRelativeError(network.Backward(detachReset: false));
        TestContext.Current.TestOutputHelper?.WriteLine($"seed {seed}: max relative error vs finite differences {error:E2}");
        Assert.True(error < 1e-5, $"max relative error {error:E2} against finite differences");
    }

    [Fact]
    public void The_convolutional_gradient_check_fails_without_the_reset_path_so_it_is_sensitive()
    {
        var network = new SmoothedNetwork(1);
        double error = network.WorstRelativeError(network.Backward(detachReset: true));
        TestContext.Current.TestOutputHelper?.WriteLine($"detached reset: max relative error {error:E2}");
        Assert.True(error > 1e-2, $"dropping the reset path changed the gradient by only {error:E2}");
    }
}
