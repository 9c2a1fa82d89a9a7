using Microcircuit.Circuits;
using Microcircuit.Compute;
using Microcircuit.Compute.Cpu;
using Microcircuit.Data;
using Microcircuit.Encoding;
using Microcircuit.Layers;
using Microcircuit.Learning;
using Microcircuit.Losses;
using Microcircuit.Neurons;
using Microcircuit.Optimizers;
using Microcircuit.Randomness;
using Microcircuit.Tests.Reliability;
using Microcircuit.Training;

namespace Microcircuit.Tests.Compute;

/// <summary>
/// Every step goes through the back-end interface: whole training runs with a back end that counts each call and hands
/// it to the CPU back end end with the same bits as the CPU back end alone, every rule asks the back end for its
/// products, and across dense, convolutional and pooled networks, direct and rate input, every optimiser and the options
/// that add passes, every operation of the interface is called. With <c>BackendBoundaryTests</c> (no SIMD or kernel
/// outside Compute/) a back end that implements the interface computes the whole step.
/// </summary>
public sealed class CountingBackendTests
{
    private static readonly LabelledDataset Digits = DatasetCatalogue.Load("digits");

    private static TrainingOptions Small(string rule) => new()
    {
        Dataset = "digits", Rule = rule, Hidden = [24], Epochs = 1, Batch = 50, Steps = 4, TrainLimit = 150, TestLimit = 50, Seed = 3, Threads = 1,
    };

