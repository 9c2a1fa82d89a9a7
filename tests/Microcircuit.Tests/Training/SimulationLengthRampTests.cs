using Microcircuit.Checkpoints;
using Microcircuit.Data;
using Microcircuit.Encoding;
using Microcircuit.Errors;
using Microcircuit.Losses;
using Microcircuit.Optimizers;
using Microcircuit.Tests.Data;
using Microcircuit.Training;

namespace Microcircuit.Tests.Training;

public sealed class SimulationLengthRampTests
{
    private static readonly LabelledDataset Digits = DatasetCatalogue.Load("digits");

    private static TrainingOptions Small(int? stepsStart, int steps, int epochs) => new()
    {
        Dataset = "digits", Hidden = [48], Epochs = epochs, Batch = 25, Steps = steps, StepsStart = stepsStart, Encoder = EncoderKind.Direct,
        Optimizer = OptimizerKind.BatchManhattan, RelativeStep = true, LearningRate = 3e-3f, Schedule = LearningRateSchedule.Cosine,
        EligibilityTau = 5f, AugmentFlip = true, Seed = 3, TrainLimit = 250, TestLimit = 100,
    };

    private static byte[] WeightBytes(Experiment x) =>
        x.Network.Layers.SelectMany(l => l.Weights.SelectMany(BitConverter.GetBytes)).ToArray();

    private static object Figures(EpochMetrics m) => (m.Epoch, m.TrainLoss, m.TrainAccuracy, m.TestLoss, m.TestAccuracy, string.Join(",", m.TestFiringRates));

    [Fact]
    public void The_ramp_starts_at_the_first_T_ends_at_the_run_s_T_and_moves_one_way_through_every_T_between()
    {
        var up = Enumerable.Range(1, 26).Select(e => SimulationLengthRamp.At(5, 9, e, 26)).ToArray();
        Assert.Equal(5, up[0]);
        Assert.Equal(9, up[^1]);
        Assert.All(up.Zip(up.Skip(1)), p => Assert.InRange(p.Second - p.First, 0, 1));
        Assert.Equal([5, 6, 7, 8, 9], up.Distinct().Order());
        Assert.InRange(up.Average(), 6.8, 7.2);   // the same work as T = 7 throughout

        var down = Enumerable.Range(1, 9).Select(e => SimulationLengthRamp.At(9, 5, e, 9)).ToArray();
        Assert.Equal([9, 9, 8, 8, 7, 7, 6, 6, 5], down);   // 9 − 0.5·(e − 1), halves rounded away from zero
        Assert.Equal(7, SimulationLengthRamp.At(3, 7, 1, 1));   // a one-epoch run trains at the run's T
        Assert.Equal(7, SimulationLengthRamp.At(3, 7, 5, 4));   // past the last epoch: the run's T
    }

    [Fact]
    public void Each_epoch_trains_and_tests_at_its_own_T_bit_for_bit()
    {
        var token = TestContext.Current.CancellationToken;
        var ramp = new Experiment(Small(stepsStart: 3, steps: 6, epochs: 2), Digits);
        Assert.Equal([3, 6], new[] { ramp.StepsAt(1), ramp.StepsAt(2) });
        var ramped = new Trainer(ramp).Run(token);

        // Epoch 1 of the ramp is epoch 1 of a run at T = 3 throughout (same schedule length, same seed).
        var flat3 = new Trainer(new Experiment(Small(null, steps: 3, epochs: 2), Digits)).Run(token);
        Assert.Equal(Figures(flat3.History[0]), Figures(ramped.History[0]));
        Assert.NotEqual(Figures(flat3.History[1]), Figures(ramped.History[1]));

        // And the last epoch ran at T = 6: the ramp's weights tested at T = 6 give its last epoch's figures.
        var evaluator = new Evaluator(ramp.Network, ramp.Loss, 6, 25);
        var test = evaluator.Evaluate(ramp.Test, ramp.Normalisation, ramp.Random.Evaluation, token);
        Assert.Equal(ramped.Final.TestAccuracy, test.Accuracy);
        Assert.Equal(ramped.Final.TestLoss, test.Loss);

        var flat6 = new Experiment(Small(null, steps: 6, epochs: 2), Digits);
        new Trainer(flat6).Run(token);
        Assert.NotEqual(WeightBytes(flat6), WeightBytes(ramp));
    }

    [Fact]
    public void A_ramped_run_stopped_after_one_epoch_and_resumed_ends_exactly_as_an_uninterrupted_one()
    {
        var token = TestContext.Current.CancellationToken;
        var options = Small(stepsStart: 2, steps: 4, epochs: 3) with { Encoder = EncoderKind.Rate };
        var whole = new Experiment(options, Digits);
        var uninterrupted = new Trainer(whole).Run(token);

        using var folder = new ScratchFolder();
        using var stop = new CancellationTokenSource();
        var first = new Trainer(new Experiment(options, Digits), new StopAfter(1, stop)) { Checkpoints = new CheckpointSchedule(folder.Path, 1) };
        Assert.Throws<OperationCanceledException>(() => first.Run(stop.Token));

        var checkpoint = CheckpointFile.Read(folder.Path);
        Assert.Equal(2, checkpoint.Options.StepsStart);
        var resumed = new Experiment(checkpoint.Options, Digits);
        checkpoint.Restore(resumed, folder.Path);
        var rest = new Trainer(resumed) { Completed = checkpoint.History }.Run(token);

        Assert.Equal(WeightBytes(whole), WeightBytes(resumed));
        Assert.Equal(uninterrupted.History.Select(Figures), rest.History.Select(Figures));
    }

    [Theory]
    [InlineData(0, EncoderKind.Direct, LossKind.SpikeTrain, "steps_start")]
    [InlineData(3, EncoderKind.Latency, LossKind.SpikeTrain, "encoder latency")]
    [InlineData(2, EncoderKind.Direct, LossKind.SpikeCount, "steps_start")]   // the default desired count for T = 5 is 4 spikes
    public void A_ramp_that_cannot_work_is_rejected_before_training(int stepsStart, EncoderKind encoder, LossKind loss, string mentions)
    {
        var options = Small(stepsStart, steps: 5, epochs: 2) with { Encoder = encoder, Loss = loss };
        var e = Assert.ThrowsAny<MicrocircuitException>(() => new Experiment(options, Digits));
        Assert.Equal(ErrorKind.InvalidOption, e.Kind);
        Assert.Contains(mentions, e.Message);
    }
}
