using Microcircuit.Data;
using Microcircuit.Encoding;
using Microcircuit.Errors;
using Microcircuit.Losses;
using Microcircuit.Optimizers;
using Microcircuit.Training;

namespace Microcircuit.Tests.Training;

public sealed class TrainerTests
{
    private static readonly LabelledDataset Digits = DatasetCatalogue.Load("digits");

    private static TrainingOptions Small(ulong seed = 1) => new()
    {
        Dataset = "digits", Hidden = [64], Epochs = 2, Batch = 25, Steps = 5, Encoder = EncoderKind.Direct,
        LearningRate = 2e-3f, Seed = seed, TrainLimit = 300, TestLimit = 100,
    };

    private static byte[] WeightBytes(Experiment x) =>
        x.Network.Layers.SelectMany(l => l.Weights.SelectMany(BitConverter.GetBytes)).ToArray();

    [Fact]
    public void Same_seed_gives_bitwise_identical_weights_and_metrics_and_another_seed_does_not()
    {
        var a = new Experiment(Small(), Digits);
        var b = new Experiment(Small(), Digits);
        var c = new Experiment(Small(seed: 2), Digits);
        var ra = new Trainer(a).Run(TestContext.Current.CancellationToken);
        var rb = new Trainer(b).Run(TestContext.Current.CancellationToken);
        new Trainer(c).Run(TestContext.Current.CancellationToken);
        Assert.Equal(WeightBytes(a), WeightBytes(b));
        Assert.Equal(ra.Final.TestAccuracy, rb.Final.TestAccuracy);
        Assert.Equal(ra.Final.TrainLoss, rb.Final.TrainLoss);
        Assert.NotEqual(WeightBytes(a), WeightBytes(c));
    }

    [Fact]
    public void The_microcircuit_rule_learns_the_digits()
    {
        var x = new Experiment(Small() with { Epochs = 12, TrainLimit = null, TestLimit = null }, Digits);
        var observed = new List<EpochMetrics>();
        var result = new Trainer(x, new Recorder(observed)).Run(TestContext.Current.CancellationToken);
        Assert.Equal(12, observed.Count);
        Assert.True(observed[0].TrainLoss > result.Final.TrainLoss, "training loss did not fall");
        Assert.True(result.Final.TestAccuracy > 0.85, $"test accuracy {result.Final.TestAccuracy:F3} ≤ 0.85 after 12 epochs");
        Assert.All(result.Final.TestFiringRates, r => Assert.InRange(r, 1e-4, 0.9));
    }

    [Fact]
    public void The_microcircuit_rule_learns_the_digits_from_the_spike_count_loss()
    {
        var x = new Experiment(Small() with { Epochs = 12, TrainLimit = null, TestLimit = null, Loss = LossKind.SpikeCount }, Digits);
        var observed = new List<EpochMetrics>();
        var result = new Trainer(x, new Recorder(observed)).Run(TestContext.Current.CancellationToken);
        Assert.True(observed[0].TrainLoss > result.Final.TrainLoss, "training loss did not fall");
        Assert.True(result.Final.TestAccuracy > 0.85, $"test accuracy {result.Final.TestAccuracy:F3} ≤ 0.85 after 12 epochs");
    }

    [Fact]
    public void A_diverging_run_stops_with_the_divergence_error()
    {
        var options = Small() with { Optimizer = OptimizerKind.Sgd, LearningRate = 1e38f, WeightClamp = 0f };
        var e = Assert.ThrowsAny<MicrocircuitException>(() => new Trainer(new Experiment(options, Digits)).Run(TestContext.Current.CancellationToken));
        Assert.Equal(ErrorKind.Divergence, e.Kind);
        Assert.Contains("learning_rate", e.Message);   // by config key; the tool renders --lr
        Assert.Contains("--lr", e.Render(k => k == "learning_rate" ? "--lr" : k));
    }

    [Theory]
    [InlineData("batch")]
    [InlineData("steps")]
    [InlineData("tau")]
    [InlineData("rule")]
    public void Impossible_options_are_rejected_before_training(string which)
    {
        var options = which switch
        {
            "batch" => Small() with { Batch = 0 },
            "steps" => Small() with { Steps = -1 },
            "tau" => Small() with { TauMembrane = 1f },
            _ => Small() with { Rule = "nonsense" },
        };
        var e = Assert.ThrowsAny<MicrocircuitException>(() => new Experiment(options, Digits));
        Assert.Equal(ErrorKind.InvalidOption, e.Kind);
        Assert.DoesNotContain('\n', e.Message);
    }

    private sealed class Recorder(List<EpochMetrics> epochs) : ITrainingObserver
    {
        public void OnEpoch(EpochMetrics metrics) => epochs.Add(metrics);
    }
}
