using System.Buffers.Binary;
using Microcircuit.Randomness;

namespace Microcircuit.Tests.Reliability;

/// <summary>The ways a file is damaged in the fuzz tests.</summary>
internal enum CorruptionKind
{
    /// <summary>Cut at a random offset.</summary>
    Truncate,
    /// <summary>One to eight random bits flipped anywhere.</summary>
    FlipBits,
    /// <summary>A random run of the header overwritten with random bytes.</summary>
    OverwriteHeader,
    /// <summary>One 4-byte header field (magic, version, count, length) set to a boundary or random value.</summary>
    OverwriteField,
    /// <summary>1 to 1,024 random bytes appended.</summary>
    AppendJunk,
    /// <summary>Zero bytes long.</summary>
    Empty,
}

/// <summary>Seeded corruption of a file's bytes; the original array is never changed.</summary>
internal static class Corruption
{
    public static IReadOnlyList<CorruptionKind> Kinds { get; } = Enum.GetValues<CorruptionKind>();

    /// <summary>A kind drawn uniformly, then applied.</summary>
    public static (CorruptionKind Kind, byte[] Bytes) Any(byte[] original, int headerLength, bool bigEndian, SeededRandom random)
    {
        var kind = Kinds[random.NextInt(Kinds.Count)];
        return (kind, Apply(kind, original, headerLength, bigEndian, random));
    }

    /// <param name="headerLength">Bytes of the format's fixed header, where the header corruptions aim.</param>
    /// <param name="bigEndian">The byte order of the header's integer fields.</param>
    public static byte[] Apply(CorruptionKind kind, byte[] original, int headerLength, bool bigEndian, SeededRandom random)
    {
        if (original.Length == 0) return kind == CorruptionKind.AppendJunk ? Junk(random, 1 + random.NextInt(1024)) : [];
        int header = Math.Clamp(headerLength, 1, original.Length);
        byte[] copy = (byte[])original.Clone();
        switch (kind)
        {
            case CorruptionKind.Truncate:
                return original[..random.NextInt(original.Length)];
            case CorruptionKind.FlipBits:
                for (int i = 1 + random.NextInt(8); i > 0; i--)
                    copy[random.NextInt(copy.Length)] ^= (byte)(1 << random.NextInt(8));
                return copy;
            case CorruptionKind.OverwriteHeader:
                int run = 1 + random.NextInt(header);
                int start = random.NextInt(header - run + 1);
                Junk(random, run).CopyTo(copy, start);
                return copy;
            case CorruptionKind.OverwriteField:
                if (copy.Length < 4) goto case CorruptionKind.FlipBits;
                int field = 4 * random.NextInt(Math.Max(1, Math.Min(header, copy.Length) / 4));
                var span = copy.AsSpan(field, 4);
                int old = bigEndian ? BinaryPrimitives.ReadInt32BigEndian(span) : BinaryPrimitives.ReadInt32LittleEndian(span);
                int value = FieldValue(old, random);
                if (bigEndian) BinaryPrimitives.WriteInt32BigEndian(span, value);
                else BinaryPrimitives.WriteInt32LittleEndian(span, value);
                return copy;
            case CorruptionKind.AppendJunk:
                return [.. original, .. Junk(random, 1 + random.NextInt(1024))];
            default:
                return [];
        }
    }

    private static int FieldValue(int old, SeededRandom random) => random.NextInt(9) switch
    {
        0 => 0,
        1 => -1,
        2 => int.MaxValue,
        3 => int.MinValue,
        4 => old + 1,
        5 => old - 1,
        6 => old * 2,
        7 => 1 << random.NextInt(31),
        _ => (int)random.NextUInt64(),
    };

    private static byte[] Junk(SeededRandom random, int length)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = (byte)random.NextUInt64();
        return bytes;
    }
}
