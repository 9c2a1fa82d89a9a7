using Microcircuit.Data;
using Microcircuit.Errors;
using Microcircuit.Losses;
using Microcircuit.Training;

namespace Microcircuit.Tests.Losses;

public sealed class SpikeCountLossTests
{
    // Two samples, three classes; labels 0 and 2.
    private static readonly byte[] Labels = [0, 2];

    private static float[][] Run(SpikeCountLoss loss, float[][] spikesPerStep, out double[] losses)
    {
        var errors = new float[spikesPerStep.Length][];
        losses = new double[spikesPerStep.Length];
        for (int t = 1; t <= spikesPerStep.Length; t++)
        {
            errors[t - 1] = new float[6];
            losses[t - 1] = loss.Step(t, new float[6], spikesPerStep[t - 1], Labels, errors[t - 1]);
        }
        return errors;
    }

    [Fact]
    public void The_default_desired_count_is_the_desired_trains()
    {
        Assert.Equal(4f, SpikeCountLoss.DefaultDesiredCount(5));
        Assert.Equal(5f, SpikeCountLoss.DefaultDesiredCount(10));
    }

    [Fact]
    public void A_silent_label_neuron_falls_behind_the_ramp_and_a_firing_other_neuron_is_over_its_allowance()
    {
        var loss = new SpikeCountLoss(5, 3, desiredCount: 4f, undesiredCount: 1f);
        // Sample 0 (label 0): label silent, neuron 1 fires every step, neuron 2 fires once at step 1.
        // Sample 1 (label 2): label fires on steps 2 and 3 only, neuron 0 silent, neuron 1 fires at steps 4 and 5.
        float[][] spikes =
        [
            [0, 1, 1, 0, 0, 0],
            [0, 1, 0, 0, 0, 1],
            [0, 1, 0, 0, 0, 1],
            [0, 1, 0, 0, 1, 0],
            [0, 1, 0, 0, 1, 0],
        ];
        var errors = Run(loss, spikes, out var losses);
        for (int t = 1; t <= 5; t++)
        {
            float desired = 4f * t / 5, allowed = 1f * t / 5;
            var e = errors[t - 1];
            Assert.Equal(-desired, e[0], 6);                              // label: count 0 below d·t/T
            Assert.Equal(Math.Max(0f, t - allowed), e[1], 6);             // other: t spikes against u·t/T
            Assert.Equal(Math.Max(0f, 1f - allowed), e[2], 6);            // other: one early spike, then within allowance
            Assert.Equal(0f, e[3]);                                       // other, silent
            float labelCount = Math.Min(Math.Max(t - 1, 0), 2);
            Assert.Equal(Math.Min(0f, labelCount - desired), e[5], 6);    // label: two spikes, behind from step 1 on
            Assert.Equal(0.5 * e.Sum(x => (double)x * x), losses[t - 1], 6);
        }
        Assert.Equal(0f, errors[4][2]);                                   // the early spike is within the whole-sample allowance
        Assert.Equal(-2f, errors[4][5], 6);                               // 2 of 4 desired spikes at T
        Assert.Equal(1f, errors[4][4], 6);                                // 2 spikes against an allowance of 1 at T
    }

    [Fact]
    public void Firing_more_than_desired_costs_nothing_and_firing_less_than_allowed_costs_nothing()
    {
        var loss = new SpikeCountLoss(5, 3, desiredCount: 4f, undesiredCount: 0f);
        float[][] spikes = [.. Enumerable.Range(0, 5).Select(_ => new float[] { 1, 0, 0, 0, 0, 1 })];
        var errors = Run(loss, spikes, out var losses);
        Assert.All(errors, e => Assert.All(e, x => Assert.Equal(0f, x)));
        Assert.All(losses, l => Assert.Equal(0.0, l));
    }

    [Fact]
    public void Step_one_starts_every_count_afresh()
    {
        var loss = new SpikeCountLoss(2, 3, desiredCount: 2f, undesiredCount: 0f);
        float[] fire = [0, 1, 0, 0, 1, 0], silent = new float[6];
        Run(loss, [fire, fire], out _);
        var second = Run(loss, [silent, silent], out _);
        Assert.Equal([-1f, 0f, 0f, 0f, 0f, -1f], second[0]);   // no spikes carried over from the first batch
        Assert.Equal([-2f, 0f, 0f, 0f, 0f, -2f], second[1]);
    }

    [Fact]
    public void A_step_allocates_nothing_once_the_counts_are_sized()
    {
        var loss = new SpikeCountLoss(5, 3, desiredCount: 4f, undesiredCount: 0f);
        float[] trace = new float[6], spikes = [1, 0, 0, 0, 1, 1], error = new float[6];
        loss.Step(1, trace, spikes, Labels, error);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int t = 1; t <= 5; t++) loss.Step(t, trace, spikes, Labels, error);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void The_experiment_builds_the_loss_the_options_name_with_the_default_count()
    {
        var digits = DatasetCatalogue.Load("digits");
        var x = new Experiment(new TrainingOptions { Epochs = 1, Steps = 5, Loss = LossKind.SpikeCount }, digits);
        var count = Assert.IsType<SpikeCountLoss>(x.Loss);
        Assert.Equal(4f, count.DesiredCount);
        Assert.Equal(0f, count.UndesiredCount);
        Assert.IsType<SpikeTrainLoss>(new Experiment(new TrainingOptions { Epochs = 1 }, digits).Loss);
    }

    [Theory]
    [InlineData(LossKind.SpikeCount, 6f, 0f, "desired_count")]
    [InlineData(LossKind.SpikeCount, 0f, 0f, "desired_count")]
    [InlineData(LossKind.SpikeCount, 2f, 2f, "undesired_count")]
    [InlineData(LossKind.SpikeCount, 3f, -1f, "undesired_count")]
    [InlineData(LossKind.SpikeTrain, 3f, 0f, "loss count")]
    public void Impossible_counts_are_refused_in_one_line(LossKind kind, float desired, float undesired, string mentions)
    {
        var options = new TrainingOptions { Steps = 5, Loss = kind, DesiredCount = desired, UndesiredCount = undesired };
        var e = Assert.ThrowsAny<MicrocircuitException>(() => options.Resolve().Validate());
        Assert.Equal(ErrorKind.InvalidOption, e.Kind);
        Assert.Contains(mentions, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
