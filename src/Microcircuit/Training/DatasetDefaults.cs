using Microcircuit.Encoding;
using Microcircuit.Optimizers;

namespace Microcircuit.Training;

/// <summary>The network, epoch budget and learning rate a dataset gets when the options do not say.</summary>
public sealed record DatasetDefaults(IReadOnlyList<int> Hidden, int Epochs, float LearningRate, int Steps = 5, EncoderKind Encoder = EncoderKind.Direct,
    LearningRateSchedule Schedule = LearningRateSchedule.Constant, int AugmentShift = 0)
{
    /// <summary>The shape of one sample of a dataset, which a network description (--net) is built on.</summary>
    public static Layers.ImageShape Image(string dataset) => dataset switch
    {
        "digits" => new(1, 8, 8),
        "cifar10" => new(3, 32, 32),
        "nmnist" => new(2, 34, 34),
        "shd" => new(1, 1, 700),
        "dvs-gesture" => new(2, 128, 128),
        _ when Data.DatasetFiles.IsFile(dataset) => Data.DatasetFiles.SampleShape(dataset),
        _ => new(1, 28, 28),
    };

    /// <summary>The catalogue's datasets; a path ending in .npz or .csv names a user's file instead.</summary>
    public static IReadOnlyList<string> Names { get; } = ["digits", "mnist", "fashion-mnist", "cifar10", "nmnist", "shd", "dvs-gesture"];

    /// <summary>True when <paramref name="dataset"/> is a catalogue name or a dataset file's path.</summary>
    public static bool IsKnown(string dataset) => Names.Contains(dataset) || Data.DatasetFiles.IsFile(dataset);

    public static DatasetDefaults For(string dataset) => dataset switch
    {
        // The embedded 8×8 digits: 1,352 training samples, so more epochs and a larger step than the paper's.
        "digits" => new([200], 60, 2e-3f),
        // docs/paper.md §9: MNIST 784-800-10; Fashion-MNIST 784-400-400-10; Adam 5e-4.
        "mnist" => new([800], 20, 5e-4f),
        "fashion-mnist" => new([400, 400], 20, 5e-4f),
        "cifar10" => new([1024, 1024], 5, 5e-4f),
        // Event streams, binned into T frames: T = 25 steps spans a sample's window (N-MNIST ≈ 0.3 s, SHD ≈ 1 s, DVS ≈ 6 s).
        "nmnist" => new([800], 10, 5e-4f, Steps: 25, Encoder: EncoderKind.Events),
        "shd" => new([400], 30, 1e-3f, Steps: 50, Encoder: EncoderKind.Events),
        "dvs-gesture" => new([400], 30, 5e-4f, Steps: 25, Encoder: EncoderKind.Events),
        // A user's .npz or .csv file.
        _ => new([800], 10, 5e-4f),
    };
}
