using Microcircuit.Compute.Cpu;
using Microcircuit.Layers;
using Microcircuit.Learning.Feedback;
using Microcircuit.Randomness;

namespace Microcircuit.Tests.Learning;

public sealed class FeedbackWiringTests
{
    [Fact]
    public void Frsf_feedback_keeps_its_magnitudes_and_follows_the_forward_signs()
    {
        var wiring = new SignConcordantFixedMagnitude(4, 6, new SeededRandom(9));
        float bound = MathF.Sqrt(6f / 10f);
        Assert.All(wiring.Magnitude.ToArray(), m => Assert.InRange(m, 0f, bound));
        var w = Enumerable.Range(0, 24).Select(i => (i % 3 - 1) * (0.1f + i)).ToArray();   // −, 0, + pattern
        var f1 = new float[24];
        wiring.Refresh(w, f1);
        for (int i = 0; i < 24; i++) Assert.Equal(MathF.Sign(w[i]) * wiring.Magnitude[i], f1[i]);

        var flipped = w.Select(x => -3 * x).ToArray();   // new weights: other signs, other sizes
        var f2 = new float[24];
        wiring.Refresh(flipped, f2);
        for (int i = 0; i < 24; i++) Assert.Equal(-f1[i], f2[i]);
    }

    [Fact]
    public void Dale_clips_sign_flips_to_zero_and_keeps_the_initial_signs()
    {
        var layer = new DenseLayer(3, 1, bias: false);
        float[] initial = [0.5f, -0.5f, 0.2f];
        initial.CopyTo(layer.Weights, 0);
        layer.FixSigns();
        float[] updated = [-0.1f, -0.7f, 0.3f];
        updated.CopyTo(layer.Weights, 0);
        layer.EnforceFixedSigns(CpuBackend.Serial);
        Assert.Equal([0f, -0.7f, 0.3f], layer.Weights);
        Assert.Equal([1f, -1f, 1f], layer.FixedSigns!);
    }
}
