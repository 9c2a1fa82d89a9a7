using Microcircuit.Compute;
using Microcircuit.Data;
using Microcircuit.Neurons;
using Microcircuit.Tests.Data.Files;
using Microcircuit.Training;

namespace Microcircuit.Tests.Library;

/// <summary>
/// A cell model is a type: one defined here (an integrate-and-fire cell that resets by subtraction) trains through the
/// public API with the rules that read the gate, BPTT says it cannot differentiate it, and the LIF model reproduces the
/// LIF cell exactly.
/// </summary>
public sealed class NeuronModelTests
{
    /// <summary>u[t] = λ·u[t−1] − θ·s[t−1] + I[t]; s[t] = u[t] &gt; θ; a[t] = (1 − 1/τs)·a[t−1] + s[t]/τs; g = the surrogate at u[t].</summary>
    private sealed class SubtractiveResetCell(float leak, float tauSynapse, float threshold) : INeuronModel
    {
        public int Steps;
        public float Threshold => threshold;

        public INeuronModel WithThreshold(float value) => new SubtractiveResetCell(leak, tauSynapse, value);

        public float Step(IComputeBackend compute, SurrogateGradient? gate, ReadOnlySpan<float> input, float scale, Span<float> membrane, Span<float> spikes,
            Span<float> trace, Span<float> gateOut)
        {
            Steps++;
            float fired = 0f, decay = 1f - 1f / tauSynapse;
            for (int i = 0; i < input.Length; i++)
            {
                float u = leak * membrane[i] - threshold * spikes[i] + scale * input[i];
                float s = u > threshold ? 1f : 0f;
                membrane[i] = u;
                spikes[i] = s;
                trace[i] = decay * trace[i] + s / tauSynapse;
                fired += s;
            }
            if (gate is { } g) compute.EvaluateGate(g.Function(threshold), membrane[..input.Length], gateOut);
            return fired;
        }
    }

    private static LabelledDataset Data()
    {
        var (xt, yt) = SeparableImages.Make(600, 31);
        var (xs, ys) = SeparableImages.Make(200, 32);
        return LabelledDataset.Create("quadrants", 1, 8, 8, ["a", "b", "c", "d"],
            DatasetSplit.FromBytes(xt, Array.ConvertAll(yt, l => (byte)l), 64), DatasetSplit.FromBytes(xs, Array.ConvertAll(ys, l => (byte)l), 64));
    }

    private static readonly TrainingOptions Options = new() { Hidden = [48], Epochs = 4, Steps = 5, LearningRate = 2e-3f, Batch = 20, Seed = 9 };

    [Theory]
    [InlineData("microcircuit")]
    [InlineData("fa")]
    public void A_cell_model_of_ones_own_trains_with_the_rules_that_read_the_gate(string rule)
    {
        SubtractiveResetCell? cell = null;
        var parts = new ExperimentParts(Neuron: lif => cell = new SubtractiveResetCell(0.8f, lif.TauSynapse, lif.Threshold));
        var experiment = new Experiment(Options with { Rule = rule }, Data(), parts);
        var result = new Trainer(experiment).Run(TestContext.Current.CancellationToken);
        Assert.Same(cell, experiment.Network.Neuron);
        Assert.True(cell!.Steps > 0);
        Assert.True(result.Final.TestAccuracy >= 0.9, $"{rule}: test accuracy {result.Final.TestAccuracy}");
    }

    [Fact]
    public void Bptt_says_it_differentiates_only_the_lif_cell()
    {
        var parts = new ExperimentParts(Neuron: lif => new SubtractiveResetCell(0.8f, lif.TauSynapse, lif.Threshold));
        var e = Assert.Throws<Errors.MicrocircuitException>(() => new Experiment(Options with { Rule = "bptt" }, Data(), parts));
        Assert.Contains("SubtractiveResetCell", e.Message);
    }

    [Fact]
    public void The_lif_model_given_explicitly_is_the_default_cell_bit_for_bit()
    {
        var plain = new Experiment(Options, Data());
        var given = new Experiment(Options, Data(), new ExperimentParts(Neuron: lif => new LifModel(lif)));
        new Trainer(plain).Run(TestContext.Current.CancellationToken);
        new Trainer(given).Run(TestContext.Current.CancellationToken);
        for (int l = 0; l < plain.Network.Layers.Count; l++)
            Assert.Equal(plain.Network.Layers[l].Weights, given.Network.Layers[l].Weights);
    }
}
