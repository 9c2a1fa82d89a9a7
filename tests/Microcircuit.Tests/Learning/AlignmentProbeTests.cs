using Microcircuit.Data;
using Microcircuit.Training;

namespace Microcircuit.Tests.Learning;

public sealed class AlignmentProbeTests
{
    private static readonly Lazy<LabelledDataset> Digits = new(() => DatasetCatalogue.Load("digits"));

    private static (TrainingResult Result, List<Microcircuit.Learning.Alignment.AlignmentSample> Samples) Train(string rule)
    {
        var options = new TrainingOptions { Dataset = "digits", Rule = rule, Hidden = [32, 24], Epochs = 2, Batch = 50, Seed = 2, AlignmentEvery = 4 };
        var samples = new List<Microcircuit.Learning.Alignment.AlignmentSample>();
        var result = new Trainer(new Experiment(options, Digits.Value), new Collector(samples)).Run(TestContext.Current.CancellationToken);
        return (result, samples);
    }

    [Fact]
    public void Bptt_is_aligned_with_itself_and_every_fourth_batch_is_measured()
    {
        var (result, samples) = Train("bptt");
        int batchesPerEpoch = (1352 + 49) / 50;
        Assert.Equal(2 * ((batchesPerEpoch + 3) / 4), samples.Count);
        Assert.All(samples, s => Assert.All(s.VersusBptt, a => Assert.True(a < 1e-2, $"bptt vs itself {a}°")));
        Assert.All(samples, s => Assert.All(s.FeedbackVersusForward, a => Assert.True(double.IsNaN(a))));
        Assert.NotNull(result.Final.AlignmentVersusBptt);
    }

    [Fact]
    public void Bp_is_aligned_with_itself_and_the_output_layers_of_time_local_rules_agree()
    {
        var (_, bp) = Train("bp");
        Assert.All(bp, s => Assert.All(s.VersusBp, a => Assert.True(a < 1e-2)));
        Assert.All(bp, s => Assert.True(s.FeedbackVersusForward[1] < 1e-3 && s.FeedbackVersusForward[2] < 1e-3, "B = Wᵀ has a zero weight angle"));
        var (_, fa) = Train("fa");
        Assert.All(fa, s => Assert.True(s.VersusBp[^1] < 1e-2, "the output layer's update needs no feedback"));
        Assert.Contains(fa, s => s.VersusBp[0] > 10);
        Assert.All(fa, s => Assert.InRange(s.FeedbackVersusForward[1], 1, 179));
    }

    private sealed class Collector(List<Microcircuit.Learning.Alignment.AlignmentSample> samples) : ITrainingObserver
    {
        public void OnAlignment(Microcircuit.Learning.Alignment.AlignmentSample sample) => samples.Add(sample);
    }
}
