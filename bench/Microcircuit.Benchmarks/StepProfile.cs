using System.Diagnostics;
using System.Numerics.Tensors;
using Microcircuit.Circuits;
using Microcircuit.Compute;
using Microcircuit.Compute.Cpu;
using Microcircuit.Encoding;
using Microcircuit.Layers;
using Microcircuit.Learning;
using Microcircuit.Losses;
using Microcircuit.Neurons;
using Microcircuit.Optimizers;
using Microcircuit.Randomness;

namespace Microcircuit.Benchmarks;

/// <summary>
/// `steps [rule]`: where one training batch's time goes — 784-800-10, batch 128, T = 25, direct input, random data —
/// split into the batch start (input projection), the forward steps, the rule's steps and the batch end, plus the
/// per-step kernels that dominate. Stopwatch medians over warm batches; for profiling, not for reported ratios.
/// </summary>
internal static class StepProfile
{
    private const int Batch = 128, Steps = 25, Inputs = 784, Hidden = 800, Classes = 10, Warm = 50, Timed = 200;

    public static int Run(string[] args)
    {
        string ruleName = args.Length > 1 ? args[1] : "microcircuit";
        var lif = LifParameters.Default;
        var network = new SpikingNetwork(new NetworkShape(Inputs, [Hidden], Classes), lif, SurrogateGradient.Default, new DirectEncoder(), false, new SeededRandom(1));
        var rule = CreditAssignmentRules.Create(ruleName, network, ErrorCellMode.Graded, 1f, new SeededRandom(2), new SeededRandom(3));
        var loss = new SpikeTrainLoss(lif, Steps, Classes);
        var gradients = new Gradients(network.Layers);
        var random = new SeededRandom(4);
        var pixels = Enumerable.Range(0, Batch * Inputs).Select(_ => random.NextGaussian()).ToArray();
        var labels = Enumerable.Range(0, Batch).Select(i => (byte)(i % Classes)).ToArray();
        var error = new float[Batch * Classes];
        var parts = new Stopwatch[4].Select(_ => new Stopwatch()).ToArray();

        void TrainBatch(bool timed)
        {
            Time(timed, parts[0], () => { gradients.Clear(); network.BeginBatch(pixels, Batch); rule.BeginBatch(network); });
            for (int t = 1; t <= Steps; t++)
            {
                Time(timed, parts[1], () => network.Advance(random, computeGates: true));
                Time(timed, parts[2], () =>
                {
                    loss.Step(t, network.Output.ActiveSpan(network.Output.Trace), network.Output.ActiveSpan(network.Output.Spikes), labels, error);
                    rule.AfterStep(network, error, gradients);
                });
            }
            Time(timed, parts[3], () => rule.EndBatch(network, gradients));
        }

        for (int i = 0; i < Warm; i++) TrainBatch(false);
        var total = Stopwatch.StartNew();
        for (int i = 0; i < Timed; i++) TrainBatch(true);
        total.Stop();
        Console.WriteLine($"{ruleName}, 784-800-10, batch {Batch}, T = {Steps}: {total.Elapsed.TotalMilliseconds / Timed:F2} ms per batch ({Batch * Timed / total.Elapsed.TotalSeconds:F0} samples/s)");
        string[] names = ["batch start (input projection)", "forward steps", "loss + rule steps", "batch end (weight products)"];
        for (int k = 0; k < names.Length; k++) Console.WriteLine($"  {names[k],-32} {parts[k].Elapsed.TotalMilliseconds / Timed,7:F3} ms per batch");

        var layer = network.Layers[0];
        int n = Batch * Hidden;
        var a = new float[n];
        var c = new float[n];
        var e = new float[Batch * Classes];
        var b = new float[Classes * Hidden];
        Console.WriteLine("per step:");
        var projection = Enumerable.Range(0, n).Select(i => 0.5f * random.NextGaussian()).ToArray();
        Kernel("LIF + logistic gate 128×800, fused", () => LifKernel.Step(lif.Constants, SurrogateGradient.Default.Function(lif.Threshold), projection, 0.3f, layer.Membrane, layer.Spikes, layer.Trace, layer.Gate));
        Kernel("LIF alone 128×800", () => LifKernel.Step(lif.Constants, layer.Current.AsSpan(0, n), layer.Membrane, layer.Spikes, layer.Trace));
        Kernel("logistic gate alone 128×800", () => CpuBackend.Serial.EvaluateGate(SurrogateGradient.Default.Function(1f), layer.Membrane.AsSpan(0, n), layer.Gate.AsSpan(0, n)));
        Kernel("NN 128×800×10 (apical)", () => Gemm.NN(e, b, c, Batch, Hidden, Classes));
        Kernel("TN 10×800×128 (output update)", () => Gemm.TN(e, a, b, Classes, Hidden, Batch, accumulate: true));
        Kernel("NT 128×10×800 (output current)", () => Gemm.NT(a, b, e, Batch, Classes, Hidden));
        Console.WriteLine("per batch:");
        var adam = new Adam(network.Layers, 1e-9f);
        Kernel("gradient clear", () => gradients.Clear());
        Kernel("gradient scale 1/batch", () => gradients.Scale(CpuBackend.Serial, 1f));
        Kernel("Adam step", () => adam.Step(CpuBackend.Serial, network.Layers, gradients));
        Kernel("weight clamp", () => WeightConstraints.Clamp(CpuBackend.Serial, network.Layers, 4f));
        Kernel("finite check", () => TensorPrimitives.Sum(network.Layers[0].Weights));
        return 0;
    }

    private static void Time(bool timed, Stopwatch watch, Action action)
    {
        if (timed) watch.Start();
        action();
        if (timed) watch.Stop();
    }

    private static void Kernel(string name, Action action)
    {
        for (int i = 0; i < 200; i++) action();
        const int reps = 2000;
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < reps; i++) action();
        Console.WriteLine($"  {name,-32} {watch.Elapsed.TotalMilliseconds * 1000 / reps,7:F1} µs");
    }
}
