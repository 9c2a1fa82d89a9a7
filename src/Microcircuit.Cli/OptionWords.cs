using Microcircuit.Circuits;
using Microcircuit.Encoding;
using Microcircuit.Losses;
using Microcircuit.Neurons;
using Microcircuit.Optimizers;

namespace Microcircuit.Cli;

/// <summary>The words the options accept for each choice, and a one-line error listing them for anything else.</summary>
public static class OptionWords
{
    public static OptimizerKind Optimizer(string word) => Choose(word, "--optimizer",
        (OptimizerKind.Adam, ["adam", "adamw"]), (OptimizerKind.Sgd, ["sgd"]), (OptimizerKind.BatchManhattan, ["manhattan", "batch-manhattan"]));

    /// <summary>The word <c>--optimizer</c> and presets spell this optimiser with (the inverse of <see cref="Optimizer"/>).</summary>
    public static string Word(OptimizerKind optimizer) => optimizer switch
    {
        OptimizerKind.Adam => "adam",
        OptimizerKind.Sgd => "sgd",
        OptimizerKind.BatchManhattan => "batch-manhattan",
        _ => throw new ArgumentOutOfRangeException(nameof(optimizer)),
    };

    public static LearningRateSchedule Schedule(string word) => Choose(word, "--schedule",
        (LearningRateSchedule.Constant, ["constant"]), (LearningRateSchedule.Cosine, ["cosine"]));

    public static EncoderKind Encoder(string word) => Choose(word, "--encoder",
        (EncoderKind.Direct, ["direct"]), (EncoderKind.Rate, ["rate", "bernoulli", "poisson"]), (EncoderKind.Latency, ["latency"]), (EncoderKind.Events, ["events"]));

    public static ErrorCellMode ErrorCells(string word) => Choose(word, "--error-cells",
        (ErrorCellMode.Graded, ["graded"]), (ErrorCellMode.Spiking, ["spiking"]));

    public static ErrorCoding ErrorCoding(string word) => Choose(word, "--error-coding",
        (Circuits.ErrorCoding.SigmaDelta, ["sigma-delta", "integrate-and-fire"]), (Circuits.ErrorCoding.Bernoulli, ["bernoulli"]));

    public static ErrorGain ErrorGain(string word) => Choose(word, "--error-gain",
        (Circuits.ErrorGain.Adaptive, ["adaptive"]), (Circuits.ErrorGain.Fixed, ["fixed"]));

    public static HebbianForm Hebbian(string word) => Choose(word, "--hebbian",
        (HebbianForm.Trace, ["trace"]), (HebbianForm.Stdp, ["stdp"]));

    public static LossKind Loss(string word) => Choose(word, "--loss",
        (LossKind.SpikeTrain, ["spike-train", "train"]), (LossKind.SpikeCount, ["count", "spike-count"]));

    public static GateKind Gate(string word) => Choose(word, "--gate",
        (GateKind.Logistic, ["logistic"]), (GateKind.Boxcar, ["boxcar"]), (GateKind.None, ["none"]));

    /// <summary>
    /// The value one of whose words <paramref name="word"/> is, in any case; anything else is a one-line error that lists
    /// each value by its first word.
    /// </summary>
    private static T Choose<T>(string word, string option, params (T Value, string[] Words)[] choices)
    {
        string lower = word.ToLowerInvariant();
        foreach (var (value, words) in choices)
            if (words.Contains(lower)) return value;
        throw new MicrocircuitException(ErrorKind.InvalidOption, $"{option} '{word}' is not one of: {string.Join(", ", choices.Select(c => c.Words[0]))}.");
    }
}
