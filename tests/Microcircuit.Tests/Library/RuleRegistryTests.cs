using Microcircuit.Data;
using Microcircuit.Learning;
using Microcircuit.Learning.Feedback;
using Microcircuit.Randomness;
using Microcircuit.Tests.Data.Files;
using Microcircuit.Training;

namespace Microcircuit.Tests.Library;

/// <summary>
/// A rule and a feedback wiring defined outside the library are registered by name and train through the public API,
/// exactly as a built-in one would; the library calls them, and a registered rule keeps its name in checkpoints' options.
/// </summary>
public sealed class RuleRegistryTests
{
    /// <summary>Sign-concordant feedback with every magnitude 1/√fan-in, counting its refreshes.</summary>
    private sealed class CountingSignFeedback(int synapses, float magnitude) : IFeedbackWiring
    {
        public int Refreshes;

        public void Refresh(ReadOnlySpan<float> forwardWeights, Span<float> feedback)
        {
            Refreshes++;
            for (int i = 0; i < synapses; i++) feedback[i] = MathF.Sign(forwardWeights[i]) * magnitude;
        }
    }

    /// <summary>A rule that wraps another and counts the steps it was shown.</summary>
    private sealed class CountingRule(ICreditAssignment inner) : ICreditAssignment
    {
        public int Steps;
        public string Name => "counted-frsf";
        public void BeginBatch(Microcircuit.Layers.SpikingNetwork network) => inner.BeginBatch(network);
        public void AfterStep(Microcircuit.Layers.SpikingNetwork network, ReadOnlySpan<float> outputError, Gradients gradients)
        {
            Steps++;
            inner.AfterStep(network, outputError, gradients);
        }
        public void EndBatch(Microcircuit.Layers.SpikingNetwork network, Gradients gradients) => inner.EndBatch(network, gradients);
    }

    private static LabelledDataset Data()
    {
        var (xt, yt) = SeparableImages.Make(600, 11);
        var (xs, ys) = SeparableImages.Make(200, 12);
        string[] names = ["a", "b", "c", "d"];
        return LabelledDataset.Create("quadrants", 1, 8, 8, names,
            DatasetSplit.FromBytes(xt, Array.ConvertAll(yt, l => (byte)l), 64), DatasetSplit.FromBytes(xs, Array.ConvertAll(ys, l => (byte)l), 64));
    }

    private static readonly TrainingOptions Options = new() { Hidden = [48], Epochs = 4, Steps = 5, LearningRate = 2e-3f, Batch = 20, Seed = 5 };

    [Fact]
    public void A_feedback_wiring_registered_from_outside_trains_a_network()
    {
        var made = new List<CountingSignFeedback>();
        CreditAssignmentRules.RegisterFeedback("test-sign-feedback", "sign-concordant, equal magnitudes (a test's own)", (layer, _) =>
        {
            var wiring = new CountingSignFeedback(layer.Weights.Length, 1f / MathF.Sqrt(layer.FanIn));
            made.Add(wiring);
            return wiring;
        });
        try
        {
            Assert.Contains("test-sign-feedback", CreditAssignmentRules.Names);
            var data = Data();
            var experiment = new Experiment(Options with { Rule = "test-sign-feedback", Hidden = [48, 48] }, data);
            var result = new Trainer(experiment).Run(TestContext.Current.CancellationToken);
            Assert.Equal(2, made.Count);   // one per layer above the first
            Assert.All(made, w => Assert.True(w.Refreshes > 0));
            Assert.True(result.Final.TestAccuracy >= 0.9, $"test accuracy {result.Final.TestAccuracy}");
            int[] predicted = experiment.Predict(data.Test, TestContext.Current.CancellationToken);
            double accuracy = predicted.Where((p, i) => p == data.Test.Label(i)).Count() / (double)predicted.Length;
            Assert.Equal(result.Final.TestAccuracy, accuracy, 10);
        }
        finally
        {
            CreditAssignmentRules.Unregister("test-sign-feedback");
        }
        Assert.DoesNotContain("test-sign-feedback", CreditAssignmentRules.Names);
    }

