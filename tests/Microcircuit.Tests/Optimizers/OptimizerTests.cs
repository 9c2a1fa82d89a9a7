using Microcircuit.Compute.Cpu;
using Microcircuit.Layers;
using Microcircuit.Learning;
using Microcircuit.Optimizers;

namespace Microcircuit.Tests.Optimizers;

public sealed class OptimizerTests
{
    private static (SpikingLayer Layer, Gradients Gradients) Setup(float[] weights, float[] grads)
    {
        var layer = new DenseLayer(weights.Length, 1, bias: false);
        weights.CopyTo(layer.Weights, 0);
        var g = new Gradients([layer]);
        grads.CopyTo(g.Weights[0], 0);
        return (layer, g);
    }

    [Fact]
    public void Adam_follows_the_bias_corrected_moment_formula()
    {
        float[] w0 = Enumerable.Range(0, 11).Select(i => 0.1f * i - 0.5f).ToArray();
        var (layer, g) = Setup(w0, w0.Select(x => 2 * x + 0.05f).ToArray());
        var adam = new Adam([layer], 0.01f);
        double[] w = w0.Select(x => (double)x).ToArray(), m = new double[11], v = new double[11];
        for (int step = 1; step <= 3; step++)
        {
            for (int i = 0; i < 11; i++) g.Weights[0][i] = (float)(2 * w[i] + 0.05);
            adam.Step(CpuBackend.Serial, [layer], g);
            for (int i = 0; i < 11; i++)
            {
                double gi = g.Weights[0][i];
                m[i] = 0.9 * m[i] + 0.1 * gi;
                v[i] = 0.999 * v[i] + 0.001 * gi * gi;
                w[i] -= 0.01 * (m[i] / (1 - Math.Pow(0.9, step))) / (Math.Sqrt(v[i] / (1 - Math.Pow(0.999, step))) + 1e-8);
                Assert.Equal(w[i], layer.Weights[i], 1e-5);
            }
        }
    }

    [Fact]
    public void Batch_manhattan_moves_each_weight_by_the_learning_rate_against_the_update_sign()
    {
        var (layer, g) = Setup([0.5f, 0.5f, 0.5f], [3f, -0.001f, 0f]);
        new BatchManhattan([layer], 0.1f).Step(CpuBackend.Serial, [layer], g);
        Assert.Equal([0.4f, 0.6f, 0.5f], layer.Weights);
    }

    [Fact]
    public void Batch_manhattan_with_momentum_steps_along_the_sign_of_the_running_sum()
    {
        // Weight 0 sees +1, then −0.5: the running sum m = 0.9·1 − 0.5 = 0.4 stays positive, so it keeps moving down,
        // where plain Batch Manhattan would turn round. Weight 1 sees −0.1 then +1: m = −0.09 + 1 > 0 turns it.
        var (layer, g) = Setup([0f, 0f], [1f, -0.1f]);
        var signum = new BatchManhattan([layer], 0.1f, momentum: 0.9f);
        signum.Step(CpuBackend.Serial, [layer], g);
        Assert.Equal([-0.1f, 0.1f], layer.Weights);
        g.Weights[0][0] = -0.5f;
        g.Weights[0][1] = 1f;
        signum.Step(CpuBackend.Serial, [layer], g);
        Assert.Equal(-0.2f, layer.Weights[0], 6);
        Assert.Equal(0f, layer.Weights[1], 6);
        Assert.Equal(0.4f, signum.Velocity[0][0], 6);
        Assert.Equal(0.91f, signum.Velocity[0][1], 6);

        var (plainLayer, plainG) = Setup([0f, 0f], [1f, -0.1f]);
        var plain = new BatchManhattan([plainLayer], 0.1f);
        plain.Step(CpuBackend.Serial, [plainLayer], plainG);
        plainG.Weights[0][0] = -0.5f;
        plain.Step(CpuBackend.Serial, [plainLayer], plainG);
        Assert.Equal(0f, plainLayer.Weights[0], 6);
        Assert.Empty(plain.Velocity);
    }

