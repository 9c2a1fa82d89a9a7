using Microcircuit.Errors;

namespace Microcircuit.Data;

/// <summary>Builds the one-line errors a user sees for dataset files that are missing, unreadable or malformed.</summary>
internal static class DatasetFault
{
    /// <summary>The fix suggested for a damaged file when nothing more specific is known.</summary>
    public const string ReplaceFile = "replace it with an intact copy";

    public static MicrocircuitException Corrupt(string path, string problem, string remedy, Exception? inner = null) =>
        new(ErrorKind.DatasetCorrupt, OneLine($"Dataset file {path} {problem}; fix: {remedy}."), inner);

    public static MicrocircuitException Unreadable(string path, Exception inner) =>
        new(ErrorKind.Io, OneLine($"Dataset file {path} cannot be read ({inner.Message}); fix: check that it exists and is readable."), inner);

    public static MicrocircuitException Missing(string message) =>
        new(ErrorKind.DatasetMissing, OneLine(message));

    private static string OneLine(string text) =>
        text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
}