    /// <summary>Trains with the CPU back end, then with a counting one around it; asserts the same bits and returns the counts.</summary>
    private static IReadOnlyDictionary<string, long> SameBitsCounted(TrainingOptions options, ExperimentParts? parts = null)
    {
        var cancel = TestContext.Current.CancellationToken;
        var plain = new Experiment(options, Digits, parts);
        var plainResult = new Trainer(plain).Run(cancel);
        CountingBackend? counting = null;
        var counted = new Experiment(options, Digits, (parts ?? new ExperimentParts()) with { Compute = threads => counting = new CountingBackend(new CpuBackend(threads)) });
        var countedResult = new Trainer(counted).Run(cancel);
        Assert.NotNull(counting);
        Assert.Same(counting, counted.Network.Compute);
        Assert.True(RunFiles.WeightBytes(plain).AsSpan().SequenceEqual(RunFiles.WeightBytes(counted)), $"{options.Rule}: the counting back end changed the weights");
        Assert.Equal(plainResult.History.Select(RunFiles.Figures), countedResult.History.Select(RunFiles.Figures));
        return counting.Calls;
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Every_rule_trains_through_the_back_end_with_the_same_bits(string rule)
    {
        var calls = SameBitsCounted(Small(rule));
        // 3 batches × 4 steps × 2 layers of cells, and the test set's batch.
        Assert.True(calls.GetValueOrDefault("LifStep") >= 3 * 4 * 2, $"{rule}: {calls.GetValueOrDefault("LifStep")} LIF steps");
        Assert.True(calls.GetValueOrDefault("GemmNT") > 0, $"{rule}: no forward product");
        Assert.True(calls.GetValueOrDefault("GemmTN") > 0, $"{rule}: no weight product");
        Assert.True(calls.GetValueOrDefault("AdamStep") >= 3 * 2, $"{rule}: {calls.GetValueOrDefault("AdamStep")} Adam steps");
        Assert.True(calls.GetValueOrDefault("ClampAndCheck(scalar)") >= 3 * 2, $"{rule}: the clamp was not asked for");
    }

    public static TheoryData<string> Rules() => new(CreditAssignmentRules.BuiltIn);

    [Fact]
    public void Every_operation_of_the_interface_is_asked_for_by_some_step()
    {
        var union = new Dictionary<string, long>();
        void Add(IReadOnlyDictionary<string, long> calls)
        {
            foreach (var (key, count) in calls) union[key] = union.GetValueOrDefault(key) + count;
        }

        // Constant input, bias, Dale's principle, gradient clipping, graded error cells: the collapsed first-layer sum.
        Add(SameBitsCounted(Small("microcircuit") with { Bias = true, Dale = true, ClipNorm = 1f }));
        // Spike input (event-driven products), spiking error cells, eligibility traces, SGD.
        Add(SameBitsCounted(Small("microcircuit") with { Encoder = EncoderKind.Rate, ErrorCells = ErrorCellMode.Spiking, EligibilityTau = 5f, Optimizer = OptimizerKind.Sgd }));
        // Spike convolution (every step event-driven), pooling both ways, BPTT's derived adjoint, sign descent with momentum and a relative step.
        Add(SameBitsCounted(Small("bptt") with { Net = "4C3p1-P2-6C3p1-10", Bias = true, Encoder = EncoderKind.Rate, EventDensity = 1f,
            Optimizer = OptimizerKind.BatchManhattan, Momentum = 0.5f, RelativeStep = true, LearningRate = 1e-3f }));
        // Dense convolution every step, errors sent back through a convolution's feedback kernel, a time-local feedback rule.
        Add(SameBitsCounted(Small("fa") with { Net = "4C3p1-P2-6C3p1-10", EventDensity = 0f }));
        // A cell model of one's own evaluates its gate through the back end.
        Add(SameBitsCounted(Small("microcircuit"), new ExperimentParts(Neuron: lif => new GatedByBackend(lif.Threshold))));
        // A kept history (inspection's) differentiated by BPTT, and the error cells' E⁺/E⁻ read after a step.
        Add(KeptHistoryAndErrorCells());

        var missing = typeof(IComputeBackend).GetInterfaces().Where(i => i != typeof(IDeviceMemory)).SelectMany(i => i.GetMethods()).Select(CountingBackend.KeyOf)
            .Where(key => union.GetValueOrDefault(key) == 0).ToArray();
        Assert.True(missing.Length == 0, "operations no step asked the back end for: " + string.Join(", ", missing));
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', union.OrderBy(p => p.Key).Select(p => $"{p.Key,-28} {p.Value,8}")));
    }

    private static IReadOnlyDictionary<string, long> KeptHistoryAndErrorCells()
    {
        const int batch = 4, steps = 5, classes = 3;
        var counting = new CountingBackend(CpuBackend.Serial);
        var shape = new NetworkShape(6, [5], classes);
        var lif = LifParameters.Default;
        var random = new SeededRandom(8);
        var network = new SpikingNetwork(shape, lif, SurrogateGradient.Default, new DirectEncoder(), bias: false, random) { Compute = counting };
        var pixels = Enumerable.Range(0, batch * shape.Inputs).Select(_ => 2f * random.NextFloat()).ToArray();
        var labels = Enumerable.Range(0, batch).Select(b => (byte)(b % classes)).ToArray();
        var loss = new SpikeTrainLoss(lif, steps, classes);
        var error = new float[batch * classes];
        var history = SpikeHistory.For(network, keepSpikesAndGates: true);
        network.BeginBatch(pixels, batch);
        history.Begin(batch, network.InputIsConstant, network.Pixels);
        for (int t = 1; t <= steps; t++)
        {
            network.Advance(random, computeGates: true);
            loss.Step(t, network.Output.ActiveSpan(network.Output.Trace), network.Output.ActiveSpan(network.Output.Spikes), labels, error);
            history.Capture(network, error);
        }
        BackpropagationThroughTime.Backward(history, network.Layers, lif, false, new Gradients(network.Layers), counting, new BackpropagationThroughTime.Workspace());

        var cells = new ErrorInterneurons(batch * classes, ErrorCellMode.Graded, 1f, null);
        cells.Reset(1);
        cells.Drive(network.Output.Gate.AsSpan(0, batch * classes), error, counting);
        var gate = network.Output.Gate;
        var plus = cells.Positive;
        for (int i = 0; i < batch * classes; i++) Assert.Equal(MathF.Max(gate[i] * error[i], 0f), plus[i]);
        return counting.Calls;
    }

    /// <summary>LIF cells whose gate is evaluated apart from the step, through the back end: the path a model of one's own takes.</summary>
    private sealed class GatedByBackend(float threshold) : INeuronModel
    {
        public float Threshold => threshold;

        public INeuronModel WithThreshold(float value) => new GatedByBackend(value);

        public float Step(IComputeBackend compute, SurrogateGradient? gate, ReadOnlySpan<float> input, float scale, Span<float> membrane, Span<float> spikes,
            Span<float> trace, Span<float> gateOut)
        {
            var lif = new LifParameters(Threshold: threshold);
            float fired = compute.LifStep(lif.Constants, null, input, scale, membrane, spikes, trace, []);
            if (gate is { } g) compute.EvaluateGate(g.Function(threshold), membrane[..input.Length], gateOut);
            return fired;
        }
    }
}