    [Fact]
    public void A_rule_registered_from_outside_is_called_every_step_and_learns_as_the_rule_it_wraps()
    {
        CountingRule? rule = null;
        CreditAssignmentRules.Register("counted-frsf", "frsf, counted", c =>
            rule = new CountingRule(CreditAssignmentRules.Create("frsf", c.Network, c.ErrorCells, c.Coding, c.FeedbackRandom, c.ErrorSpikeRandom)));
        try
        {
            var counted = new Trainer(new Experiment(Options with { Rule = "counted-frsf" }, Data())).Run(TestContext.Current.CancellationToken);
            var plain = new Trainer(new Experiment(Options with { Rule = "frsf" }, Data())).Run(TestContext.Current.CancellationToken);
            Assert.NotNull(rule);
            Assert.Equal(Options.Epochs!.Value * 600 / 20 * Options.Steps!.Value, rule!.Steps);
            Assert.Equal(plain.Final.TestAccuracy, counted.Final.TestAccuracy);
            Assert.Equal(plain.Final.TrainLoss, counted.Final.TrainLoss);
        }
        finally
        {
            CreditAssignmentRules.Unregister("counted-frsf");
        }
    }

    [Fact]
    public void Built_in_names_cannot_be_taken_and_unknown_ones_are_refused()
    {
        Assert.Throws<ArgumentException>(() => CreditAssignmentRules.Register("frsf", "", c => null!));
        Assert.Throws<ArgumentException>(() => CreditAssignmentRules.Register("Has Caps", "", c => null!));
        var e = Assert.Throws<Errors.OptionException>(() => new Experiment(Options with { Rule = "nobody-registered-this" }, Data()));
        Assert.Contains("nobody-registered-this", e.Message);
    }

    [Fact]
    public void A_dataset_from_arrays_is_checked()
    {
        var split = DatasetSplit.FromBytes(new byte[2 * 64], new byte[] { 0, 3 }, 64);
        Assert.Throws<ArgumentException>(() => LabelledDataset.Create("x", 1, 8, 8, ["a", "b"], split, split));   // label 3 of 2 classes
        Assert.Throws<ArgumentException>(() => LabelledDataset.Create("x", 1, 4, 4, ["a", "b", "c", "d"], split, split));   // 16 ≠ 64
        var data = LabelledDataset.Create("x", 1, 8, 8, ["a", "b", "c", "d"], split, split);
        Assert.Equal(255f, data.Normalisation.Scale);
        Assert.Equal(1f, data.Normalisation.Std[0]);   // a constant channel keeps std 1
    }

    /// <summary>Direct input with every pixel's sign flipped: what the network sees differs, what it can learn does not.</summary>
    private sealed class NegatedDirectEncoder : Microcircuit.Encoding.IInputEncoder
    {
        public int Calls;
        public Microcircuit.Encoding.EncoderKind Kind => Microcircuit.Encoding.EncoderKind.Direct;
        public bool IsConstant => false;
        public bool UsesIntensity => false;
        public void Encode(int step, ReadOnlySpan<float> pixels, Span<float> activity, SeededRandom random)
        {
            Calls++;
            for (int i = 0; i < pixels.Length; i++) activity[i] = -pixels[i];
        }
    }

    /// <summary>The spike-count loss, counting its steps.</summary>
    private sealed class CountingLoss(Microcircuit.Losses.ISpikingLoss inner) : Microcircuit.Losses.ISpikingLoss
    {
        public int Steps;
        public double Step(int step, ReadOnlySpan<float> outputTrace, ReadOnlySpan<float> outputSpikes, ReadOnlySpan<byte> labels, Span<float> error)
        {
            Steps++;
            return inner.Step(step, outputTrace, outputSpikes, labels, error);
        }
    }

    [Fact]
    public void An_encoder_and_a_loss_of_ones_own_plug_into_an_experiment()
    {
        var encoder = new NegatedDirectEncoder();
        CountingLoss? loss = null;
        var parts = new ExperimentParts(Encoder: _ => encoder,
            Loss: (steps, classes) => loss = new CountingLoss(new Microcircuit.Losses.SpikeCountLoss(steps, classes, Microcircuit.Losses.SpikeCountLoss.DefaultDesiredCount(steps), 0f)));
        var experiment = new Experiment(Options, Data(), parts);
        var result = new Trainer(experiment).Run(TestContext.Current.CancellationToken);
        Assert.Same(encoder, experiment.Network.Encoder);
        Assert.True(encoder.Calls > 0 && loss!.Steps > 0);
        Assert.True(result.Final.TestAccuracy >= 0.9, $"test accuracy {result.Final.TestAccuracy}");
    }
}
