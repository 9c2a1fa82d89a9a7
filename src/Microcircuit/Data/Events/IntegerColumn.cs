using System.Numerics;
using PureHDF;

namespace Microcircuit.Data.Events;

/// <summary>Reads an HDF5 dataset of integers of any width (1 to 8 bytes, signed or not) as longs, in storage order.</summary>
internal static class IntegerColumn
{
    /// <summary>The values; null when the dataset holds something else (a description of which is given).</summary>
    public static long[]? Read(IH5Dataset dataset, out string stored)
    {
        IH5DataType type = dataset.Type;
        stored = type.Class.ToString();
        if (type.Class != H5DataTypeClass.FixedPoint) return null;
        stored = $"{type.Class} ({type.Size} bytes)";
        return (type.Size, type.FixedPoint.IsSigned) switch
        {
            (1, false) => Widen(dataset.Read<byte[]>()),
            (1, true) => Widen(dataset.Read<sbyte[]>()),
            (2, false) => Widen(dataset.Read<ushort[]>()),
            (2, true) => Widen(dataset.Read<short[]>()),
            (4, false) => Widen(dataset.Read<uint[]>()),
            (4, true) => Widen(dataset.Read<int[]>()),
            (8, false) => Widen(dataset.Read<ulong[]>()),
            (8, true) => dataset.Read<long[]>(),
            _ => null,
        };
    }

    private static long[] Widen<T>(T[] values) where T : INumberBase<T>
    {
        var wide = new long[values.Length];
        for (int i = 0; i < values.Length; i++) wide[i] = long.CreateSaturating(values[i]);
        return wide;
    }
}
