using System.Text.Json;
using System.Text.Json.Nodes;
using Microcircuit.Errors;
using Microcircuit.Reporting;

namespace Microcircuit.Training;

/// <summary>
/// A config or preset file: a JSON object whose snake_case keys are <see cref="TrainingOptions"/>' properties (the
/// same naming as config.json and metrics.json). Keys it leaves out keep their defaults; unknown keys are errors.
/// </summary>
public static class ConfigFile
{
    /// <summary>Every key a config file may hold.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        JsonFormat.TypeInfo<TrainingOptions>().Properties.Where(p => p.Set is not null).Select(p => p.Name).ToArray();

    public static string ToJson(TrainingOptions options) => JsonFormat.Serialize(options);

    /// <summary>Reads a config file; every problem is a one-line <see cref="ErrorKind.InvalidOption"/> error naming the file.</summary>
    public static TrainingOptions Load(string path)
    {
        string full = UserPath.Full(path, "--config");
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
        var options = FromJson(text, full);
        try
        {
            options.Resolve().Validate();
        }
        catch (MicrocircuitException e) when (e.Kind == ErrorKind.InvalidOption)
        {
            throw new MicrocircuitException(ErrorKind.InvalidOption, $"config file {full}: {e.Message}", e);
        }
        return options;
    }

    /// <param name="source">The file (or other source) named in errors.</param>
    public static TrainingOptions FromJson(string json, string source) => Overlay(new TrainingOptions(), json, source);

    /// <summary>Reads the keys of <paramref name="json"/> over <paramref name="baseOptions"/>.</summary>
    public static TrainingOptions Overlay(TrainingOptions baseOptions, string json, string source)
    {
        JsonObject overlay;
        try
        {
            overlay = JsonNode.Parse(json) as JsonObject
                ?? throw new MicrocircuitException(ErrorKind.InvalidOption, $"{source} is not a JSON object; write {{\"epochs\": 10, …}}.");
        }
        catch (JsonException e)
        {
            throw new MicrocircuitException(ErrorKind.InvalidOption, $"{source} is not valid JSON ({OneLine(e.Message)}); fix the file.", e);
        }
        foreach (var (key, _) in overlay)
        {
            if (!Keys.Contains(key))
                throw new MicrocircuitException(ErrorKind.InvalidOption,
                    $"unknown key '{key}' in {source}; the keys are: {string.Join(", ", Keys)}.");
        }
        return Merge(baseOptions, overlay, overlay.Select(p => p.Key), source);
    }

    /// <summary>
    /// The options <paramref name="baseOptions"/> with the values of <paramref name="keys"/> taken from
    /// <paramref name="top"/>: how command-line options that were given override a file.
    /// </summary>
    public static TrainingOptions Merge(TrainingOptions baseOptions, TrainingOptions top, IEnumerable<string> keys) =>
        Merge(baseOptions, JsonFormat.SerializeToNode(top)!.AsObject(), keys, "the command line");

    private static TrainingOptions Merge(TrainingOptions baseOptions, JsonObject top, IEnumerable<string> keys, string source)
    {
        var merged = JsonFormat.SerializeToNode(baseOptions)!.AsObject();
        foreach (string key in keys)
        {
            if (top.TryGetPropertyValue(key, out var value)) merged[key] = value?.DeepClone();
            else merged.Remove(key);   // null on top: the default (a dataset default after Resolve)
        }
        try
        {
            return JsonFormat.Deserialize<TrainingOptions>(merged)
                ?? throw new MicrocircuitException(ErrorKind.InvalidOption, $"{source} holds null; write a JSON object.");
        }
        catch (JsonException e)
        {
            throw new MicrocircuitException(ErrorKind.InvalidOption, $"{source}: bad value at '{e.Path?.TrimStart('$', '.')}' ({OneLine(e.Message)}); fix that value.", e);
        }
    }

    private static string OneLine(string message)
    {
        int cut = message.IndexOfAny(['\r', '\n']);
        message = cut < 0 ? message : message[..cut];
        int path = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (path < 0 ? message : message[..path]).TrimEnd('.', ' ');
    }
}
