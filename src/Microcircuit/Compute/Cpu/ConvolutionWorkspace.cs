namespace Microcircuit.Compute.Cpu;

/// <summary>
/// Scratch owned by one caller of <see cref="Convolution"/>: the unfolded-image buffer, grown on demand and
/// kept, so steady-state calls allocate nothing, plus one such workspace per extra thread of a split
/// convolution. Not safe to share between callers running at once.
/// </summary>
public sealed class ConvolutionWorkspace
{
    private float[] columns = [];
    private ConvolutionWorkspace[] parts = [];

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

    /// <summary>Makes sure <see cref="Part"/> has a workspace for each of <paramref name="count"/> threads (call before splitting).</summary>
    internal void Reserve(int count)
    {
        if (count - 1 <= parts.Length)
        {
            return;
        }
        var grown = new ConvolutionWorkspace[count - 1];
        parts.CopyTo(grown, 0);
        for (int i = parts.Length; i < grown.Length; i++)
        {
            grown[i] = new ConvolutionWorkspace();
        }
        parts = grown;
    }

    /// <summary>The workspace of thread <paramref name="part"/> of a split convolution (part 0 is this one).</summary>
    internal ConvolutionWorkspace Part(int part) => part == 0 ? this : parts[part - 1];
}
