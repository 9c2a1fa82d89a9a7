using System.Globalization;
using System.Text;
using Microcircuit.Analysis;

namespace Microcircuit.Reporting;

/// <summary>
/// comparison.csv (one row per rule, seed and epoch) and comparison.json (per rule: mean ± std test accuracy over
/// seeds, samples/s, final per-layer angle to BPTT and to time-local BP, feedback-to-forward angle; NaN as null).
/// </summary>
public static class ComparisonFiles
{
    public static string Csv(ComparisonResult result)
    {
        var text = new StringBuilder("rule,seed,epoch,train_loss,train_accuracy,test_accuracy,samples_per_second");
        int layers = result.Runs[0].History[0].TestFiringRates.Count;
        for (int l = 1; l <= layers; l++) text.Append(",align_bptt_l").Append(l);
        text.Append('\n');
        foreach (var run in result.Runs)
            foreach (var h in run.History)
            {
                text.Append(CultureInfo.InvariantCulture, $"{run.Rule},{run.Seed},{h.Epoch},{h.TrainLoss:R},{h.TrainAccuracy:R},{h.TestAccuracy:R},{h.SamplesPerSecond:F1}");
                for (int l = 0; l < layers; l++)
                    text.Append(',').Append(h.AlignmentVersusBptt is { } a ? a[l].ToString("F3", CultureInfo.InvariantCulture) : "");
                text.Append('\n');
            }
        return text.ToString();
    }

    public static string Json(ComparisonResult result)
    {
        var o = result.Options;
        var document = new ComparisonReport(
            FormatVersion: 1, o.Dataset, result.DataSource, o.Hidden, o.Epochs, o.Batch, o.Steps, o.LearningRate, o.AlignmentEvery,
            result.Rules.Select(rule => result.Summary(rule).WithLayers<double?[]?>(Nullable, NullableIfAny)).ToArray());
        return JsonFormat.Serialize(document);
    }

    private static double?[] Nullable(IReadOnlyList<double> values) => values.Select(v => double.IsFinite(v) ? v : (double?)null).ToArray();

    /// <summary>As <see cref="Nullable"/>, or null (the key left out) where no layer has a value.</summary>
    private static double?[]? NullableIfAny(IReadOnlyList<double> values) => values.Any(double.IsFinite) ? Nullable(values) : null;
}
