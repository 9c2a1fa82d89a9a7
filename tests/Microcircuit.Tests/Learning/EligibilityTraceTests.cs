using Microcircuit.Circuits;
using Microcircuit.Data;
using Microcircuit.Encoding;
using Microcircuit.Errors;
using Microcircuit.Learning;
using Microcircuit.Learning.Alignment;
using Microcircuit.Learning.Feedback;
using Microcircuit.Neurons;
using Microcircuit.Randomness;
using Microcircuit.Training;

namespace Microcircuit.Tests.Learning;

/// <summary>
/// The synaptic eligibility trace option: the Hebbian product reads ε[t] = k·ε[t−1] + a_pre[t] instead of a_pre[t],
/// checked against plain matrix code; it leaves the forward pass alone and brings the output layer's update closer to
/// the true (BPTT) gradient, which is what it is for.
/// </summary>
public sealed class EligibilityTraceTests
{
    private static readonly int[] Sizes = [30, 24, 16, 6];

    private static ICreditAssignment Rule(string name, RecordedPass pass) =>
        CreditAssignmentRules.Create(name, pass.Network, ErrorCellMode.Graded, 1f, new SeededRandom(3), new SeededRandom(4));

    private static Func<int, float[]> FeedbackOf(ICreditAssignment rule) => l => ((IFeedbackRule)rule).Feedback(l).ToArray();

    public static TheoryData<string, int, string> Cases => new()
    {
        { "direct", 5, "microcircuit" }, { "direct", 8, "frsf" }, { "rate", 6, "microcircuit" }, { "direct", 5, "bp" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_hebbian_product_reads_the_filtered_presynaptic_trace(string encoder, int steps, string rule)
    {
        var pass = new RecordedPass(Sizes, batch: 5, steps,
            encoder == "direct" ? new DirectEncoder() : InputEncoders.Create(EncoderKind.Rate, steps), seed: 11, weightScale: encoder == "rate" ? 3f : 1f);
        pass.Network.EligibilityDecay = SynapticEligibility.Decay(5f);
        var credit = Rule(rule, pass);
        var (gradients, rec, errors) = pass.Run(credit);
        var filtered = RecordedPass.Reference(pass, rec, errors, FeedbackOf(credit), eligibilityDecay: 0.8);
        var plain = RecordedPass.Reference(pass, rec, errors, FeedbackOf(credit));
        for (int l = 0; l < pass.Layers; l++)
        {
            Assert.True(Enumerable.Range(1, steps).SelectMany(t => rec.Spikes(l, t)).Any(s => s > 0), $"layer {l + 1} never spiked");
            double error = RecordedPass.MaxRelativeError(gradients.Weights[l], filtered[l]);
            Assert.True(error <= 1e-5, $"layer {l + 1}: max relative error {error:E2} > 1e-5");
            Assert.True(RecordedPass.MaxRelativeError(gradients.Weights[l], plain[l]) > 1e-2, $"layer {l + 1}: indistinguishable from the plain trace");
        }
    }

    [Fact]
    public void The_graded_microcircuit_stays_frsf_with_an_eligibility_trace()
    {
        var pass = new RecordedPass(Sizes, batch: 5, steps: 6, new DirectEncoder(), seed: 12);
        pass.Network.EligibilityDecay = 0.75f;
        var (a, _, _) = pass.Run(Rule("microcircuit", pass));
        var (b, _, _) = pass.Run(Rule("frsf", pass));
        for (int l = 0; l < pass.Layers; l++) Assert.Equal(b.Weights[l], a.Weights[l]);
    }

    [Fact]
    public void The_forward_pass_does_not_change()
    {
        var pass = new RecordedPass(Sizes, batch: 4, steps: 5, new DirectEncoder(), seed: 3);
        var (_, plain, _) = pass.Run(Rule("microcircuit", pass));
        pass.Network.EligibilityDecay = 0.8f;
        var (_, filtered, _) = pass.Run(Rule("microcircuit", pass));
        for (int t = 1; t <= pass.Steps; t++)
            for (int l = 0; l < pass.Layers; l++)
                Assert.Equal(plain.Membrane(l, t), filtered.Membrane(l, t));
    }

    [Theory]
    [InlineData(0.5f, 4.0)]   // output cells below threshold throughout: only the trace's future effect is left out
    [InlineData(1f, 1.5)]     // output cells firing at ~3 %: the reset is left out too
    public void With_the_membrane_time_constant_the_output_update_points_closer_to_the_bptt_gradient(float weightScale, double margin)
    {
        // The output layer's update has no feedback in it: its only departure from BPTT is time-locality, which the
        // eligibility trace (τe = τm) removes in part. Mean over several seeds, so one lucky batch cannot pass it.
        double plainSum = 0, filteredSum = 0;
        const int seeds = 4;
        for (ulong seed = 1; seed <= seeds; seed++)
        {
            var pass = new RecordedPass([40, 30, 10], batch: 8, steps: 8, new DirectEncoder(), seed: 20 + seed, inputScale: 0.5f, weightScale: weightScale);
            var (bptt, _, _) = pass.Run(Rule("bptt", pass));
            var (plain, _, _) = pass.Run(Rule("microcircuit", pass));
            pass.Network.EligibilityDecay = SynapticEligibility.Decay(pass.Lif.TauMembrane);
            var (filtered, _, _) = pass.Run(Rule("microcircuit", pass));
            plainSum += UpdateAngle.PerLayer(plain, bptt)[^1];
            filteredSum += UpdateAngle.PerLayer(filtered, bptt)[^1];
        }
        double plainMean = plainSum / seeds, filteredMean = filteredSum / seeds;
        TestContext.Current.TestOutputHelper?.WriteLine($"output layer vs BPTT: plain {plainMean:F1}°, eligibility {filteredMean:F1}°");
        Assert.True(filteredMean < plainMean - margin, $"eligibility {filteredMean:F1}° is not {margin}° closer than plain {plainMean:F1}°");
    }

    [Fact]
    public void The_time_constant_gives_the_decay_and_zero_is_off()
    {
        Assert.Equal(0.8f, SynapticEligibility.Decay(5f), 6);
        Assert.Equal(0f, SynapticEligibility.Decay(0f));
        var experiment = new Experiment(new TrainingOptions { EligibilityTau = 4f, Epochs = 1 }, DatasetCatalogue.Load("digits"));
        Assert.Equal(0.75f, experiment.Network.EligibilityDecay, 6);
        Assert.False(new Experiment(new TrainingOptions { Epochs = 1 }, DatasetCatalogue.Load("digits")).Network.HasEligibility);
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(1f)]
    [InlineData(-2f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void A_time_constant_that_is_not_above_one_step_is_refused_in_one_line(float tau)
    {
        var e = Assert.ThrowsAny<MicrocircuitException>(() => new TrainingOptions { EligibilityTau = tau }.Validate());
        Assert.Contains("eligibility_tau", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
