using System.Text.Json;
using System.Text.Json.Nodes;
using Microcircuit.Errors;
using Microcircuit.Storage;
using Microcircuit.Training;

namespace Microcircuit.Configuration;

/// <summary>
/// A config or preset file: a JSON object whose snake_case keys are <see cref="TrainingOptions"/>' properties (the
/// same naming as config.json and metrics.json). Keys it leaves out keep their defaults. It is read as strictly as
/// the command line (<see cref="ConfigDocument"/>): unknown or repeated keys, values of the wrong type, choices
/// written as numbers, numbers that are not finite, and <c>hidden</c> beside <c>net</c> are each one-line errors
/// naming the key and the file. The key <c>provenance</c>, which a run's config.json carries, is informational.
/// </summary>
public static class ConfigFile
{
    /// <summary>
    /// Every option key a config file may hold, in <see cref="TrainingOptions"/>' order, with the type of its value and
    /// whether that may be null.
    /// </summary>
    internal static IReadOnlyList<(string Key, Type Type, bool Nullable)> TypedKeys { get; } =
        OptionsJson.Options.TypeInfo<TrainingOptions>().Properties.Where(p => p.Set is not null).Select(p => (p.Name, p.PropertyType, p.IsSetNullable)).ToArray();

    /// <summary>Every option key a config file may hold.</summary>
    public static IReadOnlyList<string> Keys { get; } = TypedKeys.Select(k => k.Key).ToArray();

    /// <summary>The key of the record of what made a run (<see cref="Provenance"/>); read past, never applied.</summary>
    public const string ProvenanceKey = "provenance";

    public static string ToJson(TrainingOptions options) => OptionsJson.Options.Serialize(options);

    /// <summary>A run's config.json: the options, then the provenance of the build and machine that ran them.</summary>
    public static string ToJson(TrainingOptions options, Provenance provenance)
    {
        var node = OptionsJson.Options.SerializeToNode(options)!.AsObject();
        node[ProvenanceKey] = OptionsJson.Options.SerializeToNode(provenance);
        return node.ToJsonString(OptionsJson.Options);
    }

    /// <summary>Reads a config file; every problem is a one-line <see cref="ErrorKind.InvalidOption"/> error naming the file.</summary>
    public static TrainingOptions Load(string path)
    {
        string full = UserPath.Full(path, "{config}");
        RegularFile.Require(full, "config file", ErrorKind.InvalidOption, "pass a JSON file such as a run's config.json.");
        if (!File.Exists(full))
            throw new MicrocircuitException(ErrorKind.InvalidOption, $"config file {full} does not exist; pass a JSON file such as a run's config.json.");
        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MicrocircuitException(ErrorKind.Io, $"cannot read {full}: {e.Message.TrimEnd('.')}; check its permissions.", e);
        }
        var options = FromJson(text, $"config file {full}");
        try
        {
            options.Resolve().Validate();
        }
        catch (OptionException e)
        {
            throw new MicrocircuitException(ErrorKind.InvalidOption, $"config file {full}: {e.Render(k => $"'{k}'")}", e);
        }
        return options;
    }

    /// <param name="source">The file (or other source) named in errors.</param>
    public static TrainingOptions FromJson(string json, string source) => Overlay(new TrainingOptions(), json, source);

    /// <summary>Reads the keys of <paramref name="json"/> over <paramref name="baseOptions"/>.</summary>
    public static TrainingOptions Overlay(TrainingOptions baseOptions, string json, string source)
    {
        var overlay = ConfigDocument.Parse(json, source);
        return Merge(baseOptions, overlay, overlay.Select(p => p.Key), source);
    }

    /// <summary>
    /// The options <paramref name="baseOptions"/> with the values of <paramref name="keys"/> taken from
    /// <paramref name="top"/>: how command-line options that were given override a file.
    /// </summary>
    public static TrainingOptions Merge(TrainingOptions baseOptions, TrainingOptions top, IEnumerable<string> keys) =>
        Merge(baseOptions, OptionsJson.Options.SerializeToNode(top)!.AsObject(), keys, "the command line");

    private static TrainingOptions Merge(TrainingOptions baseOptions, JsonObject top, IEnumerable<string> keys, string source)
    {
        var merged = OptionsJson.Options.SerializeToNode(baseOptions)!.AsObject();
        foreach (string key in keys)
        {
            if (top.TryGetPropertyValue(key, out var value)) merged[key] = value?.DeepClone();
            else merged.Remove(key);   // null on top: the default (a dataset default after Resolve)
        }
        try
        {
            return OptionsJson.Options.Deserialize<TrainingOptions>(merged)
                ?? throw new MicrocircuitException(ErrorKind.InvalidOption, $"{source} holds null; write a JSON object.");
        }
        catch (JsonException e)
        {
            throw new MicrocircuitException(ErrorKind.InvalidOption, $"{source}: bad value at '{e.Path?.TrimStart('$', '.')}' ({OneLine(e.Message)}); fix that value.", e);
        }
    }

    internal static string OneLine(string message)
    {
        int cut = message.IndexOfAny(['\r', '\n']);
        message = cut < 0 ? message : message[..cut];
        int path = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (path < 0 ? message : message[..path]).TrimEnd('.', ' ');
    }
}
