namespace Microcircuit.Tensors;

/// <summary>
/// Scratch owned by one caller of <see cref="Convolution"/>: the unfolded-image buffer and the batched product
/// buffer, grown on demand and kept, so steady-state calls allocate nothing. Not safe to share between threads
/// running at once.
/// </summary>
public sealed class ConvolutionWorkspace
{
    private float[] columns = [];
    private float[] products = [];

    /// <summary>Floats currently held (for tests and diagnostics).</summary>
    public int Capacity => columns.Length + products.Length;

    /// <summary>A buffer of at least <paramref name="length"/> floats; its contents are undefined.</summary>
    public Span<float> Columns(int length) => Grown(ref columns, length);

    /// <summary>
    /// A second buffer of at least <paramref name="length"/> floats, distinct from <see cref="Columns"/>, for the
    /// [C_out × images·pixels] side of a batched product; its contents are undefined.
    /// </summary>
    public Span<float> Products(int length) => Grown(ref products, length);

    private static Span<float> Grown(ref float[] buffer, int length)
    {
        if (length > buffer.Length)
        {
            buffer = GC.AllocateUninitializedArray<float>(length);
        }
        return buffer.AsSpan(0, length);
    }
}
