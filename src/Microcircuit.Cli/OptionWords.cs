using Microcircuit.Circuits;
using Microcircuit.Encoding;
using Microcircuit.Errors;
using Microcircuit.Losses;
using Microcircuit.Neurons;
using Microcircuit.Optimizers;

namespace Microcircuit.Cli;

/// <summary>The words the options accept for each choice, and a one-line error listing them for anything else.</summary>
public static class OptionWords
{
    public static OptimizerKind Optimizer(string word) => word.ToLowerInvariant() switch
    {
        "adam" or "adamw" => OptimizerKind.Adam,
        "sgd" => OptimizerKind.Sgd,
        "manhattan" or "batch-manhattan" => OptimizerKind.BatchManhattan,
        _ => throw Unknown("--optimizer", word, "adam, sgd, manhattan"),
    };

    /// <summary>The word <c>--optimizer</c> and presets spell this optimiser with (the inverse of <see cref="Optimizer"/>).</summary>
    public static string Word(OptimizerKind optimizer) => optimizer switch
    {
        OptimizerKind.Adam => "adam",
        OptimizerKind.Sgd => "sgd",
        OptimizerKind.BatchManhattan => "batch-manhattan",
        _ => throw new ArgumentOutOfRangeException(nameof(optimizer)),
    };

    public static LearningRateSchedule Schedule(string word) => word.ToLowerInvariant() switch
    {
        "constant" => LearningRateSchedule.Constant,
        "cosine" => LearningRateSchedule.Cosine,
        _ => throw Unknown("--schedule", word, "constant, cosine"),
    };

    public static EncoderKind Encoder(string word) => word.ToLowerInvariant() switch
    {
        "direct" => EncoderKind.Direct,
        "rate" or "bernoulli" or "poisson" => EncoderKind.Rate,
        "latency" => EncoderKind.Latency,
        "events" => EncoderKind.Events,
        _ => throw Unknown("--encoder", word, "direct, rate, latency, events"),
    };

    public static ErrorCellMode ErrorCells(string word) => word.ToLowerInvariant() switch
    {
        "graded" => ErrorCellMode.Graded,
        "spiking" => ErrorCellMode.Spiking,
        _ => throw Unknown("--error-cells", word, "graded, spiking"),
    };

    public static ErrorCoding ErrorCoding(string word) => word.ToLowerInvariant() switch
    {
        "sigma-delta" or "integrate-and-fire" => Circuits.ErrorCoding.SigmaDelta,
        "bernoulli" => Circuits.ErrorCoding.Bernoulli,
        _ => throw Unknown("--error-coding", word, "sigma-delta, bernoulli"),
    };

    public static ErrorGain ErrorGain(string word) => word.ToLowerInvariant() switch
    {
        "adaptive" => Circuits.ErrorGain.Adaptive,
        "fixed" => Circuits.ErrorGain.Fixed,
        _ => throw Unknown("--error-gain", word, "adaptive, fixed"),
    };

    public static HebbianForm Hebbian(string word) => word.ToLowerInvariant() switch
    {
        "trace" => HebbianForm.Trace,
        "stdp" => HebbianForm.Stdp,
        _ => throw Unknown("--hebbian", word, "trace, stdp"),
    };

    public static LossKind Loss(string word) => word.ToLowerInvariant() switch
    {
        "spike-train" or "train" => LossKind.SpikeTrain,
        "count" or "spike-count" => LossKind.SpikeCount,
        _ => throw Unknown("--loss", word, "spike-train, count"),
    };

    public static GateKind Gate(string word) => word.ToLowerInvariant() switch
    {
        "logistic" => GateKind.Logistic,
        "boxcar" => GateKind.Boxcar,
        "none" => GateKind.None,
        _ => throw Unknown("--gate", word, "logistic, boxcar, none"),
    };

    private static MicrocircuitException Unknown(string option, string word, string choices) =>
        new(ErrorKind.InvalidOption, $"{option} '{word}' is not one of: {choices}.");
}
