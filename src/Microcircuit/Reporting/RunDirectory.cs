using Microcircuit.Configuration;
using Microcircuit.Errors;
using Microcircuit.Storage;
using Microcircuit.Training;

namespace Microcircuit.Reporting;

/// <summary>The files of a run directory: config.json, history.csv (rewritten after each epoch) and metrics.json.</summary>
public sealed class RunDirectory(string path)
{
    public string Path { get; } = UserPath.Full(path, "{out}");

    public const string ConfigName = "config.json", HistoryName = "history.csv", MetricsName = "metrics.json", AlignmentName = "alignment.csv";

    /// <summary>config.json: every resolved option, and the provenance of the build and machine that ran them.</summary>
    public void WriteConfig(TrainingOptions options, Provenance provenance) =>
        AtomicFile.WriteAllText(System.IO.Path.Combine(Path, ConfigName), ConfigFile.ToJson(options, provenance));

    public void WriteHistory(IReadOnlyList<EpochMetrics> history) =>
        AtomicFile.WriteAllText(System.IO.Path.Combine(Path, HistoryName), HistoryCsv.Format(history));

    public void WriteAlignment(IReadOnlyList<Learning.Alignment.AlignmentSample> samples) =>
        AtomicFile.WriteAllText(System.IO.Path.Combine(Path, AlignmentName), AlignmentCsv.Format(samples));

    /// <summary>
    /// Creates the folder and proves it writable (a probe file written and removed), so a long job fails before it
    /// starts rather than after its work is done.
    /// </summary>
    public static void EnsureWritable(string folder, string option)
    {
        string full = UserPath.Full(folder, option);
        AtomicFile.WriteAllText(System.IO.Path.Combine(full, ".write-probe"), "");
        try
        {
            File.Delete(System.IO.Path.Combine(full, ".write-probe"));
        }
        catch (IOException)
        {
            // The folder was writable a moment ago; a probe left behind is harmless.
        }
    }

    public void WriteMetrics(RunMetrics metrics) =>
        AtomicFile.WriteAllText(System.IO.Path.Combine(Path, MetricsName), metrics.ToJson());
}
