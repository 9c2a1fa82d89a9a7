using Microcircuit.Compute.Cpu;
using Microcircuit.Data;
using Microcircuit.Encoding;
using Microcircuit.Layers;
using Microcircuit.Losses;
using Microcircuit.Neurons;
using Microcircuit.Randomness;
using Microcircuit.Training;

namespace Microcircuit.Tests.Training;

/// <summary>
/// Test-time flip averaging (<c>microcircuit eval --flip-average</c>): each image is presented as it is and mirrored,
/// and the class is read from the two presentations' summed spike counts, ties broken by the summed membranes.
/// </summary>
public sealed class FlipAverageTests
{
    private const int Samples = 40, Classes = 4, Steps = 5;
    private static readonly ImageShape Shape = new(2, 6, 7);
    private static readonly LifParameters Lif = new(5f, 3f);
    private static readonly Normalisation Scale = new(255f, [0.3f, 0.5f], [0.2f, 0.25f]);

    [Fact]
    public void Mirroring_reverses_every_row_of_every_channel_of_every_image()
    {
        var shape = new ImageShape(2, 2, 3);
        var images = Enumerable.Range(0, 2 * shape.Size + 1).Select(i => (float)i).ToArray();
        HorizontalMirror.Apply(images, shape, 2);
        Assert.Equal([2, 1, 0, 5, 4, 3, 8, 7, 6, 11, 10, 9, 14, 13, 12, 17, 16, 15, 20, 19, 18, 23, 22, 21, 24f], images);
        Assert.Throws<ArgumentException>(() => HorizontalMirror.Apply(new float[2 * shape.Size - 1], shape, 2));
    }

    [Fact]
    public void The_class_comes_from_both_presentations_summed_and_loss_and_rates_are_their_mean()
    {
        var random = new SeededRandom(11);
        var pixels = new byte[Samples * Shape.Size];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)random.NextInt(256);
        var mirrored = MirrorBytes(pixels);

        // The class each image gets from its two presentations' summed counts and membranes, run by hand.
        var (plainCounts, plainSums) = Outputs(pixels);
        var (mirrorCounts, mirrorSums) = Outputs(mirrored);
        var labels = new byte[Samples];
        for (int s = 0; s < Samples; s++)
        {
            int best = 0;
            for (int c = 1; c < Classes; c++)
            {
                int i = s * Classes + c, j = s * Classes + best;
                float count = plainCounts[i] + mirrorCounts[i], bestCount = plainCounts[j] + mirrorCounts[j];
                if (count > bestCount || (count == bestCount && plainSums[i] + mirrorSums[i] > plainSums[j] + mirrorSums[j])) best = c;
            }
            labels[s] = (byte)best;
        }

        var plain = Evaluate(new DatasetSplit(pixels, labels, Shape.Size), mirror: false);
        var flipped = Evaluate(new DatasetSplit(mirrored, labels, Shape.Size), mirror: false);
        var both = Evaluate(new DatasetSplit(pixels, labels, Shape.Size), mirror: true);

        Assert.Equal(1.0, both.Accuracy);
        // The summed reading differs from either presentation alone for some images, so this test can fail.
        Assert.True(plain.Accuracy < 1.0 && flipped.Accuracy < 1.0, $"plain {plain.Accuracy}, mirrored {flipped.Accuracy}");
        Assert.Equal((plain.Loss + flipped.Loss) / 2, both.Loss, 9);
        for (int l = 0; l < both.FiringRates.Count; l++)
            Assert.Equal((plain.FiringRates[l] + flipped.FiringRates[l]) / 2, both.FiringRates[l], 12);
    }

    [Fact]
    public void A_mirror_shape_that_does_not_fit_the_network_is_refused()
    {
        var evaluator = new Evaluator(Network(), new SpikeTrainLoss(Lif, Steps, Classes), Steps, Samples, new ImageShape(1, 6, 7));
        var split = new DatasetSplit(new byte[Samples * Shape.Size], new byte[Samples], Shape.Size);
        Assert.Throws<ArgumentException>(() => evaluator.Evaluate(split, Scale, new SeededRandom(1), TestContext.Current.CancellationToken));
    }

    private static EvaluationResult Evaluate(DatasetSplit split, bool mirror) =>
        new Evaluator(Network(), new SpikeTrainLoss(Lif, Steps, Classes), Steps, batch: 16, mirror ? Shape : null)
            .Evaluate(split, Scale, new SeededRandom(1), TestContext.Current.CancellationToken);

    private static (float[] Counts, float[] MembraneSums) Outputs(byte[] pixels)
    {
        var split = new DatasetSplit(pixels, new byte[Samples], Shape.Size);
        var network = Network();
        var inputs = new float[Samples * Shape.Size];
        for (int s = 0; s < Samples; s++) split.CopyNormalised(s, inputs.AsSpan(s * Shape.Size, Shape.Size), Scale);
        var readout = new SpikeCountReadout();
        var counts = new float[Samples * Classes];
        var sums = new float[Samples * Classes];
        var random = new SeededRandom(1);
        for (int s = 0; s < Samples; s++)
        {
            // One image at a time: the evaluator's batches must not change any sample's outputs.
            network.BeginBatch(inputs.AsSpan(s * Shape.Size, Shape.Size), 1);
            readout.Reset(1, Classes);
            for (int t = 0; t < Steps; t++)
            {
                network.Advance(random, computeGates: false);
                readout.Accumulate(network.Output, network.Compute);
            }
            readout.Counts.CopyTo(counts.AsSpan(s * Classes, Classes));
            readout.MembraneSums.CopyTo(sums.AsSpan(s * Classes, Classes));
        }
        return (counts, sums);
    }

    private static SpikingNetwork Network()
    {
        var shape = NetworkNotation.Parse("6C3p1-P2-12-4", Shape, Classes);
        return new SpikingNetwork(shape, Lif, SurrogateGradient.Default, new DirectEncoder(), bias: false, new SeededRandom(5), initGain: 2f)
        {
            EventDrivenDensity = 0f,
        };
    }

    private static byte[] MirrorBytes(byte[] pixels)
    {
        var mirrored = (byte[])pixels.Clone();
        for (int row = 0; row < Samples * Shape.Channels * Shape.Height; row++) Array.Reverse(mirrored, row * Shape.Width, Shape.Width);
        return mirrored;
    }
}
