using System.Globalization;
using System.Text;
using Microcircuit.Learning.Alignment;

namespace Microcircuit.Reporting;

/// <summary>alignment.csv: one row per measured batch, per layer the angles (degrees) to BPTT, to time-local BP, and of B to Wᵀ.</summary>
public static class AlignmentCsv
{
    public static string Format(IReadOnlyList<AlignmentSample> samples)
    {
        var text = new StringBuilder("epoch,batch");
        int layers = samples.Count == 0 ? 0 : samples[0].VersusBptt.Count;
        foreach (var kind in new[] { "bptt", "bp", "feedback" })
            for (int l = 1; l <= layers; l++) text.Append(CultureInfo.InvariantCulture, $",{kind}_l{l}");
        text.Append('\n');
        foreach (var s in samples)
        {
            text.Append(CultureInfo.InvariantCulture, $"{s.Epoch},{s.Batch}");
            foreach (var list in new[] { s.VersusBptt, s.VersusBp, s.FeedbackVersusForward })
                foreach (var v in list) text.Append(',').Append(double.IsFinite(v) ? v.ToString("F4", CultureInfo.InvariantCulture) : "");
            text.Append('\n');
        }
        return text.ToString();
    }
}
