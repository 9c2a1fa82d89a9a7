using System.IO.Compression;
using Microcircuit.Errors;

namespace Microcircuit.Data.Events;

/// <summary>
/// Reads DVS128 Gesture (Amir et al. 2017): IBM's unpacked DvsGesture folder, where trials_to_train.txt and
/// trials_to_test.txt list the AEDAT 3.1 recordings (<c>userXX_light.aedat</c>) of each split and every recording has
/// its gestures in <c>userXX_light_labels.csv</c>. Each labelled span [start, end) of a recording is one sample, its
/// events' times counted from the span's start; samples follow the lists' order, then the labels files' order. The
/// camera is 128 × 128 pixels with two polarities.
/// </summary>
internal static class DvsGestureReader
{
    public const int Side = 128;
    private const string TrainList = "trials_to_train.txt";
    private const string TestList = "trials_to_test.txt";
    private const string Recording = ".aedat";

    private static readonly string[] ClassNames =
    [
        "hand clap", "right hand wave", "left hand wave", "right arm clockwise", "right arm counter-clockwise",
        "left arm clockwise", "left arm counter-clockwise", "arm roll", "air drums", "air guitar", "other gestures",
    ];

    public static LabelledDataset Load(DatasetLookup lookup)
    {
        string folder = lookup.Locations.DataDir ?? Path.GetDirectoryName(lookup[TrainList])!;
        string remedy = lookup.Definition.Remedy;
        EventBuffer[] splits = ParallelReads.Run<EventBuffer>(
        [
            () => ReadSplit(folder, lookup[TrainList], remedy),
            () => ReadSplit(folder, lookup[TestList], remedy),
        ]);
        return EventDataset.Create(lookup, 2, Side, Side, ClassNames, splits[0], splits[1], "µs");
    }

    private static EventBuffer ReadSplit(string folder, string list, string remedy)
    {
        IReadOnlyList<string> names = Trials(list, remedy);
        if (names.Count == 0)
            throw DatasetFault.Corrupt(list, "lists no recordings", remedy);
        var samples = new EventBuffer();
        var recording = new RecordingEvents();
        foreach (string name in names)
        {
            string path = Path.Combine(folder, name);
            if (!File.Exists(path))
                throw DatasetFault.Corrupt(path, $"is missing, though {Path.GetFileName(list)} lists it", remedy);
            IReadOnlyList<GestureSpan> gestures = GestureLabels.Read(path[..^Recording.Length] + "_labels.csv", remedy);
            AedatReader.Read(path, Side, recording, remedy);
            foreach (GestureSpan gesture in gestures)
            {
                recording.CopySlice(gesture.Start, gesture.End, samples);
                samples.EndSample((byte)(gesture.Class - 1));
            }
        }

        return samples;
    }

    /// <summary>The recordings a trials list names, one a line (blank lines skipped); the list may be gzip.</summary>
    private static List<string> Trials(string list, string remedy)
    {
        RegularFile.Require(list, "Dataset file", ErrorKind.DatasetCorrupt, $"fix: {remedy}.");
        var names = new List<string>();
        try
        {
            using var file = File.OpenRead(list);
            bool gzip = file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
            file.Position = 0;
            using Stream text = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var reader = new StreamReader(text);
            int number = 0;
            while (reader.ReadLine() is { } line)
            {
                number++;
                string name = line.Trim();
                if (name.Length == 0) continue;
                if (!name.EndsWith(Recording, StringComparison.Ordinal) || name.Length == Recording.Length || Path.GetFileName(name) != name)
                    throw DatasetFault.Corrupt(list, $"has line {number} ('{name}') that is not the name of an .aedat recording", remedy);
                names.Add(name);
            }
        }
        catch (InvalidDataException e)
        {
            throw DatasetFault.Corrupt(list, $"is not a valid gzip stream ({e.Message})", remedy, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DatasetFault.Unreadable(list, e);
        }

        return names;
    }
}
