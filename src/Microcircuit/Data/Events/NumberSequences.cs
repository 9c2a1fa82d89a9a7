using System.Numerics;
using PureHDF;

namespace Microcircuit.Data.Events;

/// <summary>
/// The rows of an HDF5 dataset of variable-length sequences of numbers (integers of 1 to 8 bytes, signed or not, or
/// floats of 2, 4 or 8 bytes), read as they are stored and handed out one row at a time as doubles, so a caller need
/// not know the width the file chose. PureHDF reads such a dataset into a jagged array of the stored type (T[][]) and
/// gives an empty row as null.
/// </summary>
internal abstract class NumberSequences
{
    /// <summary>Number of rows.</summary>
    public abstract int Count { get; }

    /// <summary>The length of row <paramref name="index"/>.</summary>
    public abstract int LengthOf(int index);

    /// <summary>Writes row <paramref name="index"/> into <paramref name="destination"/>, as doubles.</summary>
    public abstract void CopyTo(int index, Span<double> destination);

    /// <summary>The longest row's length.</summary>
    public int LongestRow()
    {
        int longest = 0;
        for (int i = 0; i < Count; i++) longest = Math.Max(longest, LengthOf(i));
        return longest;
    }

    /// <summary>Reads a dataset of number sequences; null when it holds something else (a description of which is given).</summary>
    public static NumberSequences? Read(IH5Dataset dataset, out string stored)
    {
        IH5DataType type = dataset.Type;
        stored = type.Class.ToString();
        if (type.Class != H5DataTypeClass.VariableLength) return null;
        IH5DataType element = type.VariableLength.BaseType;
        stored = $"variable-length sequences of {element.Class} ({element.Size} bytes)";
        return element.Class switch
        {
            H5DataTypeClass.FloatingPoint => element.Size switch
            {
                2 => Of(dataset.Read<Half[][]>()),
                4 => Of(dataset.Read<float[][]>()),
                8 => Of(dataset.Read<double[][]>()),
                _ => null,
            },
            H5DataTypeClass.FixedPoint => (element.Size, element.FixedPoint.IsSigned) switch
            {
                (1, false) => Of(dataset.Read<byte[][]>()),
                (1, true) => Of(dataset.Read<sbyte[][]>()),
                (2, false) => Of(dataset.Read<ushort[][]>()),
                (2, true) => Of(dataset.Read<short[][]>()),
                (4, false) => Of(dataset.Read<uint[][]>()),
                (4, true) => Of(dataset.Read<int[][]>()),
                (8, false) => Of(dataset.Read<ulong[][]>()),
                (8, true) => Of(dataset.Read<long[][]>()),
                _ => null,
            },
            _ => null,
        };
    }

    private static Rows<T> Of<T>(T[]?[] rows) where T : unmanaged, INumberBase<T> => new(rows);

    private sealed class Rows<T>(T[]?[] rows) : NumberSequences where T : unmanaged, INumberBase<T>
    {
        public override int Count => rows.Length;

        public override int LengthOf(int index) => rows[index]?.Length ?? 0;

        public override void CopyTo(int index, Span<double> destination)
        {
            ReadOnlySpan<T> row = rows[index];
            for (int i = 0; i < row.Length; i++) destination[i] = double.CreateSaturating(row[i]);
        }
    }
}
