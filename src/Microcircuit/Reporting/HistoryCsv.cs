using System.Globalization;
using System.Text;
using Microcircuit.Errors;
using Microcircuit.Training;

namespace Microcircuit.Reporting;

/// <summary>
/// history.csv: one row per epoch, firing rates per layer as rate_l1, rate_l2, …; where measured, the angle to BPTT
/// (align_bptt_lN), the spiking error cells' rate and saturated fraction (error_rate_lN, error_saturation_lN) and the
/// angle of the spiking circuit's update to the graded one's (align_graded_lN).
/// </summary>
public static class HistoryCsv
{
    private static readonly string[] Leading =
        ["epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "train_seconds", "samples_per_second"];

    public static string Format(IReadOnlyList<EpochMetrics> history)
    {
        var text = new StringBuilder();
        int layers = history.Count == 0 ? 0 : history[0].TestFiringRates.Count;
        text.AppendJoin(',', Leading);
        for (int l = 1; l <= layers; l++) text.Append(",rate_l").Append(l);
        var extras = Extras.Where(e => history.Any(h => e.Of(h) is not null)).ToArray();
        foreach (var extra in extras)
            for (int l = 1; l <= layers; l++) text.Append(',').Append(extra.Prefix).Append(l);
        text.Append('\n');
        foreach (var h in history)
        {
            text.Append(CultureInfo.InvariantCulture, $"{h.Epoch},{h.TrainLoss:R},{h.TrainAccuracy:R},{h.TestLoss:R},{h.TestAccuracy:R},{h.TrainSeconds:F3},{h.SamplesPerSecond:F1}");
            foreach (var r in h.TestFiringRates) text.Append(',').Append(r.ToString("R", CultureInfo.InvariantCulture));
            foreach (var extra in extras)
                for (int l = 0; l < layers; l++)
                    text.Append(',').Append(extra.Of(h) is { } v ? v[l].ToString(extra.Format, CultureInfo.InvariantCulture) : "");
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Reads a history.csv back (as written by <see cref="Format"/>); <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<EpochMetrics> Parse(string text, string source)
    {
        string[] lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0) throw Malformed(source, "it is empty");
        string[] header = lines[0].Split(',');
        if (header.Length < Leading.Length || !header.AsSpan(0, Leading.Length).SequenceEqual(Leading))
            throw Malformed(source, $"its header does not start with {string.Join(',', Leading)}");
        int[] rates = Columns(header, "rate_l");
        int[][] extraColumns = Extras.Select(e => Columns(header, e.Prefix)).ToArray();
        var history = new List<EpochMetrics>(lines.Length - 1);
        for (int row = 1; row < lines.Length; row++)
        {
            string[] cells = lines[row].Split(',');
            if (cells.Length != header.Length)
                throw Malformed(source, $"line {row + 1} has {cells.Length} fields where the header has {header.Length}");
            double Cell(int column)
            {
                if (double.TryParse(cells[column], NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) return value;
                throw Malformed(source, $"line {row + 1}, column {header[column]}: '{cells[column]}' is not a number");
            }
            double epoch = Cell(0);
            if (epoch != Math.Floor(epoch) || epoch < 1) throw Malformed(source, $"line {row + 1}: epoch '{cells[0]}' is not a positive whole number");
            IReadOnlyList<double>? Extra(int e) => extraColumns[e].Length > 0 && extraColumns[e].All(c => cells[c].Length > 0) ? extraColumns[e].Select(Cell).ToArray() : null;
            history.Add(new EpochMetrics((int)epoch, Cell(1), Cell(2), Cell(3), Cell(4), Cell(5), Cell(6), rates.Select(Cell).ToArray(),
                Extra(0), Extra(1), Extra(2), Extra(3)));
        }
        if (history.Count == 0) throw Malformed(source, "it has a header but no epochs");
        return history;
    }

    /// <summary>The optional per-layer columns, in the order EpochMetrics holds them.</summary>
    private static readonly (string Prefix, string Format, Func<EpochMetrics, IReadOnlyList<double>?> Of)[] Extras =
    [
        ("align_bptt_l", "F3", h => h.AlignmentVersusBptt),
        ("error_rate_l", "R", h => h.ErrorCellRates),
        ("error_saturation_l", "R", h => h.ErrorCellSaturation),
        ("align_graded_l", "F3", h => h.AlignmentVersusGraded),
    ];

    private static int[] Columns(string[] header, string prefix) =>
        Enumerable.Range(0, header.Length).Where(i => header[i].StartsWith(prefix, StringComparison.Ordinal)).ToArray();

    private static MicrocircuitException Malformed(string source, string problem) =>
        new(ErrorKind.Io, $"{source} is not a history.csv written by 'microcircuit train' ({problem}); pass a run folder or its history.csv.");
}
