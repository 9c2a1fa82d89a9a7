using Microcircuit.Circuits;
using Microcircuit.Compute;
using Microcircuit.Compute.Cpu;
using Microcircuit.Data;
using Microcircuit.Encoding;
using Microcircuit.Tests.Data;
using Microcircuit.Training;

namespace Microcircuit.Tests.Reliability;

/// <summary>A seed means the same bits: the same options give the same weights and metrics, whatever the thread count.</summary>
public sealed class DeterminismTests
{
    private static readonly LabelledDataset Digits = DatasetCatalogue.Load("digits");

    /// <summary>Wide enough (batch 100 × 256 cells) that the GEMM splits C among threads; every random stream in use.</summary>
    private static TrainingOptions Options(int threads, ulong seed = 11) => new()
    {
        Dataset = "digits", Hidden = [256], Epochs = 2, Batch = 100, Steps = 4, TrainLimit = 500, TestLimit = 200, Seed = seed,
        Encoder = EncoderKind.Rate, ErrorCells = ErrorCellMode.Spiking, AugmentShift = 1, Threads = threads,
    };

    private static (byte[] Weights, string[] Metrics) Train(TrainingOptions options)
    {
        var experiment = new Experiment(options, Digits);
        var result = new Trainer(experiment).Run(TestContext.Current.CancellationToken);
        return (RunFiles.WeightBytes(experiment), result.History.Select(RunFiles.Figures).ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void The_same_seed_and_thread_count_give_the_same_bits(int threads)
    {
        var first = Train(Options(threads));
        var second = Train(Options(threads));
        var otherSeed = Train(Options(threads, seed: 12));

        Assert.Equal(first.Weights, second.Weights);
        Assert.Equal(first.Metrics, second.Metrics);
        Assert.NotEqual(first.Weights, otherSeed.Weights);   // the comparison can tell runs apart
    }

    [Fact]
    public void The_thread_count_does_not_change_the_bits()
    {
        var one = Train(Options(1));
        foreach (int threads in new[] { 2, 3 })
        {
            var many = Train(Options(threads));
            Assert.True(one.Weights.AsSpan().SequenceEqual(many.Weights), $"--threads {threads} gives other weights than --threads 1");
            Assert.Equal(one.Metrics, many.Metrics);
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"--threads 1, 2 and 3: {one.Weights.Length} weight bytes identical; metrics {string.Join(" | ", one.Metrics)}");
    }

    /// <summary>
    /// A convolutional network on CIFAR-shaped images (synthetic files, 3×32×32), batch 10, with eligibility traces: big
    /// enough that the convolutions share images and output channels out between threads, and the first layers' LIF
    /// updates, pools, local errors and traces blocks of cells, and the bits still do not move.
    /// </summary>
    [Fact]
    public void The_thread_count_does_not_change_a_convolutional_network_s_bits()
    {
        using var scratch = new ScratchFolder();
        string folder = scratch.Folder("cifar");
        foreach (string file in DatasetDefinition.TrainBatches.Append(DatasetDefinition.TestBatch))
            SyntheticFiles.Write(Path.Combine(folder, file), SyntheticFiles.CifarBatch(12, i => (byte)(i * 7 % 10)), gzip: false);
        var data = CifarDatasetLoader.Load(new DatasetSearchPath(folder, [], useSystemFolders: false).Locate(DatasetCatalogue.Definition("cifar10")),
            verify: false, recordsPerBatch: 12);
        var first = new ConvolutionShape(3, 32, 32, 64, 5, 5, 1, 2);
        Assert.True(ConvolutionSplit.ImageParts(first, 10, 3) == 3 && ConvolutionSplit.ChannelParts(first, 10, 3) == 2,
            "the first convolution is too small to be split, so the test would not exercise the split");
        Assert.True(ElementwiseSplit.Parts(10 * 64 * 32 * 32, 3) == 3, "the first layer's cells are too few to be split");

        TrainingOptions Conv(int threads) => new()
        {
            Dataset = "cifar10", Net = "64C5p2-P2-24C3p1-P2-10", PoolThreshold = 0.25f, Epochs = 2, Batch = 10, Steps = 3,
            Seed = 5, AugmentShift = 2, AugmentFlip = true, EligibilityTau = 5, Threads = threads,
        };
        (byte[] Weights, string[] Metrics) Run(int threads)
        {
            var experiment = new Experiment(Conv(threads), data);
            var result = new Trainer(experiment).Run(TestContext.Current.CancellationToken);
            return (RunFiles.WeightBytes(experiment), result.History.Select(RunFiles.Figures).ToArray());
        }

        var one = Run(1);
        foreach (int threads in new[] { 2, 3 })
        {
            var many = Run(threads);
            Assert.True(one.Weights.AsSpan().SequenceEqual(many.Weights), $"--threads {threads} gives other convolution weights than --threads 1");
            Assert.Equal(one.Metrics, many.Metrics);
        }
    }
}
