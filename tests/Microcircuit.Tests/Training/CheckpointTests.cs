using Microcircuit.Checkpoints;
using Microcircuit.Circuits;
using Microcircuit.Configuration;
using Microcircuit.Data;
using Microcircuit.Encoding;
using Microcircuit.Errors;
using Microcircuit.Optimizers;
using Microcircuit.Tests.Data;
using Microcircuit.Training;

namespace Microcircuit.Tests.Training;

public sealed class CheckpointTests
{
    private static readonly LabelledDataset Digits = DatasetCatalogue.Load("digits");

    /// <summary>Every random stream in use: rate input, spiking error cells, augmentation, cosine schedule, Dale signs.</summary>
    private static TrainingOptions Options(bool signum = false)
    {
        var options = new TrainingOptions
        {
            Dataset = "digits", Hidden = [32], Epochs = 3, Batch = 50, Steps = 4, Encoder = EncoderKind.Rate, ErrorCells = ErrorCellMode.Spiking,
            AugmentShift = 1, Schedule = LearningRateSchedule.Cosine, Dale = true, Bias = true, LearningRate = 2e-3f, Seed = 7,
            TrainLimit = 300, TestLimit = 100,
        };
        return signum ? options with { Optimizer = OptimizerKind.BatchManhattan, Momentum = 0.9f, LearningRate = 5e-4f, EligibilityTau = 5f } : options;
    }

    private static byte[] WeightBytes(Experiment x) =>
        x.Network.Layers.SelectMany(l => l.Weights.Concat(l.Bias ?? []).SelectMany(BitConverter.GetBytes)).ToArray();

    private static object Figures(EpochMetrics m) => (m.Epoch, m.TrainLoss, m.TrainAccuracy, m.TestLoss, m.TestAccuracy, string.Join(",", m.TestFiringRates));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]   // Batch Manhattan's momentum must travel in the checkpoint (and the eligibility option in its options)
    public void A_run_stopped_after_one_epoch_and_resumed_ends_exactly_as_an_uninterrupted_run(bool signum)
    {
        var token = TestContext.Current.CancellationToken;
        TrainingOptions Options() => CheckpointTests.Options(signum);
        var whole = new Experiment(Options(), Digits);
        var uninterrupted = new Trainer(whole).Run(token);

        using var folder = new ScratchFolder();
        using var stop = new CancellationTokenSource();
        var stopped = new Experiment(Options(), Digits);
        var first = new Trainer(stopped, new StopAfter(1, stop)) { Checkpoints = new CheckpointSchedule(folder.Path, 1) };
        Assert.Throws<OperationCanceledException>(() => first.Run(stop.Token));

        var checkpoint = CheckpointFile.Read(folder.Path);
        Assert.Equal(1, checkpoint.Epoch);
        var resumed = new Experiment(checkpoint.Options, Digits);
        checkpoint.Restore(resumed, folder.Path);
        var rest = new Trainer(resumed) { Completed = checkpoint.History }.Run(token);

        Assert.Equal(WeightBytes(whole), WeightBytes(resumed));
        Assert.Equal(uninterrupted.History.Select(Figures), rest.History.Select(Figures));
        Assert.NotEqual(WeightBytes(new Experiment(Options(), Digits)), WeightBytes(resumed));   // it did train
    }

    [Fact]
    public void A_checkpoint_round_trips_every_field()
    {
        var x = new Experiment(Options() with { Epochs = 1 }, Digits);
        var result = new Trainer(x).Run(TestContext.Current.CancellationToken);
        using var folder = new ScratchFolder();
        string path = folder["a.mcp"];
        var saved = Checkpoint.Capture(x, 1, result.History);
        CheckpointFile.Write(path, saved);
        var read = CheckpointFile.Read(path);

        Assert.Equal(ConfigFile.ToJson(saved.Options), ConfigFile.ToJson(read.Options));
        Assert.Equal(saved.LayerSizes, read.LayerSizes);
        for (int l = 0; l < saved.Layers.Count; l++)
        {
            Assert.Equal(saved.Layers[l].Weights, read.Layers[l].Weights);
            Assert.Equal(saved.Layers[l].Bias, read.Layers[l].Bias);
            Assert.Equal(saved.Layers[l].FixedSigns, read.Layers[l].FixedSigns);
        }
        Assert.Equal(saved.Optimizer.Steps, read.Optimizer.Steps);
        Assert.True(read.Optimizer.Steps > 0);
        Assert.Equal(saved.Optimizer.FirstMoments.SelectMany(m => m), read.Optimizer.FirstMoments.SelectMany(m => m));
        Assert.Equal(saved.Optimizer.SecondMoments.SelectMany(m => m), read.Optimizer.SecondMoments.SelectMany(m => m));
        Assert.Equal(saved.Random, read.Random);
        Assert.Equal(7, read.Random.Count);
        Assert.Equal(saved.History.Select(Figures), read.History.Select(Figures));
    }

    [Theory]
    [InlineData("truncated", "truncated")]
    [InlineData("header-only", "truncated")]
    [InlineData("magic", "magic")]
    [InlineData("version", "format version 99")]
    [InlineData("checksum", "checksum")]
    public void A_damaged_checkpoint_is_a_one_line_checkpoint_error(string damage, string mentions)
    {
        using var folder = new ScratchFolder();
        string path = folder["c.mcp"];
        var x = new Experiment(Options() with { Epochs = 1 }, Digits);
        CheckpointFile.Write(path, Checkpoint.Capture(x, 0, []));
        var bytes = File.ReadAllBytes(path);
        bytes = damage switch
        {
            "truncated" => bytes[..(bytes.Length - 100)],
            "header-only" => bytes[..30],
            "magic" => [(byte)'{', .. bytes[1..]],
            "version" => [.. bytes[..8], 99, 0, 0, 0, .. bytes[12..]],
            _ => Flip(bytes, bytes.Length - 5),
        };
        File.WriteAllBytes(path, bytes);
        var e = Assert.ThrowsAny<MicrocircuitException>(() => CheckpointFile.Read(path));
        Assert.Equal(ErrorKind.Checkpoint, e.Kind);
        Assert.Contains(mentions, e.Message);
        Assert.Contains(path, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_checkpoint_of_another_network_shape_is_refused()
    {
        using var folder = new ScratchFolder();
        var x = new Experiment(Options() with { Epochs = 1 }, Digits);
        CheckpointFile.Write(folder["c.mcp"], Checkpoint.Capture(x, 0, []));
        var other = new Experiment(Options() with { Hidden = [16] }, Digits);
        var e = Assert.ThrowsAny<MicrocircuitException>(() => CheckpointFile.Read(folder["c.mcp"]).Restore(other, "c.mcp"));
        Assert.Equal(ErrorKind.Checkpoint, e.Kind);
        Assert.Contains("64-32-10", e.Message);
        Assert.Contains("64-16-10", e.Message);
    }

    [Fact]
    public void A_missing_checkpoint_names_the_path()
    {
        using var folder = new ScratchFolder();
        var e = Assert.ThrowsAny<MicrocircuitException>(() => CheckpointFile.Read(folder.Path));
        Assert.Equal(ErrorKind.Checkpoint, e.Kind);
        Assert.Contains(CheckpointFile.FileName, e.Message);
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        bytes[at] ^= 0x40;
        return bytes;
    }
}
