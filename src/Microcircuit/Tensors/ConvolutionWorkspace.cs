namespace Microcircuit.Tensors;

/// <summary>
/// Scratch owned by one caller of <see cref="Convolution"/>: the unfolded-image buffer, grown on demand and
/// kept, so steady-state calls allocate nothing. Not safe to share between threads running at once.
/// </summary>
public sealed class ConvolutionWorkspace
{
    private float[] columns = [];

    /// <summary>Floats currently held (for tests and diagnostics).</summary>
    public int Capacity => columns.Length;

    /// <summary>A buffer of at least <paramref name="length"/> floats; its contents are undefined.</summary>
    public Span<float> Columns(int length)
    {
        if (length > columns.Length)
        {
            columns = GC.AllocateUninitializedArray<float>(length);
        }
        return columns.AsSpan(0, length);
    }
}
