using System.Text.Json;
using Microcircuit.Analysis;

namespace Microcircuit.Cli;

/// <summary>Reads the finished runs of one or more comparison folders back into one <see cref="ComparisonResult"/>.</summary>
public static class ComparisonStore
{
    /// <summary>
    /// The runs of <paramref name="plan"/>'s grid, each looked for in every one of <paramref name="directories"/>; a run
    /// missing from all of them is an error naming it (the share that should have run it has not finished).
    /// </summary>
    /// <returns>The result, and the figure's title: the data (with its caveat), the network, T and the seeds.</returns>
    public static (ComparisonResult Result, string Title) Collect(ComparisonPlan plan, IReadOnlyList<string> directories)
    {
        var runs = new List<ComparisonRun>();
        string dataSource = "", title = "";
        var missing = new List<string>();
        foreach (var (entry, seed) in plan.Grid)
        {
            string? folder = directories.Select(d => ComparisonPlan.RunFolder(d, entry, seed)).FirstOrDefault(f => File.Exists(Path.Combine(f, RunDirectory.MetricsName)));
            if (folder is null)
            {
                missing.Add(ComparisonPlan.RunName(entry, seed));
                continue;
            }
            runs.Add(Read(folder, entry, seed, out var source, out var label));
            if (title.Length == 0) (dataSource, title) = (source, label);
        }
        if (missing.Count > 0)
            throw new MicrocircuitException(ErrorKind.InvalidOption,
                $"{missing.Count} of the comparison's {plan.Grid.Count} runs have not finished ({string.Join(", ", missing.Take(6))}{(missing.Count > 6 ? ", …" : "")}); run their shares (or 'compare --resume') first.");
        int seeds = plan.Seeds.Count;
        return (new ComparisonResult(plan.Options.Resolve(), dataSource, runs), $"{title}, T = {plan.Options.Resolve().Steps}, {seeds} seed{(seeds == 1 ? "" : "s")}");
    }

    private static ComparisonRun Read(string folder, string entry, ulong seed, out string dataSource, out string title)
    {
        string historyPath = Path.Combine(folder, RunDirectory.HistoryName), alignmentPath = Path.Combine(folder, RunDirectory.AlignmentName);
        var history = HistoryCsv.Parse(File.ReadAllText(historyPath), historyPath);
        var alignment = File.Exists(alignmentPath) ? AlignmentCsv.Parse(File.ReadAllText(alignmentPath), alignmentPath) : [];
        double speed;
        try
        {
            using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, RunDirectory.MetricsName)));
            var root = metrics.RootElement;
            speed = root.GetProperty("samples_per_second").GetDouble();
            dataSource = root.GetProperty("data_source").GetString()!;
            title = $"{root.GetProperty("data_label").GetString()} {root.GetProperty("network").GetString()}";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new MicrocircuitException(ErrorKind.Io, $"{folder}/{RunDirectory.MetricsName} is not a run's metrics.json ({e.Message.TrimEnd('.')}); remove the run folder and resume the comparison.", e);
        }
        return new ComparisonRun(entry, seed, history, alignment, speed);
    }
}
