using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using Microcircuit.Errors;
using PureHDF;

namespace Microcircuit.Data.Events;

/// <summary>
/// Reads the Spiking Heidelberg Digits (Cramer et al. 2020): spoken digits 0 to 9 in English (labels 0–9) and German
/// (labels 10–19) passed through a model cochlea of 700 units. Each of shd_train.h5 and shd_test.h5 (plain or gzip) is
/// HDF5 with <c>spikes/times</c> (one variable-length row of spike times in seconds per recording), <c>spikes/units</c>
/// (the unit of each spike, 0–699) and <c>labels</c>. Times become whole µs (rounded); a recording is seen as one row of
/// 700 inputs. HDF5 is read with PureHDF, which needs reflection at run time: a native executable cannot read SHD.
/// </summary>
internal static class ShdReader
{
    public const int Units = 700;
    private const string Train = "shd_train.h5";
    private const string Test = "shd_test.h5";

    private static readonly string[] ClassNames =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun",
    ];

    public static LabelledDataset Load(DatasetLookup lookup)
    {
        if (!RuntimeFeature.IsDynamicCodeSupported)
            throw new MicrocircuitException(ErrorKind.InvalidOption,
                "Dataset 'shd' needs the dotnet build of microcircuit (this native executable cannot run the HDF5 library's reflection); fix: run 'dotnet Microcircuit.Cli.dll …' or 'dotnet run --project src/Microcircuit.Cli -- …' instead.");
        string remedy = lookup.Definition.Remedy;
        EventBuffer[] splits = ParallelReads.Run<EventBuffer>([() => ReadFile(lookup[Train], remedy), () => ReadFile(lookup[Test], remedy)]);
        return EventDataset.Create(lookup, 1, 1, Units, ClassNames, splits[0], splits[1], "µs");
    }

    private static EventBuffer ReadFile(string path, string remedy)
    {
        using Stream content = Open(path, remedy);
        try
        {
            if (!IsHdf5(content))
                throw DatasetFault.Corrupt(path, "is not an HDF5 file (it lacks HDF5's signature), so not an SHD file", remedy);
            using var file = H5File.Open(content, leaveOpen: true);
            NumberSequences times = Sequences(file, "spikes/times", path, remedy);
            NumberSequences units = Sequences(file, "spikes/units", path, remedy);
            long[] labels = IntegerColumn.Read(Dataset(file, "labels", path, remedy), out string stored)
                ?? throw DatasetFault.Corrupt(path, $"holds {stored} in 'labels', not integers", remedy);
            return Gather(path, times, units, labels, remedy);
        }
        catch (Exception e) when (e is not MicrocircuitException and not OutOfMemoryException)
        {
            throw DatasetFault.Corrupt(path, $"cannot be read as HDF5 ({e.GetType().Name}: {FirstLine(e.Message)})", remedy, e);
        }
    }

    /// <summary>Checks the three columns against one another and gathers the recordings' events, in file order.</summary>
    private static EventBuffer Gather(string path, NumberSequences times, NumberSequences units, long[] labels, string remedy)
    {
        if (times.Count != units.Count || times.Count != labels.Length)
            throw DatasetFault.Corrupt(path,
                $"holds {times.Count} rows of spike times, {units.Count} of units and {labels.Length} labels; they must match", remedy);
        long total = 0;
        for (int s = 0; s < units.Count; s++) total += units.LengthOf(s);
        var events = new EventBuffer(total);
        int longest = units.LongestRow();
        var time = new double[longest];
        var unit = new double[longest];
        for (int s = 0; s < labels.Length; s++)
        {
            int count = units.LengthOf(s);
            if (times.LengthOf(s) != count)
                throw DatasetFault.Corrupt(path, $"has {times.LengthOf(s)} spike times but {count} units in recording {s}", remedy);
            if ((ulong)labels[s] >= (ulong)ClassNames.Length)
                throw DatasetFault.Corrupt(path, $"gives recording {s} the label {labels[s]}; SHD's labels run from 0 to {ClassNames.Length - 1}", remedy);
            times.CopyTo(s, time);
            units.CopyTo(s, unit);
            for (int e = 0; e < count; e++)
            {
                double seconds = time[e], u = unit[e];
                if (!(seconds >= 0) || double.IsInfinity(seconds))
                    throw DatasetFault.Corrupt(path, $"has spike time {seconds} s in recording {s} (spike {e}); times are seconds from the recording's start", remedy);
                if (!(u >= 0 && u < Units))
                    throw DatasetFault.Corrupt(path, $"has unit {u} in recording {s} (spike {e}); SHD's cochlea has units 0 to {Units - 1}", remedy);
                events.Add((long)Math.Round(seconds * 1e6), (int)u);
            }

            events.EndSample((byte)labels[s]);
        }

        return events;
    }

    private static NumberSequences Sequences(IH5Group file, string name, string path, string remedy) =>
        NumberSequences.Read(Dataset(file, name, path, remedy), out string stored)
        ?? throw DatasetFault.Corrupt(path, $"holds {stored} in '{name}', not variable-length rows of numbers", remedy);

    private static IH5Dataset Dataset(IH5Group file, string name, string path, string remedy)
    {
        string[] parts = name.Split('/');
        IH5Group group = file;
        for (int i = 0; i < parts.Length; i++)
        {
            if (!group.LinkExists(parts[i]))
                throw DatasetFault.Corrupt(path, $"holds no '{name}' dataset, so it is not an SHD file", remedy);
            IH5Object child = group.Get(parts[i]);
            if (i == parts.Length - 1)
                return child as IH5Dataset ?? throw DatasetFault.Corrupt(path, $"holds '{name}' but not as a dataset", remedy);
            group = child as IH5Group ?? throw DatasetFault.Corrupt(path, $"holds '{parts[i]}' but not as a group", remedy);
        }

        throw new ArgumentException("An empty dataset name.", nameof(name));
    }

    /// <summary>The file's content, seekable: the file itself, or its decompressed payload when it is gzip (by its magic bytes).</summary>
    private static Stream Open(string path, string remedy)
    {
        RegularFile.Require(path, "Dataset file", ErrorKind.DatasetCorrupt, $"fix: {remedy}.");
        FileStream? file = null;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            Span<byte> head = stackalloc byte[2];
            if (file.ReadAtLeast(head, 2, throwOnEndOfStream: false) < 2 || head[0] != 0x1f || head[1] != 0x8b)
            {
                file.Position = 0;
                return file;
            }

            var payload = new MemoryStream(DecompressedSizeHint(file));
            file.Position = 0;
            using (var gzip = new GZipStream(file, CompressionMode.Decompress))
            {
                gzip.CopyTo(payload);
            }

            payload.Position = 0;
            return payload;
        }
        catch (InvalidDataException e)
        {
            file?.Dispose();
            throw DatasetFault.Corrupt(path, $"is not a valid gzip stream ({FirstLine(e.Message)})", remedy, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            file?.Dispose();
            throw DatasetFault.Unreadable(path, e);
        }
    }

    private const long MaxDeflateRatio = 1032;

    /// <summary>The size gzip records at the end of a stream (modulo 4 GiB), as a first capacity; 0 when implausible.</summary>
    private static int DecompressedSizeHint(FileStream file)
    {
        if (file.Length < 18) return 0;
        Span<byte> size = stackalloc byte[4];
        file.Position = file.Length - 4;
        file.ReadExactly(size);
        long hint = BinaryPrimitives.ReadUInt32LittleEndian(size);
        return hint <= Math.Min(Array.MaxLength, MaxDeflateRatio * file.Length) ? (int)hint : 0;
    }

    /// <summary>Whether the content starts with HDF5's signature, at 0 or after a user block of 512, 1024, 2048 … bytes.</summary>
    private static bool IsHdf5(Stream content)
    {
        ReadOnlySpan<byte> signature = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A];
        Span<byte> head = stackalloc byte[8];
        for (long offset = 0; offset + 8 <= content.Length; offset = offset == 0 ? 512 : offset * 2)
        {
            content.Position = offset;
            if (content.ReadAtLeast(head, 8, throwOnEndOfStream: false) == 8 && head.SequenceEqual(signature))
            {
                content.Position = 0;
                return true;
            }
        }

        return false;
    }

    private static string FirstLine(string text)
    {
        int end = text.IndexOfAny(['\r', '\n']);
        return (end < 0 ? text : text[..end]).TrimEnd('.');
    }
}
