namespace Microcircuit.Interop.Nir;

/// <summary>
/// One dataset of a NIR node: numbers with their shape (row-major), or a text. NIR stores parameters as float32 or
/// float64 arrays, shapes and strides as integer arrays, and types and names as UTF-8 strings.
/// </summary>
public sealed record NirValue(double[] Numbers, long[] Shape, string? Text = null, bool Integer = false, bool Double = false)
{
    /// <summary>float64 values (time constants in seconds, whose ratio to dt must come back exact).</summary>
    public static NirValue Doubles(double[] values, params long[] shape) => new(values, shape.Length == 0 ? [values.Length] : shape, Double: true);

    public static NirValue Of(string text) => new([], [], text);

    public static NirValue Of(float[] values, params long[] shape) =>
        new(values.Select(v => (double)v).ToArray(), shape.Length == 0 ? [values.Length] : shape);

    public static NirValue Of(double value) => new([value], []);

    /// <summary>A scalar integer (NIR's Flatten dims and Conv2d groups are scalars).</summary>
    public static NirValue Int(long value) => new([value], [], Integer: true);

    public static NirValue Ints(params long[] values) => new(values.Select(v => (double)v).ToArray(), [values.Length], Integer: true);

    /// <summary>Every number as float32 (what this engine computes with).</summary>
    public float[] Floats => Numbers.Select(v => (float)v).ToArray();

    public bool IsText => Text is not null;

    /// <summary>The number of values the shape holds (1 for a scalar).</summary>
    public long Count => Shape.Aggregate(1L, (a, b) => a * b);
}
