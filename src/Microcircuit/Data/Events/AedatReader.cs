using System.Buffers.Binary;
using System.Text;
using Microcircuit.Errors;

namespace Microcircuit.Data.Events;

/// <summary>
/// Reads the polarity events of an AEDAT 3.1 recording (the format of DVS128 Gesture). The file opens with ASCII header
/// lines, each starting with '#', from <c>#!AER-DAT3.1</c> to <c>#!END-HEADER</c>; packets follow, each a 28-byte
/// little-endian header (int16 event type, int16 source, int32 event size, int32 timestamp offset, int32 timestamp
/// overflow, int32 capacity, int32 event count, int32 valid count) and then its events. A polarity event (type 1, 8
/// bytes) is a uint32 of bit fields (bit 0 valid, bit 1 polarity, bits 2–16 y, bits 17–31 x) and a uint32 timestamp in
/// µs, to which the packet's overflow adds overflow·2³¹. Packets of other types and invalid events are skipped.
/// </summary>
internal static class AedatReader
{
    private const int PacketHeaderBytes = 28;
    private const short PolarityType = 1;
    private const int PolarityBytes = 8;
    private const int EventsPerRead = 1 << 16;
    private const int MaxHeaderBytes = 1 << 20;

    /// <summary>Adds the valid polarity events of the recording at <paramref name="path"/> to <paramref name="events"/>, in file order.</summary>
    /// <param name="side">The sensor's width and height in pixels; an event outside it makes the file corrupt.</param>
    public static void Read(string path, int side, RecordingEvents events, string remedy)
    {
        RegularFile.Require(path, "Dataset file", ErrorKind.DatasetCorrupt, $"fix: {remedy}.");
        events.Begin(path);
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            SkipHeader(file, path, remedy);
            long length = file.Length;
            Span<byte> header = stackalloc byte[PacketHeaderBytes];
            byte[] body = new byte[EventsPerRead * PolarityBytes];
            for (long packet = 0; ; packet++)
            {
                int got = file.ReadAtLeast(header, PacketHeaderBytes, throwOnEndOfStream: false);
                if (got == 0) return;
                if (got < PacketHeaderBytes)
                    throw DatasetFault.Corrupt(path, $"ends inside the header of packet {packet} (truncated)", remedy);
                short type = BinaryPrimitives.ReadInt16LittleEndian(header);
                int size = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
                int overflow = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
                int count = BinaryPrimitives.ReadInt32LittleEndian(header[20..]);
                if (size <= 0 || count < 0)
                    throw DatasetFault.Corrupt(path, $"has a packet (number {packet}) of {count} events of {size} bytes each", remedy);
                long bytes = (long)size * count;
                if (length - file.Position < bytes)
                    throw DatasetFault.Corrupt(path,
                        $"ends inside packet {packet}: it announces {count} events of {size} bytes, {bytes} bytes, and {length - file.Position} remain (truncated)", remedy);
                if (type != PolarityType)
                {
                    file.Seek(bytes, SeekOrigin.Current);
                    continue;
                }

                if (size != PolarityBytes)
                    throw DatasetFault.Corrupt(path, $"has polarity events of {size} bytes in packet {packet}; AEDAT 3.1 gives them {PolarityBytes}", remedy);
                long offset = (long)overflow << 31;
                for (int done = 0; done < count;)
                {
                    int batch = Math.Min(EventsPerRead, count - done);
                    Span<byte> chunk = body.AsSpan(0, batch * PolarityBytes);
                    file.ReadExactly(chunk);
                    AddPolarity(chunk, offset, side, events, path, packet, remedy);
                    done += batch;
                }
            }
        }
        catch (EndOfStreamException e)
        {
            throw DatasetFault.Corrupt(path, "ends early (truncated)", remedy, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DatasetFault.Unreadable(path, e);
        }
    }

    private static void AddPolarity(ReadOnlySpan<byte> chunk, long offset, int side, RecordingEvents events, string path, long packet, string remedy)
    {
        for (int i = 0; i < chunk.Length; i += PolarityBytes)
        {
            uint data = BinaryPrimitives.ReadUInt32LittleEndian(chunk[i..]);
            if ((data & 1) == 0) continue;
            int polarity = (int)(data >> 1) & 1;
            int y = (int)(data >> 2) & 0x7FFF;
            int x = (int)(data >> 17) & 0x7FFF;
            if (x >= side || y >= side)
                throw DatasetFault.Corrupt(path, $"has an event at x = {x}, y = {y} in packet {packet}, outside the {side} × {side} sensor", remedy);
            uint timestamp = BinaryPrimitives.ReadUInt32LittleEndian(chunk[(i + 4)..]);
            events.Add(offset + timestamp, (polarity * side + y) * side + x);
        }
    }

    /// <summary>Reads past the ASCII header, checking that it is one of AEDAT 3.</summary>
    private static void SkipHeader(FileStream file, string path, string remedy)
    {
        var line = new StringBuilder();
        for (int number = 0; ; number++)
        {
            line.Clear();
            int b;
            while ((b = file.ReadByte()) >= 0 && b != '\n')
            {
                if (file.Position > MaxHeaderBytes)
                    throw DatasetFault.Corrupt(path, $"has no end to its header in its first {MaxHeaderBytes} bytes, so it is not AEDAT 3.1", remedy);
                if (b != '\r') line.Append((char)b);
            }

            string text = line.ToString();
            if (number == 0 && !text.StartsWith("#!AER-DAT3", StringComparison.Ordinal))
                throw DatasetFault.Corrupt(path, "does not start with '#!AER-DAT3.1', so it is not an AEDAT 3.1 recording", remedy);
            if (text.StartsWith("#!END-HEADER", StringComparison.Ordinal)) return;
            if (b < 0)
                throw DatasetFault.Corrupt(path, "ends inside its header, before '#!END-HEADER' (truncated)", remedy);
            if (!text.StartsWith('#'))
                throw DatasetFault.Corrupt(path, $"has header line {number + 1} not starting with '#' before '#!END-HEADER'", remedy);
        }
    }
}
