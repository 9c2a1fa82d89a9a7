using Microcircuit.Encoding;
using Microcircuit.Optimizers;

namespace Microcircuit.Training;

/// <summary>The network, epoch budget and learning rate a dataset gets when the options do not say.</summary>
public sealed record DatasetDefaults(IReadOnlyList<int> Hidden, int Epochs, float LearningRate, int Steps = 5, EncoderKind Encoder = EncoderKind.Direct,
    LearningRateSchedule Schedule = LearningRateSchedule.Constant)
{
    public static IReadOnlyList<string> Names { get; } = ["digits", "mnist", "fashion-mnist", "cifar10"];

    public static DatasetDefaults For(string dataset) => dataset switch
    {
        // The embedded 8×8 digits have only 1,347 training samples and a network overfits them within a few
        // epochs (train 1.0, test ≈ 0.94 with direct input); Bernoulli rate coding over T = 20 adds input noise that
        // regularises; a cosine learning-rate decay settles the last epochs' epoch-to-epoch swings.
        "digits" => new([800], 60, 2e-3f, 20, EncoderKind.Rate, LearningRateSchedule.Cosine),
        // PAPER.md §9: MNIST 784-800-10; Fashion-MNIST 784-400-400-10; Adam 5e-4.
        "mnist" => new([800], 20, 5e-4f),
        "fashion-mnist" => new([400, 400], 20, 5e-4f),
        "cifar10" => new([1024, 1024], 5, 5e-4f),
        _ => new([800], 1, 5e-4f),
    };
}
