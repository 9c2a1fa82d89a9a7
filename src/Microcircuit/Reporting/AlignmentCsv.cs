using System.Globalization;
using System.Text;
using Microcircuit.Errors;
using Microcircuit.Learning.Alignment;

namespace Microcircuit.Reporting;

/// <summary>
/// alignment.csv: one row per measured batch, per layer the angles (degrees) to BPTT, to time-local BP, of B to Wᵀ
/// and, for the spiking microcircuit, to its graded twin's update on the same batch.
/// </summary>
public static class AlignmentCsv
{
    private static readonly string[] Kinds = ["bptt", "bp", "feedback", "graded"];

    public static string Format(IReadOnlyList<AlignmentSample> samples)
    {
        var text = new StringBuilder("epoch,batch");
        int layers = samples.Count == 0 ? 0 : samples[0].VersusBptt.Count;
        bool graded = samples.Any(s => s.VersusGraded is not null);
        foreach (var kind in graded ? Kinds : Kinds[..3])
            for (int l = 1; l <= layers; l++) text.Append(CultureInfo.InvariantCulture, $",{kind}_l{l}");
        text.Append('\n');
        foreach (var s in samples)
        {
            text.Append(CultureInfo.InvariantCulture, $"{s.Epoch},{s.Batch}");
            IEnumerable<IReadOnlyList<double>> lists = [s.VersusBptt, s.VersusBp, s.FeedbackVersusForward];
            if (graded) lists = lists.Append(s.VersusGraded ?? Enumerable.Repeat(double.NaN, layers).ToArray());
            foreach (var list in lists)
                foreach (var v in list) text.Append(',').Append(double.IsFinite(v) ? v.ToString("F4", CultureInfo.InvariantCulture) : "");
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Reads an alignment.csv back (empty cells are NaN); <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<AlignmentSample> Parse(string text, string source)
    {
        string[] lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || !lines[0].StartsWith("epoch,batch", StringComparison.Ordinal))
            throw new MicrocircuitException(ErrorKind.Io, $"{source} is not an alignment.csv written by 'microcircuit train'; remove it or train again.");
        string[] header = lines[0].Split(',');
        int[][] columns = Kinds.Select(k => Enumerable.Range(0, header.Length).Where(i => header[i].StartsWith(k + "_l", StringComparison.Ordinal)).ToArray()).ToArray();
        var samples = new List<AlignmentSample>(lines.Length - 1);
        for (int row = 1; row < lines.Length; row++)
        {
            string[] cells = lines[row].Split(',');
            if (cells.Length != header.Length)
                throw new MicrocircuitException(ErrorKind.Io, $"{source}: line {row + 1} has {cells.Length} fields where the header has {header.Length}; remove it or train again.");
            double Cell(int c) => double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
            double[] Of(int kind) => columns[kind].Select(Cell).ToArray();
            samples.Add(new AlignmentSample((int)Cell(0), (long)Cell(1), Of(0), Of(1), Of(2), columns[3].Length > 0 ? Of(3) : null));
        }
        return samples;
    }
}
