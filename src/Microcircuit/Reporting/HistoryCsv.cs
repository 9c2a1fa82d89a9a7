using System.Globalization;
using System.Text;
using Microcircuit.Training;

namespace Microcircuit.Reporting;

/// <summary>history.csv: one row per epoch, firing rates per layer as rate_l1, rate_l2, ….</summary>
public static class HistoryCsv
{
    public static string Format(IReadOnlyList<EpochMetrics> history)
    {
        var text = new StringBuilder();
        int layers = history.Count == 0 ? 0 : history[0].TestFiringRates.Count;
        text.Append("epoch,train_loss,train_accuracy,test_loss,test_accuracy,train_seconds,samples_per_second");
        for (int l = 1; l <= layers; l++) text.Append(",rate_l").Append(l);
        bool aligned = history.Any(h => h.AlignmentVersusBptt is not null);
        if (aligned) for (int l = 1; l <= layers; l++) text.Append(",align_bptt_l").Append(l);
        text.Append('\n');
        foreach (var h in history)
        {
            text.Append(CultureInfo.InvariantCulture, $"{h.Epoch},{h.TrainLoss:R},{h.TrainAccuracy:R},{h.TestLoss:R},{h.TestAccuracy:R},{h.TrainSeconds:F3},{h.SamplesPerSecond:F1}");
            foreach (var r in h.TestFiringRates) text.Append(',').Append(r.ToString("R", CultureInfo.InvariantCulture));
            if (aligned)
                for (int l = 0; l < layers; l++)
                    text.Append(',').Append(h.AlignmentVersusBptt is { } a ? a[l].ToString("F3", CultureInfo.InvariantCulture) : "");
            text.Append('\n');
        }
        return text.ToString();
    }
}
