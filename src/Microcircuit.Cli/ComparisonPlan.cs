using System.Text.Json.Nodes;
using Microcircuit.Configuration;

namespace Microcircuit.Cli;

/// <summary>
/// A comparison kept on disk so that it survives interruption and can be spread over machines: the options every run
/// shares, the entries (rules) and seeds of its grid, each (entry, seed) run in its own run folder
/// <c>DIR/runs/ENTRY-seedK</c> (config, history, checkpoint after every epoch, metrics when finished). The plan itself
/// is <c>DIR/comparison-plan.json</c>.
/// </summary>
public sealed record ComparisonPlan(TrainingOptions Options, IReadOnlyList<string> Entries, IReadOnlyList<ulong> Seeds)
{
    public const string FileName = "comparison-plan.json";
    public const string RunsFolder = "runs";

    /// <summary>Every run of the grid, entry by entry, seed by seed: the order shards are dealt from.</summary>
    public IReadOnlyList<(string Entry, ulong Seed)> Grid => [.. Entries.SelectMany(e => Seeds.Select(s => (e, s)))];

    /// <summary>The runs of share <paramref name="shard"/> (1-based) of <paramref name="shards"/>: every shards-th run of the grid.</summary>
    public IReadOnlyList<(string Entry, ulong Seed)> Share(int shard, int shards) =>
        [.. Grid.Where((_, i) => i % shards == shard - 1)];

    public static string RunName(string entry, ulong seed) => string.Create(CultureInfo.InvariantCulture, $"{entry}-seed{seed}");

    public static string RunFolder(string directory, string entry, ulong seed) => Path.Combine(directory, RunsFolder, RunName(entry, seed));

    public void Write(string directory)
    {
        var node = new JsonObject
        {
            ["options"] = JsonFormat.SerializeToNode(Options),
            ["entries"] = new JsonArray([.. Entries.Select(e => (JsonNode)JsonValue.Create(e))]),
            ["seeds"] = new JsonArray([.. Seeds.Select(s => (JsonNode)JsonValue.Create(s))]),
        };
        AtomicFile.WriteAllText(Path.Combine(directory, FileName), node.ToJsonString(JsonFormat.Options));
    }

    /// <summary>Reads DIR/comparison-plan.json; every problem is one line naming the file.</summary>
    public static ComparisonPlan Read(string directory)
    {
        string path = Path.Combine(UserPath.Full(directory, "{resume}"), FileName);
        if (!File.Exists(path))
            throw new MicrocircuitException(ErrorKind.InvalidOption, $"{directory} holds no {FileName}; give a folder that 'compare --out' wrote.");
        RegularFile.Require(path, "comparison plan", ErrorKind.InvalidOption, $"give a folder that 'compare --out' wrote.");
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            var options = ConfigFile.Overlay(new TrainingOptions(), node["options"]!.ToJsonString(), $"the options in {path}");
            var entries = node["entries"]!.AsArray().Select(e => e!.GetValue<string>()).ToArray();
            var seeds = node["seeds"]!.AsArray().Select(s => s!.GetValue<ulong>()).ToArray();
            if (entries.Length == 0 || seeds.Length == 0 || entries.Any(e => !ComparisonEntries.Names.Contains(e)))
                throw new FormatException("no entries, no seeds or an unknown entry");
            return new ComparisonPlan(options, entries, seeds);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or NullReferenceException or FormatException or IOException)
        {
            throw new MicrocircuitException(ErrorKind.InvalidOption, $"{path} is not a comparison plan ({e.Message.TrimEnd('.')}); give a folder that 'compare --out' wrote.", e);
        }
    }

    /// <summary>Whether the run of (<paramref name="entry"/>, <paramref name="seed"/>) has finished in <paramref name="directory"/>.</summary>
    public static bool Finished(string directory, string entry, ulong seed) =>
        File.Exists(Path.Combine(RunFolder(directory, entry, seed), RunDirectory.MetricsName));
}
