using System.Security.Cryptography;
using Microcircuit.Circuits;
using Microcircuit.Data;
using Microcircuit.Encoding;
using Microcircuit.Neurons;
using Microcircuit.Training;

namespace Microcircuit.Tests.Training;

/// <summary>
/// Speed work must not change what training computes. Each case trains a short run and compares the SHA-256 of its
/// final weights and biases with the value the code produced before the fused kernels (per-step LIF + gate + scaled
/// input current in one pass, gate ⊙ apical potential formed by the error cells, clamp and divergence check in one
/// pass) went in: bit for bit, since the fused passes keep every element's arithmetic and its order.
/// A change that alters the arithmetic on purpose must say so and renew these values.
/// </summary>
public sealed class PinnedWeightsTests
{
    private static readonly LabelledDataset Digits = DatasetCatalogue.Load("digits");

    // The spiking case names the paper's Bernoulli cells of a fixed δ_max, which were the only spiking cells when these
    // values were pinned; the sigma-delta cells that are now the default have a case of their own below. θ_pool = 1 was
    // the default when they were pinned (it is derived from the pool since), so the pooled network names it.
    private static TrainingOptions Run(string rule, bool bias, string? net, GateKind gate, ErrorCellMode cells) => new()
    {
        Dataset = "digits", Rule = rule, Bias = bias, Net = net, Hidden = net is null ? [40, 24] : null, Epochs = 1, Batch = 20, Steps = 6,
        Encoder = EncoderKind.Direct, LearningRate = 2e-3f, Seed = 7, TrainLimit = 200, TestLimit = 40, Gate = gate, ErrorCells = cells,
        ErrorCoding = ErrorCoding.Bernoulli, ErrorGain = ErrorGain.Fixed, ErrorBurst = 1, PoolThreshold = 1f,
    };

    /// <summary>
    /// The default spiking error cells (sigma-delta, adaptive gain, bursts of up to 16), pinned when they became the
    /// default (2026-12-05), so later speed work keeps their bits too.
    /// </summary>
    [Fact]
    public void A_short_run_with_the_default_spiking_error_cells_keeps_its_weights()
    {
        var options = Run("microcircuit", false, null, GateKind.Logistic, ErrorCellMode.Spiking) with
        {
            ErrorCoding = ErrorCoding.SigmaDelta, ErrorGain = ErrorGain.Adaptive, ErrorBurst = 16,
        };
        Assert.Equal(new TrainingOptions().ErrorCellCoding, options.ErrorCellCoding with { SpikeValue = 1f });
        var experiment = new Experiment(options, Digits);
        new Trainer(experiment).Run(TestContext.Current.CancellationToken);
        var bytes = experiment.Network.Layers.SelectMany(l => l.Weights.Concat(l.Bias ?? []).SelectMany(BitConverter.GetBytes)).ToArray();
        Assert.Equal("8e73a3f59f2a970d", Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]);
    }

    [Theory]
    [InlineData("microcircuit", false, null, GateKind.Logistic, ErrorCellMode.Graded, "84a3b4c7e100f6e6")]
    [InlineData("microcircuit", true, null, GateKind.Logistic, ErrorCellMode.Graded, "15b918d42b52d7c1")]
    [InlineData("microcircuit", false, null, GateKind.Boxcar, ErrorCellMode.Spiking, "3cfb89d6beb332f9")]
    [InlineData("microcircuit", false, null, GateKind.None, ErrorCellMode.Graded, "e41d2ac3ec520e49")]
    [InlineData("microcircuit", false, "4C3p1-P2-16-10", GateKind.Logistic, ErrorCellMode.Graded, "7c655a5c1bba8843")]
    [InlineData("bptt", false, null, GateKind.Logistic, ErrorCellMode.Graded, "cd69a23ba6825d50")]
    [InlineData("fa", true, null, GateKind.Logistic, ErrorCellMode.Graded, "9cac4d12ab20d418")]
    [InlineData("frsf", false, null, GateKind.Logistic, ErrorCellMode.Graded, "84a3b4c7e100f6e6")]   // = the graded microcircuit's, as it should be
    [InlineData("fa", false, "4C3p1-P2-16-10", GateKind.Logistic, ErrorCellMode.Graded, "9b525dbc958bdfb0")]
    [InlineData("dfa", false, null, GateKind.Logistic, ErrorCellMode.Graded, "faffba5eb001cbe4")]
    public void A_short_run_ends_with_the_weights_it_had_before_the_speed_work(string rule, bool bias, string? net, GateKind gate, ErrorCellMode cells, string expected)
    {
        var experiment = new Experiment(Run(rule, bias, net, gate, cells), Digits);
        new Trainer(experiment).Run(TestContext.Current.CancellationToken);
        var bytes = experiment.Network.Layers.SelectMany(l => l.Weights.Concat(l.Bias ?? []).SelectMany(BitConverter.GetBytes)).ToArray();
        Assert.Equal(expected, Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]);
    }
}
