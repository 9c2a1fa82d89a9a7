using System.Buffers.Binary;

namespace Microcircuit.Tests.Data.Events;

/// <summary>Writes AEDAT 3.1 recordings byte by byte: an ASCII header, then packets of a 28-byte header and their events.</summary>
internal static class AedatFiles
{
    public static byte[] Header(string first = "#!AER-DAT3.1") =>
        System.Text.Encoding.ASCII.GetBytes($"{first}\r\n#Format: RAW\r\n#Source 1: DVS128\r\n#Start-Time: 2017-01-01 10:00:00 (TZ+0000)\r\n#!END-HEADER\r\n");

    /// <summary>One polarity event: bit 0 valid, bit 1 polarity, bits 2–16 y, bits 17–31 x, then the µs timestamp.</summary>
    public static byte[] Polarity(int x, int y, int polarity, uint time, bool valid = true)
    {
        var bytes = new byte[8];
        uint data = (uint)x << 17 | (uint)y << 2 | (uint)polarity << 1 | (valid ? 1u : 0u);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, data);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), time);
        return bytes;
    }

    /// <summary>A packet of <paramref name="events"/> (each <paramref name="size"/> bytes); <paramref name="declared"/> overrides the count in its header.</summary>
    public static byte[] Packet(short type, int size, int overflow, byte[][] events, int? declared = null)
    {
        int count = declared ?? events.Length;
        var header = new byte[28];
        BinaryPrimitives.WriteInt16LittleEndian(header, type);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(2), 1);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), size);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), 4);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), overflow);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), count);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(20), count);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(24), events.Length);
        return [.. header, .. events.SelectMany(e => e)];
    }

    public static byte[] PolarityPacket(int overflow, params byte[][] events) => Packet(1, 8, overflow, events);

    public static string Write(string path, params byte[][] parts)
    {
        File.WriteAllBytes(path, parts.SelectMany(p => p).ToArray());
        return path;
    }
}