    [Fact]
    public void Relative_batch_manhattan_steps_each_layer_by_the_learning_rate_times_its_weight_rms()
    {
        // Two layers a hundredfold apart in scale: the plain rule moves both by η, the relative one by η·RMS(W) each,
        // the bias by its layer's step, and a pool between them (no weights) is passed over.
        var small = new DenseLayer(4, 1, bias: true);
        var pool = new PoolingLayer(new ImageShape(1, 2, 2), window: 2, threshold: 1f);
        var large = new DenseLayer(2, 1, bias: false);
        float[] w1 = [0.01f, -0.02f, 0.03f, -0.04f], w2 = [3f, -4f];
        w1.CopyTo(small.Weights, 0);
        w2.CopyTo(large.Weights, 0);
        SpikingLayer[] layers = [small, pool, large];
        var g = new Gradients(layers);
        float[] g1 = [1f, -1f, 0f, 2f], g2 = [-5f, 0.5f];
        g1.CopyTo(g.Weights[0], 0);
        g2.CopyTo(g.Weights[2], 0);
        g.Bias[0]![0] = -3f;

        new BatchManhattan(layers, 0.1f, relativeStep: true).Step(CpuBackend.Serial, layers, g);

        double rms1 = Math.Sqrt(w1.Sum(w => (double)w * w) / 4), rms2 = Math.Sqrt((9 + 16) / 2.0);
        for (int i = 0; i < 4; i++) Assert.Equal(w1[i] - 0.1 * rms1 * Math.Sign(g1[i]), small.Weights[i], 6);
        Assert.Equal(0.1 * rms1, small.Bias![0], 6);
        Assert.Equal(3 + 0.1 * rms2, large.Weights[0], 5);
        Assert.Equal(-4 - 0.1 * rms2, large.Weights[1], 5);
        Assert.NotEqual(w1[0] - 0.1f, small.Weights[0]);   // not the plain rule's absolute step
    }

    [Fact]
    public void Relative_step_outside_batch_manhattan_is_a_one_line_option_error()
    {
        foreach (var optimizer in new[] { OptimizerKind.Adam, OptimizerKind.Sgd })
        {
            var e = Assert.ThrowsAny<Microcircuit.Errors.MicrocircuitException>(() => new Microcircuit.Training.TrainingOptions { Optimizer = optimizer, RelativeStep = true }.Validate());
            Assert.Contains("relative_step", e.Message);
            Assert.DoesNotContain('\n', e.Message);
        }
        new Microcircuit.Training.TrainingOptions { Optimizer = OptimizerKind.BatchManhattan, RelativeStep = true }.Validate();
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(1f)]
    [InlineData(float.NaN)]
    public void Batch_manhattan_refuses_momentum_outside_zero_to_one(float momentum)
    {
        var (layer, _) = Setup([0f], [0f]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchManhattan([layer], 0.1f, momentum));
    }

    [Theory]
    [InlineData(OptimizerKind.Adam, 0.9f, "optimizer manhattan")]
    [InlineData(OptimizerKind.Sgd, 0.5f, "optimizer manhattan")]
    [InlineData(OptimizerKind.BatchManhattan, 1f, "[0, 1)")]
    [InlineData(OptimizerKind.BatchManhattan, -0.5f, "[0, 1)")]
    public void Momentum_outside_batch_manhattan_or_its_range_is_a_one_line_option_error(OptimizerKind optimizer, float momentum, string mentions)
    {
        var e = Assert.ThrowsAny<Microcircuit.Errors.MicrocircuitException>(() => new Microcircuit.Training.TrainingOptions { Optimizer = optimizer, Momentum = momentum }.Validate());
        Assert.Contains("momentum", e.Message);
        Assert.Contains(mentions, e.Message);
        new Microcircuit.Training.TrainingOptions { Optimizer = OptimizerKind.BatchManhattan, Momentum = 0.9f }.Validate();
    }

    [Fact]
    public void Sgd_clip_and_clamp()
    {
        var (layer, g) = Setup([3.9f, -3.9f], [-3f, 4f]);
        WeightConstraints.ClipNorm(CpuBackend.Serial, g, 1f);
        Assert.Equal(1.0, g.Norm(CpuBackend.Serial), 5);
        new Sgd(1f).Step(CpuBackend.Serial, [layer], g);
        Assert.Equal(3.9f + 0.6f, layer.Weights[0], 5);
        WeightConstraints.Clamp(CpuBackend.Serial, [layer], 4f);
        Assert.Equal([4f, -4f], layer.Weights);
    }

    [Theory]
    [InlineData(4f)]
    [InlineData(0f)]
    public void Clamp_reports_divergence_as_summing_the_clamped_weights_would(float limit)
    {
        const int n = 19;   // two vectors and a tail
        var (layer, _) = Setup(new float[n], new float[n]);
        Assert.True(WeightConstraints.Clamp(CpuBackend.Serial, [layer], limit));

        foreach (int at in new[] { 3, n - 1 })   // in a vector and in the tail
        {
            layer.Weights.AsSpan().Fill(1f);
            layer.Weights[at] = float.NaN;
            Assert.False(WeightConstraints.Clamp(CpuBackend.Serial, [layer], limit));

            layer.Weights.AsSpan().Fill(3e38f);   // their sum overflows unless the clamp bounds them first
            Assert.Equal(limit > 0f, WeightConstraints.Clamp(CpuBackend.Serial, [layer], limit));
        }
    }
}
