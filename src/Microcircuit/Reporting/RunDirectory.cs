using System.Text.Json;
using Microcircuit.Errors;
using Microcircuit.Training;

namespace Microcircuit.Reporting;

/// <summary>The files of a run directory: config.json, history.csv (rewritten after each epoch) and metrics.json.</summary>
public sealed class RunDirectory(string path)
{
    public string Path { get; } = UserPath.Full(path, "--out");

    public void WriteConfig(TrainingOptions options) =>
        AtomicFile.WriteAllText(System.IO.Path.Combine(Path, "config.json"), JsonSerializer.Serialize(options, RunMetrics.Json));

    public void WriteHistory(IReadOnlyList<EpochMetrics> history) =>
        AtomicFile.WriteAllText(System.IO.Path.Combine(Path, "history.csv"), HistoryCsv.Format(history));

    public void WriteAlignment(IReadOnlyList<Learning.Alignment.AlignmentSample> samples) =>
        AtomicFile.WriteAllText(System.IO.Path.Combine(Path, "alignment.csv"), AlignmentCsv.Format(samples));

    public void WriteMetrics(RunMetrics metrics) =>
        AtomicFile.WriteAllText(System.IO.Path.Combine(Path, "metrics.json"), metrics.ToJson());
}
