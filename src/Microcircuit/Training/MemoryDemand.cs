using System.Globalization;
using Microcircuit.Errors;
using Microcircuit.Layers;

namespace Microcircuit.Training;

/// <summary>
/// What a run asks of memory, said in sizes, for the error that reports running out of it: the network's weights
/// (a training run holds several copies: weights, feedback, gradients, optimiser moments), the cells a sample drives
/// through T steps and the mini-batch, beside what the process may use.
/// </summary>
public static class MemoryDemand
{
    /// <summary>The one-line error for an <see cref="OutOfMemoryException"/> met while <paramref name="stage"/>.</summary>
    /// <param name="stage">What the run was doing, e.g. "building the network" or "evaluating".</param>
    public static OptionException Shortage(string stage, TrainingOptions options, NetworkShape? shape, OutOfMemoryException inner)
    {
        var o = options.Resolve();
        string network = shape is null
            ? $"network {o.Net ?? string.Join('-', o.Hidden ?? [])}"
            : $"network {shape} ({Weights(shape).ToString("N0", CultureInfo.InvariantCulture)} weights, {Mib(Weights(shape) * sizeof(float))} per copy; {Cells(shape).ToString("N0", CultureInfo.InvariantCulture)} cells per sample)";
        string available = Mib(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        string key = shape?.IsConvolutional == true || o.Net is not null ? "net" : "hidden";
        return new OptionException(key,
            $"out of memory while {stage}: {OptionException.Quote(network)}, {{batch}} {o.Batch}, {{steps}} (T) {o.Steps}; this process may use {available}; " +
            $"use smaller {(key == "net" ? "layers in {net}" : "{hidden} sizes")}, a smaller {{batch}} or fewer {{steps}}.", inner);
    }

    /// <summary>Plastic weights of the whole network.</summary>
    public static long Weights(NetworkShape shape)
    {
        long total = 0;
        for (int l = 0; l < shape.Layers.Count; l++) total += shape.WeightCount(l);
        return total;
    }

    /// <summary>Cells above the input, per sample.</summary>
    public static long Cells(NetworkShape shape) => shape.Shapes.Skip(1).Sum(s => s.LongSize);

    private static string Mib(long bytes) =>
        bytes >= 1L << 30
            ? (bytes / (double)(1L << 30)).ToString("F1", CultureInfo.InvariantCulture) + " GiB"
            : (bytes / (double)(1L << 20)).ToString("F1", CultureInfo.InvariantCulture) + " MiB";
}
