using Microcircuit.Circuits;
using Microcircuit.Data;
using Microcircuit.Encoding;
using Microcircuit.Layers;
using Microcircuit.Learning;
using Microcircuit.Randomness;
using Microcircuit.Training;

namespace Microcircuit.Tests.Learning;

/// <summary>
/// What every credit-assignment rule must do, run against each rule by a one-line subclass: updates only from the
/// output error (none without it), linear in that error, the same for the same seed, the right shapes, and learning.
/// </summary>
public abstract class RuleContract
{
    protected abstract string Rule { get; }

    private ICreditAssignment Create(SpikingNetwork network, ulong seed = 5) =>
        CreditAssignmentRules.Create(Rule, network, ErrorCellMode.Graded, 1f, new SeededRandom(seed), new SeededRandom(seed + 1));

    private Gradients Run(RecordedPass pass, float errorScale, ulong seed = 5)
    {
        var rule = Create(pass.Network, seed);
        var gradients = new Gradients(pass.Network.Layers);
        var random = new SeededRandom(9);
        var error = new float[pass.Batch * pass.Sizes[^1]];
        pass.Network.BeginBatch(pass.Pixels, pass.Batch);
        rule.BeginBatch(pass.Network);
        for (int t = 1; t <= pass.Steps; t++)
        {
            pass.Network.Advance(random, computeGates: true);
            pass.Loss.Step(t, pass.Network.Output.ActiveSpan(pass.Network.Output.Trace), pass.Network.Output.ActiveSpan(pass.Network.Output.Spikes), pass.Labels, error);
            for (int i = 0; i < error.Length; i++) error[i] *= errorScale;
            rule.AfterStep(pass.Network, error, gradients);
        }
        rule.EndBatch(pass.Network, gradients);
        return gradients;
    }

    private static RecordedPass Pass(EncoderKind encoder = EncoderKind.Direct) =>
        new([20, 16, 12, 5], batch: 4, steps: 6, InputEncoders.Create(encoder, 6), seed: 21, weightScale: encoder == EncoderKind.Rate ? 3f : 1f);

    [Fact]
    public void No_output_error_means_no_update()
    {
        var g = Run(Pass(), errorScale: 0f);
        Assert.All(g.Weights, w => Assert.All(w, x => Assert.Equal(0f, x)));
    }

    [Theory]
    [InlineData(EncoderKind.Direct)]
    [InlineData(EncoderKind.Rate)]
    public void The_update_is_linear_in_the_output_error_and_reaches_every_layer(EncoderKind encoder)
    {
        var once = Run(Pass(encoder), 1f);
        var twice = Run(Pass(encoder), 2f);
        for (int l = 0; l < once.Weights.Length; l++)
        {
            Assert.Contains(once.Weights[l], x => x != 0f);
            for (int i = 0; i < once.Weights[l].Length; i++)
                Assert.Equal(2.0 * once.Weights[l][i], twice.Weights[l][i], 1e-5 * (1 + Math.Abs(twice.Weights[l][i])));
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_update()
    {
        var a = Run(Pass(), 1f);
        var b = Run(Pass(), 1f);
        for (int l = 0; l < a.Weights.Length; l++) Assert.Equal(a.Weights[l], b.Weights[l]);
    }

    [Fact]
    public void It_learns_the_digits()
    {
        var options = new TrainingOptions { Dataset = "digits", Rule = Rule, Hidden = [64], Epochs = 8, Batch = 25, LearningRate = 2e-3f, Seed = 3 };
        var result = new Trainer(new Experiment(options, Digits.Value)).Run(TestContext.Current.CancellationToken);
        Assert.True(result.Final.TestAccuracy > 0.8, $"{Rule}: test accuracy {result.Final.TestAccuracy:F3} after 8 epochs");
    }

    private static readonly Lazy<LabelledDataset> Digits = new(() => DatasetCatalogue.Load("digits"));
}

public sealed class MicrocircuitRuleContract : RuleContract { protected override string Rule => "microcircuit"; }
public sealed class BpttRuleContract : RuleContract { protected override string Rule => "bptt"; }
public sealed class BpRuleContract : RuleContract { protected override string Rule => "bp"; }
public sealed class FaRuleContract : RuleContract { protected override string Rule => "fa"; }
public sealed class DfaRuleContract : RuleContract { protected override string Rule => "dfa"; }
public sealed class UsfRuleContract : RuleContract { protected override string Rule => "usf"; }
public sealed class BrsfRuleContract : RuleContract { protected override string Rule => "brsf"; }
public sealed class FrsfRuleContract : RuleContract { protected override string Rule => "frsf"; }
