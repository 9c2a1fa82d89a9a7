namespace Microcircuit.Data;

/// <summary>Samples given as 32-bit floats, <see cref="Dimension"/> per sample, channel-major within a sample.</summary>
public sealed class FloatSamples
{
    /// <param name="values">Count × <paramref name="dimension"/> values, every one finite.</param>
    public FloatSamples(ReadOnlyMemory<float> values, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (values.Length % dimension != 0)
            throw new ArgumentException($"{values.Length} values are not a whole number of {dimension}-value samples.", nameof(values));
        Values = values;
        Dimension = dimension;
    }

    public ReadOnlyMemory<float> Values { get; }

    public int Dimension { get; }

    public int Count => Values.Length / Dimension;

    public ReadOnlySpan<float> Sample(int index) => Values.Span.Slice(index * Dimension, Dimension);

    public FloatSamples Take(int count) => count >= Count ? this : new(Values[..(count * Dimension)], Dimension);
}
