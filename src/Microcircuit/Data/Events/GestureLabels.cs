using System.Globalization;
using Microcircuit.Errors;

namespace Microcircuit.Data.Events;

/// <summary>One labelled gesture of a DVS128 Gesture recording: its class (1–11) and its span [start, end) in µs.</summary>
internal readonly record struct GestureSpan(int Class, long Start, long End);

/// <summary>
/// Reads the labels file beside a DVS128 Gesture recording (<c>userXX_light_labels.csv</c>): a header line
/// <c>class,startTime_usec,endTime_usec</c>, then one line per gesture, in the recording's timebase.
/// </summary>
internal static class GestureLabels
{
    public const int Classes = 11;

    public static IReadOnlyList<GestureSpan> Read(string path, string remedy)
    {
        if (!File.Exists(path))
            throw DatasetFault.Corrupt(path,
                "is missing: each recording userXX_light.aedat has its gestures in userXX_light_labels.csv beside it", remedy);
        RegularFile.Require(path, "Dataset file", ErrorKind.DatasetCorrupt, $"fix: {remedy}.");
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DatasetFault.Unreadable(path, e);
        }

        var spans = new List<GestureSpan>();
        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n].Trim();
            if (line.Length == 0 || (n == 0 && line.StartsWith("class", StringComparison.OrdinalIgnoreCase))) continue;
            string[] fields = line.Split(',', StringSplitOptions.TrimEntries);
            if (fields.Length != 3
                || !int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int label)
                || !long.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long start)
                || !long.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out long end))
                throw DatasetFault.Corrupt(path, $"has line {n + 1} ('{Quote(line)}') that is not class,startTime_usec,endTime_usec", remedy);
            if (label is < 1 or > Classes)
                throw DatasetFault.Corrupt(path, $"names class {label} on line {n + 1}; DVS128 Gesture's classes run from 1 to {Classes}", remedy);
            if (start < 0 || end < start)
                throw DatasetFault.Corrupt(path, $"has a gesture from {start} µs to {end} µs on line {n + 1}, which is no span of time", remedy);
            spans.Add(new GestureSpan(label, start, end));
        }

        return spans;
    }

    private static string Quote(string line) => line.Length <= 60 ? line : line[..60] + "…";
}
