using System.Text.Json;

namespace Microcircuit.Cli;

/// <summary>
/// A finished or running training run read back for `microcircuit plot`: its history.csv, and, where the run folder
/// holds them, what metrics.json and config.json say about its data, network, rule, seed and loss. FigureDataset is the
/// dataset as figures must name it, with its caveat (e.g. "cifar10 (JPEG-q75 reconstruction …)").
/// </summary>
public sealed record PlottedRun(string Name, string Folder, IReadOnlyList<Training.EpochMetrics> History,
    string? FigureDataset, string? Network, string? Rule, ulong? Seed, string? Loss)
{
    /// <param name="path">A run folder (holding history.csv) or a history CSV file.</param>
    public static PlottedRun Read(string path)
    {
        string full = UserPath.Full(path, "RUN");
        string csv, folder, name;
        if (Directory.Exists(full))
        {
            csv = Path.Combine(full, "history.csv");
            folder = full;
            name = Path.GetFileName(Path.TrimEndingDirectorySeparator(full));
            if (!File.Exists(csv))
                throw new MicrocircuitException(ErrorKind.Io, $"{full} holds no history.csv; pass a folder written by 'microcircuit train --out' or a history CSV file.");
        }
        else if (File.Exists(full))
        {
            csv = full;
            folder = Path.GetDirectoryName(full)!;
            name = Path.GetFileNameWithoutExtension(full);
            if (name.EndsWith("-history", StringComparison.Ordinal)) name = name[..^"-history".Length];
            else if (name == "history") name = Path.GetFileName(folder);
        }
        else throw new MicrocircuitException(ErrorKind.Io, $"{path} does not exist; pass a run folder or a history CSV file.");

        string text;
        try
        {
            text = File.ReadAllText(csv);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MicrocircuitException(ErrorKind.Io, $"cannot read {csv}: {e.Message.TrimEnd('.')}.", e);
        }
        var history = HistoryCsv.Parse(text, csv);
        bool ownFolder = Path.GetFileName(csv) == "history.csv";
        using var metrics = ownFolder ? Json(Path.Combine(folder, "metrics.json")) : null;
        using var config = ownFolder ? Json(Path.Combine(folder, "config.json")) : null;
        // Only metrics.json (written when the run ends) records how figures must name its data (e.g. CIFAR-10's JPEG-q75
        // copy), so a run still training, or one from before data_label existed, gets no dataset name rather than one
        // without its caveat.
        return new PlottedRun(name, folder, history, Text(metrics, "data_label"), Text(metrics, "network") ?? Text(config, "net"),
            Text(metrics, "rule") ?? Text(config, "rule"), Number(metrics, "seed") ?? Number(config, "seed"), Text(config, "loss"));
    }

    /// <summary>A run folder's JSON file, or null where it is absent or unreadable (a run still training has no metrics.json).</summary>
    private static JsonDocument? Json(string path)
    {
        try
        {
            return File.Exists(path) ? JsonDocument.Parse(File.ReadAllText(path)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonDocument? doc, string key) =>
        doc is not null && doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString() : null;

    private static ulong? Number(JsonDocument? doc, string key) =>
        doc is not null && doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(key, out var v) && v.TryGetUInt64(out ulong n)
            ? n : null;
}
