using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Microcircuit.Data.Files;

/// <summary>
/// One array of NumPy's .npy format (version 1, 2 or 3): the magic <c>\x93NUMPY</c>, a header dictionary naming the
/// element type (<c>descr</c>), the memory order and the shape, then the elements in C order. Little-endian and
/// single-byte element types are read; a Fortran-ordered or big-endian array is refused with the call that fixes it.
/// </summary>
internal sealed partial class NpyArray
{
    private NpyArray(string descr, int[] shape, ReadOnlyMemory<byte> data)
    {
        Descr = descr;
        Shape = shape;
        Data = data;
    }

    /// <summary>The element type as NumPy writes it, e.g. <c>|u1</c>, <c>&lt;f4</c>, <c>&lt;i8</c>.</summary>
    public string Descr { get; }

    public int[] Shape { get; }

    /// <summary>The raw elements in C order.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    public long Length => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Bytes per element.</summary>
    public int ItemSize => int.Parse(Descr.AsSpan(2), CultureInfo.InvariantCulture);

    /// <summary>'u' unsigned, 'i' signed, 'f' floating point, 'b' boolean.</summary>
    public char Kind => Descr[1];

    /// <summary>Parses an .npy file held in <paramref name="bytes"/>; <paramref name="name"/> names it in errors.</summary>
    public static NpyArray Parse(byte[] bytes, string name)
    {
        ReadOnlySpan<byte> magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(magic))
            throw new FormatException($"{name} is not a NumPy .npy array (its magic bytes are wrong)");
        int major = bytes[6];
        int headerLength, headerStart;
        if (major == 1) { headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)); headerStart = 10; }
        else if (major is 2 or 3 && bytes.Length >= 12) { headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8))); headerStart = 12; }
        else throw new FormatException($"{name} is .npy version {major}, which is not known here (1, 2 and 3 are)");
        if (headerStart + (long)headerLength > bytes.Length) throw new FormatException($"{name} ends inside its header");
        string header = System.Text.Encoding.Latin1.GetString(bytes, headerStart, headerLength);

        var descr = DescrPattern().Match(header);
        var order = OrderPattern().Match(header);
        var shape = ShapePattern().Match(header);
        if (!descr.Success || !order.Success || !shape.Success)
            throw new FormatException($"{name} has a header without descr, fortran_order and shape: {header.Trim()}");
        if (order.Groups[1].Value == "True")
            throw new FormatException($"{name} is stored in Fortran order; save it with numpy.ascontiguousarray(...) first");
        string type = descr.Groups[1].Value;
        if (type.Length == 3 && type[0] == '>' && type[2] == '1') type = "|" + type[1..];
        if (type.Length < 3 || type[0] == '>' && type[2] != '1')
            throw new FormatException($"{name} holds '{type}' elements; big-endian arrays are not read here: save it with .astype('<{type[1..]}')");
        if (!KnownType().IsMatch(type))
            throw new FormatException($"{name} holds '{type}' elements; numbers of kind u, i, f or b are read here");
        type = "<" + type[1..];
        int[] dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => int.TryParse(d.TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v
                : throw new FormatException($"{name} has an impossible shape ({shape.Groups[1].Value})")).ToArray();
        var array = new NpyArray(type, dims, ReadOnlyMemory<byte>.Empty);
        long payload = array.Length * array.ItemSize;
        int start = headerStart + headerLength;
        if (bytes.Length - start != payload)
            throw new FormatException($"{name} holds {bytes.Length - start} bytes of elements; its shape ({string.Join('×', dims)}) of '{type}' needs {payload}");
        return new NpyArray(type, dims, bytes.AsMemory(start));
    }

    /// <summary>Element <paramref name="index"/> as a double (exact for every integer up to 2⁵³ and every float).</summary>
    public double this[long index]
    {
        get
        {
            var span = Data.Span.Slice(checked((int)(index * ItemSize)), ItemSize);
            return (Kind, ItemSize) switch
            {
                ('u' or 'b', 1) => span[0],
                ('i', 1) => (sbyte)span[0],
                ('u', 2) => BinaryPrimitives.ReadUInt16LittleEndian(span),
                ('i', 2) => BinaryPrimitives.ReadInt16LittleEndian(span),
                ('u', 4) => BinaryPrimitives.ReadUInt32LittleEndian(span),
                ('i', 4) => BinaryPrimitives.ReadInt32LittleEndian(span),
                ('u', 8) => BinaryPrimitives.ReadUInt64LittleEndian(span),
                ('i', 8) => BinaryPrimitives.ReadInt64LittleEndian(span),
                ('f', 2) => (double)BinaryPrimitives.ReadHalfLittleEndian(span),
                ('f', 4) => BinaryPrimitives.ReadSingleLittleEndian(span),
                ('f', 8) => BinaryPrimitives.ReadDoubleLittleEndian(span),
                _ => throw new FormatException($"'{Descr}' elements are not read here"),
            };
        }
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex OrderPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();

    [GeneratedRegex(@"^[<|=][uib][1248]$|^[<|=]f[248]$")]
    private static partial Regex KnownType();
}
