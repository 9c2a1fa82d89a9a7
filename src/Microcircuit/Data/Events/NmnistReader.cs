using Microcircuit.Errors;
using Microsoft.Win32.SafeHandles;

namespace Microcircuit.Data.Events;

/// <summary>
/// Reads N-MNIST (Orchard et al. 2015), the MNIST digits seen by an event camera on a moving mount: the unzipped
/// Train and Test folders, each holding folders 0 to 9 (the labels) of .bin recordings. A recording is a run of 5-byte
/// events, big-endian bit fields: x (8 bits), y (8 bits), polarity (1 bit) and a timestamp in µs (23 bits) counted
/// from the start of the recording. The sensor is 34 × 34 pixels with two polarities. Recordings are taken digit by
/// digit, each folder's files in ordinal order of their names, and their timestamps are kept as they are.
/// </summary>
internal static class NmnistReader
{
    public const int Side = 34;
    private const int EventBytes = 5;

    private static readonly string[] ClassNames = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    public static LabelledDataset Load(DatasetLookup lookup)
    {
        EventBuffer[] splits = ParallelReads.Run<EventBuffer>([() => ReadSplit(lookup, "Train"), () => ReadSplit(lookup, "Test")]);
        return EventDataset.Create(lookup, 2, Side, Side, ClassNames, splits[0], splits[1], "µs");
    }

    private static EventBuffer ReadSplit(DatasetLookup lookup, string split)
    {
        string remedy = lookup.Definition.Remedy;
        string folder = lookup[split];
        if (!Directory.Exists(folder))
            throw DatasetFault.Corrupt(folder, $"is a file, not the unzipped {split} folder of digit folders 0 to 9", remedy);

        var recordings = new List<(string Path, byte Digit)>();
        long bytes = 0;
        for (int digit = 0; digit < ClassNames.Length; digit++)
        {
            string digitFolder = Path.Combine(folder, ClassNames[digit]);
            if (!Directory.Exists(digitFolder))
                throw new MicrocircuitException(ErrorKind.DatasetCorrupt,
                    $"Dataset folder {digitFolder} is missing: N-MNIST's {split} folder holds one folder per digit, 0 to 9; fix: {remedy}.");
            FileInfo[] files = new DirectoryInfo(digitFolder).GetFiles("*.bin");
            Array.Sort(files, (a, b) => string.CompareOrdinal(a.Name, b.Name));
            foreach (FileInfo file in files)
            {
                recordings.Add((file.FullName, (byte)digit));
                bytes += file.Length;
            }
        }

        if (recordings.Count == 0)
            throw new MicrocircuitException(ErrorKind.DatasetCorrupt,
                $"Dataset folder {folder} holds no .bin recordings in its digit folders 0 to 9; fix: {remedy}.");

        var events = new EventBuffer(bytes / EventBytes);
        byte[] content = [];
        foreach (var (path, digit) in recordings)
        {
            int length = ReadFile(path, ref content, remedy);
            Decode(path, content.AsSpan(0, length), events, remedy);
            events.EndSample(digit);
        }

        return events;
    }

    /// <summary>Adds one recording's events, in file order.</summary>
    private static void Decode(string path, ReadOnlySpan<byte> content, EventBuffer events, string remedy)
    {
        if (content.Length % EventBytes != 0)
            throw DatasetFault.Corrupt(path,
                $"is {content.Length} bytes long, not a whole number of {EventBytes}-byte events (truncated)", remedy);
        for (int i = 0; i < content.Length; i += EventBytes)
        {
            int x = content[i], y = content[i + 1];
            if (x >= Side || y >= Side)
                throw DatasetFault.Corrupt(path,
                    $"holds an event at x = {x}, y = {y} (event {i / EventBytes}), outside N-MNIST's {Side} × {Side} sensor", remedy);
            int polarity = content[i + 2] >> 7;
            long time = ((content[i + 2] & 0x7F) << 16) | (content[i + 3] << 8) | content[i + 4];
            events.Add(time, (polarity * Side + y) * Side + x);
        }
    }

    /// <summary>Reads a whole recording into <paramref name="buffer"/> (grown when too small); returns its length.</summary>
    private static int ReadFile(string path, ref byte[] buffer, string remedy)
    {
        RegularFile.Require(path, "Dataset file", ErrorKind.DatasetCorrupt, $"fix: {remedy}.");
        try
        {
            using SafeFileHandle handle = File.OpenHandle(path);
            long length = RandomAccess.GetLength(handle);
            if (length > Array.MaxLength)
                throw DatasetFault.Corrupt(path, $"is {length} bytes long, far more than an N-MNIST recording", remedy);
            if (buffer.Length < length) buffer = new byte[Math.Min(Array.MaxLength, Math.Max(length, 2L * buffer.Length))];
            int filled = 0;
            while (filled < length)
            {
                int got = RandomAccess.Read(handle, buffer.AsSpan(filled, (int)length - filled), filled);
                if (got == 0) break;
                filled += got;
            }

            return filled;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DatasetFault.Unreadable(path, e);
        }
    }
}
