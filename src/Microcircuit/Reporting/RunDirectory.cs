using Microcircuit.Errors;
using Microcircuit.Training;

namespace Microcircuit.Reporting;

/// <summary>The files of a run directory: config.json, history.csv (rewritten after each epoch) and metrics.json.</summary>
public sealed class RunDirectory(string path)
{
    public string Path { get; } = UserPath.Full(path, "--out");

    public void WriteConfig(TrainingOptions options) =>
        AtomicFile.WriteAllText(System.IO.Path.Combine(Path, "config.json"), JsonFormat.Serialize(options));

    public void WriteHistory(IReadOnlyList<EpochMetrics> history) =>
        AtomicFile.WriteAllText(System.IO.Path.Combine(Path, "history.csv"), HistoryCsv.Format(history));

    public void WriteAlignment(IReadOnlyList<Learning.Alignment.AlignmentSample> samples) =>
        AtomicFile.WriteAllText(System.IO.Path.Combine(Path, "alignment.csv"), AlignmentCsv.Format(samples));

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
        AtomicFile.WriteAllText(System.IO.Path.Combine(Path, "metrics.json"), metrics.ToJson());
}
