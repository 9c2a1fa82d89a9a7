using Microcircuit.Circuits;
using Microcircuit.Encoding;
using Microcircuit.Learning;
using Microcircuit.Learning.Alignment;
using Microcircuit.Learning.Feedback;
using Microcircuit.Randomness;

namespace Microcircuit.Tests.Learning;

/// <summary>Each baseline's defining formula, checked directly.</summary>
public sealed class RuleFormulaTests
{
    private static readonly float[] Weights = Enumerable.Range(0, 24).Select(i => (i % 3 - 1) * (0.1f + 0.05f * i)).ToArray();   // −, 0, + pattern

    private static float[] Refresh(IFeedbackWiring wiring, float[] weights)
    {
        var f = new float[weights.Length];
        wiring.Refresh(weights, f);
        return f;
    }

    [Fact]
    public void Usf_feedback_is_the_sign_of_the_forward_weights_times_one_scale()
    {
        var wiring = new UniformSignFeedback(4, 6);
        Assert.Equal(MathF.Sqrt(6f / 10f) / 2f, wiring.Scale, 6);
        var f = Refresh(wiring, Weights);
        for (int i = 0; i < f.Length; i++) Assert.Equal(MathF.Sign(Weights[i]) * wiring.Scale, f[i]);
    }

    [Fact]
    public void Brsf_redraws_its_magnitudes_every_batch_and_keeps_the_signs()
    {
        var wiring = new BatchRandomMagnitude(4, 6, new SeededRandom(3));
        var first = Refresh(wiring, Weights);
        var second = Refresh(wiring, Weights);
        Assert.NotEqual(first, second);
        for (int i = 0; i < first.Length; i++)
        {
            Assert.Equal(MathF.Sign(Weights[i]), MathF.Sign(first[i]));
            Assert.Equal(MathF.Sign(Weights[i]), MathF.Sign(second[i]));
        }
    }

    [Fact]
    public void Fa_feedback_is_fixed_and_ignores_the_forward_weights()
    {
        var wiring = new FixedRandomFeedback(4, 6, new SeededRandom(3));
        var first = Refresh(wiring, Weights);
        var other = Refresh(wiring, Weights.Select(w => -2 * w + 0.3f).ToArray());
        Assert.Equal(first, other);
        Assert.Contains(first, x => x > 0);
        Assert.Contains(first, x => x < 0);
        Assert.Contains(Enumerable.Range(0, 24), i => MathF.Sign(first[i]) != MathF.Sign(Weights[i]) && Weights[i] != 0);
    }

    [Fact]
    public void Bp_feedback_is_the_forward_weights()
    {
        Assert.Equal(Weights, Refresh(new TransposedWeights(), Weights));
    }

    [Fact]
    public void Dfa_sends_the_output_error_straight_to_every_hidden_layer()
    {
        var pass = new RecordedPass([20, 16, 12, 5], batch: 4, steps: 5, new DirectEncoder(), seed: 8);
        var rule = new DirectFeedbackAlignmentRule(pass.Network, new SeededRandom(4));
        var (g, rec, errors) = pass.Run(rule);
        int top = pass.Layers - 1, outputs = pass.Sizes[^1];
        for (int l = 0; l < top; l++)
        {
            int n = pass.Sizes[l + 1], m = pass.Sizes[l];
            var d = rule.DirectFeedback(l).ToArray();
            var expected = new double[n * m];
            for (int t = 1; t <= pass.Steps; t++)
                for (int b = 0; b < pass.Batch; b++)
                    for (int i = 0; i < n; i++)
                    {
                        double v = 0;
                        for (int o = 0; o < outputs; o++)
                            v += rec.Gate(top, t)[b * outputs + o] * errors[t - 1][b * outputs + o] * d[o * n + i];
                        double delta = rec.Gate(l, t)[b * n + i] * v;
                        var pre = l == 0 ? rec.InputTrace(t) : rec.Trace(l - 1, t);
                        for (int j = 0; j < m; j++) expected[i * m + j] += delta * pre[b * m + j] / pass.Batch;
                    }
            Assert.True(RecordedPass.MaxRelativeError(g.Weights[l], expected) <= 1e-5, $"layer {l + 1}");
        }
    }

    [Fact]
    public void The_graded_microcircuit_and_frsf_give_the_same_update_on_the_same_batch()
    {
        var pass = new RecordedPass([30, 24, 16, 6], batch: 5, steps: 5, new DirectEncoder(), seed: 12);
        var circuit = CreditAssignmentRules.Create("microcircuit", pass.Network, ErrorCellMode.Graded, 1f, new SeededRandom(7), new SeededRandom(8));
        var frsf = CreditAssignmentRules.Create("frsf", pass.Network, ErrorCellMode.Graded, 1f, new SeededRandom(7), new SeededRandom(8));
        var (a, _, _) = pass.Run(circuit);
        var (b, _, _) = pass.Run(frsf);
        var angles = UpdateAngle.PerLayer(a, b);
        TestContext.Current.TestOutputHelper?.WriteLine("microcircuit vs frsf: " + string.Join(", ", angles.Select(x => $"{x:E2}°")));
        Assert.All(angles, angle => Assert.True(angle < 0.01, $"angle {angle}° ≥ 0.01°"));
        Assert.Equal(a.Weights[0], b.Weights[0]);
    }

    [Fact]
    public void Angles_are_zero_for_equal_updates_ninety_for_orthogonal_and_nan_for_zero()
    {
        Assert.Equal(0, UpdateAngle.Degrees([1f, 2f, 3f], [2f, 4f, 6f]), 3);
        Assert.Equal(90, UpdateAngle.Degrees([1f, 0f], [0f, 5f]), 6);
        Assert.Equal(180, UpdateAngle.Degrees([1f, 1f], [-1f, -1f]), 3);
        Assert.True(double.IsNaN(UpdateAngle.Degrees([0f, 0f], [1f, 0f])));
    }
}
