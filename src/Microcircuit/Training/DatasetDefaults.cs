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
        _ => new(1, 28, 28),
    };

    public static IReadOnlyList<string> Names { get; } = ["digits", "mnist", "fashion-mnist", "cifar10"];

    public static DatasetDefaults For(string dataset) => dataset switch
    {
        // The embedded 8×8 digits: 1,352 training samples, so more epochs and a larger step than the paper's.
        "digits" => new([200], 60, 2e-3f),
        // docs/paper.md §9: MNIST 784-800-10; Fashion-MNIST 784-400-400-10; Adam 5e-4.
        "mnist" => new([800], 20, 5e-4f),
        "fashion-mnist" => new([400, 400], 20, 5e-4f),
        "cifar10" => new([1024, 1024], 5, 5e-4f),
        _ => new([800], 1, 5e-4f),
    };
}
